import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { MINUTES_MAX_LENGTH } from '../../src/meetings/rules.js';
import { calendarDay } from '../../src/common/dates.js';
import { formatMeetingTime } from '../../src/i18n/server-messages.js';
import type { PrintJob } from '../../src/documents/pdf.js';
import { pdfText } from '../support/pdf-text.js';
import { anchorIn, builder, headOf, journalOf, outboxMessages } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/** A steering committee of two houses, two delegates each, inside a plenary that hears its minutes. */
async function steering() {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  const plenary = await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const body = await build.body({ name: 'Comité de pilotage', kind: 'steering', parentBodyId: plenary, delegatesPerOrganization: 2 });
  const seat = async (fullName: string, organizationId: string, bodyId = body) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board' }] });
    await build.seat(bodyId, { personId: member.personId, organizationId });
    return member;
  };
  const [nadia, gerard, samia, bernard] = [await seat('Nadia Benali', tilleuls), await seat('Gérard Lefèvre', tilleuls), await seat('Samia Haddad', moulin), await seat('Bernard Colin', moulin)] as [Member, Member, Member, Member];
  const odile = await seat('Odile Perrin', tilleuls, plenary);
  return { f, body, plenary, tilleuls, moulin, nadia, gerard, samia, bernard, odile };
}

type Steering = Awaited<ReturnType<typeof steering>>;

async function meeting(s: Steering) {
  const called = await s.nadia.client.post(`${s.f.base}/meetings`, {
    bodyId: s.body,
    title: 'Comité de rentrée',
    startsAt: '2026-09-15T18:30:00+02:00',
    durationMinutes: 120,
    place: 'Salle polyvalente du Moulin',
    secretaryId: s.samia.personId,
  });
  expect(called.status, JSON.stringify(called.body)).toBe(201);
  return `${s.f.base}/meetings/${called.body.id}`;
}

const inDays = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();

/** The secretary submits the minutes for a week, and every attendee given approves the text as it stands. */
async function reviewedByAll(s: Steering, url: string, attendees: Member[]) {
  expect((await s.samia.client.post(`${url}/minutes/review`, { until: inDays(7) })).status).toBe(204);
  const version = (await s.samia.client.get(url)).body.minutesVersion;
  for (const attendee of attendees) expect((await attendee.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: version })).status).toBe(204);
}

describe('a meeting of the steering committee', () => {
  it('is announced to each member by an invitation carrying its calendar event and a button to its page', async () => {
    const s = await steering();
    const url = await meeting(s);
    const invitations = (await outboxMessages(s.f)).filter((m) => m.subject.startsWith('Convocation'));
    expect(invitations.map((m) => m.recipient).sort()).toEqual([s.nadia.email, s.gerard.email, s.samia.email, s.bernard.email].sort());
    expect(invitations[0]!.subject).toBe('Convocation — Comité de pilotage : « Comité de rentrée », mardi 15 septembre 2026 à 18:30');
    expect(invitations[0]!.body).toContain('Lieu : Salle polyvalente du Moulin');
    expect(invitations[0]!.body).toContain('Animation : Nadia Benali');
    const [invitation, ...duplicates] = log.mailsTo(s.gerard.email).filter((m) => m.subject.includes('Comité de rentrée'));
    expect(duplicates).toEqual([]);
    expect(invitation!.button).toBe(`/p/${s.f.partnershipId}/reunions/${url.split('/').pop()}`);
    const stored = await t.store.db.selectFrom('outbox_message').select('calendar').where('partnership_id', '=', s.f.partnershipId).where('subject', 'like', 'Convocation%').execute();
    expect(stored.every((row) => row.calendar?.includes('DTSTART:20260915T163000Z') && row.calendar.includes('SUMMARY:Comité de pilotage — Comité de rentrée'))).toBe(true);
  });

  it('is called by a member, who facilitates; the agenda is built together and ordered by the facilitator', async () => {
    const s = await steering();
    const url = await meeting(s);
    const first = await s.gerard.client.post(`${url}/agenda`, { kind: 'information', title: 'Nouvelles des maisons' });
    const second = await s.bernard.client.post(`${url}/agenda`, { kind: 'discussion', title: 'Bilan des sorties d’été', minutesAllotted: 30 });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await s.odile.client.post(`${url}/agenda`, { kind: 'information', title: 'Je ne siège pas ici' })).status).toBe(403);
    expect((await s.gerard.client.put(`${url}/agenda/order`, { itemIds: [second.body.id, first.body.id] })).status).toBe(403);
    const missing = await s.nadia.client.put(`${url}/agenda/order`, { itemIds: [second.body.id] });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.itemIds).toBe('L’ordre doit reprendre chaque point de l’ordre du jour, une fois.');
    expect((await s.nadia.client.put(`${url}/agenda/order`, { itemIds: [second.body.id, first.body.id] })).status).toBe(204);
    const page = (await s.odile.client.get(url)).body;
    expect(page).toMatchObject({ facilitator: { id: s.nadia.personId }, secretary: { id: s.samia.personId }, place: 'Salle polyvalente du Moulin' });
    expect(page.agenda.map((item: { title: string }) => item.title)).toEqual(['Bilan des sorties d’été', 'Nouvelles des maisons']);
  });

  it('shows the quorum live: one delegate of each house must be there', async () => {
    const s = await steering();
    const url = await meeting(s);
    const note = (member: Member, status: string, representedBy: string | null = null) =>
      s.samia.client.put(`${url}/attendance`, { personId: member.personId, status, representedBy });
    expect((await note(s.nadia, 'present')).status).toBe(204);
    expect((await note(s.gerard, 'present')).status).toBe(204);
    expect((await s.odile.client.get(url)).body.quorum).toEqual({ rule: 'one_delegate_per_organization', met: false, missingOrganizationIds: [s.moulin], missingOrganizations: ['Centre social du Moulin'], present: 2, members: 4 });
    const alone = await note(s.bernard, 'represented');
    expect(alone.status).toBe(400);
    expect(alone.body.fields.representedBy).toBe('Un membre représenté l’est par un autre membre présent.');
    // Samia holds Bernard's voice once she is noted present.
    expect((await note(s.bernard, 'represented', s.samia.personId)).status).toBe(400);
    expect((await note(s.samia, 'excused')).status).toBe(204);
    expect((await note(s.bernard, 'represented', s.samia.personId)).status).toBe(400);
    expect((await note(s.samia, 'present')).status).toBe(204);
    expect((await note(s.bernard, 'represented', s.samia.personId)).status).toBe(204);
    expect((await s.odile.client.get(url)).body.quorum).toMatchObject({ met: true, missingOrganizations: [], present: 4 });
    expect((await s.gerard.client.put(`${url}/attendance`, { personId: s.samia.personId, status: 'present', representedBy: null })).status).toBe(403);
  });

  it('lists the members of the meeting’s day: one whose seat ends before it is not expected there', async () => {
    const s = await steering();
    const url = await meeting(s);
    const seat = (await s.f.admin.get(`${s.f.base}/bodies/${s.body}`)).body.members.find((m: { personId: string }) => m.personId === s.gerard.personId);
    expect((await s.f.admin.post(`${s.f.base}/bodies/${s.body}/members/${seat.id}/end`, { endsOn: '2026-06-01' })).status).toBe(200);
    const page = (await s.odile.client.get(url)).body;
    expect(page.attendance.map((a: { fullName: string }) => a.fullName)).toEqual(['Bernard Colin', 'Nadia Benali', 'Samia Haddad']);
    const refused = await s.samia.client.put(`${url}/attendance`, { personId: s.gerard.personId, status: 'present', representedBy: null });
    expect(refused.body.fields.personId).toBe('Cette personne ne siège pas dans l’instance qui se réunit.');
  });

  it('publishes its minutes: locked, journaled, printed, and sent to the committee and the plenary above it', async () => {
    const s = await steering();
    const url = await meeting(s);
    await s.samia.client.put(`${url}/attendance`, { personId: s.nadia.personId, status: 'present', representedBy: null });
    expect((await s.samia.client.post(`${url}/minutes/publish`)).status).toBe(409);
    expect((await s.gerard.client.put(`${url}/minutes`, { text: 'Pas secrétaire', basedOn: 0 })).status).toBe(403);
    const text = '## Bilan des sorties\n\nDeux sorties, **quarante familles**.\n\n- Car loué au Moulin\n- Pique-nique offert';
    expect((await s.samia.client.put(`${url}/minutes`, { text, basedOn: 0 })).body).toEqual({ version: 1 });
    await reviewedByAll(s, url, [s.nadia]);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).status).toBe(204);
    const changed = await s.samia.client.put(`${url}/minutes`, { text: 'Réécrit après coup', basedOn: 1 });
    expect(changed.status).toBe(409);
    expect(changed.body.message).toBe('Le compte rendu est publié : il ne peut plus changer.');
    await expect(sql`update meeting set minutes = 'forgé' where id = ${url.split('/').pop()}`.execute(t.store.db)).rejects.toThrow(/published minutes cannot change/);
    // The published record holds: no more agenda items or attendance changes either.
    expect((await s.nadia.client.post(`${url}/agenda`, { kind: 'information', title: 'Après coup' })).status).toBe(409);
    expect((await s.samia.client.put(`${url}/attendance`, { personId: s.gerard.personId, status: 'present', representedBy: null })).status).toBe(409);

    const page = (await s.odile.client.get(url)).body;
    expect(page.minutes).toBe(text);
    expect(page.minutesPublishedAt).not.toBeNull();
    expect(page.can).toEqual({ addItem: false, changeRoles: false, run: false, inviteGuests: false, publish: false, sayWord: false, review: false });
    const mails = (await outboxMessages(s.f)).filter((m) => m.subject.startsWith('Compte rendu'));
    expect(mails.map((m) => m.recipient).sort()).toEqual([s.nadia.email, s.gerard.email, s.samia.email, s.bernard.email, s.odile.email].sort());
    expect(mails[0]!.subject).toBe('Compte rendu — Comité de pilotage : « Comité de rentrée » du 15 septembre 2026');
    expect(mails[0]!.body).toContain('quarante familles');
    await anchorIn(t, s.f.partnershipId, mails[0]!.body);
    const published = log.mailsTo(s.odile.email).filter((m) => m.subject.startsWith('Compte rendu'));
    expect(published).toHaveLength(1);
    expect(published[0]!.button).toBe(`/p/${s.f.partnershipId}/reunions/${url.split('/').pop()}`);
    expect(published[0]!.body).toContain('parce que vous siégez dans « Comité de pilotage » ou dans l’instance dont elle relève');
    expect((await journalOf(t, s.f.partnershipId)).at(-1)).toMatchObject({ kind: 'meeting.minutes_published', payload: { recipients: 5 } });

    const pdf = await t.app.inject({ method: 'GET', url: `${url}/minutes.pdf`, headers: { cookie: s.odile.client.cookie! } });
    expect(pdf.statusCode).toBe(200);
    const printed = (await pdfText(new Uint8Array(pdf.rawPayload))).join(' ').replace(/\s+/g, ' ');
    for (const expected of ['Compte rendu — Comité de rentrée', 'Comité de pilotage, le 15 septembre 2026', 'Nadia Benali — présence', 'quarante familles', 'Car loué au Moulin']) expect(printed).toContain(expected);
  });

  it('submits its minutes to those present: amendments asked, the text changed, approved, then published', async () => {
    const s = await steering();
    const url = await meeting(s);
    for (const [member, status] of [[s.nadia, 'present'], [s.bernard, 'present'], [s.gerard, 'absent']] as const) {
      expect((await s.samia.client.put(`${url}/attendance`, { personId: member.personId, status, representedBy: null })).status).toBe(204);
    }
    expect((await s.samia.client.put(`${url}/minutes`, { text: 'Sorties : quarante familles.', basedOn: 0 })).status).toBe(200);
    const first = await s.samia.client.post(`${url}/minutes/publish`);
    expect(first.body.message).toBe('Soumettez d’abord le compte rendu à la relecture des présents.');
    expect((await s.samia.client.post(`${url}/minutes/review`, { until: inDays(-1) })).body.fields.until).toBe('Choisissez une fin de relecture à venir.');
    expect((await s.gerard.client.post(`${url}/minutes/review`, { until: inDays(7) })).status).toBe(403);
    const until = inDays(7);
    expect((await s.samia.client.post(`${url}/minutes/review`, { until })).status).toBe(204);
    const asked = (await outboxMessages(s.f)).filter((m) => m.subject.startsWith('À relire'));
    expect(asked.map((m) => m.recipient).sort()).toEqual([s.nadia.email, s.bernard.email].sort());
    expect(asked[0]!.body).toContain('Sorties : quarante familles.');
    const [reviewCall, ...duplicates] = log.mailsTo(s.bernard.email).filter((m) => m.subject.includes('compte rendu') || m.subject.includes('Compte rendu'));
    expect(duplicates).toEqual([]);
    expect(reviewCall!.subject).toBe('À relire — Comité de pilotage : compte rendu « Comité de rentrée » du 15 septembre 2026');
    expect(reviewCall!.button).toBe(`/p/${s.f.partnershipId}/reunions/${url.split('/').pop()}#relire-le-compte-rendu`);
    expect(reviewCall!.body).toContain(`À faire avant le : ${formatMeetingTime('fr', new Date(until))}`);

    // Only those present review; an amendment says what it asks.
    expect((await s.gerard.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: 1 })).status).toBe(403);
    expect((await s.nadia.client.put(`${url}/minutes/review`, { verdict: 'amend', basedOn: 1 })).body.fields.remark).toBe('Dites quel amendement vous proposez.');
    expect((await s.nadia.client.put(`${url}/minutes/review`, { verdict: 'amend', remark: 'Il y avait quarante-deux familles.', basedOn: 1 })).status).toBe(204);
    // Answers come in the order given: on the test's clock, standing still, both would bear the same instant.
    t.clock.advanceMinutes(1);
    expect((await s.bernard.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: 1 })).status).toBe(204);
    const waiting = await s.samia.client.post(`${url}/minutes/publish`);
    expect(waiting.status).toBe(409);
    expect(waiting.body.message).toBe('La relecture est encore ouverte et des présents n’ont pas approuvé ce texte : Nadia Benali.');

    // The secretary integrates the amendment; a save based on the old text is refused, not lost.
    expect((await s.samia.client.put(`${url}/minutes`, { text: 'Sorties : quarante-deux familles.', basedOn: 1 })).body).toEqual({ version: 2 });
    // Nadia facilitates, so she may edit too: her save based on the text she read is refused.
    const staleSave = await s.nadia.client.put(`${url}/minutes`, { text: 'Version de Nadia', basedOn: 1 });
    expect(staleSave.status).toBe(409);
    expect(staleSave.body.message).toBe('Le compte rendu a été modifié entre-temps : rechargez la page, relisez, puis recommencez.');
    expect((await s.nadia.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: 1 })).status).toBe(409);
    let page = (await s.bernard.client.get(url)).body;
    expect(page.reviews.map((r: { fullName: string; verdict: string; current: boolean }) => [r.fullName, r.verdict, r.current])).toEqual([
      ['Nadia Benali', 'amend', false],
      ['Bernard Colin', 'approve', false],
    ]);
    expect(page.can).toMatchObject({ review: true, run: false });
    // An approval holds for the text read: both approve the new version, and it may be published before the week is out.
    expect((await s.nadia.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: 2 })).status).toBe(204);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).body.message).toContain('Bernard Colin');
    expect((await s.bernard.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: 2 })).status).toBe(204);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).status).toBe(204);
    page = (await s.nadia.client.get(url)).body;
    expect(page.minutes).toBe('Sorties : quarante-deux familles.');
    const kinds = (await journalOf(t, s.f.partnershipId)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'meeting.minutes_reviewed')).toHaveLength(4);
    // The remark stays out of the journal: only its fingerprint.
    expect(JSON.stringify(await journalOf(t, s.f.partnershipId))).not.toContain('quarante-deux');
  });

  it('publishes once the review window has closed, whoever has not answered', async () => {
    const s = await steering();
    const url = await meeting(s);
    await s.samia.client.put(`${url}/attendance`, { personId: s.nadia.personId, status: 'present', representedBy: null });
    await s.samia.client.put(`${url}/minutes`, { text: 'Court.', basedOn: 0 });
    expect((await s.samia.client.post(`${url}/minutes/review`, { until: inDays(2) })).status).toBe(204);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).status).toBe(409);
    t.clock.advanceMinutes(2 * 24 * 60 + 1);
    expect((await s.nadia.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: 1 })).body.message).toBe('La relecture du compte rendu n’est pas ouverte.');
    // A text changed after the review has closed was read by nobody: it goes back to review.
    expect((await s.samia.client.put(`${url}/minutes`, { text: 'Court, et changé.', basedOn: 1 })).status).toBe(200);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).body.message).toBe('Soumettez d’abord le compte rendu à la relecture des présents.');
    expect((await s.samia.client.post(`${url}/minutes/review`, { until: inDays(1) })).status).toBe(204);
    t.clock.advanceMinutes(24 * 60 + 1);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).status).toBe(204);
  });

  it('runs live: opening round, each item timed in the agenda’s order, closing round, end', async () => {
    const s = await steering();
    const url = await meeting(s);
    const item = async (title: string, minutesAllotted: number | null = null) => (await s.gerard.client.post(`${url}/agenda`, { kind: 'discussion', title, minutesAllotted })).body.id as string;
    const summer = await item('Bilan de l’été', 20);
    const news = await item('Nouvelles des maisons');
    const advance = () => s.nadia.client.post(`${url}/advance`);
    const stage = async () => (await s.odile.client.get(url)).body.stage;

    expect((await s.samia.client.put(`${url}/round-word`, { word: 'En forme' })).body.message).toBe('Le tour d’inclusion ou de clôture n’est pas en cours.');
    expect((await s.gerard.client.post(`${url}/advance`)).status).toBe(403);
    expect((await advance()).status).toBe(204);
    expect(await stage()).toEqual({ kind: 'opening' });
    expect((await s.samia.client.put(`${url}/round-word`, { word: 'Contente d’être là' })).status).toBe(204);
    expect((await s.odile.client.put(`${url}/round-word`, { word: 'Je ne siège pas ici' })).status).toBe(403);
    expect((await s.bernard.client.put(`${url}/round-word`, { word: ' ' })).status).toBe(400);

    expect((await advance()).status).toBe(204);
    expect(await stage()).toEqual({ kind: 'item', itemId: summer });
    // An item added while the meeting runs, moved first, comes next: the first not taken up yet.
    const late = await item('Point ajouté en séance', 5);
    expect((await s.nadia.client.put(`${url}/agenda/order`, { itemIds: [late, summer, news] })).status).toBe(204);
    t.clock.advanceMinutes(25);
    let page = (await s.odile.client.get(url)).body;
    expect(page.agenda.find((i: { id: string }) => i.id === summer)).toMatchObject({ minutesAllotted: 20, minutesSpent: 25, endedAt: null });
    expect((await advance()).status).toBe(204);
    expect(await stage()).toEqual({ kind: 'item', itemId: late });
    t.clock.advanceMinutes(4);
    expect((await advance()).status).toBe(204);
    expect(await stage()).toEqual({ kind: 'item', itemId: news });
    expect((await advance()).status).toBe(204);
    expect(await stage()).toEqual({ kind: 'closing' });
    expect((await s.bernard.client.put(`${url}/round-word`, { word: 'Bonne soirée' })).status).toBe(204);
    expect((await advance()).status).toBe(204);
    expect(await stage()).toEqual({ kind: 'ended' });
    expect((await advance()).body.message).toBe('La réunion est close.');

    page = (await s.odile.client.get(url)).body;
    expect(page.agenda.map((i: { title: string; minutesSpent: number }) => [i.title, i.minutesSpent])).toEqual([
      ['Point ajouté en séance', 4],
      ['Bilan de l’été', 25],
      ['Nouvelles des maisons', 0],
    ]);
    expect(page.roundWords.map((w: { round: string; fullName: string; word: string }) => [w.round, w.fullName, w.word])).toEqual([
      ['opening', 'Samia Haddad', 'Contente d’être là'],
      ['closing', 'Bernard Colin', 'Bonne soirée'],
    ]);
    const journal = await journalOf(t, s.f.partnershipId);
    expect(journal.filter((e) => e.kind === 'meeting.advanced').map((e) => e.payload['stage'])).toEqual(['opening', 'item', 'item', 'item', 'closing', 'ended']);
    expect(JSON.stringify(journal)).not.toContain('Bonne soirée');
  });

  it('hands facilitation or the minutes to another member of the body, by its facilitator or an administrator only', async () => {
    const s = await steering();
    const url = await meeting(s);
    expect((await s.odile.client.put(`${url}/roles`, { facilitatorId: s.odile.personId, secretaryId: null })).status).toBe(403);
    // A member of the body, even its secretary, cannot take the meeting over.
    expect((await s.gerard.client.put(`${url}/roles`, { facilitatorId: s.gerard.personId, secretaryId: s.gerard.personId })).status).toBe(403);
    expect((await s.samia.client.put(`${url}/roles`, { facilitatorId: s.samia.personId, secretaryId: s.samia.personId })).status).toBe(403);
    expect((await s.gerard.client.get(url)).body.can.changeRoles).toBe(false);
    expect((await s.nadia.client.get(url)).body.can.changeRoles).toBe(true);
    expect((await s.nadia.client.put(`${url}/roles`, { facilitatorId: s.odile.personId, secretaryId: null })).body.fields.facilitatorId).toBe('Cette personne ne siège pas dans l’instance qui se réunit.');
    expect((await s.nadia.client.put(`${url}/roles`, { facilitatorId: s.bernard.personId, secretaryId: s.gerard.personId })).status).toBe(204);
    expect((await s.odile.client.get(url)).body).toMatchObject({ facilitator: { id: s.bernard.personId }, secretary: { id: s.gerard.personId } });
    // Nadia called the meeting but no longer runs it, nor hands it on; Bernard does.
    expect((await s.nadia.client.post(`${url}/advance`)).status).toBe(403);
    expect((await s.nadia.client.put(`${url}/roles`, { facilitatorId: s.nadia.personId, secretaryId: null })).status).toBe(403);
    expect((await s.bernard.client.post(`${url}/advance`)).status).toBe(204);
    expect((await journalOf(t, s.f.partnershipId)).at(-2)).toMatchObject({ kind: 'meeting.roles_changed', payload: { facilitatorId: s.bernard.personId, secretaryId: s.gerard.personId } });
    expect((await s.f.admin.put(`${url}/roles`, { facilitatorId: s.samia.personId, secretaryId: null })).status).toBe(204);
    expect((await s.odile.client.get(url)).body).toMatchObject({ facilitator: { id: s.samia.personId }, secretary: null });
  });

  it('called by an administrator outside the body without naming a facilitator, goes to whoever the rotation names', async () => {
    const s = await steering();
    expect((await s.nadia.client.post(`${s.f.base}/meetings`, { bodyId: s.body, title: 'Comité d’hiver', startsAt: '2026-03-02T18:00:00+01:00' })).status).toBe(201);
    const called = await s.f.admin.post(`${s.f.base}/meetings`, { bodyId: s.body, title: 'Comité de rentrée', startsAt: '2026-09-15T18:30:00+02:00' });
    expect(called.status, JSON.stringify(called.body)).toBe(201);
    // Nadia facilitated the last meeting; Bernard comes first, by name, of those who have not.
    expect((await s.f.admin.get(`${s.f.base}/meetings/${called.body.id}`)).body.facilitator).toEqual({ id: s.bernard.personId, fullName: 'Bernard Colin' });
    const empty = await builder(s.f).body({ name: 'Groupe de travail Jardins', kind: 'working_group' });
    const nobody = await s.f.admin.post(`${s.f.base}/meetings`, { bodyId: empty, title: 'Première réunion', startsAt: '2026-09-16T18:30:00+02:00' });
    expect(nobody.status).toBe(409);
    expect(nobody.body.message).toBe('Personne ne siège aujourd’hui dans cette instance : il n’y a personne à convoquer.');
  });

  it('exports to calendars, and rotates facilitation among those who have not facilitated yet', async () => {
    const s = await steering();
    const url = await meeting(s);
    const ics = await t.app.inject({ method: 'GET', url: `${url}/calendar.ics`, headers: { cookie: s.gerard.client.cookie! } });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('SUMMARY:Comité de pilotage — Comité de rentrée');
    expect(ics.body).toContain('DTSTART:20260915T163000Z');
    expect(ics.body).toContain('LOCATION:Salle polyvalente du Moulin');
    const past = await s.nadia.client.post(`${s.f.base}/meetings`, { bodyId: s.body, title: 'Comité d’hiver', startsAt: '2026-03-02T18:00:00+01:00' });
    expect(past.status).toBe(201);
    const listed = (await s.gerard.client.get(`${s.f.base}/bodies/${s.body}/meetings`)).body;
    expect(listed.meetings.map((m: { title: string }) => m.title)).toEqual(['Comité de rentrée', 'Comité d’hiver']);
    // Nadia facilitated the past meeting; the rotation goes on in the committee's order, by name.
    expect(listed.nextFacilitator).toEqual({ id: s.bernard.personId, fullName: 'Bernard Colin' });
    const other = await newPartnership(t);
    expect((await other.admin.get(url.replace(s.f.base, other.base))).status).toBe(404);
  });
});

describe('printing the minutes', () => {
  const printed = async (url: string, member: Member, locale = 'fr') => {
    const response = await t.app.inject({ method: 'GET', url: `${url}/minutes.pdf`, headers: { cookie: member.client.cookie!, 'x-entente-locale': locale } });
    expect(response.statusCode).toBe(200);
    const bytes = new Uint8Array(response.rawPayload);
    return { bytes, text: (await pdfText(bytes)).join(' ').replace(/\s+/g, ' ') };
  };
  const keptRows = (meetingUrl: string) => t.store.db.selectFrom('printed_document').select(['edition', 'locale']).where('subject_id', '=', meetingUrl.split('/').pop()!).orderBy('locale').execute();

  it('bounds the minutes to what a meeting writes, and says so in the writer’s language', async () => {
    const s = await steering();
    const url = await meeting(s);
    const longest = 'Le comité entend chaque maison. '.repeat(2_000).slice(0, MINUTES_MAX_LENGTH);
    const save = (text: string, locale: string) =>
      t.app.inject({
        method: 'PUT',
        url: `${url}/minutes`,
        headers: { cookie: s.samia.client.cookie!, 'x-csrf-token': s.samia.client.csrfToken!, 'x-entente-locale': locale, 'content-type': 'application/json' },
        payload: JSON.stringify({ text, basedOn: 0 }),
      });
    const french = await save(`${longest}.`, 'fr');
    expect(french.statusCode).toBe(400);
    expect(french.json().fields.text).toBe('Un compte rendu compte au plus 50\u202f000 caractères : raccourcissez ce texte.');
    expect((await save(`${longest}.`, 'en')).json().fields.text).toBe('Minutes hold at most 50,000 characters: shorten this text.');
    expect((await s.samia.client.get(url)).body.minutesVersion).toBe(0);
    expect((await save(longest, 'fr')).statusCode).toBe(200);
  });

  it('prints a draft afresh each time, and published minutes once: the PDF first printed is kept, in each language', async () => {
    const s = await steering();
    const url = await meeting(s);
    await s.samia.client.put(`${url}/attendance`, { personId: s.nadia.personId, status: 'present', representedBy: null });
    expect((await s.samia.client.put(`${url}/minutes`, { text: 'Sorties : quarante familles.', basedOn: 0 })).status).toBe(200);
    const rename = async (name: string) => expect((await s.f.admin.patch(`${s.f.base}/bodies/${s.body}`, { name })).status).toBe(200);
    expect((await printed(url, s.odile)).text).toContain('Comité de pilotage, le 15 septembre 2026');
    await rename('Comité de suivi');
    expect((await printed(url, s.odile)).text).toContain('Comité de suivi, le 15 septembre 2026');
    expect(await keptRows(url)).toEqual([]);

    await reviewedByAll(s, url, [s.nadia]);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).status).toBe(204);
    // Readers arriving together share one printing, which ends with the journal's head of that moment.
    const headAtFirstPrinting = await headOf(t, s.f.partnershipId);
    const [first, second] = await Promise.all([printed(url, s.odile), printed(url, s.gerard)]);
    expect(first.text).toContain('Comité de suivi, le 15 septembre 2026');
    expect(first.text).toMatch(new RegExp(`Journal du partenariat lors de la première impression de ce document, le [^:]+ : acte n° ${headAtFirstPrinting.seq}, code de contrôle ${headAtFirstPrinting.hash}\\.`));
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    await rename('Comité des maisons');
    const later = await printed(url, s.nadia);
    expect(later.text).toContain('Comité de suivi, le 15 septembre 2026');
    // The journal has moved on; the kept PDF still names the head it was printed at, still on the chain.
    expect((await headOf(t, s.f.partnershipId)).seq).toBeGreaterThan(headAtFirstPrinting.seq);
    expect(await anchorIn(t, s.f.partnershipId, later.text)).toEqual(headAtFirstPrinting);
    expect(Buffer.from(later.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect((await printed(url, s.odile, 'en')).text).toContain('Minutes — Comité de rentrée');
    expect(await keptRows(url)).toEqual([
      { edition: 'published', locale: 'en' },
      { edition: 'published', locale: 'fr' },
    ]);
  });

  it('prints kept minutes again once someone they name is erased, under their pseudonym', async () => {
    const s = await steering();
    const url = await meeting(s);
    await s.samia.client.put(`${url}/attendance`, { personId: s.gerard.personId, status: 'present', representedBy: null });
    expect((await s.samia.client.put(`${url}/minutes`, { text: 'Sorties : quarante familles.', basedOn: 0 })).status).toBe(200);
    await reviewedByAll(s, url, [s.gerard]);
    expect((await s.samia.client.post(`${url}/minutes/publish`)).status).toBe(204);
    expect((await printed(url, s.odile)).text).toContain('Secrétariat : Samia Haddad');
    expect((await s.f.admin.post(`${s.f.base}/people/${s.samia.personId}/erase`)).status).toBe(200);
    expect(await keptRows(url)).toEqual([]);
    const after = (await printed(url, s.odile)).text;
    expect(after).toContain('Secrétariat : Personne effacée');
    expect(after).not.toContain('Samia');
  });

  it('keeps no PDF whose printing read a name erased before it could be kept', async () => {
    const s = await steering();
    const url = await meeting(s);
    const meetingId = url.split('/').pop()!;
    const job = async (): Promise<PrintJob> => {
      expect((await s.f.admin.post(`${s.f.base}/people/${s.samia.personId}/erase`)).status).toBe(200);
      return { definition: { content: ['Secrétariat : Samia Haddad'] }, footer: { pageLabel: '{page}/{pages}', margin: [40, 0, 40, 0] } };
    };
    const pdf = await t.app.printing.kept({ partnershipId: s.f.partnershipId, subjectId: meetingId, edition: 'published', locale: 'fr' }, job);
    expect((await pdfText(new Uint8Array(pdf))).join(' ')).toContain('Samia Haddad');
    expect(await keptRows(url)).toEqual([]);
  });

  it('answers 503 in the reader’s language when every printer is busy and the queue is full', async () => {
    const busy = await startTestApp({ printing: { threads: 1, queue: 0 } });
    try {
      const f = await newPartnership(busy);
      const body = await builder(f).body({ name: 'Comité de pilotage', kind: 'steering' });
      const response = await busy.app.inject({ method: 'GET', url: `${f.base}/bodies/${body}/decisions.pdf`, headers: { cookie: f.admin.cookie! } });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('30');
      expect(response.json().message).toBe('Beaucoup de documents sont en cours d’impression : réessayez dans une minute.');
    } finally {
      await busy.close();
    }
  });
});

describe('a meeting held before or outside Entente', () => {
  const past = (s: Steering, values: Record<string, unknown> = {}) =>
    s.nadia.client.post(`${s.f.base}/meetings/past`, {
      bodyId: s.body,
      title: 'Comité d’automne',
      heldOn: '2025-11-20',
      facilitatorId: s.bernard.personId,
      secretaryId: s.samia.personId,
      attendeeIds: [s.nadia.personId, s.bernard.personId, s.samia.personId],
      minutes: '## Sorties\n\nLe comité retient **deux sorties** au printemps.',
      ...values,
    });

  it('is recorded afterwards by a member: its day, who facilitated and attended, its minutes published and frozen, journaled, mailed to nobody', async () => {
    const s = await steering();
    expect((await s.f.admin.patch(`${s.f.base}/bodies/${s.body}`, { foundedOn: '2025-01-10' })).status).toBe(200);
    const mailsBefore = (await outboxMessages(s.f)).length;
    const outsider = await s.odile.client.post(`${s.f.base}/meetings/past`, { bodyId: s.body, title: 'Pas mon instance', heldOn: '2025-11-20', facilitatorId: s.nadia.personId, minutes: 'x' });
    expect(outsider.status).toBe(403);
    expect((await past(s, { heldOn: inDays(1).slice(0, 10) })).body.fields.heldOn).toBe('Une réunion passée se tient aujourd’hui au plus tard : pour une réunion à venir, convoquez-la.');
    expect((await past(s, { heldOn: '2024-12-01' })).body.fields.heldOn).toBe('L’instance a été créée le 2025-01-10 : une réunion ne peut pas la précéder.');
    expect((await past(s, { attendeeIds: [s.odile.personId] })).body.fields.attendeeIds).toBe('Cette personne ne siège pas dans l’instance qui se réunit.');
    expect((await past(s, { minutes: '  ' })).body.fields.minutes).toBe('Ce champ est obligatoire.');

    // The seats were entered in Entente today, months after the meeting: those who sit now may be named.
    const recorded = await past(s);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const url = `${s.f.base}/meetings/${recorded.body.id}`;
    const page = (await s.gerard.client.get(url)).body;
    expect(page).toMatchObject({ recordedAfterwards: true, title: 'Comité d’automne', facilitator: { id: s.bernard.personId }, secretary: { id: s.samia.personId }, minutesVersion: 1 });
    expect(page.minutesPublishedAt).not.toBeNull();
    expect(page.minutes).toBe('## Sorties\n\nLe comité retient **deux sorties** au printemps.');
    expect(new Date(page.startsAt).toISOString()).toBe('2025-11-20T11:00:00.000Z');
    expect(page.attendance.map((a: { fullName: string; status: string }) => [a.fullName, a.status])).toEqual([
      ['Bernard Colin', 'present'],
      ['Nadia Benali', 'present'],
      ['Samia Haddad', 'present'],
    ]);
    expect(page.can).toEqual({ addItem: false, changeRoles: false, run: false, inviteGuests: false, publish: false, sayWord: false, review: false });
    expect((await s.f.admin.put(`${url}/minutes`, { text: 'Réécrit', basedOn: 1 })).status).toBe(409);
    await expect(sql`update meeting set minutes = 'forgé' where id = ${recorded.body.id}`.execute(t.store.db)).rejects.toThrow(/published minutes cannot change/);
    const entry = (await journalOf(t, s.f.partnershipId)).at(-1)!;
    expect(entry).toMatchObject({ kind: 'meeting.recorded', payload: { meetingId: recorded.body.id, bodyId: s.body, heldOn: '2025-11-20', facilitatorId: s.bernard.personId } });
    expect(JSON.stringify(entry)).not.toContain('deux sorties');
    expect((await outboxMessages(s.f)).length).toBe(mailsBefore);

    const listed = (await s.gerard.client.get(`${s.f.base}/bodies/${s.body}/meetings`)).body;
    expect(listed.meetings).toEqual([expect.objectContaining({ title: 'Comité d’automne', published: true, recordedAfterwards: true })]);
    // Bernard facilitated it: the rotation goes on with Gérard.
    expect(listed.nextFacilitator.fullName).toBe('Gérard Lefèvre');
    // Its minutes are proven by the entry that recorded it, as a restore and journal verify prove them.
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('counts in the cadence of the body from its founding, not from the day Entente came to know it', async () => {
    const s = await steering();
    expect((await s.f.admin.patch(`${s.f.base}/bodies/${s.body}`, { meetingsPerYear: 4 })).status).toBe(200);
    const cadence = async () => (await s.f.admin.get(`${s.f.base}/compliance`)).body.findings.find((finding: { code: string }) => finding.code === 'meeting_cadence');
    expect(await cadence()).toBeUndefined();
    const future = await s.f.admin.patch(`${s.f.base}/bodies/${s.body}`, { foundedOn: calendarDay(new Date(inDays(1))) });
    expect(future.body.fields.foundedOn).toBe('La date de création ne peut pas être à venir.');
    // Founded two years before it came into Entente: four meetings were due over the last twelve months.
    expect((await s.f.admin.patch(`${s.f.base}/bodies/${s.body}`, { foundedOn: '2024-03-01' })).status).toBe(200);
    expect((await s.f.admin.get(`${s.f.base}/bodies/${s.body}`)).body.foundedOn).toBe('2024-03-01');
    expect((await cadence())?.message).toBe('Comité de pilotage doit se réunir au moins 4 fois par an : sur les douze derniers mois, l’instance s’est réunie 0 fois, au lieu de 4.');
    for (const heldOn of ['2025-04-15', '2025-07-01', '2025-10-02', '2026-01-20']) expect((await past(s, { heldOn })).status).toBe(201);
    expect(await cadence()).toBeUndefined();
  });

  it('keeps the founding day a body is created with, and that day when none is given', async () => {
    const s = await steering();
    const founded = await builder(s.f).body({ name: 'Cercle Jardins', kind: 'circle', foundedOn: '2019-09-01' });
    expect((await s.f.admin.get(`${s.f.base}/bodies/${founded}`)).body.foundedOn).toBe('2019-09-01');
    expect((await s.f.admin.get(`${s.f.base}/bodies/${s.body}`)).body.foundedOn).toBe(calendarDay(t.clock.now()));
    expect((await journalOf(t, s.f.partnershipId)).find((e) => e.kind === 'body.created' && e.payload['bodyId'] === founded)?.payload['foundedOn']).toBe('2019-09-01');
  });
});

describe('finding a date', () => {
  it('asks the members, shows every answer and the best slot, and closes into a meeting with its invitations', async () => {
    const s = await steering();
    const slots = ['2026-09-14T18:30:00+02:00', '2026-09-15T18:30:00+02:00', '2026-09-17T18:30:00+02:00'];
    const opened = await s.gerard.client.post(`${s.f.base}/date-polls`, { bodyId: s.body, title: 'Comité de rentrée', slots });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const url = `${s.f.base}/date-polls/${opened.body.id}`;
    // Each member but the one who asks is called to answer, before the first slot at the latest.
    expect(log.mailsTo(s.gerard.email).filter((m) => m.subject.startsWith('Quand pouvez-vous'))).toEqual([]);
    const [pollCall, ...duplicates] = log.mailsTo(s.samia.email).filter((m) => m.subject.startsWith('Quand pouvez-vous'));
    expect(duplicates).toEqual([]);
    expect(pollCall!.subject).toBe('Quand pouvez-vous vous réunir ? — Comité de pilotage : « Comité de rentrée »');
    expect(pollCall!.button).toBe(`/p/${s.f.partnershipId}/sondages/${opened.body.id}#repondre`);
    expect(pollCall!.body).toContain('Gérard Lefèvre cherche une date pour « Comité de rentrée » (Comité de pilotage) et propose 3 créneaux.');
    expect(pollCall!.body).toContain(`À faire avant le : ${formatMeetingTime('fr', new Date(slots[0]!))}`);
    expect(log.mailsTo(s.odile.email).filter((m) => m.subject.startsWith('Quand pouvez-vous'))).toEqual([]);
    const tooFew = await s.gerard.client.post(`${s.f.base}/date-polls`, { bodyId: s.body, title: 'Une seule date', slots: [slots[0]] });
    expect(tooFew.body.fields.slots).toBe('Proposez au moins deux dates.');
    const ids = ((await s.gerard.client.get(url)).body.slots as { id: string }[]).map((slot) => slot.id);
    const answer = (member: Member, answers: string[]) => member.client.put(`${url}/answers`, { answers: answers.map((a, i) => ({ slotId: ids[i], answer: a })) });
    expect((await answer(s.nadia, ['yes', 'no', 'yes'])).status).toBe(204);
    expect((await answer(s.samia, ['no', 'yes', 'if_need_be'])).status).toBe(204);
    expect((await answer(s.bernard, ['yes', 'no', 'yes'])).status).toBe(204);
    expect((await answer(s.odile, ['yes', 'yes', 'yes'])).status).toBe(403);
    const poll = (await s.odile.client.get(url)).body;
    expect(poll.slots.map((slot: { yes: number; ifNeedBe: number; no: number }) => [slot.yes, slot.ifNeedBe, slot.no])).toEqual([
      [2, 0, 1],
      [1, 0, 2],
      [2, 1, 0],
    ]);
    expect(poll.bestSlotId).toBe(ids[2]);
    expect(poll.members.find((m: { id: string }) => m.id === s.samia.personId).answers[ids[1]!]).toBe('yes');
    expect((await s.nadia.client.post(`${url}/close`, { slotId: ids[2] })).status).toBe(403);

    const closed = await s.gerard.client.post(`${url}/close`, { slotId: ids[2], place: 'MJC des Tilleuls' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const called = (await s.nadia.client.get(`${s.f.base}/meetings/${closed.body.meetingId}`)).body;
    expect(called).toMatchObject({ title: 'Comité de rentrée', place: 'MJC des Tilleuls', facilitator: { id: s.gerard.personId } });
    expect(new Date(called.startsAt).toISOString()).toBe('2026-09-17T16:30:00.000Z');
    expect((await outboxMessages(s.f)).filter((m) => m.subject.startsWith('Convocation'))).toHaveLength(4);
    expect((await answer(s.nadia, ['yes', 'yes', 'yes'])).status).toBe(409);
    const second = await s.gerard.client.post(`${s.f.base}/date-polls`, { bodyId: s.body, title: 'Comité d’automne', slots: slots.slice(0, 2) });
    const secondSlot = (await s.f.admin.get(`${s.f.base}/date-polls/${second.body.id}`)).body.slots[0].id;
    const byAdmin = await s.f.admin.post(`${s.f.base}/date-polls/${second.body.id}/close`, { slotId: secondSlot });
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200);
    expect((await s.f.admin.get(`${s.f.base}/meetings/${byAdmin.body.meetingId}`)).body.facilitator.id).toBe(s.gerard.personId);
    const kinds = (await journalOf(t, s.f.partnershipId)).map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['date_poll.closed', 'meeting.scheduled']);
  });
});
