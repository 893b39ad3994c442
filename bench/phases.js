// Where a request's time goes under load, phase by phase, and how late the event loop runs
// meanwhile: the breakdown issue 22 asks for before removing a tail.
import { readFileSync } from 'node:fs';
import { createHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';

/**
 * The phases of an API request, each ending at a Fastify hook: arrival (the HTTP server's first
 * listener) to preValidation is the session and viewer with the other onRequest hooks (security
 * headers, CSRF); to preHandler, the partnership scope and zod's validation; to preSerialization,
 * the handler, split by the act's timing channel (src/common/act.ts) into the act's own work (its
 * database call) and the app's follow-up (mail, live events and their notice); to onSend, the
 * answer's serialization; to onResponse, its writing. Apart, off the answer's path: how long the
 * act's entries stayed pending until sealed.
 */
const PHASES = ['session and viewer', 'scope and validation', 'act', 'follow-up', 'serialization', 'sending', 'total'];

const MICROSECONDS = 1000;
const LOOP_SAMPLING_MS = 1;

export class PhaseRecorder {
  #histograms = new Map();
  #loop = monitorEventLoopDelay({ resolution: LOOP_SAMPLING_MS });
  #recording = false;
  #followUps = new WeakMap();
  #pending = createHistogram();

  attach(app) {
    app.server.prependListener('request', (raw) => {
      raw.benchArrivedAt = performance.now();
    });
    const mark = (request, name) => {
      (request.benchMarks ??= {})[name] = performance.now();
    };
    app.addHook('preValidation', (request, _reply, done) => {
      mark(request, 'preValidation');
      done();
    });
    app.addHook('preHandler', (request, _reply, done) => {
      mark(request, 'preHandler');
      if (request.act) this.#followUps.set(request.act, request.benchMarks);
      done();
    });
    app.addHook('preSerialization', (request, _reply, payload, done) => {
      mark(request, 'preSerialization');
      done(null, payload);
    });
    app.addHook('onSend', (request, _reply, payload, done) => {
      mark(request, 'onSend');
      done(null, payload);
    });
    app.addHook('onResponse', (request, _reply, done) => {
      if (this.#recording) this.#record(request, performance.now());
      done();
    });
  }

  /** Called on the act timing channel: the follow-up of the act a request runs, or its entries sealed. */
  noteFollowUp({ act, step, ms }) {
    if (step === 'sealed') {
      if (this.#recording) this.#pending.record(Math.max(1, Math.round(ms * MICROSECONDS)));
      return;
    }
    const marks = this.#followUps.get(act);
    if (marks) marks.followUpMs = ms;
  }

  /** The store, on PostgreSQL, whose server processes' CPU time is read too (same machine only). */
  #postgres;
  #cpuAtStart;

  watchPostgres(store) {
    this.#postgres = store.kind === 'postgres' ? store : undefined;
  }

  async start() {
    this.#cpuAtStart = { server: process.cpuUsage(), postgres: await this.#postgresCpuMs(), requests: 0 };
    this.#histograms.clear();
    this.#pending.reset();
    this.#loop.reset();
    this.#loop.enable();
    this.#recording = true;
  }

  /** The p50 and p99, in milliseconds, of each phase of each route measured since start(). */
  async stop() {
    this.#recording = false;
    const server = process.cpuUsage(this.#cpuAtStart.server);
    const postgresAtStop = await this.#postgresCpuMs();
    const requests = this.#cpuAtStart.requests;
    const cpuMsPerRequest = {
      server: requests ? (server.user + server.system) / 1000 / requests : undefined,
      postgres: requests && postgresAtStop !== undefined && this.#cpuAtStart.postgres !== undefined ? cpuMsSince(this.#cpuAtStart.postgres, postgresAtStop) / requests : undefined,
    };
    this.#loop.disable();
    const routes = {};
    for (const [route, histograms] of this.#histograms) {
      routes[route] = Object.fromEntries(
        [...histograms].filter(([, histogram]) => histogram.count > 0).map(([phase, histogram]) => [phase, { p50: histogram.percentile(50) / MICROSECONDS, p99: histogram.percentile(99) / MICROSECONDS, p999: histogram.percentile(99.9) / MICROSECONDS, max: histogram.max / MICROSECONDS }]),
      );
    }
    const pending = this.#pending.count > 0 ? { p50: this.#pending.percentile(50) / MICROSECONDS, p99: this.#pending.percentile(99) / MICROSECONDS, max: this.#pending.max / MICROSECONDS } : undefined;
    // The monitor's figures include its sampling interval: what is left is the loop's lateness.
    const late = (ns) => Math.max(0, ns / 1e6 - LOOP_SAMPLING_MS);
    return { routes, cpuMsPerRequest, pendingUntilSealed: pending, eventLoopDelay: { p50: late(this.#loop.percentile(50)), p99: late(this.#loop.percentile(99)), max: late(this.#loop.max) } };
  }

  /**
   * The CPU time of each PostgreSQL process serving the bench's database, from /proc, by process.
   * A connection that closes between start and stop takes its time with it: the pool closes only
   * those idle for 10 s, which worked little in the window.
   */
  async #postgresCpuMs() {
    if (!this.#postgres) return undefined;
    const { rows } = await sql`select pid from pg_stat_activity where datname = current_database()`.execute(this.#postgres.db);
    const ticksPerSecond = 100;
    const byProcess = new Map();
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        byProcess.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
      } catch {
        // The process ended between the list and its reading: it is not counted.
      }
    }
    return byProcess;
  }

  #record(request, respondedAt) {
    this.#cpuAtStart.requests += 1;
    const arrived = request.raw.benchArrivedAt;
    const m = request.benchMarks ?? {};
    const route = `${request.method} ${request.routeOptions.url}`;
    const handled = m.preSerialization ?? m.onSend ?? respondedAt;
    const followUp = m.followUpMs ?? 0;
    const durations = {
      'session and viewer': (m.preValidation ?? m.preHandler ?? handled) - arrived,
      'scope and validation': m.preHandler !== undefined && m.preValidation !== undefined ? m.preHandler - m.preValidation : undefined,
      act: m.preHandler !== undefined ? handled - m.preHandler - followUp : undefined,
      'follow-up': m.followUpMs,
      serialization: m.onSend !== undefined && m.preSerialization !== undefined ? m.onSend - m.preSerialization : undefined,
      sending: m.onSend !== undefined ? respondedAt - m.onSend : undefined,
      total: respondedAt - arrived,
    };
    let histograms = this.#histograms.get(route);
    if (!histograms) {
      histograms = new Map(PHASES.map((phase) => [phase, createHistogram()]));
      this.#histograms.set(route, histograms);
    }
    for (const phase of PHASES) {
      const ms = durations[phase];
      if (ms !== undefined) histograms.get(phase).record(Math.max(1, Math.round(ms * MICROSECONDS)));
    }
  }
}

/** CPU time spent since `before` by the processes alive at `after` (those started since counted whole). */
function cpuMsSince(before, after) {
  let ms = 0;
  for (const [pid, atStop] of after) ms += atStop - (before.get(pid) ?? 0);
  return ms;
}
