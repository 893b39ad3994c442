import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnership } from '../../src/partnerships/acts.js';
import { Client, createTestAccount, startTestApp, TEST_PASSWORD, uniqueEmail, type TestApp } from '../support/test-app.js';
import { journalOf, uniqueName } from '../support/structure.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ADMIN_PASSWORD = 'une phrase de passe du premier admin';

const accountOf = (email: string) => t.store.db.selectFrom('account').select(['id', 'email']).where('email', '=', email).executeTakeFirst();
const partnershipsNamed = (name: string) => t.store.db.selectFrom('partnership').select('id').where('name', '=', name).execute();

/** `entente create-admin` goes through createPartnership; these tests call the service the same way. */
describe('createPartnership with the administrator’s password', () => {
  it('creates the account, links the administrator to it, and the password signs in', async () => {
    const email = uniqueEmail('first.admin');
    const name = uniqueName('Partenariat');
    const created = await createPartnership(t.store.db, { name, admin: { fullName: 'Première Admin', email: email.toUpperCase(), password: ADMIN_PASSWORD } }, t.clock.now());
    expect(created.accountCreated).toBe(true);

    const account = await accountOf(email);
    expect(account).toBeDefined();
    const person = await t.store.db.selectFrom('person').select(['account_id', 'email', 'is_partnership_admin']).where('id', '=', created.adminPersonId).executeTakeFirstOrThrow();
    expect(person).toEqual({ account_id: account!.id, email, is_partnership_admin: true });
    expect((await journalOf(t, created.partnershipId)).map((e) => e.kind)).toEqual(['partnership.created', 'person.created']);

    const client = new Client(t.app);
    expect((await client.signIn(email, ADMIN_PASSWORD)).status).toBe(200);
    const session = await client.get('/api/v1/auth/session');
    expect(session.body.partnerships).toEqual([expect.objectContaining({ id: created.partnershipId, personId: created.adminPersonId, isAdmin: true })]);
  });

  it('creates the account in the same transaction: when the partnership cannot be created, no account is left behind', async () => {
    const email = uniqueEmail('rolled.back');
    const tooLong = 'P'.repeat(201);
    await expect(createPartnership(t.store.db, { name: tooLong, admin: { fullName: 'Admin', email, password: ADMIN_PASSWORD } }, t.clock.now())).rejects.toThrow();
    expect(await accountOf(email)).toBeUndefined();
    expect(await partnershipsNamed(tooLong)).toEqual([]);
    expect((await new Client(t.app).signIn(email, ADMIN_PASSWORD)).status).toBe(401);
  });

  it('refuses a password shorter than 12 characters, creating nothing', async () => {
    const email = uniqueEmail('short');
    const name = uniqueName('Partenariat');
    await expect(createPartnership(t.store.db, { name, admin: { fullName: 'Admin', email, password: 'elevenchars' } }, t.clock.now())).rejects.toMatchObject({
      failure: { kind: 'invalid', fields: [{ path: 'password', messageKey: 'error.passwordTooShort' }] },
    });
    expect(await accountOf(email)).toBeUndefined();
    expect(await partnershipsNamed(name)).toEqual([]);
  });

  it('links an existing account of that address without changing its password', async () => {
    const email = uniqueEmail('existing');
    const accountId = await createTestAccount(t.store.db, email);
    const created = await createPartnership(
      t.store.db,
      { name: uniqueName('Partenariat'), admin: { fullName: 'Admin Existante', email: email.toUpperCase(), password: 'another password entirely' } },
      t.clock.now(),
    );
    expect(created.accountCreated).toBe(false);
    const person = await t.store.db.selectFrom('person').select('account_id').where('id', '=', created.adminPersonId).executeTakeFirstOrThrow();
    expect(person.account_id).toBe(accountId);
    expect((await new Client(t.app).signIn(email, 'another password entirely')).status).toBe(401);
    const client = new Client(t.app);
    expect((await client.signIn(email, TEST_PASSWORD)).status).toBe(200);
    const partnerships = (await client.get('/api/v1/auth/session')).body.partnerships.map((p: { id: string }) => p.id);
    expect(partnerships).toEqual([created.partnershipId]);
  });

  it('without a password or an account, leaves the administrator to be invited', async () => {
    const email = uniqueEmail('later');
    const created = await createPartnership(t.store.db, { name: uniqueName('Partenariat'), admin: { fullName: 'Admin Plus Tard', email } }, t.clock.now());
    expect(created.accountCreated).toBe(false);
    expect(await accountOf(email)).toBeUndefined();
    const person = await t.store.db.selectFrom('person').select('account_id').where('id', '=', created.adminPersonId).executeTakeFirstOrThrow();
    expect(person.account_id).toBeNull();
  });
});
