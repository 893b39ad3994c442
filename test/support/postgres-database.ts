import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/common/database/database.js';
import { migrateToLatest } from '../../src/common/database/migrate.js';
import { createThrowawayDatabase } from './throwaway-database.js';

/**
 * A fresh database per run on the server TEST_DATABASE_URL names, migrated once, dropped at the end;
 * TEST_DATABASE_URL itself is where other databases are made, since a database copied must have no
 * one connected to it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const database = await createThrowawayDatabase(adminUrl, 'entente_test');
  const store = await openStore({ databaseUrl: database.url });
  await migrateToLatest(store.db);
  await store.close();
  project.provide('postgresUrl', database.url);
  project.provide('postgresServerUrl', adminUrl);
  return database.drop;
}
