import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const migrationsDir = join(root, 'src/common/database/migrations');
const dependencies = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);

const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** A library the server installs, a part of Node, or another file of the migrations folder. */
function isAllowed(file: string, specifier: string): boolean {
  if (specifier.startsWith('.')) return !relative(migrationsDir, resolve(dirname(file), specifier)).startsWith('..');
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return true;
  return dependencies.includes(packageOf(specifier));
}

describe('the migrations', () => {
  // A migration runs on databases not yet migrated, perhaps years from now: were it to import the
  // application, a change to that code would change what the migration writes, and so history.
  it('import no application code, only libraries the server installs and Node', () => {
    const files = readdirSync(migrationsDir).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    const outside = files.flatMap((name) => {
      const file = join(migrationsDir, name);
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      return importedFiles.filter(({ fileName }) => !isAllowed(file, fileName)).map(({ fileName }) => `${name} imports ${fileName}`);
    });
    expect(outside).toEqual([]);
  });
});
