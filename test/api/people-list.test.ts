import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder } from '../support/structure.js';
import { newPartnership, startTestApp, type PartnershipFixture, type TestApp } from '../support/test-app.js';

let t: TestApp;
let f: PartnershipFixture;
let other: PartnershipFixture;
const ids: Record<string, string> = {};
let saules: string;

interface PeoplePage {
  total: number;
  next: string | null;
  people: { id: string; fullName: string; memberships: { organizationName: string }[] }[];
}

beforeAll(async () => {
  t = await startTestApp();
  f = await newPartnership(t);
  other = await newPartnership(t);
  const build = builder(f);
  saules = await build.organization('Maison des Saules');
  const eveil = await build.organization('Centre Éveil');
  for (const [fullName, organizations] of [
    ['Hélène Martin', [saules]],
    ['Zoé Dupont', [eveil]],
    ['François Ngo', [saules, eveil]],
    ['Bernard Colin', []],
    ['Élise 100% Durand', []],
  ] as const) {
    ids[fullName] = await build.person({ fullName, memberships: organizations.map((organizationId) => ({ organizationId, kind: 'volunteer' as const })) });
  }
  ids['Admin Test'] = f.adminPersonId;
  ids['ailleurs'] = await builder(other).person({ fullName: 'Hélène Ailleurs' });
});
afterAll(() => t.close());

const list = async (query: string) => {
  const response = await f.admin.get<PeoplePage>(`${f.base}/people${query}`);
  expect(response.status).toBe(200);
  return response.body;
};
const names = (page: PeoplePage) => page.people.map((p) => p.fullName);

describe('the people list', () => {
  it('walks the whole partnership a page at a time, in name order, each person once', async () => {
    const whole = await list('');
    expect(whole.total).toBe(6);
    expect(whole.next).toBeNull();
    expect(names(whole).sort()).toEqual(Object.keys(ids).filter((name) => name !== 'ailleurs').sort());
    const walked: string[] = [];
    let query = '?limit=2';
    for (;;) {
      const page = await list(query);
      expect(page.total).toBe(6);
      expect(page.people.length).toBeLessThanOrEqual(2);
      walked.push(...names(page));
      if (page.next === null) break;
      query = `?limit=2&after=${page.next}`;
    }
    expect(walked).toEqual(names(whole));
  });

  it('pages through people of the same name, each once', async () => {
    const homonyms = await newPartnership(t);
    for (let i = 0; i < 3; i += 1) await builder(homonyms).person({ fullName: 'Marie Martin' });
    const seen: string[] = [];
    let query = '?limit=1&q=marie';
    for (;;) {
      const page = (await homonyms.admin.get<PeoplePage>(`${homonyms.base}/people${query}`)).body;
      seen.push(...page.people.map((p) => p.id));
      if (page.next === null) break;
      query = `?limit=1&q=marie&after=${page.next}`;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('gives each person their organizations', async () => {
    const [francois] = (await list(`?ids=${ids['François Ngo']}`)).people;
    expect(francois!.memberships.map((m) => m.organizationName)).toEqual(['Centre Éveil', 'Maison des Saules']);
  });

  it('finds a name or an organization whatever the case and the accents', async () => {
    expect(names(await list('?q=helene'))).toEqual(['Hélène Martin']);
    expect(names(await list(`?q=${encodeURIComponent('HÉLÈNE')}`))).toEqual(['Hélène Martin']);
    expect(names(await list('?q=elise'))).toEqual(['Élise 100% Durand']);
    expect(names(await list('?q=eveil')).sort()).toEqual(['François Ngo', 'Zoé Dupont']);
    const bySaules = await list(`?q=${encodeURIComponent(' saules ')}`);
    expect(bySaules.total).toBe(2);
    expect(names(bySaules).sort()).toEqual(['François Ngo', 'Hélène Martin']);
  });

  it('takes the wildcards of a search literally', async () => {
    expect(names(await list(`?q=${encodeURIComponent('100%')}`))).toEqual(['Élise 100% Durand']);
    expect((await list(`?q=${encodeURIComponent('%')}`)).total).toBe(1);
    expect((await list('?q=_')).total).toBe(0);
    expect(names(await list(`?q=${encodeURIComponent('％')}`)), 'a fullwidth sign folds to the one it stands for, still literal').toEqual(['Élise 100% Durand']);
    expect((await list(`?q=${encodeURIComponent('＿')}`)).total).toBe(0);
  });

  it('narrows to an organization, alone or with a search', async () => {
    expect(names(await list(`?organizationId=${saules}`)).sort()).toEqual(['François Ngo', 'Hélène Martin']);
    expect(names(await list(`?organizationId=${saules}&q=ngo`))).toEqual(['François Ngo']);
  });

  it('names the people asked for by id, and only those of this partnership', async () => {
    const page = await list(`?ids=${[ids['Zoé Dupont'], ids['Bernard Colin'], ids['ailleurs']].join(',')}`);
    expect(names(page)).toEqual(['Bernard Colin', 'Zoé Dupont']);
    expect((await list(`?after=${ids['ailleurs']}`)).people).toEqual([]);
  });

  it('refuses a malformed query with a 400 that names the field, in the reader’s language', async () => {
    const cases: [string, string, string][] = [
      ['?limit=0', 'limit', 'Indiquez au moins 1.'],
      ['?limit=101', 'limit', 'Ce nombre est trop grand.'],
      ['?limit=2.5', 'limit', 'Indiquez un nombre entier.'],
      ['?after=42', 'after', 'Cet élément est introuvable.'],
      ['?organizationId=x', 'organizationId', 'Cet élément est introuvable.'],
      [`?ids=${ids['Zoé Dupont']},nope`, 'ids.1', 'Cet élément est introuvable.'],
      [`?ids=${Array.from({ length: 101 }, () => ids['Zoé Dupont']).join(',')}`, 'ids', 'Ce texte est trop long.'],
      [`?q=${'a'.repeat(201)}`, 'q', 'Ce texte est trop long.'],
    ];
    for (const [query, field, message] of cases) {
      const response = await f.admin.get(`${f.base}/people${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.fields, query).toEqual({ [field]: message });
    }
  });
});
