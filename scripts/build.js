#!/usr/bin/env node
/**
 * The build that `npm start`, `npm test` and the benchmarks run: the server's TypeScript emitted to
 * dist/server without type-checking (`tsc --noCheck`: with isolatedModules each file compiles on its
 * own, and checking is `npm run typecheck`, which `npm test` and CI run), and the web bundle by Vite
 * to dist/web.
 *
 * Each half is rebuilt only when its inputs changed (scripts/build-inputs.js): the build writes the
 * fingerprint of what it read to dist/.build/<half>.fingerprint, and a later build whose inputs give
 * the same fingerprint skips that half. A start with nothing changed therefore builds nothing.
 * `--force` rebuilds both halves whatever their fingerprints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INPUTS, fingerprintOf } from './build-inputs.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const FINGERPRINTS = join(ROOT, 'dist', '.build');
const require = createRequire(import.meta.url);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

async function buildServer(output) {
  // A source deleted since the last build must not leave its module behind.
  rmSync(output, { recursive: true, force: true });
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.server.json', '--noCheck']);
}

async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

const HALVES = [
  { name: 'server', ...BUILD_INPUTS.server, entry: join('cli', 'main.js'), build: buildServer },
  { name: 'web', ...BUILD_INPUTS.web, entry: 'index.html', build: buildWeb },
];

const force = process.argv.includes('--force');
mkdirSync(FINGERPRINTS, { recursive: true });
for (const half of HALVES) {
  const output = join(ROOT, 'dist', half.name);
  const stamp = join(FINGERPRINTS, `${half.name}.fingerprint`);
  const fingerprint = fingerprintOf(ROOT, half);
  // The entry file, not just the folder: a deleted index.html would leave a server without its pages.
  const built = existsSync(join(output, half.entry)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
  if (built && !force) {
    console.log(`build: ${half.name} up to date (dist/${half.name})`);
    continue;
  }
  const started = performance.now();
  // Without its fingerprint a half left half-built by a failure is rebuilt next time.
  rmSync(stamp, { force: true });
  await half.build(output);
  writeFileSync(stamp, fingerprint);
  console.log(`build: ${half.name} built in ${((performance.now() - started) / 1000).toFixed(1)} s (dist/${half.name})`);
}
