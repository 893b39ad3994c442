import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_INPUTS, fingerprintOf } from '../../scripts/build-inputs.js';

/**
 * `npm start` rebuilds a half of the build only when its fingerprint changed (scripts/build.js):
 * a change it misses serves stale code, a change it sees where there is none rebuilds for nothing.
 */
describe('the fingerprints of the build', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const fingerprints = () => ({ server: fingerprintOf(root, BUILD_INPUTS.server), web: fingerprintOf(root, BUILD_INPUTS.web) });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'entente-build-inputs-'));
    write('package.json', '{}');
    write('package-lock.json', '{}');
    write('tsconfig.base.json', '{}');
    write('tsconfig.server.json', '{}');
    write('tsconfig.web.json', '{}');
    write('vite.config.ts', 'export default {};');
    write('scripts/build.js', '// build');
    write('src/people/rules.ts', 'export const rule = 1;');
    write('src/web/index.html', '<!doctype html>');
    write('src/web/pages/people.tsx', 'export const page = 1;');
    write('README.md', '# not an input');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stay the same while nothing the build reads changes', () => {
    const before = fingerprints();
    write('README.md', '# still not an input');
    write('data/pglite.db', 'rows');
    expect(fingerprints()).toEqual(before);
  });

  it('change for the web alone when a page, the Vite config or the web tsconfig changes', () => {
    for (const [path, text] of [
      ['src/web/pages/people.tsx', 'export const page = 2;'],
      ['src/web/index.html', '<!doctype html><title>Entente</title>'],
      ['vite.config.ts', 'export default { build: {} };'],
      ['tsconfig.web.json', '{ "compilerOptions": {} }'],
    ]) {
      const before = fingerprints();
      write(path!, text!);
      const after = fingerprints();
      expect(after.server, path).toBe(before.server);
      expect(after.web, path).not.toBe(before.web);
    }
  });

  it('change for both halves when code they share, the dependencies or the build itself changes', () => {
    for (const [path, text] of [
      ['src/people/rules.ts', 'export const rule = 2;'],
      ['src/people/contract.ts', 'export const added = true;'],
      ['package-lock.json', '{ "lockfileVersion": 3 }'],
      ['package.json', '{ "type": "module" }'],
      ['tsconfig.base.json', '{ "compilerOptions": { "strict": true } }'],
      ['scripts/build.js', '// build, changed'],
    ]) {
      const before = fingerprints();
      write(path!, text!);
      const after = fingerprints();
      expect(after.server, path).not.toBe(before.server);
      expect(after.web, path).not.toBe(before.web);
    }
  });

  it('change when a file moves, its content unchanged', () => {
    const before = fingerprints();
    mkdirSync(join(root, 'src/persons'));
    renameSync(join(root, 'src/people/rules.ts'), join(root, 'src/persons/rules.ts'));
    expect(fingerprints().server).not.toBe(before.server);
  });
});
