import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { BODY_KINDS, MANDATE_SOURCES, MEMBERSHIP_KINDS, ORGANIZATION_KINDS, SEAT_CAPACITIES } from '../../src/common/structure.js';
import en from '../../src/web/locales/en.json' with { type: 'json' };
import fr from '../../src/web/locales/fr.json' with { type: 'json' };

type Catalogue = { [key: string]: string | Catalogue };

function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** i18next plural forms: a key used as "x" may exist only as "x_one" and "x_other". */
const has = (keys: Set<string>, key: string) => keys.has(key) || (keys.has(`${key}_one`) && keys.has(`${key}_other`));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const frKeys = new Set(keysOf(fr as Catalogue));
const enKeys = new Set(keysOf(en as Catalogue));

describe('the web catalogues', () => {
  it('have the same keys in French and English', () => {
    expect([...frKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !frKeys.has(k))).toEqual([]);
  });

  it('contain every literal key the UI asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(process.cwd(), 'src', 'web'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !has(frKeys, key))).toEqual([]);
  });

  it('count a questionnaire’s answers and the people asked each with its own plural', async () => {
    const catalogues = i18next.createInstance();
    await catalogues.init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: 'fr', interpolation: { escapeValue: false }, initAsync: false });
    const line = (locale: 'fr' | 'en', count: number, asked: number) => catalogues.getFixedT(locale)('questionnaireResults.respondents', { count, asked });
    expect(line('fr', 1, 1)).toBe('1 réponse sur 1 personne interrogée');
    expect(line('fr', 2, 2)).toBe('2 réponses sur 2 personnes interrogées');
    expect(line('fr', 1, 2)).toBe('1 réponse sur 2 personnes interrogées');
    expect(line('fr', 2, 1)).toBe('2 réponses sur 1 personne interrogée');
    expect(line('en', 1, 1)).toBe('1 answer out of 1 person asked');
    expect(line('en', 2, 2)).toBe('2 answers out of 2 people asked');
    expect(line('en', 1, 2)).toBe('1 answer out of 2 people asked');
  });

  it('name every value of the structure enums', () => {
    const expected = [
      ...BODY_KINDS.map((v) => `bodyKind.${v}`),
      ...ORGANIZATION_KINDS.map((v) => `organizationKind.${v}`),
      ...MEMBERSHIP_KINDS.map((v) => `membershipKind.${v}`),
      ...SEAT_CAPACITIES.map((v) => `capacity.${v}`),
      ...MANDATE_SOURCES.map((v) => `mandateSource.${v}`),
    ];
    expect(expected.filter((key) => !frKeys.has(key) || !enKeys.has(key))).toEqual([]);
  });

  it('write one and several in words, with no mixed form such as « membre(s) » or « exprimé·es », on the pages and in the server’s texts', () => {
    const catalogues = ['src/web/locales/fr.json', 'src/web/locales/en.json', 'src/i18n/server-messages.ts', 'src/charters/messages.ts'];
    const mixed = catalogues.flatMap((file) =>
      readFileSync(join(process.cwd(), file), 'utf8')
        .split('\n')
        .filter((line) => /\p{L}\((s|e|es)\)|\p{L}·\p{L}/u.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(mixed).toEqual([]);
  });
});
