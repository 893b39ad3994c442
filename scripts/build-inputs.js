/**
 * What each half of the build (scripts/build.js) is made from, and the fingerprint of those files:
 * a half whose fingerprint has not changed since its last build needs no new build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files and folders (read whole) both halves are built from; the build scripts themselves included. */
const SHARED_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'scripts'];

export const BUILD_INPUTS = {
  server: {
    inputs: [...SHARED_INPUTS, 'tsconfig.server.json', 'src'],
    // The web pages are the other half's; the server never imports them.
    ignores: (path) => path.startsWith(`src${sep}web${sep}`),
  },
  web: {
    // The pages import the capabilities' contracts and rules, so all of src/ is the web's input.
    inputs: [...SHARED_INPUTS, 'tsconfig.web.json', 'vite.config.ts', 'src'],
    ignores: () => false,
  },
};

/** The input itself if it is a file, else every file under it; nothing if it does not exist. */
function filesOf(root, input) {
  const absolute = join(root, input);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [input];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** A hash of the path and content of every file `half` (one of BUILD_INPUTS) reads under `root`. */
export function fingerprintOf(root, half) {
  const files = half.inputs
    .flatMap((input) => filesOf(root, input))
    .filter((path) => !half.ignores(path))
    .sort();
  const hash = createHash('sha256');
  for (const path of files) {
    // Paths are hashed with forward slashes so a fingerprint means the same on every system.
    hash.update(path.split(sep).join('/')).update('\0');
    hash.update(readFileSync(join(root, path))).update('\0');
  }
  return hash.digest('hex');
}
