import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetExpiredCredentials } from '../../src/accounts/acts.js';
import { Client, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const minutes = (from: Date, count: number) => new Date(from.getTime() + count * 60_000);

describe('credentials past their expiry', () => {
  it('are forgotten by the clock: sessions, sign-in links, invitations with their mail’s text, and a person’s links; those still valid stay', async () => {
    const f = await newPartnership(t);
    const now = t.clock.now();
    const { account_id: accountId } = await t.store.db.selectFrom('person').select('account_id').where('id', '=', f.adminPersonId).executeTakeFirstOrThrow();
    const [expired, valid] = [minutes(now, -1), minutes(now, 60)];
    const hashes = { expired: randomUUID(), valid: randomUUID() };
    for (const [which, expiresAt] of [['expired', expired], ['valid', valid]] as const) {
      const tokenHash = hashes[which];
      await t.store.db.insertInto('session').values({ id_hash: tokenHash, account_id: accountId!, csrf_token: randomUUID(), expires_at: expiresAt, partnership_scope: null }).execute();
      await t.store.db.insertInto('magic_link').values({ token_hash: tokenHash, account_id: accountId!, expires_at: expiresAt }).execute();
      await t.store.db.insertInto('invitation').values({ token_hash: tokenHash, person_id: f.adminPersonId, email: f.adminEmail, expires_at: expiresAt }).execute();
      await t.store.db
        .insertInto('person_link')
        .values({ token_hash: tokenHash, person_id: f.adminPersonId, email: f.adminEmail, purpose: 'act', path: `/p/${f.partnershipId}`, expires_at: expiresAt, created_at: now })
        .execute();
      const messageId = randomUUID();
      await t.store.db.insertInto('outbox_message').values({ id: messageId, partnership_id: f.partnershipId, recipient: f.adminEmail, subject: 'Invitation', body: 'Votre lien vous a été envoyé.' }).execute();
      await t.store.db.insertInto('outbox_personal_body').values({ message_id: messageId, body: 'Votre lien : https://entente.test/invitation#secret', invitation_token_hash: tokenHash }).execute();
    }
    const left = async (hash: string) => ({
      session: (await t.store.db.selectFrom('session').select('id_hash').where('id_hash', '=', hash).execute()).length,
      magicLink: (await t.store.db.selectFrom('magic_link').select('token_hash').where('token_hash', '=', hash).execute()).length,
      invitation: (await t.store.db.selectFrom('invitation').select('token_hash').where('token_hash', '=', hash).execute()).length,
      personLink: (await t.store.db.selectFrom('person_link').select('token_hash').where('token_hash', '=', hash).execute()).length,
      invitationText: (await t.store.db.selectFrom('outbox_personal_body').select('message_id').where('invitation_token_hash', '=', hash).execute()).length,
    });
    const everyOne = { session: 1, magicLink: 1, invitation: 1, personLink: 1, invitationText: 1 };
    expect(await left(hashes.expired)).toEqual(everyOne);
    expect(await forgetExpiredCredentials(t.store.db, now)).toBe(4);
    expect(await left(hashes.expired)).toEqual({ session: 0, magicLink: 0, invitation: 0, personLink: 0, invitationText: 0 });
    expect(await left(hashes.valid)).toEqual(everyOne);
    // The administrator's own session, opened with the test's clock, is still valid and still opens the partnership.
    expect((await f.admin.get(f.base)).status).toBe(200);
    expect((await new Client(t.app).get(f.base)).status).toBe(401);
  });
});
