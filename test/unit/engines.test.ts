import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * One Node: every package npm installs must accept the oldest Node the project says it runs on,
 * or `npm install` warns (EBADENGINE) and the package may use what that Node lacks. The lockfile
 * records each installed package's `engines`, so the check needs no install and no network.
 */
const ROOT = join(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as unknown;

interface LockedPackage {
  version?: string;
  engines?: { node?: string };
}
interface Lockfile {
  packages: Record<string, LockedPackage>;
}

/** "name@version wants node RANGE" for each locked package whose engines refuse `nodeVersion`. */
function packagesRefusing(lock: Lockfile, nodeVersion: string): string[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path !== '')
    .filter(([, locked]) => locked.engines?.node !== undefined && !semver.satisfies(nodeVersion, locked.engines.node))
    .map(([path, locked]) => `${path.replace(/^.*node_modules\//, '')}@${locked.version} wants node ${locked.engines?.node}`);
}

const projectRange = (readJson('package.json') as { engines: { node: string } }).engines.node;
const oldestNode = semver.minVersion(projectRange)!.version;

describe('the Node the project names', () => {
  it('is the one the README names', () => {
    const named = `Node ${semver.major(oldestNode)}.${semver.minor(oldestNode)}`;
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(named);
  });

  it('is accepted by every package in package-lock.json', () => {
    expect(packagesRefusing(readJson('package-lock.json') as Lockfile, oldestNode)).toEqual([]);
  });

  it('is checked against the range each package declares', () => {
    const lock: Lockfile = {
      packages: {
        '': { engines: { node: projectRange } },
        'node_modules/accepts-node-20': { version: '1.0.0', engines: { node: '^20.19.0 || >=22.12.0' } },
        'node_modules/no-engines': { version: '1.0.0' },
        'node_modules/parent/node_modules/wants-node-22': { version: '3.0.0', engines: { node: '>=22' } },
      },
    };
    expect(packagesRefusing(lock, '20.19.0')).toEqual(['wants-node-22@3.0.0 wants node >=22']);
    expect(packagesRefusing(lock, '22.12.0')).toEqual([]);
  });
});
