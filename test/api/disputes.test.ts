import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { builder, journalOf, TODAY, verifiedChain } from '../support/structure.js';
import { Client, newMember, newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

const SUBJECT = 'Marc ne livre pas la carte des acteurs locaux promise pour la fin de l’étape 2.';
const ACTION_LINK = /(http:\/\/entente\.test\/p\/[^\s#]+#lien=[A-Za-z0-9_-]+(?:&ancre=[a-z-]+)?)/;

/** What the server logged (it has no SMTP) for this address, newest last. */
const mailsTo = (email: string) => log.entries.filter((entry) => entry['to'] === email).map((entry) => ({ subject: String(entry['subject']), body: String(entry['body']) }));
const linkIn = (body: string) => {
  const url = new URL(ACTION_LINK.exec(body)![1]!);
  return { path: url.pathname, token: new URLSearchParams(url.hash.slice(1)).get('lien')! };
};

type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * Seed 000's team (Lila and Marc, with Odile beside them) under its cooperation charter, which
 * keeps a dispute's existence to those in it and names no mediation body; and the partnership
 * charter, whose directors (Hugo) are asked for a mediation and know of every dispute, the others
 * seeing only that one exists. Yves belongs to another house and to no body.
 */
async function setting() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('SolucracY');
  const other = await build.organization('Maison des Rives');
  const team = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  const directors = await build.body({ name: 'Cœur de l’association', kind: 'directors' });
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  const member = (fullName: string, organizationId = house) => newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'volunteer' }] });
  const [lila, marc, odile, hugo, yves] = (await Promise.all([member('Lila Moreau'), member('Marc Diallo'), member('Odile Perrin'), member('Hugo Lambert'), member('Yves Martin', other)])) as Member[] as [Member, Member, Member, Member, Member];
  for (const person of [lila, marc, odile]) await build.seat(team, { personId: person.personId, organizationId: house });
  await build.seat(directors, { personId: hugo.personId, organizationId: house });
  const adopt = async (template: string, bodyId: string) => {
    const charter = await f.admin.post(`${f.base}/charters`, { template });
    const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
    const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    return charter.body.id as string;
  };
  const cooperation = await adopt('cooperation', team);
  const partnership = await adopt('partnership', directors);
  return { f, house, team, directors, lila, marc, odile, hugo, yves, cooperation, partnership };
}
type Setting = Awaited<ReturnType<typeof setting>>;

async function open(s: Setting, charterId: string, by: Member = s.lila, with_: Member[] = [s.marc]) {
  const opened = await by.client.post(`${s.f.base}/disputes`, { charterId, subject: SUBJECT, partyIds: with_.map((person) => person.personId) });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return `${s.f.base}/disputes/${opened.body.id as string}`;
}

async function callCrisisMeeting(s: Setting, url: string, by: Member = s.marc) {
  const called = await by.client.post(`${url}/crisis-meeting`, { startsAt: '2026-03-12T18:00:00+01:00', place: 'Local de SolucracY', onlineUrl: null });
  expect(called.status, JSON.stringify(called.body)).toBe(201);
  return called.body.id as string;
}

/** Runs `act` once the crisis meeting called for 12 March has begun, then puts the clock back. */
async function onceBegun<T>(act: () => Promise<T>): Promise<T> {
  t.clock.advanceMinutes(3 * 24 * 60);
  try {
    return await act();
  } finally {
    t.clock.advanceMinutes(-3 * 24 * 60);
  }
}

describe('opening a dispute', () => {
  it('makes the opener and those they name its parties, due to meet within the charter’s delay, called by mail and to-do', async () => {
    const s = await setting();
    const url = await open(s, s.cooperation);
    const page = await s.lila.client.get(url);
    expect(page.status).toBe(200);
    // The cooperation template gives seven days: the crisis meeting is due by the end of 17 March in Paris.
    expect(page.body).toMatchObject({ subject: SUBJECT, stage: 'crisis', crisisDueAt: '2026-03-17T22:59:59.000Z', crisisLate: false, next: { step: 'call_crisis_meeting', actor: 'parties' } });
    expect(page.body.parties.map((party: { fullName: string }) => party.fullName)).toEqual(['Lila Moreau', 'Marc Diallo']);
    expect(page.body.can).toMatchObject({ callCrisisMeeting: true, recordCrisisOutcome: false, nameMediator: false });

    const [mail] = mailsTo(s.marc.email);
    expect(mail!.subject).toBe('Un différend vous concerne : réunion de crise avant le mardi 17 mars 2026 à 23:59');
    expect(mail!.body).not.toContain('carte des acteurs');
    expect(mail!.body).not.toContain('Lila');
    expect(mailsTo(s.lila.email)).toEqual([]);
    for (const party of [s.lila, s.marc]) {
      const toDo = (await party.client.get(`${s.f.base}/to-do`)).body.items.find((item: { target: { kind: string } }) => item.target.kind === 'dispute_crisis_meeting');
      expect(toDo).toMatchObject({ title: 'Charte de coopération', deadline: { kind: 'instant', at: '2026-03-17T22:59:59.000Z' }, path: `/p/${s.f.partnershipId}/differends/${page.body.id}#reunion-de-crise` });
    }
    const entry = (await journalOf(t, s.f.partnershipId)).find((row) => row.kind === 'dispute.opened')!;
    expect(JSON.stringify(entry.payload)).not.toContain('carte');
    expect(entry.payload).toMatchObject({ disputeId: page.body.id, partyIds: [s.lila.personId, s.marc.personId] });
  });

  it('refuses a charter without dispute rules or not in force, a lone party, people of another partnership, an outsider', async () => {
    const s = await setting();
    const draft = await s.f.admin.post(`${s.f.base}/charters`, { template: 'cooperation' });
    const post = (body: Record<string, unknown>) => s.lila.client.post(`${s.f.base}/disputes`, { charterId: s.cooperation, subject: SUBJECT, partyIds: [s.marc.personId], ...body });
    expect((await post({ charterId: draft.body.id })).body.fields).toEqual({ charterId: 'Cet élément est introuvable.' });
    expect((await post({ partyIds: [s.lila.personId] })).body.fields).toEqual({ partyIds: 'Nommez au moins une autre personne concernée par le différend.' });
    const elsewhere = await newPartnership(t);
    expect((await post({ partyIds: [elsewhere.adminPersonId] })).status).toBe(400);
    expect((await post({ subject: '' })).status).toBe(400);
    expect((await elsewhere.admin.post(`${s.f.base}/disputes`, { charterId: s.cooperation, subject: SUBJECT, partyIds: [s.marc.personId] })).status).toBe(404);
  });
});

describe('confidentiality', () => {
  it('under a charter that hides disputes: only the parties know of it; an administrator, a member, a director, another house see nothing', async () => {
    const s = await setting();
    const url = await open(s, s.cooperation);
    for (const reader of [s.f.admin, s.odile.client, s.hugo.client, s.yves.client]) {
      expect((await reader.get(url)).status).toBe(404);
      const list = await reader.get(`${s.f.base}/disputes`);
      expect(list.body).toMatchObject({ disputes: [], others: [] });
      expect(JSON.stringify(list.body)).not.toContain('carte');
      const acts = { '/crisis-meeting': { startsAt: '2026-03-12T18:00:00+01:00', place: 'Ici', onlineUrl: null }, '/crisis-outcome': { outcome: 'exit_plan' }, '/mediator': { personId: s.odile.personId } };
      for (const [path, body] of Object.entries(acts)) expect((await reader.post(`${url}${path}`, body)).status, path).toBe(404);
    }
    const list = await s.marc.client.get(`${s.f.base}/disputes`);
    expect(list.body.disputes).toMatchObject([{ subject: SUBJECT, stage: 'crisis' }]);
  });

  it('under a charter that shows disputes: others see one line without subject or names; the directors it names read it all', async () => {
    const s = await setting();
    const url = await open(s, s.partnership);
    const id = url.split('/').at(-1);
    for (const reader of [s.f.admin, s.odile.client, s.yves.client]) {
      expect((await reader.get(url)).status).toBe(404);
      const list = await reader.get(`${s.f.base}/disputes`);
      expect(list.body.disputes).toEqual([]);
      expect(list.body.others).toMatchObject([{ id, closed: false }]);
      expect(JSON.stringify(list.body)).not.toMatch(/carte|Lila|Marc/);
    }
    expect((await s.hugo.client.get(url)).body).toMatchObject({ subject: SUBJECT, can: { callCrisisMeeting: false } });
    // A director reads the dispute but is no party: the parties call their meeting.
    expect((await s.hugo.client.post(`${url}/crisis-meeting`, { startsAt: '2026-03-12T18:00:00+01:00', place: 'Ici', onlineUrl: null })).status).toBe(403);
  });
});

describe('the crisis meeting', () => {
  it('is called by a party with its calendar event, its notes are kept per round, and an agreement closes the dispute', async () => {
    const s = await setting();
    const url = await open(s, s.cooperation);
    for (const onlineUrl of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const refused = await s.marc.client.post(`${url}/crisis-meeting`, { startsAt: '2026-03-12T18:00:00+01:00', place: '', onlineUrl });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('onlineUrl');
    }
    const meetingId = await callCrisisMeeting(s, url);
    const convocation = mailsTo(s.lila.email).find((mail) => mail.subject.startsWith('Un différend vous concerne : réunion le'));
    expect(convocation!.body).toContain('Local de SolucracY');
    expect(convocation!.body).not.toContain('carte');
    const stored = await t.store.db.selectFrom('outbox_message').select(['calendar', 'subject']).where('partnership_id', '=', s.f.partnershipId).where('subject', 'like', 'Un différend vous concerne : réunion le%').execute();
    expect(stored.map((row) => row.calendar)).toEqual([expect.stringContaining('SUMMARY:Différend — Réunion de crise')]);
    expect(stored[0]!.calendar).not.toContain('Marc');

    expect((await s.lila.client.post(`${url}/meetings/${meetingId}/notes`, { round: 'facts', text: 'La carte est à moitié faite.' })).status).toBe(200);
    expect((await s.marc.client.post(`${url}/meetings/${meetingId}/notes`, { round: 'needs', text: 'Du temps.' })).status).toBe(200);
    expect((await s.marc.client.post(`${url}/meetings/${meetingId}/notes`, { round: 'understanding', text: 'x' })).status).toBe(400);
    expect((await s.odile.client.post(`${url}/meetings/${meetingId}/notes`, { round: 'facts', text: 'x' })).status).toBe(404);
    expect((await s.marc.client.post(`${url}/crisis-outcome`, { outcome: 'agreement', agreement: '' })).status).toBe(400);
    // Before the meeting begins, no party can record its outcome alone.
    const early = await s.marc.client.post(`${url}/crisis-outcome`, { outcome: 'agreement', agreement: 'Marc livre la carte le 31 mars ; Lila relit.' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/pas encore commencé/);
    expect((await s.marc.client.post(`${url}/crisis-outcome`, { outcome: 'exit_plan' })).status).toBe(409);
    expect((await onceBegun(() => s.marc.client.post(`${url}/crisis-outcome`, { outcome: 'agreement', agreement: 'Marc livre la carte le 31 mars ; Lila relit.' }))).status).toBe(200);

    const page = (await s.lila.client.get(url)).body;
    expect(page).toMatchObject({ stage: 'closed', closedHow: 'agreement', agreement: 'Marc livre la carte le 31 mars ; Lila relit.', next: { step: 'none' } });
    expect(page.meetings[0]).toMatchObject({ kind: 'crisis', outcome: 'agreement', rounds: ['facts', 'needs', 'options'], canWriteNotes: false });
    expect(page.meetings[0].notes.map((note: { round: string; writtenBy: { fullName: string } }) => [note.round, note.writtenBy.fullName])).toEqual([
      ['facts', 'Lila Moreau'],
      ['needs', 'Marc Diallo'],
    ]);
    expect((await s.lila.client.post(`${url}/meetings/${meetingId}/notes`, { round: 'options', text: 'trop tard' })).status).toBe(409);
    const toDo = (await s.lila.client.get(`${s.f.base}/to-do`)).body.items;
    expect(toDo.filter((item: { target: { kind: string } }) => item.target.kind.startsWith('dispute'))).toEqual([]);
    const kinds = (await journalOf(t, s.f.partnershipId)).map((row) => row.kind).filter((kind) => kind.startsWith('dispute.'));
    expect(kinds).toEqual(['dispute.opened', 'dispute.meetingCalled', 'dispute.notesWritten', 'dispute.notesWritten', 'dispute.meetingHeld', 'dispute.agreed']);
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).filter((row) => row.table.startsWith('dispute'))).toEqual([]);
    // A party row edited alone is named by the verification, and so is an agreement erased by hand.
    const disputeId = url.split('/').at(-1)!;
    await t.store.db.updateTable('dispute_party').set({ person_id: s.odile.personId }).where('dispute_id', '=', disputeId).where('person_id', '=', s.marc.personId).execute();
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).filter((row) => row.table.startsWith('dispute'))).toEqual([expect.objectContaining({ table: 'dispute (parties, mediator, agreement)', rowId: disputeId })]);
    await t.store.db.updateTable('dispute_party').set({ person_id: s.marc.personId }).where('dispute_id', '=', disputeId).where('person_id', '=', s.odile.personId).execute();
    await t.store.db.updateTable('dispute').set({ closed_how: null }).where('id', '=', disputeId).execute();
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).filter((row) => row.table.startsWith('dispute'))).toEqual([expect.objectContaining({ table: 'dispute (parties, mediator, agreement)', rowId: disputeId })]);
    await t.store.db.updateTable('dispute').set({ closed_how: 'agreement' }).where('id', '=', disputeId).execute();
  });

  it('is a late finding of the compliance view once its day has passed, without subject or names, when the charter shows disputes', async () => {
    const s = await setting();
    const shown = await open(s, s.partnership);
    await open(s, s.cooperation);
    t.clock.advanceMinutes(16 * 24 * 60);
    try {
      const findings = (await s.odile.client.get(`${s.f.base}/compliance`)).body.findings.filter((finding: { code: string }) => finding.code === 'dispute_crisis_late');
      // The hidden dispute is as late, but nobody outside it may learn it exists.
      expect(findings).toHaveLength(1);
      expect(findings[0].link).toEqual({ kind: 'charter', id: s.partnership });
      expect(findings[0].message).toMatch(/^Un différend ouvert sous « .+ » attend sa réunion de crise, qui devait se tenir avant le mercredi 25 mars 2026 à 23:59\.$/);
      expect(findings[0].message).not.toMatch(/carte|Lila|Marc/);
      expect((await s.lila.client.get(shown)).body).toMatchObject({ crisisLate: true });
    } finally {
      t.clock.advanceMinutes(-16 * 24 * 60);
    }
  });

  it('reminds the parties the day before it is due, while it is not held', async () => {
    const s = await setting();
    await open(s, s.cooperation);
    const { sendDeadlineReminders } = await import('../../src/participation/digest.js');
    t.clock.advanceMinutes(7 * 24 * 60);
    try {
      await sendDeadlineReminders(t.store.db, t.clock.now(), t.app.afterCommit);
      await t.app.mailer.idle();
      expect(mailsTo(s.marc.email).map((mail) => mail.subject)).toContain('Rappel : Un différend vous concerne : réunion de crise avant le mardi 17 mars 2026 à 23:59');
    } finally {
      t.clock.advanceMinutes(-7 * 24 * 60);
    }
  });
});

describe('mediation', () => {
  it('is asked of the directors the charter names, who name someone from outside: that mediator reads this dispute and nothing else', async () => {
    const s = await setting();
    const url = await open(s, s.partnership);
    expect((await s.lila.client.post(`${url}/crisis-outcome`, { outcome: 'mediation' })).status).toBe(409);
    await callCrisisMeeting(s, url);
    expect((await onceBegun(() => s.lila.client.post(`${url}/crisis-outcome`, { outcome: 'mediation' }))).status).toBe(200);
    const asked = mailsTo(s.hugo.email).find((mail) => mail.subject === 'Une médiation est demandée : nommez une personne');
    expect(asked!.body).not.toContain('carte');
    expect((await s.hugo.client.get(`${s.f.base}/to-do`)).body.items.map((item: { target: { kind: string } }) => item.target.kind)).toContain('dispute_mediator');
    // The parties do not name the mediator when the charter asks a body.
    expect((await s.lila.client.post(`${url}/mediator`, { personId: s.odile.personId })).status).toBe(403);
    expect((await s.hugo.client.post(`${url}/mediator`, { personId: s.lila.personId })).body.fields).toEqual({ personId: 'Une partie au différend ne peut pas en être la médiatrice ou le médiateur.' });
    expect((await s.hugo.client.post(`${url}/mediator`, { outsider: { fullName: 'Claire Fontaine', email: s.odile.email } })).status).toBe(400);
    const mediatorEmail = `claire.${Date.now()}@mediation.example.org`;
    const named = await s.hugo.client.post(`${url}/mediator`, { outsider: { fullName: 'Claire Fontaine', email: mediatorEmail } });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect((await s.hugo.client.post(`${url}/mediator`, { personId: s.odile.personId })).status).toBe(409);

    const invitation = mailsTo(mediatorEmail).find((mail) => mail.subject === 'Un différend vous concerne : une médiation vous est confiée')!;
    const link = linkIn(invitation.body);
    expect(link.path).toBe(new URL(`http://x${url.replace('/api/v1/partnerships/', '/p/').replace('/disputes/', '/differends/')}`).pathname);
    const claire = new Client(t.app);
    expect((await claire.post('/api/v1/auth/action-link', link)).status).toBe(200);
    const page = await claire.get(url);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ subject: SUBJECT, stage: 'mediation', viewerIsOutsider: true, mediator: { fullName: 'Claire Fontaine', outsider: true }, can: { recordMediationOutcome: true, callCrisisMeeting: false } });
    const mediation = page.body.meetings.find((meeting: { kind: string }) => meeting.kind === 'mediation');
    expect(mediation).toMatchObject({ rounds: ['listening', 'options'], canWriteNotes: true });

    // The outside mediator is in no one's people list nor picker: the list and its search leave
    // them out, `ids` still names them, and a deliverable cannot be given to them.
    const claireId = page.body.mediator.id as string;
    const listed = (query: string) => s.f.admin.get(`${s.f.base}/people?${query}`).then((answer) => answer.body.people.map((person: { id: string }) => person.id));
    expect(await listed('limit=100')).not.toContain(claireId);
    expect(await listed('q=Claire')).not.toContain(claireId);
    expect(await listed(`ids=${claireId}`)).toEqual([claireId]);
    const given = await s.f.admin.post(`${s.f.base}/charters/${s.partnership}/deliverables`, { title: 'Carte des acteurs', ownerId: claireId, dueOn: '2026-04-01' });
    expect(given.status).toBe(400);
    expect(given.body.fields).toEqual({ ownerId: expect.stringMatching(/médiat/) });

    // Everything else answers as if it did not exist: every route of the API but the three that admit outsiders.
    const paths = Object.keys((t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths).filter((path) => path.startsWith('/api/v1/partnerships/{partnershipId}'));
    const admitted: string[] = [];
    for (const template of paths) {
      const methods = Object.keys((t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths[template]!);
      const concrete = template.replace('{partnershipId}', s.f.partnershipId).replace(/\{[^}]+\}/g, (_match) => page.body.id);
      for (const method of methods) {
        const response = await t.app.inject({ method: method.toUpperCase() as 'GET', url: concrete, headers: { cookie: claire.cookie!, 'x-csrf-token': claire.csrfToken ?? '' }, payload: method === 'get' ? undefined : {} });
        if (response.statusCode !== 404) admitted.push(`${method.toUpperCase()} ${template} ${response.statusCode}`);
      }
    }
    // Only the routes of the dispute itself admit them (its ending's too, disputes/ending): the list of disputes, people, bodies, journal… are 404.
    const reached = admitted.map((line) => line.split(' ').slice(0, 2).join(' '));
    // The accompaniments' list and one's to-do admit outsiders too; the list names none to a mediator in no accompaniment.
    const beyondTheDispute = admitted.filter((line) => !line.includes('/disputes/{disputeId}'));
    const route = (line: string) => line.split(' ').slice(0, 2).join(' ');
    expect(beyondTheDispute.filter((line) => !line.endsWith(' 400')).map(route).sort()).toEqual(['GET /api/v1/partnerships/{partnershipId}/accompaniments', 'GET /api/v1/partnerships/{partnershipId}/to-do']);
    // The workspace's routes that admit outsiders (answering, harvesting…) refuse the empty body before looking for the thing: a 400 that names nothing.
    expect(beyondTheDispute.filter((line) => line.endsWith(' 400')).every((line) => /\/(accompaniments\/\{accompanimentId\}|harvest-items|map-entries|questionnaires|resources)\//.test(line))).toBe(true);
    expect((await claire.get(`${s.f.base}/accompaniments`)).body.accompaniments).toEqual([]);
    expect((await claire.get(`${s.f.base}/to-do`)).body.items.map((item: { target: { kind: string } }) => item.target.kind)).toEqual(['dispute_mediation']);
    expect(reached).toEqual(
      expect.arrayContaining(['GET /api/v1/partnerships/{partnershipId}/disputes/{disputeId}', 'POST /api/v1/partnerships/{partnershipId}/disputes/{disputeId}/mediation-outcome', 'POST /api/v1/partnerships/{partnershipId}/disputes/{disputeId}/meetings/{meetingId}/notes']),
    );
    expect(reached).not.toContain('POST /api/v1/partnerships/{partnershipId}/disputes/{disputeId}/crisis-meeting');
    expect(reached).not.toContain('POST /api/v1/partnerships/{partnershipId}/disputes/{disputeId}/mediator');
    // Another dispute, even of this partnership, is not theirs.
    const other = await open(s, s.partnership, s.odile, [s.yves]);
    expect((await claire.get(other)).status).toBe(404);
    expect((await claire.post(`${other}/mediation-outcome`, { outcome: 'failure' })).status).toBe(404);
    // The crisis meeting's notes are closed since it was held; the other meeting's ids are nobody's.
    const crisis = page.body.meetings.find((meeting: { kind: string }) => meeting.kind === 'crisis');
    expect((await claire.post(`${url}/meetings/${crisis.id}/notes`, { round: 'facts', text: 'x' })).status).toBe(409);
    expect((await claire.post(`${other}/meetings/${mediation.id}/notes`, { round: 'listening', text: 'x' })).status).toBe(404);
    expect((await claire.get('/api/v1/auth/export')).status).toBe(403);

    expect((await claire.post(`${url}/meetings/${mediation.id}/notes`, { round: 'listening', text: 'Chacun a parlé ; pas de terrain commun.' })).status).toBe(200);
    expect((await s.lila.client.post(`${url}/meetings/${mediation.id}/notes`, { round: 'listening', text: 'x' })).status).toBe(403);
    expect((await s.lila.client.post(`${url}/mediation-outcome`, { outcome: 'failure' })).status).toBe(403);
    expect((await claire.post(`${url}/mediation-outcome`, { outcome: 'failure' })).status).toBe(200);
    expect((await s.marc.client.get(url)).body).toMatchObject({ stage: 'exit_plan', next: { step: 'exit_plan', actor: 'parties' } });
    const kinds = (await journalOf(t, s.f.partnershipId)).map((row) => row.kind).filter((kind) => kind.startsWith('dispute.'));
    expect(kinds).toEqual(expect.arrayContaining(['dispute.mediationAsked', 'dispute.mediatorNamed', 'dispute.mediationEnded', 'dispute.exitPlanned']));
  });

  it('is named by the parties when the charter names no body, among the partnership’s people; an agreement closes the dispute', async () => {
    const s = await setting();
    const url = await open(s, s.cooperation);
    await callCrisisMeeting(s, url);
    expect((await onceBegun(() => s.marc.client.post(`${url}/crisis-outcome`, { outcome: 'mediation' }))).status).toBe(200);
    expect((await s.lila.client.get(url)).body).toMatchObject({ stage: 'mediation', mediationBody: null, can: { nameMediator: true }, next: { step: 'name_mediator', actor: 'parties' } });
    expect((await s.odile.client.get(url)).status).toBe(404);
    expect((await s.lila.client.post(`${url}/mediator`, { personId: s.odile.personId })).status).toBe(200);
    expect((await s.odile.client.get(url)).body).toMatchObject({ subject: SUBJECT, can: { recordMediationOutcome: true } });
    expect((await s.odile.client.post(`${url}/mediation-outcome`, { outcome: 'agreement', agreement: 'Une semaine de plus pour la carte.' })).status).toBe(200);
    expect((await s.marc.client.get(url)).body).toMatchObject({ stage: 'closed', closedHow: 'agreement' });
  });
});

describe('a party’s personal data', () => {
  it('erased: the party stays by id, their notes lose their author, the journal still verifies', async () => {
    const s = await setting();
    const url = await open(s, s.cooperation);
    for (const onlineUrl of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const refused = await s.marc.client.post(`${url}/crisis-meeting`, { startsAt: '2026-03-12T18:00:00+01:00', place: '', onlineUrl });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('onlineUrl');
    }
    const meetingId = await callCrisisMeeting(s, url);
    expect((await s.marc.client.post(`${url}/meetings/${meetingId}/notes`, { round: 'facts', text: 'Mon point de vue.' })).status).toBe(200);
    expect((await s.f.admin.post(`${s.f.base}/people/${s.marc.personId}/erase`)).status).toBe(200);
    const page = (await s.lila.client.get(url)).body;
    expect(page.parties.map((party: { id: string }) => party.id)).toContain(s.marc.personId);
    expect(page.meetings[0].notes[0]).toMatchObject({ round: 'facts', writtenBy: null });
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).filter((row) => row.table.startsWith('dispute'))).toEqual([]);
  });

  it('exported: a party’s export names their disputes by id and stage, never their subject nor the other parties', async () => {
    const s = await setting();
    const url = await open(s, s.cooperation);
    const exported = await s.lila.client.get('/api/v1/auth/export');
    expect(exported.status).toBe(200);
    const text = JSON.stringify(exported.body);
    expect(text).toContain(url.split('/').at(-1));
    expect(text).not.toContain('carte');
    expect(JSON.stringify((await s.odile.client.get('/api/v1/auth/export')).body)).not.toContain(url.split('/').at(-1));
  });
});
