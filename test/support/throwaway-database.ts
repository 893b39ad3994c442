import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function onServer(adminUrl: string, statement: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(statement, values);
  } finally {
    await client.end();
  }
}

/**
 * A pool's end() resolves before its clients' sockets have closed; a forced drop at that moment
 * cuts them mid-goodbye, and the FATAL 57P01 they then receive is an uncaught error in the test
 * worker. So the drop waits a while for the database's last connections to leave on their own.
 */
async function dropWhenLeft(adminUrl: string, name: string): Promise<void> {
  for (let waited = 0; waited < 40; waited += 1) {
    const { rows } = await onServer(adminUrl, 'select count(*)::int as connections from pg_stat_activity where datname = $1', [name]);
    if (rows[0].connections === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await onServer(adminUrl, `drop database if exists ${name} with (force)`);
}

/** A new, empty database on the server `adminUrl` reaches, and how to drop it. */
export async function createThrowawayDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(adminUrl, `create database ${name}`);
  return { url: databaseUrl(adminUrl, name), drop: () => dropWhenLeft(adminUrl, name) };
}

/**
 * A copy of the database `sourceUrl` names, made from `adminUrl` on the same server, and how to drop
 * it. PostgreSQL copies a database only while no one is connected to it, so the source must be one
 * that serves as a template alone.
 */
export async function copyDatabase(adminUrl: string, sourceUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = new URL(sourceUrl).pathname.slice(1);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(adminUrl, `create database ${name} template ${source}`);
  return { url: databaseUrl(sourceUrl, name), drop: () => dropWhenLeft(adminUrl, name) };
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
