import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * One suite, several databases: the API tests run on PGlite always, and again on PostgreSQL when
 * TEST_DATABASE_URL is set. Browser tests need Debian's Chromium. What cannot run here is said
 * in one line; under CI nothing may be skipped.
 */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const postgresUrl = process.env['TEST_DATABASE_URL'];
const hasChromium = existsSync(CHROMIUM);
const ci = process.env['CI'] === 'true';

const missing: string[] = [];
if (!postgresUrl) missing.push('SKIPPED: API suite on PostgreSQL. Set TEST_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres to run it.');
if (!hasChromium) missing.push(`SKIPPED: browser tests. Install Chromium (apt-get install chromium) or set CHROMIUM_PATH; looked for ${CHROMIUM}.`);
if (missing.length > 0) {
  if (ci) throw new Error(`CI=true and part of the suite cannot run:\n${missing.join('\n')}`);
  for (const line of missing) console.log(line);
}

const api = (database: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  test: {
    name: `api-${database}`,
    include: ['test/api/**/*.test.ts'],
    env: { ENTENTE_TEST_DB: database },
    // API files mock nothing and each closes the app and the database it opened, so a worker keeps one
    // module graph for all of them: on PGlite the project took 499 s instead of 666 s (2026-12-07).
    isolate: false,
    globalSetup: [database === 'pglite' ? 'test/support/pglite-template.ts' : 'test/support/postgres-database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    // Vitest's default, one worker fewer than the cores, leaves a single worker on a 2-core machine,
    // which then waits on PostgreSQL and Chromium, both in processes of their own: a second worker
    // takes the suite from 20 to 14 minutes there.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    projects: [
      // Unit tests neither mock modules nor keep state between files, so one module graph per
      // worker serves them all: the project takes 7.5 s instead of 15 s.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      api('pglite'),
      ...(postgresUrl ? [api('postgres')] : []),
      // Runs the built server (npm test builds first) and kills it; each database in turn.
      { test: { name: 'crash', include: ['test/crash/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 120_000 } },
      // Each browser file starts its own server on a free port, on a database of its own, and
      // launches its own Chromium with a throwaway profile; screenshots are named per file. Nothing
      // is shared, so the files of a worker share one module graph, and three run at once, after
      // the other projects: part of a browser file's time is waiting. The database is a copy of
      // the run's PostgreSQL database when there is one (the API suite covers both databases), else
      // a copy of the PGlite template. On 2026-12-07 the project took 289 s so, against 425 s on
      // PGlite, isolated, two at a time.
      ...(hasChromium
        ? [
            {
              test: {
                name: 'e2e',
                include: ['test/e2e/**/*.test.ts'],
                env: { CHROMIUM_PATH: CHROMIUM, ENTENTE_TEST_DB: postgresUrl ? 'postgres-copy' : 'pglite' },
                isolate: false,
                sequence: { groupOrder: 1 },
                maxWorkers: 3,
                globalSetup: [postgresUrl ? 'test/support/postgres-database.ts' : 'test/support/pglite-template.ts'],
                testTimeout: 90_000,
                hookTimeout: 90_000,
                // A page polled after an act or a load waits as long as a locator does: expect.poll's
                // second by default was too short for three browsers at once on a busy machine.
                expect: { poll: { timeout: 30_000 } },
              },
            },
          ]
        : []),
    ],
  },
});
