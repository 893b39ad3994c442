import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { furnishedWithFacilitator, partnershipRoutes, type Furnished } from '../support/partnership-routes.js';
import { pdfText } from '../support/pdf-text.js';
import { newMember, newPartnership, startTestApp, uniqueEmail, type Client, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * A person's e-mail address and phone number are for those who manage them (the partnership's
 * administrators, their organization's administrators) and for themself: no page, file or
 * export of the partnership gives them to anyone else, however the request is made.
 */
let t: TestApp;
let f: PartnershipFixture;
let ids: Furnished;
let member: Awaited<ReturnType<typeof newMember>>;
const secret = { email: uniqueEmail('nadia.confidentielle'), phone: '06 98 76 54 32' };

beforeAll(async () => {
  t = await startTestApp();
  f = await newPartnership(t);
  ({ ids, facilitator: member } = await furnishedWithFacilitator(t, f, 'Nadia Benali'));
  expect((await f.admin.patch(`${f.base}/people/${ids.personId}`, { email: secret.email, phone: secret.phone })).status).toBe(200);
  // Nadia takes part in everything the pages show: a meeting she attends, minutes that name her.
  expect((await member.client.put(`${f.base}/meetings/${ids.meetingId}/attendance`, { personId: ids.personId, status: 'present' })).status).toBe(204);
  expect((await member.client.put(`${f.base}/meetings/${ids.meetingId}/minutes`, { text: 'Nadia Benali présente le projet.', basedOn: 0 })).status).toBe(200);
});
afterAll(() => t.close());

/** What a reader of the answer sees: the text of a PDF, the body of anything else. */
async function readAs(client: Client, url: string): Promise<{ status: number; text: string }> {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie! } });
  const isPdf = String(response.headers['content-type']).startsWith('application/pdf');
  return { status: response.statusCode, text: isPdf ? (await pdfText(new Uint8Array(response.rawPayload))).join('\n') : response.body };
}

const readableRoutes = () =>
  partnershipRoutes(f.base, ids, ids, null)
    .filter(([method]) => method === 'GET')
    .map(([, url]) => url);

describe('contact details', () => {
  it('appear nowhere a body member reads: pages, registers, PDFs, calendar, journal, exports', async () => {
    const urls = [...readableRoutes(), '/api/v1/auth/export', '/api/v1/auth/session', `${f.base}/people?q=${encodeURIComponent(secret.email)}`];
    const refused: string[] = [];
    for (const url of urls) {
      const { status, text } = await readAs(member.client, url);
      if (status !== 200) refused.push(`${status} ${url.replace(f.base, '…')}`);
      expect(text, url).not.toContain(secret.email);
      expect(text, url).not.toContain(secret.phone);
    }
    // Every page was read, but for the administrators' own two, and how a round would close, asked while none is open.
    expect(refused).toEqual(['404 …/outbox', '403 …/backup', `409 …/proposals/${ids.proposalId}/close-round`]);
  });

  it('are shown to the partnership’s administrators, who manage the person', async () => {
    const { text } = await readAs(f.admin, `${f.base}/people/${ids.personId}`);
    expect(text).toContain(secret.email);
    expect(text).toContain(secret.phone);
  });

  it('are in the administrators’ backup, which is as sensitive as the database, and only theirs', async () => {
    const { status, text } = await readAs(f.admin, `${f.base}/backup`);
    expect(status).toBe(200);
    expect(text).toContain(secret.phone);
    expect((await readAs(member.client, `${f.base}/backup`)).status).toBe(403);
  });
});

describe('a dispute’s ending', () => {
  it('shows nothing of the dispute to those it does not name, and publishes its write-up alone', async () => {
    // Nadia and the administrator are its parties; the facilitator (`member`) is not named.
    const [disputeId, taskId, circleId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const now = t.clock.now();
    const words = { subject: 'Sujet confidentiel du différend', objective: 'Objectif confidentiel', notes: 'Notes confidentielles du cercle', place: 'Lieu confidentiel', writeUp: 'Ce que l’équipe a appris, sans personne.' };
    await t.store.db
      .insertInto('dispute')
      .values({ id: disputeId, partnership_id: f.partnershipId, charter_id: ids.charterId, charter_version_id: ids.versionId, subject: words.subject, opened_by: ids.personId, opened_at: now, stage: 'write_up', crisis_due_at: now, existence_visible: false, write_up: words.writeUp })
      .execute();
    await t.store.db.insertInto('dispute_party').values([ids.personId, f.adminPersonId].map((person_id) => ({ dispute_id: disputeId, person_id, consents_to_publish: true }))).execute();
    await t.store.db.insertInto('dispute_task').values({ id: taskId, dispute_id: disputeId, position: 0, objective: words.objective, owner_id: ids.personId, due_on: '2026-04-30', status: 'open' }).execute();
    await t.store.db.insertInto('dispute_meeting').values({ id: circleId, dispute_id: disputeId, kind: 'restorative_circle', starts_at: now, place: words.place, called_by: ids.personId, called_at: now, held_at: now, outcome: 'held' }).execute();
    await t.store.db.insertInto('dispute_meeting_note').values({ meeting_id: circleId, round: 'actions', text: words.notes, written_at: now }).execute();
    const dispute = `${f.base}/disputes/${disputeId}`;
    const urls = [...readableRoutes(), `${f.base}/experience-reports`, `${f.base}/to-do`, `${dispute}/ending`, '/api/v1/auth/export'];
    const read = async () => {
      for (const url of urls) {
        const { text } = await readAs(member.client, url);
        for (const secretWord of [words.subject, words.objective, words.notes, words.place]) expect(text, url).not.toContain(secretWord);
      }
    };
    await read();
    expect((await readAs(member.client, `${dispute}/ending`)).status).toBe(404);
    expect((await readAs(member.client, `${f.base}/experience-reports`)).text).not.toContain(words.writeUp);
    // Published with both parties' yes: its text and day reach every member, nothing else of the dispute.
    await t.store.db.updateTable('dispute').set({ write_up_published_at: now }).where('id', '=', disputeId).execute();
    await read();
    const reports = await readAs(member.client, `${f.base}/experience-reports`);
    expect(reports.text).toContain(words.writeUp);
    expect(reports.text).not.toContain(disputeId);
    expect(reports.text).not.toContain('Nadia');
  });
});

describe('a dispute', () => {
  it('shows its subject, parties and notes to none it does not name: a member, an administrator, another partnership; at most one line saying it exists', async () => {
    // Nadia and the other person are its parties; the facilitator (`member`) and the administrator are not named.
    const [disputeId, meetingId] = [crypto.randomUUID(), crypto.randomUUID()];
    const now = t.clock.now();
    const words = { subject: 'Objet secret du différend de crise', notes: 'Notes secrètes de la réunion de crise', agreement: 'Accord secret', place: 'Lieu secret de la crise' };
    await t.store.db
      .insertInto('dispute')
      .values({ id: disputeId, partnership_id: f.partnershipId, charter_id: ids.charterId, charter_version_id: ids.versionId, subject: words.subject, opened_by: ids.personId, opened_at: now, stage: 'crisis', crisis_due_at: now, existence_visible: true, agreement: words.agreement })
      .execute();
    await t.store.db.insertInto('dispute_party').values([ids.personId, ids.otherPersonId].map((person_id) => ({ dispute_id: disputeId, person_id }))).execute();
    await t.store.db.insertInto('dispute_meeting').values({ id: meetingId, dispute_id: disputeId, kind: 'crisis', starts_at: now, place: words.place, called_by: ids.personId, called_at: now }).execute();
    await t.store.db.insertInto('dispute_meeting_note').values({ meeting_id: meetingId, round: 'facts', text: words.notes, written_by: ids.personId, written_at: now }).execute();
    const dispute = `${f.base}/disputes/${disputeId}`;
    const other = await newPartnership(t);
    const urls = [...readableRoutes(), `${f.base}/disputes`, `${f.base}/to-do`, `${f.base}/compliance`, dispute, '/api/v1/auth/export'];
    for (const reader of [member.client, f.admin]) {
      for (const url of urls) {
        const { text } = await readAs(reader, url);
        for (const secretWord of Object.values(words)) expect(text, url).not.toContain(secretWord);
      }
      expect((await readAs(reader, dispute)).status).toBe(404);
      const list = JSON.parse((await readAs(reader, `${f.base}/disputes`)).text);
      // The administrator is a party to the ending's dispute above: that one they read, not this one.
      expect(list.disputes.map((row: { id: string }) => row.id)).not.toContain(disputeId);
      expect(list.others).toEqual([expect.objectContaining({ id: disputeId })]);
      expect(JSON.stringify(list.others)).not.toContain('Nadia');
    }
    for (const url of [`${f.base}/disputes`, dispute]) expect((await readAs(other.admin, url)).status).toBe(404);
  });
});
