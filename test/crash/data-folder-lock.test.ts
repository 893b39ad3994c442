import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openStore } from '../../src/common/database/database.js';

/**
 * The embedded database's folder has one process at a time: a live `entente serve` keeps it
 * from any other, and one killed without a word (SIGKILL, power cut) lets the next start at once.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'entente-lock-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the embedded database’s folder', () => {
  it('is refused while its server lives, and opens at once after that server was killed', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/entente.js', 'serve', '--no-demo'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok).catch(() => false), { timeout: 60_000, interval: 200 }).toBe(true);

    await expect(openStore({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);

    child.kill('SIGKILL');
    await exited;
    const started = Date.now();
    const store = await openStore({ dataDir });
    try {
      expect(Date.now() - started).toBeLessThan(5_000);
      // …and, open here, it is refused to the next one.
      await expect(openStore({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await store.close();
    }
  });
});
