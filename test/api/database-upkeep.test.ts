import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tidyEmbeddedDatabase } from '../../src/common/database/upkeep.js';
import { newPartnership, startTestApp, type TestApp } from '../support/test-app.js';
import { builder } from '../support/structure.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** What the planner knows of a table, which only a vacuum or an analyze writes. */
async function plannerKnowledge(table: string) {
  const { rows } = await sql<{ tuples: number; visible: number }>`
    select reltuples::float8 as tuples, relallvisible::integer as visible from pg_class where oid = ${table}::regclass`.execute(t.store.db);
  return rows[0]!;
}

describe('the upkeep of the embedded database', () => {
  // On PostgreSQL, autovacuum does this work; the embedded database's upkeep is what this shows.
  it.runIf(process.env['ENTENTE_TEST_DB'] !== 'postgres')('vacuums and analyzes it, which nothing else does there', async () => {
    const f = await newPartnership(t);
    await builder(f).organization();
    // A copy of the migrated template, never analyzed: the planner has no row count at all.
    expect((await plannerKnowledge('organization')).tuples).toBe(-1);
    await tidyEmbeddedDatabase(t.store);
    const known = await plannerKnowledge('organization');
    expect(known.tuples).toBeGreaterThanOrEqual(1);
    expect(known.visible).toBeGreaterThanOrEqual(1);
  });

  it('leaves PostgreSQL to its autovacuum: not one statement', async () => {
    const statements: string[] = [];
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    await tidyEmbeddedDatabase({ db: t.store.db.withPlugin(counting), kind: 'postgres' });
    expect(statements).toEqual([]);
  });
});
