import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountWithPassword } from '../../src/accounts/acts.js';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { buildApp } from '../../src/server/app.js';
import { Client, emptyDatabase, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The demo's door: in demo mode, the sign-in page lets anyone enter as one of five people of the
 * demo partnership, each with their own account and their rights only; with the option off, as
 * in tests, `--no-demo` and production (test/unit/demo-door-config.test.ts), it is not there.
 */
const DOOR = '/api/v1/auth/demo-door';
const ENTER = `${DOOR}/enter`;
const SESSION = '/api/v1/auth/session';

interface DoorPerson {
  personId: string;
  fullName: string;
  isPartnershipAdmin: boolean;
  memberships: { organization: string; kind: string; isOrganizationAdmin: boolean }[];
  bodies: string[];
  roles: string[];
}

let t: TestApp;
let partnershipId: string;
let door: DoorPerson[];
const base = () => `/api/v1/partnerships/${partnershipId}`;
const personNamed = (fullName: string) => door.find((person) => person.fullName === fullName)!;

/** A new visitor entering as the door's person of that name. */
async function enterAs(fullName: string, app: FastifyInstance = t.app): Promise<Client> {
  const visitor = new Client(app);
  const entered = await visitor.post(ENTER, { personId: personNamed(fullName).personId });
  expect(entered.status).toBe(200);
  return visitor;
}

beforeAll(async () => {
  // The demo's coordinator has one account per database: this file's own database holds it.
  t = await startTestApp({ demoDoor: true }, await emptyDatabase());
  ({ partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit }));
  const listed = await new Client(t.app).get<{ people: DoorPerson[] }>(DOOR);
  expect(listed.status).toBe(200);
  door = listed.body.people;
});
afterAll(() => t.close());

describe('the demo’s door, open', () => {
  it('lists its five people, the coordinator first, with their house and what they do there', () => {
    expect(door.map((person) => person.fullName)).toEqual(['Camille Martin', 'Gérard Lefèvre', 'Samia Haddad', 'Hélène Dubois', 'Yanis Morel']);
    expect(personNamed('Camille Martin')).toMatchObject({ isPartnershipAdmin: true, memberships: [] });
    const gerard = personNamed('Gérard Lefèvre');
    expect(gerard).toMatchObject({ isPartnershipAdmin: false, memberships: [{ organization: 'MJC des Tilleuls', kind: 'board', isOrganizationAdmin: true }] });
    expect(gerard.bodies).toEqual(expect.arrayContaining(['Comité de pilotage', 'Codir / Coprédir']));
    expect(personNamed('Yanis Morel')).toMatchObject({ memberships: [{ organization: 'MJC des Tilleuls', kind: 'volunteer', isOrganizationAdmin: false }] });
    expect(personNamed('Yanis Morel').bodies).toContain('Groupe de travail Sorties familles');
    // The charter's treasurer keeps the books: a visitor may enter as her.
    expect(personNamed('Samia Haddad').roles).toContain('Trésorerie');
  });

  it('signs a visitor in as Gérard, with his to-do and none of the rights he does not hold', async () => {
    const gerard = await enterAs('Gérard Lefèvre');
    const session = await gerard.get(SESSION);
    expect(session.status).toBe(200);
    expect(session.body.email).toBe('gerard@trois-rives.example');
    expect(session.body.partnerships).toEqual([
      { id: partnershipId, name: 'Les Trois Rives', personId: personNamed('Gérard Lefèvre').personId, fullName: 'Gérard Lefèvre', isAdmin: false, outsider: false },
    ]);
    expect((await gerard.get(`${base()}/to-do`)).status).toBe(200);
    // The partnership's messages are its administrators' alone (others are answered 404): the door made him none.
    expect((await gerard.get(`${base()}/outbox`)).status).toBe(404);
    // A full session: a mutation with its CSRF token goes through.
    expect((await gerard.post('/api/v1/auth/locale', { locale: 'en' })).status).toBe(204);
  });

  it('gives each of the four an account of their own, without a password, and the same one on every entry', async () => {
    await enterAs('Samia Haddad');
    await enterAs('Samia Haddad');
    const accounts = await t.store.db
      .selectFrom('account as a')
      .innerJoin('person as p', 'p.account_id', 'a.id')
      .select(['a.email', 'a.password_hash'])
      .where('a.email', '=', 'samia@trois-rives.example')
      .execute();
    expect(accounts).toEqual([{ email: 'samia@trois-rives.example', password_hash: null }]);
    // Only the door opens it: no password does.
    expect((await new Client(t.app).signIn('samia@trois-rives.example', '')).status).toBe(400);
    expect((await new Client(t.app).signIn('samia@trois-rives.example', 'demo-trois-rives')).status).toBe(401);
  });

  it('lets two visitors be two people at once, each session its own', async () => {
    const [samia, helene] = [await enterAs('Samia Haddad'), await enterAs('Hélène Dubois')];
    expect((await samia.get(SESSION)).body.partnerships[0].fullName).toBe('Samia Haddad');
    expect((await helene.get(SESSION)).body.partnerships[0].fullName).toBe('Hélène Dubois');
  });

  it('opens the coordinator’s own account, an administrator as she is', async () => {
    const camille = await enterAs('Camille Martin');
    const session = await camille.get(SESSION);
    expect(session.body.email).toBe(DEMO_SIGN_IN.email);
    expect(session.body.partnerships[0]).toMatchObject({ fullName: 'Camille Martin', isAdmin: true });
    expect((await camille.get(`${base()}/outbox`)).status).toBe(200);
  });

  it('ends the session it replaces: entering as Samia after Gérard leaves no Gérard behind', async () => {
    const visitor = await enterAs('Gérard Lefèvre');
    const asGerard = visitor.cookie!;
    expect((await visitor.post(ENTER, { personId: personNamed('Samia Haddad').personId })).status).toBe(200);
    expect((await visitor.get(SESSION)).body.partnerships[0].fullName).toBe('Samia Haddad');
    expect((await t.app.inject({ method: 'GET', url: SESSION, headers: { cookie: asGerard } })).statusCode).toBe(401);
  });

  it('opens no one else: another person of the demo, an unknown id or a malformed one', async () => {
    const nadia = await t.store.db.selectFrom('person').select('id').where('email', '=', 'nadia@trois-rives.example').executeTakeFirstOrThrow();
    for (const personId of [nadia.id, '0b8f7e34-5f0c-4c53-8c3e-2a9b8c1d0e01']) {
      const visitor = new Client(t.app);
      const refused = await visitor.post(ENTER, { personId });
      expect(refused.status).toBe(404);
      expect(visitor.cookie).toBeUndefined();
    }
    const malformed = await new Client(t.app).post(ENTER, { personId: 'gerard' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toEqual({ personId: 'Cet élément est introuvable.' });
  });

  it('demands a JSON body, which no cross-site form can send', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: ENTER,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `personId=${personNamed('Gérard Lefèvre').personId}`,
    });
    expect(response.statusCode).toBe(415);
    expect(response.cookies).toEqual([]);
  });

  it('stays shut for a person whose address another account holds, and says so', async () => {
    await createAccountWithPassword(t.store.db, 'yanis@trois-rives.example', 'un mot de passe à lui');
    const visitor = new Client(t.app);
    const refused = await visitor.post(ENTER, { personId: personNamed('Yanis Morel').personId });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('On ne peut plus entrer comme cette personne : un autre compte porte son adresse. Choisissez-en une autre.');
    expect(visitor.cookie).toBeUndefined();
    const yanis = await t.store.db.selectFrom('person').select('account_id').where('email', '=', 'yanis@trois-rives.example').executeTakeFirstOrThrow();
    expect(yanis.account_id).toBeNull();
  });

  it('is rate-limited like the sign-in', async () => {
    const limited = await buildApp(t.store, { publicUrl: 'http://entente.test', signInAttemptsPerMinute: 2, secureCookies: false, now: t.clock.now, demoDoor: true });
    try {
      const statuses: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        statuses.push((await new Client(limited).post(ENTER, { personId: personNamed('Hélène Dubois').personId })).status);
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('the demo’s door, off', () => {
  it('is not there, on the very database of the demo: both routes answer 404 and open no session', async () => {
    const shut = await buildApp(t.store, { publicUrl: 'http://entente.test', signInAttemptsPerMinute: 1000, secureCookies: false, now: t.clock.now });
    try {
      const visitor = new Client(shut);
      expect((await visitor.get(DOOR)).status).toBe(404);
      expect((await visitor.post(ENTER, { personId: personNamed('Gérard Lefèvre').personId })).status).toBe(404);
      expect(visitor.cookie).toBeUndefined();
      const openapi = await visitor.get('/api/v1/openapi.json');
      expect(Object.keys(openapi.body.paths).filter((path) => path.includes('demo-door'))).toEqual([]);
    } finally {
      await shut.close();
    }
  });
});
