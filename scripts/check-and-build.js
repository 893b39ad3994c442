#!/usr/bin/env node
/**
 * What `npm test` runs before Vitest: the server's type-check (`tsc -p tsconfig.json`, about 50 s
 * on the CI machine) alongside the web's type-check then the build (about 30 s and 10 s). Each
 * runs on one core, so on two cores they end together where one after the other took 90 s. Each
 * lane's output is printed whole when it ends, so that errors do not interleave; the exit code is
 * non-zero when any step failed.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TSC = 'node_modules/typescript/bin/tsc';

function step(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => resolve({ ok: code === 0, output: Buffer.concat(output).toString(), name: args.join(' '), code: code ?? signal }));
  });
}

async function lane(steps) {
  for (const args of steps) {
    const result = await step(args);
    process.stdout.write(result.output);
    if (!result.ok) {
      console.error(`${result.name} failed (exit ${result.code})`);
      return false;
    }
  }
  return true;
}

const lanes = await Promise.all([lane([[TSC, '-p', 'tsconfig.json']]), lane([[TSC, '-p', 'tsconfig.web.json'], ['scripts/build.js']])]);
process.exitCode = lanes.every(Boolean) ? 0 : 1;
