import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccountWithPassword } from '../../src/accounts/acts.js';
import { Client, newMember, newPartnership, ServerLog, startTestApp, TEST_PASSWORD, uniqueEmail, type PartnershipFixture, type TestApp } from '../support/test-app.js';
import { builder, linkSentTo, outboxMessages } from '../support/structure.js';

let t: TestApp;
let startedAt: Date;
const serverLog = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: serverLog.logger });
  startedAt = t.clock.current;
});
afterEach(() => {
  t.clock.current = startedAt;
});
afterAll(() => t.close());

const INVITATION_LINK = /http:\/\/entente\.test\/invitation#([\w-]{43})/;
const MAGIC_LINK = /http:\/\/entente\.test\/connexion\/lien#([\w-]{43})/;
const NEW_PASSWORD = 'une phrase de passe solide';

/** Asks for a sign-in link, and waits for the work its answer does not wait for. */
async function request(client: Client, email: string) {
  const response = await client.post('/api/v1/auth/magic-link', { email });
  await t.app.mailer.idle();
  return response;
}
/** Without SMTP, a sign-in link goes to the server log, and nowhere else. */
async function magicLinkSentTo(email: string): Promise<string> {
  await t.app.mailer.idle();
  return serverLog.linkMailedTo(email, MAGIC_LINK);
}
const WITHHELD = '[lien personnel, envoyé à la seule personne destinataire]';
const describeInvitation = (client: Client, token: string) => client.post('/api/v1/auth/invitation/describe', { token });
const accept = (client: Client, token: string, password?: string) =>
  client.post('/api/v1/auth/invitation/accept', password === undefined ? { token } : { token, password });
const SIGN_IN_TO_ACCEPT = 'Un compte existe déjà pour cette adresse : connectez-vous avec lui, puis rouvrez ce lien.';

async function accountIdOf(email: string): Promise<string> {
  return (await t.store.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}
async function sessionsOf(accountId: string): Promise<number> {
  return (await t.store.db.selectFrom('session').select('id_hash').where('account_id', '=', accountId).execute()).length;
}

async function invite(f: PartnershipFixture, fullName = 'Nadia Benali') {
  const email = uniqueEmail('nadia');
  const organizationId = await builder(f).organization();
  const personId = await builder(f).person({ fullName, email, memberships: [{ organizationId, kind: 'staff' }] });
  const response = await f.admin.post(`${f.base}/people/${personId}/invitation`);
  expect(response.status).toBe(201);
  const token = await linkSentTo(f, email, INVITATION_LINK);
  return { email, personId, token, response };
}

describe('invitations', () => {
  it('go end to end: invite, read the link in the outbox, describe, accept, and the person is in', async () => {
    const f = await newPartnership(t, 'Les Trois Rives');
    const { email, personId, token, response } = await invite(f);
    expect(new Date(response.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(7 * 24 * 60 * 60_000);

    const message = (await outboxMessages(f)).find((m) => m.recipient === email)!;
    expect(message.subject).toBe('Invitation à rejoindre Les Trois Rives sur Entente');
    expect(message.body).toContain('Bonjour Nadia Benali');
    // The token travels in the fragment, never in a path a server or a proxy would log.
    expect(message.body).toContain(`http://entente.test/invitation#${token}`);
    expect(message.body).not.toContain(`/invitation/${token}`);

    const person = await f.admin.get(`${f.base}/people/${personId}`);
    expect(person.body.account).toEqual({ active: false, invitationExpiresAt: response.body.expiresAt });

    const visitor = new Client(t.app);
    const described = await describeInvitation(visitor, token);
    expect(described.status).toBe(200);
    expect(described.body).toEqual({ fullName: 'Nadia Benali', email, partnership: 'Les Trois Rives', hasAccount: false });

    const accepted = await visitor.post('/api/v1/auth/invitation/accept', { token, password: NEW_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body.csrfToken).toEqual(expect.any(String));
    expect(visitor.cookie).toBeDefined();

    const session = await visitor.get('/api/v1/auth/session');
    expect(session.body.email).toBe(email);
    expect(session.body.partnerships).toEqual([expect.objectContaining({ id: f.partnershipId, personId, isAdmin: false })]);
    expect((await visitor.get(f.base)).status).toBe(200);
    expect((await f.admin.get(`${f.base}/people/${personId}`)).body.account).toEqual({ active: true, invitationExpiresAt: null });

    // The chosen password works from then on.
    expect((await new Client(t.app).signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('cannot be used twice', async () => {
    const f = await newPartnership(t);
    const { token } = await invite(f);
    expect((await new Client(t.app).post('/api/v1/auth/invitation/accept', { token, password: NEW_PASSWORD })).status).toBe(200);
    const again = await new Client(t.app).post('/api/v1/auth/invitation/accept', { token, password: 'an attacker password' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Ce lien n’est plus valable. Demandez-en un nouveau.');
    expect((await describeInvitation(new Client(t.app), token)).status).toBe(409);
  });

  it('are void once the person has an account, even one opened by another invitation', async () => {
    const f = await newPartnership(t);
    const { personId, token: first } = await invite(f);
    expect((await f.admin.post(`${f.base}/people/${personId}/invitation`)).status).toBe(201);
    const messages = (await outboxMessages(f)).filter((m) => INVITATION_LINK.test(m.body));
    const second = messages.map((m) => INVITATION_LINK.exec(m.body)![1]!).find((token) => token !== first)!;
    expect(second).toBeDefined();
    expect((await accept(new Client(t.app), second, NEW_PASSWORD)).status).toBe(200);
    expect((await describeInvitation(new Client(t.app), first)).status).toBe(409);
    expect((await accept(new Client(t.app), first, 'an attacker password')).status).toBe(409);
  });

  it('are void once the person’s address changes, and a new one goes to the new address', async () => {
    const f = await newPartnership(t);
    const { personId, token } = await invite(f);
    const newEmail = uniqueEmail('nadia.new');
    expect((await f.admin.patch(`${f.base}/people/${personId}`, { email: newEmail })).status).toBe(200);
    const described = await describeInvitation(new Client(t.app), token);
    expect(described.status).toBe(409);
    expect(described.body.message).toBe('Ce lien n’est plus valable. Demandez-en un nouveau.');
    const visitor = new Client(t.app);
    expect((await accept(visitor, token, NEW_PASSWORD)).status).toBe(409);
    expect(visitor.cookie).toBeUndefined();
    expect(await t.store.db.selectFrom('account').select('id').where('email', 'in', [newEmail]).execute()).toEqual([]);

    expect((await f.admin.post(`${f.base}/people/${personId}/invitation`)).status).toBe(201);
    const renewed = await linkSentTo(f, newEmail, INVITATION_LINK);
    expect((await describeInvitation(new Client(t.app), renewed)).body.email).toBe(newEmail);
    expect((await accept(new Client(t.app), renewed, NEW_PASSWORD)).status).toBe(200);
    expect((await f.admin.get(`${f.base}/people/${personId}`)).body.account.active).toBe(true);
  });

  it('are written in the language of the person who invites', async () => {
    const f = await newPartnership(t, 'Three Banks');
    const email = uniqueEmail('nadia');
    const personId = await builder(f).person({ fullName: 'Nadia Benali', email });
    f.admin.locale = 'en';
    expect((await f.admin.post(`${f.base}/people/${personId}/invitation`)).status).toBe(201);
    const message = (await outboxMessages(f)).find((m) => m.recipient === email)!;
    expect(message.subject).toBe('Invitation to join Three Banks on Entente');
    expect(message.body).toMatch(INVITATION_LINK);
  });

  it('want a password of at least 12 characters, with a message on the field, and stay usable', async () => {
    const f = await newPartnership(t);
    const { token } = await invite(f);
    const visitor = new Client(t.app);
    const short = await visitor.post('/api/v1/auth/invitation/accept', { token, password: '12345678901' });
    expect(short.status).toBe(400);
    expect(short.body.fields).toEqual({ password: 'Le mot de passe doit compter au moins 12 caractères.' });
    expect(visitor.cookie).toBeUndefined();
    visitor.locale = 'en';
    const english = await visitor.post('/api/v1/auth/invitation/accept', { token, password: 'short' });
    expect(english.body.fields).toEqual({ password: 'The password must be at least 12 characters long.' });
    const missing = await visitor.post('/api/v1/auth/invitation/accept', { token });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toHaveProperty('password');
    expect((await visitor.post('/api/v1/auth/invitation/accept', { token, password: '123456789012' })).status).toBe(200);
  });

  it('expire after 7 days', async () => {
    const f = await newPartnership(t);
    const { token } = await invite(f);
    t.clock.advanceMinutes(7 * 24 * 60 + 1);
    expect((await describeInvitation(new Client(t.app), token)).status).toBe(409);
    expect((await new Client(t.app).post('/api/v1/auth/invitation/accept', { token, password: NEW_PASSWORD })).status).toBe(409);
  });

  it('refuse unknown and malformed tokens without a 500', async () => {
    const visitor = new Client(t.app);
    expect((await describeInvitation(visitor, 'x'.repeat(43))).status).toBe(409);
    expect((await describeInvitation(visitor, 'short')).status).toBe(400);
    expect((await visitor.post('/api/v1/auth/invitation/describe', {})).status).toBe(400);
    // The token is no longer read from a path.
    expect((await visitor.get(`/api/v1/auth/invitation/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await visitor.post('/api/v1/auth/invitation/accept', { token: 'x'.repeat(43), password: NEW_PASSWORD })).status).toBe(409);
  });

  it('need an e-mail address, and a person without an account', async () => {
    const f = await newPartnership(t);
    const noEmail = await builder(f).person({ fullName: 'Sans Adresse' });
    const response = await f.admin.post(`${f.base}/people/${noEmail}/invitation`);
    expect(response.status).toBe(409);
    expect(response.body.message).toBe('Indiquez d’abord l’adresse e-mail de cette personne.');
    const member = await newMember(t, f);
    const again = await f.admin.post(`${f.base}/people/${member.personId}/invitation`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Cette personne a déjà un compte.');
  });

  it('are sent by those who may manage the person only', async () => {
    const f = await newPartnership(t);
    const organizationId = await builder(f).organization();
    const other = await builder(f).organization();
    const plain = await newMember(t, f, { memberships: [{ organizationId: other, kind: 'volunteer' }] });
    const houseAdmin = await newMember(t, f, { memberships: [{ organizationId, kind: 'board', isOrganizationAdmin: true }] });
    const invitee = await builder(f).person({ email: uniqueEmail('invitee'), memberships: [{ organizationId, kind: 'staff' }] });
    expect((await plain.client.post(`${f.base}/people/${invitee}/invitation`)).status).toBe(403);
    expect((await houseAdmin.client.post(`${f.base}/people/${invitee}/invitation`)).status).toBe(201);
  });

  it('to an address that has an account open nothing without that account’s session, and link it when signed in with it', async () => {
    const first = await newPartnership(t);
    const second = await newPartnership(t);
    // The administrator of the first partnership is invited to the second one.
    const personId = await builder(second).person({ fullName: 'Admin Test', email: first.adminEmail });
    expect((await second.admin.post(`${second.base}/people/${personId}/invitation`)).status).toBe(201);
    const token = await linkSentTo(second, first.adminEmail, INVITATION_LINK);
    expect((await describeInvitation(new Client(t.app), token)).body).toMatchObject({ email: first.adminEmail, hasAccount: true });
    const accountId = await accountIdOf(first.adminEmail);
    const sessions = await sessionsOf(accountId);

    // The link alone: refused, with or without a password, and no session for that account.
    const visitor = new Client(t.app);
    for (const password of ['taking over the account', undefined]) {
      const refused = await accept(visitor, token, password);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe(SIGN_IN_TO_ACCEPT);
    }
    visitor.locale = 'en';
    expect((await accept(visitor, token)).body.message).toBe('An account already exists for this address: sign in with it, then open this link again.');
    expect(visitor.cookie).toBeUndefined();

    // Signed in with another account: refused too, and that session stays what it was.
    const someoneElse = await newMember(t, second);
    const wrongAccount = await accept(someoneElse.client, token);
    expect(wrongAccount.status).toBe(409);
    expect(wrongAccount.body.message).toBe(SIGN_IN_TO_ACCEPT);
    expect((await someoneElse.client.get('/api/v1/auth/session')).body.email).toBe(someoneElse.email);
    expect(await sessionsOf(accountId)).toBe(sessions);
    expect((await second.admin.get(`${second.base}/people/${personId}`)).body.account.active).toBe(false);

    // Signed in with that very account: the person is linked, the password is untouched.
    const accepted = await accept(first.admin, token, 'taking over the account');
    expect(accepted.status).toBe(200);
    const partnerships = (await first.admin.get('/api/v1/auth/session')).body.partnerships.map((p: { id: string }) => p.id).sort();
    expect(partnerships).toEqual([first.partnershipId, second.partnershipId].sort());
    expect((await second.admin.get(`${second.base}/people/${personId}`)).body.account.active).toBe(true);
    expect((await new Client(t.app).signIn(first.adminEmail, 'taking over the account')).status).toBe(401);
    expect((await new Client(t.app).signIn(first.adminEmail, TEST_PASSWORD)).status).toBe(200);
    expect((await accept(first.admin, token)).status).toBe(409);
  });

  it('cannot hand someone’s account to an organization administrator who re-addresses the person they invited', async () => {
    // The attack from the review: an organization administrator creates a person with an address
    // they control, invites them, then gives that person the address of a victim who has an account.
    const f = await newPartnership(t);
    const organizationId = await builder(f).organization();
    const houseAdmin = await newMember(t, f, { memberships: [{ organizationId, kind: 'board', isOrganizationAdmin: true }] });
    const victim = await newPartnership(t);
    const victimAccountId = await accountIdOf(victim.adminEmail);
    const attackerAddress = uniqueEmail('attacker');
    const personId = await builder(f, houseAdmin.client).person({ fullName: 'Prête Nom', email: attackerAddress, memberships: [{ organizationId, kind: 'volunteer' }] });
    expect((await houseAdmin.client.post(`${f.base}/people/${personId}/invitation`)).status).toBe(201);
    const token = await linkSentTo(f, attackerAddress, INVITATION_LINK);
    expect((await houseAdmin.client.patch(`${f.base}/people/${personId}`, { email: victim.adminEmail })).status).toBe(200);
    const sessions = await sessionsOf(victimAccountId);

    const visitor = new Client(t.app);
    expect((await describeInvitation(visitor, token)).status).toBe(409);
    for (const password of [NEW_PASSWORD, undefined]) {
      const accepted = await accept(visitor, token, password);
      expect(accepted.status).toBe(409);
    }
    expect(visitor.cookie).toBeUndefined();
    expect((await visitor.get('/api/v1/auth/session')).status).toBe(401);
    expect(await sessionsOf(victimAccountId)).toBe(sessions);
    const person = await t.store.db.selectFrom('person').select('account_id').where('id', '=', personId).executeTakeFirstOrThrow();
    expect(person.account_id).toBeNull();
    expect((await new Client(t.app).signIn(victim.adminEmail, NEW_PASSWORD)).status).toBe(401);

    // A new invitation now goes to the victim's address, and still opens nothing without their session.
    expect((await houseAdmin.client.post(`${f.base}/people/${personId}/invitation`)).status).toBe(201);
    const renewed = await linkSentTo(f, victim.adminEmail, INVITATION_LINK);
    const again = await accept(visitor, renewed, NEW_PASSWORD);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(SIGN_IN_TO_ACCEPT);
    expect(visitor.cookie).toBeUndefined();
    expect(await sessionsOf(victimAccountId)).toBe(sessions);
  });

  it('of another partnership cannot be sent', async () => {
    const f = await newPartnership(t);
    const other = await newPartnership(t);
    const stranger = await builder(other).person({ email: uniqueEmail('stranger') });
    expect((await f.admin.post(`${f.base}/people/${stranger}/invitation`)).status).toBe(404);
    expect((await outboxMessages(other)).length).toBe(0);
  });
});

describe('magic links', () => {

  it('answer 202 with the same body for known and unknown addresses, and only known ones get a message', async () => {
    const f = await newPartnership(t);
    const visitor = new Client(t.app);
    const known = await request(visitor, f.adminEmail);
    const unknown = await request(visitor, uniqueEmail('nobody'));
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const messages = await outboxMessages(f);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.recipient).toBe(f.adminEmail);
    expect(messages[0]!.subject).toBe('Votre lien de connexion à Entente');
    expect(messages[0]!.body).toContain(`(valable 30 minutes, une seule fois) :\n${WITHHELD}`);
    expect(messages[0]!.body).not.toMatch(MAGIC_LINK);
    expect(await magicLinkSentTo(f.adminEmail)).toMatch(/^[\w-]{43}$/);
  });

  it('sign in once: the token after # is consumed and a second use is refused', async () => {
    const f = await newPartnership(t);
    const member = await newMember(t, f);
    await request(new Client(t.app), member.email.toUpperCase());
    const token = await magicLinkSentTo(member.email);

    const visitor = new Client(t.app);
    const consumed = await visitor.post('/api/v1/auth/magic-link/consume', { token });
    expect(consumed.status).toBe(200);
    expect(consumed.body.csrfToken).toEqual(expect.any(String));
    const session = await visitor.get('/api/v1/auth/session');
    expect(session.body.email).toBe(member.email);
    expect((await visitor.get(f.base)).status).toBe(200);

    const again = await new Client(t.app).post('/api/v1/auth/magic-link/consume', { token });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Ce lien n’est plus valable. Demandez-en un nouveau.');
  });

  it('are valid for 30 minutes', async () => {
    const f = await newPartnership(t);
    await request(new Client(t.app), f.adminEmail);
    const early = await magicLinkSentTo(f.adminEmail);
    t.clock.advanceMinutes(29);
    expect((await new Client(t.app).post('/api/v1/auth/magic-link/consume', { token: early })).status).toBe(200);

    await request(new Client(t.app), f.adminEmail);
    const late = await magicLinkSentTo(f.adminEmail);
    expect(late).not.toBe(early);
    t.clock.advanceMinutes(31);
    const expired = await new Client(t.app).post('/api/v1/auth/magic-link/consume', { token: late });
    expect(expired.status).toBe(409);
  });

  it('are written in the language of the request when the account has not chosen one', async () => {
    const f = await newPartnership(t);
    const visitor = new Client(t.app);
    visitor.locale = 'en';
    await request(visitor, f.adminEmail);
    const [message] = await outboxMessages(f);
    expect(message!.subject).toBe('Your sign-in link for Entente');
  });

  it('answer before their work is done, so the answer’s time tells nobody whether the address has an account', async () => {
    const f = await newPartnership(t);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    t.app.mailer.inBackground(() => gate);
    const links = () =>
      t.store.db.selectFrom('magic_link as l').innerJoin('account as a', 'a.id', 'l.account_id').select('l.token_hash').where('a.email', '=', f.adminEmail.toLowerCase()).execute();
    expect((await new Client(t.app).post('/api/v1/auth/magic-link', { email: f.adminEmail })).status).toBe(202);
    expect(await links()).toEqual([]);
    release();
    await t.app.mailer.idle();
    expect(await links()).toHaveLength(1);
  });

  it('refuse an invalid address with 400 and unknown tokens with 409', async () => {
    expect((await request(new Client(t.app), 'not-an-address')).status).toBe(400);
    expect((await new Client(t.app).post('/api/v1/auth/magic-link/consume', { token: 'y'.repeat(43) })).status).toBe(409);
  });
});

describe('the outbox page', () => {
  it('is readable by the partnership’s administrators only; others get the same 404 as a missing page', async () => {
    const f = await newPartnership(t);
    const organizationId = await builder(f).organization();
    const houseAdmin = await newMember(t, f, { memberships: [{ organizationId, kind: 'board', isOrganizationAdmin: true }] });
    const plain = await newMember(t, f);
    expect((await f.admin.get(`${f.base}/outbox`)).status).toBe(200);
    expect((await f.admin.get(`${f.base}/outbox`)).body.deliversByEmail).toBe(false);
    const missing = await f.admin.get(`${f.base}/no-such-page`);
    for (const client of [plain.client, houseAdmin.client]) {
      const response = await client.get(`${f.base}/outbox`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(missing.body);
    }
  });

  it('never shows a sign-in link, and shows that one was sent only for an account that belongs to that partnership alone', async () => {
    const first = await newPartnership(t);
    const second = await newPartnership(t);
    // The administrator of the first partnership is also a member of the second one.
    const sharedAccountId = await accountIdOf(first.adminEmail);
    const personId = await builder(second).person({ email: first.adminEmail });
    await t.store.db.updateTable('person').set({ account_id: sharedAccountId }).where('id', '=', personId).execute();

    expect((await request(new Client(t.app), first.adminEmail)).status).toBe(202);
    expect(await outboxMessages(first)).toEqual([]);
    expect(await outboxMessages(second)).toEqual([]);
    // The link went to the server log, the one place without SMTP where only the operator reads.
    expect((await new Client(t.app).post('/api/v1/auth/magic-link/consume', { token: await magicLinkSentTo(first.adminEmail) })).status).toBe(200);

    // The second partnership's administrator belongs to it alone: their message shows on its page, without its link.
    expect((await request(new Client(t.app), second.adminEmail)).status).toBe(202);
    const shown = await outboxMessages(second);
    expect(shown.map((m) => m.recipient)).toEqual([second.adminEmail]);
    expect(shown[0]!.body).toContain(WITHHELD);
    expect(shown[0]!.body).not.toContain(await magicLinkSentTo(second.adminEmail));
    expect(await outboxMessages(first)).toEqual([]);
  });

  it('shows an invitation’s link while the invitation is open, and no longer once accepted', async () => {
    const f = await newPartnership(t);
    const { email, token } = await invite(f);
    const shown = async () => (await outboxMessages(f)).find((m) => m.recipient === email)!.body;
    expect(await shown()).toContain(`http://entente.test/invitation#${token}`);
    expect((await accept(new Client(t.app), token, NEW_PASSWORD)).status).toBe(200);
    expect(await shown()).not.toContain(token);
    expect(await shown()).toContain(`(valable 7 jours) :\n${WITHHELD}`);
  });

  it('shows only the partnership’s own messages', async () => {
    const f = await newPartnership(t);
    const other = await newPartnership(t);
    await request(new Client(t.app), other.adminEmail);
    expect(await outboxMessages(f)).toEqual([]);
    expect((await outboxMessages(other)).map((m) => m.recipient)).toEqual([other.adminEmail]);
  });

  it('is empty on a server that delivers by e-mail', async () => {
    const mailing = await startTestApp({ smtpUrl: 'smtp://127.0.0.1:1' });
    try {
      const f = await newPartnership(mailing);
      const response = await f.admin.get(`${f.base}/outbox`);
      expect(response.body).toEqual({ deliversByEmail: true, messages: [], next: null });
    } finally {
      await mailing.close();
    }
  });
});

describe('accounts created directly', () => {
  it('refuse a password shorter than 12 characters', async () => {
    await expect(createAccountWithPassword(t.store.db, uniqueEmail('short'), 'elevenchars')).rejects.toThrow();
  });
});
