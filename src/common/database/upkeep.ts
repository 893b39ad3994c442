import { sql } from 'kysely';
import type { Store } from './database.js';

/**
 * PostgreSQL's autovacuum gives back the room of deleted and updated rows and keeps the planner's
 * statistics; the embedded database runs no such process, so a server on it would bloat and plan
 * from statistics it never gathered, growing slower with its years. The clock runs this every
 * hour, not at start: on the embedded database it holds the only thread while it works (skipping
 * the pages nothing changed since the last pass).
 */
export async function tidyEmbeddedDatabase(store: Pick<Store, 'db' | 'kind'>): Promise<void> {
  if (store.kind !== 'pglite') return;
  await sql`vacuum (analyze)`.execute(store.db);
}
