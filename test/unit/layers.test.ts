import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function filesUnder(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|js)$/.test(name))
    .map((name) => join(folder, name));
}

const read = (file: string) => readFileSync(join(SRC, file), 'utf8');
const routeFiles = () => filesUnder('.').filter((file) => /(^|\/)routes\.ts$|-routes\.ts$/.test(file));

describe('the layers', () => {
  it('leave what follows a commit to the act recorder: no route seals, sends mail, publishes or drops cached rights', () => {
    // A sign-in link's request is the one route that hands the mailer its work (mailer.inBackground):
    // it answers before the work starts, so that its time tells nobody whether the address has an account.
    const followUp = /mailer\.flush|live\.(publish|revoke)|viewers\.(forgetSession|revoke|set)|sealAfterCommit|afterCommit\(/;
    const offenders = routeFiles().filter((file) => followUp.test(read(file)));
    expect(routeFiles().length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});
