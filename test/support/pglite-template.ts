import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/common/database/database.js';
import { migrateToLatest } from '../../src/common/database/migrate.js';

/** Migrates once per run and hands every test file a copy, instead of migrating per file. */
export default async function setup(project: TestProject): Promise<void> {
  const store = await openStore({});
  await migrateToLatest(store.db);
  const dump = await store.pglite!.dumpDataDir('gzip');
  await store.close();
  const dir = join(process.cwd(), '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-template-${process.pid}.tar.gz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}
