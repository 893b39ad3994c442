import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rules of the house (docs/ARCHITECTURE.md), read from the imports themselves: a capability
 * folder keeps its pure rules, its contract, its acts, its queries and its routes apart.
 */
const SRC = join(import.meta.dirname, '../../src');

const allFiles = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(ts|tsx|js)$/.test(name) && !name.endsWith('.d.ts'));
const read = (file: string) => readFileSync(join(SRC, file), 'utf8');

/** What a file imports, as paths under src/ for its own files and as package names otherwise. */
function importsOf(file: string): string[] {
  const specifiers = [...read(file).matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]!);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? normalize(join(dirname(file), specifier)).replace(/\.js$/, '') : specifier));
}

const isRouteFile = (file: string) => /(^|\/)routes\.ts$|-routes\.ts$/.test(file);
const isQueryFile = (file: string) => /(^|\/)queries\.ts$/.test(file);
const isActFile = (path: string) => /(^|\/)acts$/.test(path);
const isContractFile = (file: string) => /(^|\/)contract\.ts$/.test(file);
/** The pure pieces shared by all: the structure's vocabulary, dates and periods, who may do what. */
const PURE_COMMON = ['common/structure', 'common/dates', 'common/permissions'];
const isRulesFile = (file: string) => /(^|\/)rules(\.ts$|\/)/.test(file) || PURE_COMMON.includes(file.replace(/\.ts$/, ''));

describe('the layers', () => {
  it('leave what follows a commit to the act recorder: no route seals, sends mail, publishes or drops cached rights', () => {
    // A sign-in link's request is the one route that hands the mailer its work (mailer.inBackground):
    // it answers before the work starts, so that its time tells nobody whether the address has an account.
    const followUp = /mailer\.flush|live\.(publish|revoke)|viewers\.(forgetSession|revoke|set)|sealAfterCommit|afterCommit\(/;
    const routes = allFiles.filter(isRouteFile);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((file) => followUp.test(read(file)))).toEqual([]);
  });

  it('let queries read without importing any act', () => {
    const queries = allFiles.filter(isQueryFile);
    expect(queries.length).toBeGreaterThan(5);
    expect(queries.flatMap((file) => importsOf(file).filter(isActFile).map((imported) => `${file} → ${imported}`))).toEqual([]);
  });

  it('keep pure rules free of I/O: no database, no server, no file, no clock but the one passed in', () => {
    const rules = allFiles.filter(isRulesFile);
    expect(rules.length).toBeGreaterThan(5);
    // Hashing (node:crypto) computes; it reads and writes nothing.
    const io = /^(kysely|pg|@electric-sql|fastify|node:(?!crypto)|nodemailer|pdfmake|piscina)/;
    const offenders = rules.flatMap((file) => [
      ...importsOf(file).filter((imported) => io.test(imported) || /(acts|queries|routes|database)/.test(imported)).map((imported) => `${file} → ${imported}`),
      ...(/new Date\(\)|Date\.now\(\)/.test(read(file)) ? [`${file} reads the clock`] : []),
    ]);
    expect(offenders).toEqual([]);
  });

  it('keep contracts readable by the web: zod, other contracts, pure rules and languages only', () => {
    const contracts = allFiles.filter(isContractFile);
    expect(contracts.length).toBeGreaterThan(10);
    const allowed = (imported: string) =>
      imported === 'zod' || /(^|\/)contract$/.test(imported) || /(^|\/)rules(\/|$)/.test(imported) || PURE_COMMON.includes(imported) || imported === 'i18n/locales';
    expect(contracts.flatMap((file) => importsOf(file).filter((imported) => !allowed(imported)).map((imported) => `${file} → ${imported}`))).toEqual([]);
  });

  it('let the web import the server only for types of contracts and pure rules, never acts, queries or the database', () => {
    const web = allFiles.filter((file) => file.startsWith('web/'));
    const serverSide = (imported: string) => !imported.startsWith('web/') && !/^[@a-z]/.test(imported);
    const allowed = (imported: string) => /(^|\/)contract$/.test(imported) || /(^|\/)rules(\/|$)/.test(imported) || PURE_COMMON.includes(imported);
    expect(web.flatMap((file) => importsOf(file).filter((imported) => serverSide(imported) && !allowed(imported)).map((imported) => `${file} → ${imported}`))).toEqual([]);
  });

  it('have the web read the answers’ shapes from the contracts, not from a copy', () => {
    expect(allFiles).not.toContain('web/types.ts');
  });
});
