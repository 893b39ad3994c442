import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
for (const dataDir of [undefined, mkdtempSync(join(tmpdir(), 'c-'))]) {
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), relaxedDurability: process.env.RELAXED === "1" });
  await pg.exec('create table t (id uuid primary key, a text, b text)');
  const time = async (label, n, fn) => { const t0 = performance.now(); for (let i = 0; i < n; i++) await fn(i); console.log(dataDir ? 'disk' : 'mem', label, ((performance.now() - t0) / n).toFixed(3)); };
  await time('autocommit insert', 2000, () => pg.query('insert into t values ($1, $2, $3)', [randomUUID(), 'x', 'y']));
  await pg.exec('begin');
  await time('insert in one txn', 2000, () => pg.query('insert into t values ($1, $2, $3)', [randomUUID(), 'x', 'y']));
  await pg.exec('commit');
  await pg.exec('begin');
  await time('savepoint+insert+release in one txn', 2000, async () => { await pg.exec('savepoint a'); await pg.query('insert into t values ($1, $2, $3)', [randomUUID(), 'x', 'y']); await pg.exec('release a'); });
  await pg.exec('commit');
  await time('select 1', 2000, () => pg.query('select 1'));
  await pg.close();
}
