// A store on a database of its own for one measurement: PGlite in memory, or a new PostgreSQL
// database on BENCH_DATABASE_URL's server, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../dist/server/common/database/database.js';

export const POSTGRES = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function onFreshDatabase(kind, work) {
  if (kind === 'pglite') {
    const store = await openStore({});
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }
  const name = `entente_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  try {
    return await work(store);
  } finally {
    await store.close();
    await admin.query(`drop database ${name}`);
    await admin.end();
  }
}
