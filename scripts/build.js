#!/usr/bin/env node
/**
 * The build that `npm start`, `npm test` and the benchmarks run: the server's TypeScript emitted to
 * dist/server without type-checking (`tsc --noCheck`: with isolatedModules each file compiles on its
 * own, and checking is `npm run typecheck`, which `npm test` and CI run), and the web bundle by Vite
 * to dist/web.
 *
 * Each half is rebuilt only when its inputs changed: the build writes a fingerprint of what it read
 * (every file's path and content) to dist/.build/<half>.fingerprint, and a later build whose inputs
 * give the same fingerprint skips that half. A start with nothing changed therefore builds nothing.
 * `--force` rebuilds both halves whatever their fingerprints.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const FINGERPRINTS = join(ROOT, 'dist', '.build');
const require = createRequire(import.meta.url);

/** Files and folders (read whole) each half is built from; the build scripts themselves included. */
const SHARED_INPUTS = ['package-lock.json', 'tsconfig.base.json', 'scripts'];

const HALVES = [
  {
    name: 'server',
    output: join(ROOT, 'dist', 'server'),
    inputs: [...SHARED_INPUTS, 'tsconfig.server.json', 'src'],
    // The web pages are the other half's; the server never imports them.
    ignores: (path) => path.startsWith(`src${sep}web${sep}`),
    build: buildServer,
  },
  {
    name: 'web',
    output: join(ROOT, 'dist', 'web'),
    // The pages import the capabilities' contracts and rules, so all of src/ is the web's input.
    inputs: [...SHARED_INPUTS, 'tsconfig.web.json', 'vite.config.ts', 'src'],
    ignores: () => false,
    build: buildWeb,
  },
];

/** The input itself if it is a file, else every file under it; nothing if it does not exist. */
function filesOf(input) {
  const absolute = join(ROOT, input);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [input];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function fingerprintOf(half) {
  const files = half.inputs
    .flatMap(filesOf)
    .filter((path) => !half.ignores(path))
    .sort();
  const hash = createHash('sha256');
  for (const path of files) {
    // Paths are hashed with forward slashes so a fingerprint means the same on every system.
    hash.update(path.split(sep).join('/')).update('\0');
    hash.update(readFileSync(join(ROOT, path))).update('\0');
  }
  return hash.digest('hex');
}

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

const force = process.argv.includes('--force');
mkdirSync(FINGERPRINTS, { recursive: true });
for (const half of HALVES) {
  const stamp = join(FINGERPRINTS, `${half.name}.fingerprint`);
  const fingerprint = fingerprintOf(half);
  const built = existsSync(half.output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
  if (built && !force) {
    console.log(`build: ${half.name} up to date (dist/${half.name})`);
    continue;
  }
  const started = performance.now();
  // Without its fingerprint a half left half-built by a failure is rebuilt next time.
  rmSync(stamp, { force: true });
  await half.build(half.output);
  writeFileSync(stamp, fingerprint);
  console.log(`build: ${half.name} built in ${((performance.now() - started) / 1000).toFixed(1)} s (dist/${half.name})`);
}
