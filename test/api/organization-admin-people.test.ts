import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { builder, countRows, journalLength, journalOf, outboxMessages, uniqueName } from '../support/structure.js';
import { Client, newMember, newPartnership, ServerLog, startTestApp, uniqueEmail, type PartnershipFixture, type TestApp } from '../support/test-app.js';

let t: TestApp;
/** Without SMTP, where a mail's link that opens an account goes, for its addressee alone. */
const serverLog = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: serverLog.logger });
});
afterAll(() => t.close());

describe('an organization administrator adding people', () => {
  it('is told which organizations they may add people to, and adds them there only', async () => {
    const f = await newPartnership(t);
    const mine = await builder(f).organization();
    const theirs = await builder(f).organization();
    const director = await newMember(t, f, { memberships: [{ organizationId: mine, kind: 'staff', isOrganizationAdmin: true }] });

    const overview = await director.client.get(f.base);
    expect(overview.body.can).toEqual({ manageStructure: false, manageOrganizations: [mine] });

    const created = await director.client.post(`${f.base}/people`, {
      fullName: 'Nouvelle Bénévole',
      memberships: [{ organizationId: mine, kind: 'volunteer' }],
    });
    expect(created.status).toBe(201);
    expect((await director.client.get(`${f.base}/organizations/${mine}`)).body.members.map((m: { personId: string }) => m.personId)).toContain(
      created.body.id,
    );

    const elsewhere = await director.client.post(`${f.base}/people`, {
      fullName: 'Ailleurs',
      memberships: [{ organizationId: theirs, kind: 'volunteer' }],
    });
    expect(elsewhere.status).toBe(403);
  });

  it('must name the organization, with a message on that field', async () => {
    const f = await newPartnership(t);
    const mine = await builder(f).organization();
    const director = await newMember(t, f, { memberships: [{ organizationId: mine, kind: 'staff', isOrganizationAdmin: true }] });
    const response = await director.client.post(`${f.base}/people`, { fullName: 'Sans Maison', memberships: [] });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual({ 'memberships.0.organizationId': 'Ce champ est obligatoire.' });
  });

  it('leaves a plain member unable to add anyone', async () => {
    const f = await newPartnership(t);
    const house = await builder(f).organization();
    const member = await newMember(t, f, { memberships: [{ organizationId: house, kind: 'volunteer' }] });
    expect((await member.client.get(f.base)).body.can).toEqual({ manageStructure: false, manageOrganizations: [] });
    const response = await member.client.post(`${f.base}/people`, { fullName: 'Personne', memberships: [{ organizationId: house, kind: 'volunteer' }] });
    expect(response.status).toBe(403);
  });
});

/** Two houses; the director administers the first, Élise belongs to the second and has an account. */
async function twoHouses() {
  const f = await newPartnership(t);
  const mine = await builder(f).organization(uniqueName('Maison des Possibles'));
  const theirs = await builder(f).organization();
  const director = await newMember(t, f, { fullName: 'Damien Roche', memberships: [{ organizationId: mine, kind: 'staff', isOrganizationAdmin: true }] });
  const elise = await newMember(t, f, { fullName: 'Élise Marchand', memberships: [{ organizationId: theirs, kind: 'volunteer' }] });
  return { f, mine, theirs, director, elise };
}

const entriesSince = async (f: PartnershipFixture, seq: number) =>
  (await journalOf(t, f.partnershipId)).filter((e) => e.seq > seq).map((e) => ({ kind: e.kind, payload: e.payload }));

const accountOf = async (personId: string) =>
  (await t.store.db.selectFrom('person').select('account_id').where('id', '=', personId).executeTakeFirstOrThrow()).account_id;

describe('an organization administrator adding someone who belongs elsewhere', () => {
  it('only asks them: nothing changes until they accept from their own page, whose plain address the mail gives', async () => {
    const { f, mine, theirs, director, elise } = await twoHouses();
    const body = await builder(f).body({ delegatesPerOrganization: 2 });
    const before = await countRows(t, f.partnershipId);
    const seq = await journalLength(t, f.partnershipId);
    const asked = await director.client.post(`${f.base}/organizations/${mine}/memberships`, { personId: elise.personId, kind: 'volunteer' });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ id: expect.any(String), pending: true });
    const requestId = asked.body.id as string;
    expect(await entriesSince(f, seq)).toEqual([
      { kind: 'membership.requested', payload: { requestId, personId: elise.personId, organizationId: mine, membershipKind: 'volunteer', isOrganizationAdmin: false } },
    ]);
    expect((await countRows(t, f.partnershipId)).membership).toBe(before.membership);
    // Not a member yet: the director can neither seat her for the house nor read her details.
    const seat = await director.client.post(`${f.base}/bodies/${body}/members`, { personId: elise.personId, organizationId: mine, capacity: 'delegate', mandateSource: 'board', startsOn: '2026-03-10' });
    expect(seat.status).toBe(400);
    expect((await director.client.get(`${f.base}/people/${elise.personId}`)).body).toMatchObject({ contact: null, memberships: [{ organizationId: theirs }] });
    const again = await director.client.post(`${f.base}/organizations/${mine}/memberships`, { personId: elise.personId, kind: 'staff' });
    expect(again.status).toBe(409);
    expect(again.body.fields.personId).toBe('Une demande attend déjà la réponse de cette personne pour cette structure.');

    // The mail links to her own page, and holds no key to her account: she signs in as usual.
    const mail = (await outboxMessages(f)).find((m) => m.recipient === elise.email)!;
    expect(mail.subject).toMatch(/^« Maison des Possibles .* » vous propose de la rejoindre$/);
    expect(mail.body).toContain('Damien Roche, qui administre « Maison des Possibles');
    expect(mail.body).toContain(`http://entente.test/p/${f.partnershipId}/personnes/${elise.personId}\n`);
    expect(mail.body).not.toMatch(/connexion\/lien|invitation|#/);
    const magicLinks = await t.store.db.selectFrom('magic_link').select('token_hash').where('account_id', '=', (await accountOf(elise.personId))!).execute();
    expect(magicLinks).toEqual([]);
    await t.app.mailer.idle();
    expect(serverLog.linkMailedTo(elise.email, /(http:\/\/entente\.test\/\S+)/)).toBe(`http://entente.test/p/${f.partnershipId}/personnes/${elise.personId}`);
    const fromMail = elise.client;
    // Signing in by e-mailed link from the sign-in page keeps the page to open: a path of this site only.
    const page = `/p/${f.partnershipId}/personnes/${elise.personId}`;
    expect((await new Client(t.app).post('/api/v1/auth/magic-link', { email: elise.email, vers: '//evil.example/p' })).status).toBe(400);
    expect((await new Client(t.app).post('/api/v1/auth/magic-link', { email: elise.email, vers: page })).status).toBe(202);
    await t.app.mailer.idle();
    const signIn = /\?vers=([^#\s]+)#([\w-]+)/.exec(serverLog.linkMailedTo(elise.email, /(http:\/\/entente\.test\/connexion\/lien\S+)/))!;
    expect(decodeURIComponent(signIn[1]!)).toBe(page);
    const own = (await fromMail.get(`${f.base}/people/${elise.personId}`)).body;
    expect(own.membershipRequests).toEqual([
      expect.objectContaining({ id: requestId, organizationId: mine, kind: 'volunteer', requestedBy: 'Damien Roche', canAnswer: true }),
    ]);
    // The house's administrator sees it waiting; a member of her own house does not see it at all.
    expect((await director.client.get(`${f.base}/people/${elise.personId}`)).body.membershipRequests).toEqual([expect.objectContaining({ id: requestId, canAnswer: false })]);
    const neighbour = await newMember(t, f, { memberships: [{ organizationId: theirs, kind: 'volunteer' }] });
    expect((await neighbour.client.get(`${f.base}/people/${elise.personId}`)).body.membershipRequests).toEqual([]);

    expect((await director.client.post(`${f.base}/membership-requests/${requestId}/accept`)).status).toBe(403);
    expect((await neighbour.client.post(`${f.base}/membership-requests/${requestId}/accept`)).status).toBe(403);
    const accepting = await journalLength(t, f.partnershipId);
    const accepted = await fromMail.post(`${f.base}/membership-requests/${requestId}/accept`);
    expect(accepted.status).toBe(200);
    const membershipId = accepted.body.membershipId as string;
    expect(await entriesSince(f, accepting)).toEqual([
      { kind: 'membership.request_answered', payload: { requestId, personId: elise.personId, organizationId: mine, answer: 'accepted', membershipId } },
      { kind: 'membership.created', payload: { membershipId, personId: elise.personId, organizationId: mine, membershipKind: 'volunteer', isOrganizationAdmin: false } },
    ]);
    expect((await fromMail.get(`${f.base}/people/${elise.personId}`)).body).toMatchObject({ membershipRequests: [], memberships: expect.arrayContaining([expect.objectContaining({ id: membershipId, organizationId: mine })]) });
    expect((await outboxMessages(f)).map((m) => [m.recipient, m.subject])).toContainEqual([director.email, expect.stringMatching(/^Élise Marchand a rejoint « Maison des Possibles/)]);
    expect((await director.client.post(`${f.base}/bodies/${body}/members`, { personId: elise.personId, organizationId: mine, capacity: 'delegate', mandateSource: 'board', startsOn: '2026-03-10' })).status).toBe(201);
    expect((await fromMail.post(`${f.base}/membership-requests/${requestId}/decline`)).status).toBe(409);
    expect(await checkStateAgainstJournal(t.store.db, f.partnershipId)).toEqual([]);
  });

  it('is declined without a trace but the answer; a partnership administrator adds at once and may answer for the person', async () => {
    const { f, mine, director, elise } = await twoHouses();
    const asked = await director.client.post(`${f.base}/organizations/${mine}/memberships`, { personId: elise.personId, kind: 'board', isOrganizationAdmin: true });
    expect(asked.status).toBe(202);
    const before = await countRows(t, f.partnershipId);
    const seq = await journalLength(t, f.partnershipId);
    const declined = await elise.client.post(`${f.base}/membership-requests/${asked.body.id}/decline`);
    expect(declined.body).toEqual({ id: asked.body.id, answer: 'declined', membershipId: null });
    expect(await entriesSince(f, seq)).toEqual([
      { kind: 'membership.request_answered', payload: { requestId: asked.body.id, personId: elise.personId, organizationId: mine, answer: 'declined', membershipId: null } },
    ]);
    expect((await countRows(t, f.partnershipId)).membership).toBe(before.membership);
    expect((await outboxMessages(f)).map((m) => m.subject)).toContainEqual(expect.stringMatching(/^Élise Marchand n’a pas rejoint/));

    // Asked again, she does not answer; a partnership administrator answers for her, or adds her at once.
    const second = await director.client.post(`${f.base}/organizations/${mine}/memberships`, { personId: elise.personId, kind: 'volunteer' });
    expect(second.status).toBe(202);
    expect((await f.admin.post(`${f.base}/membership-requests/${second.body.id}/accept`)).status).toBe(200);
    const other = await builder(f).organization();
    const added = await f.admin.post(`${f.base}/organizations/${other}/memberships`, { personId: elise.personId, kind: 'volunteer' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.any(String), pending: false });
    expect(await checkStateAgainstJournal(t.store.db, f.partnershipId)).toEqual([]);
    const other404 = await newPartnership(t);
    expect((await other404.admin.post(`${f.base.replace(f.partnershipId, other404.partnershipId)}/membership-requests/${second.body.id}/accept`)).status).toBe(404);
  });

  it('adds at once someone they already manage, asks someone who belongs nowhere, and invites them by the mail when they have no account', async () => {
    const { f, mine, director } = await twoHouses();
    const second = await builder(f).organization();
    await f.admin.post(`${f.base}/organizations/${second}/memberships`, { personId: director.personId, kind: 'staff', isOrganizationAdmin: true });
    const own = await builder(f).person({ memberships: [{ organizationId: mine, kind: 'volunteer' }] });
    expect((await director.client.post(`${f.base}/organizations/${second}/memberships`, { personId: own, kind: 'volunteer' })).status).toBe(201);
    const email = uniqueEmail('nowhere');
    const nowhere = await builder(f).person({ fullName: 'Noé Sans-Maison', email });
    const asked = await director.client.post(`${f.base}/organizations/${mine}/memberships`, { personId: nowhere, kind: 'volunteer' });
    expect(asked.status).toBe(202);
    await t.app.mailer.idle();
    const link = /\?vers=([^#\s]+)#([\w-]+)/.exec(serverLog.linkMailedTo(email, /(http:\/\/entente\.test\/invitation\S+)/))!;
    expect(decodeURIComponent(link[1]!)).toBe(`/p/${f.partnershipId}/personnes/${nowhere}`);
    expect((await new Client(t.app).post('/api/v1/auth/invitation/describe', { token: link[2] })).body).toMatchObject({ fullName: 'Noé Sans-Maison', email });
  });
});
