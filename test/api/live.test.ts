import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_LEVELS, emptyRules } from '../../src/charters/rules/types.js';
import { builder, expectCreated, TODAY } from '../support/structure.js';
import { Client, newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Live round tables: a page subscribed to a proposal's events hears of a stance within a second.
 * On PostgreSQL the page is served by a second server on the same database, as behind a load
 * balancer; the embedded database has one process, so there both are the same server.
 */
let first: TestApp;
let second: TestApp;
let secondOrigin: string;
beforeAll(async () => {
  first = await startTestApp();
  second = first.store.kind === 'postgres' ? await startTestApp() : first;
  secondOrigin = await second.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  if (second !== first) await second.close();
  await first.close();
});

/** An event stream read as text: `until` waits for a pattern, giving up after the timeout. */
function readStream(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
        if (chunk === null || chunk.done) return pattern.exec(text) ?? undefined;
        text += decoder.decode(chunk.value, { stream: true });
      }
    },
    /** Whether the server ended the stream within the timeout. */
    async ended(timeoutMs: number): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
        if (chunk === null) return false;
        if (chunk.done) return true;
        text += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

describe('live events of a proposal', () => {
  it('reach a page open on the other server within a second of a stance', async () => {
    const f = await newPartnership(first);
    const build = builder(f);
    const house = await build.organization();
    const bodyId = await build.body({ name: 'Cercle', kind: 'circle' });
    const member = await newMember(first, f, { memberships: [{ organizationId: house, kind: 'volunteer' }] });
    await build.seat(bodyId, { personId: member.personId, organizationId: house });
    const rules = {
      ...emptyRules(),
      bodyIds: [bodyId],
      decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId, method: 'consent' as const, quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' as const }, informBodyIds: [] })),
    };
    const charter = await f.admin.post(`${f.base}/charters/import`, {
      format: 'entente-charter',
      formatVersion: 1,
      kind: 'partnership',
      content: { title: 'Charte du cercle', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules },
    });
    const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
    await f.admin.post(`${versionUrl}/adoption`, { bodyId, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
    const proposalId = expectCreated(await f.admin.post(`${f.base}/proposals`, { level: 'operational', wording: 'Se réunir le jeudi', participationLevel: 'participation' }), 'proposal');
    const url = `${f.base}/proposals/${proposalId}`;
    for (let step = 0; step < 3; step += 1) await f.admin.post(`${url}/phase`);

    const stream = await fetch(`${secondOrigin}${url}/events`, { headers: { cookie: member.client.cookie! } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = readStream(stream);
    try {
      expect(await events.until(/: connected\n\n/, 1_000)).toBeDefined();
      const posted = Date.now();
      expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
      // A notice of an earlier act (the phases above) may still be on its way: wait for this one.
      const heard = await events.until(/event: changed\ndata: (\{"kind":"stance\.taken"\})\n\n/, 1_000);
      expect(heard?.[1]).toBe(JSON.stringify({ kind: 'stance.taken' }));
      expect(Date.now() - posted).toBeLessThan(1_000);
    } finally {
      await events.close();
    }
  });

  it('are not served to someone outside the partnership', async () => {
    const f = await newPartnership(first);
    const other = await newPartnership(first);
    const stream = await fetch(`${secondOrigin}${other.base}/proposals/${randomUUID()}/events`, { headers: { cookie: f.admin.cookie! } });
    expect(stream.status).toBe(404);
    await stream.body?.cancel();
  });
});

describe('live events of elections and meetings', () => {
  it('reach the other server when a member nominates, and when attendance is noted', async () => {
    const f = await newPartnership(first);
    const build = builder(f);
    const house = await build.organization();
    const bodyId = await build.body({ name: 'Cercle', kind: 'circle' });
    const roleId = await build.role({ name: 'Facilitation', bodyId, termMonths: 12 });
    const member = await newMember(first, f, { memberships: [{ organizationId: house, kind: 'volunteer' }] });
    await build.seat(bodyId, { personId: member.personId, organizationId: house });
    const electionId = expectCreated(await member.client.post(`${f.base}/elections`, { bodyId, roleId }), 'election');
    const meetingId = expectCreated(await member.client.post(`${f.base}/meetings`, { bodyId, title: 'Réunion', startsAt: '2026-04-01T18:00:00+02:00' }), 'meeting');
    const acts: [string, () => Promise<{ status: number }>, string][] = [
      [`${f.base}/elections/${electionId}`, () => member.client.put(`${f.base}/elections/${electionId}/nomination`, { nomineeId: member.personId, reason: 'Je veux bien' }), 'election.nominated'],
      [`${f.base}/meetings/${meetingId}`, () => member.client.put(`${f.base}/meetings/${meetingId}/attendance`, { personId: member.personId, status: 'present' }), 'meeting.attendance'],
    ];
    for (const [url, act, kind] of acts) {
      const events = readStream(await fetch(`${secondOrigin}${url}/events`, { headers: { cookie: member.client.cookie! } }));
      try {
        expect(await events.until(/: connected\n\n/, 1_000)).toBeDefined();
        expect((await act()).status).toBeLessThan(300);
        const notice = new RegExp(`event: changed\\ndata: (\\{"kind":"${kind.replace('.', '\\.')}"\\})\\n\\n`);
        expect((await events.until(notice, 1_000))?.[1]).toBe(JSON.stringify({ kind }));
      } finally {
        await events.close();
      }
    }
  });
});

describe('rights and sessions, on whichever server they are read', () => {
  it('a change of a role’s holders reaches the other server’s cached rights at once', async () => {
    const f = await newPartnership(first);
    const build = builder(f);
    const committee = await build.body({ name: 'Comité', kind: 'steering' });
    const circle = await build.body({ name: 'Cercle', kind: 'circle', parentBodyId: committee });
    const secondLink = await build.role({ name: 'Second lien', bodyId: circle, sitsInParent: true });
    const member = await newMember(first, f);
    // The member's rights are read, and kept, by the second server.
    const onSecond = new Client(second.app);
    expect((await onSecond.signIn(member.email)).status).toBe(200);
    const callMeeting = async () => (await onSecond.post(`${f.base}/meetings`, { bodyId: committee, title: 'Comité de rentrée', startsAt: '2026-04-01T18:00:00+02:00' })).status;
    expect(await callMeeting()).toBe(403);
    // Holding the second link seats them in the committee, whose members call its meetings.
    const assignmentId = await build.assign(secondLink, member.personId);
    await expect.poll(callMeeting, { timeout: 1_000, interval: 50 }).toBe(201);
    expect((await f.admin.post(`${f.base}/roles/${secondLink}/assignments/${assignmentId}/end`, {})).status).toBe(200);
    await expect.poll(callMeeting, { timeout: 1_000, interval: 50 }).toBe(403);
  });

  async function openStream() {
    const f = await newPartnership(first);
    const build = builder(f);
    const bodyId = await build.body({ name: 'Cercle', kind: 'circle' });
    const member = await newMember(first, f);
    await build.seat(bodyId, { personId: member.personId, organizationId: null, capacity: 'member' });
    const meetingId = expectCreated(await member.client.post(`${f.base}/meetings`, { bodyId, title: 'Réunion', startsAt: '2026-04-01T18:00:00+02:00' }), 'meeting');
    const events = readStream(await fetch(`${secondOrigin}${f.base}/meetings/${meetingId}/events`, { headers: { cookie: member.client.cookie! } }));
    expect(await events.until(/: connected\n\n/, 1_000)).toBeDefined();
    return { f, member, events };
  }

  it('a stream ends when its session ends, signed out from the other server', async () => {
    const { member, events } = await openStream();
    try {
      expect(await events.ended(300)).toBe(false);
      expect((await member.client.post('/api/v1/auth/sign-out-everywhere')).status).toBe(204);
      expect(await events.ended(1_000)).toBe(true);
    } finally {
      await events.close();
    }
  });

  it('a stream ends when its person may no longer read the partnership', async () => {
    const { f, member, events } = await openStream();
    try {
      expect((await f.admin.post(`${f.base}/people/${member.personId}/erase`)).status).toBe(200);
      expect(await events.ended(1_000)).toBe(true);
    } finally {
      await events.close();
    }
  });
});
