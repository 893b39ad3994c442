import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPartnership, restorePartnership } from '../../src/backup/backup.js';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { toDoOf } from '../../src/participation/queries.js';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { verifyJournal } from '../../src/journal/verify.js';
import { Client, emptyDatabase, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The demo `entente serve` creates: months of a partnership's life, lived through its acts, with
 * what a visitor comes to see still open on the day it is created.
 */
let t: TestApp;
let admin: Client;
let base: string;
let partnershipId: string;

interface ProposalRow {
  id: string;
  wording: string;
  body: { id: string; name: string };
  status: string;
  stage: string;
  phase: string;
}

beforeAll(async () => {
  // A database of its own: the demo's account has a fixed address, which structure.test.ts's demo holds on the shared one.
  t = await startTestApp({}, await emptyDatabase());
  // A February day: the common fund's calls, issued months before, still belong to this fund year.
  t.clock.current = new Date('2026-02-12T09:00:00Z');
  ({ partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { history: true }));
  admin = new Client(t.app);
  expect((await admin.signIn(DEMO_SIGN_IN.email, DEMO_SIGN_IN.password)).status).toBe(200);
  base = `/api/v1/partnerships/${partnershipId}`;
}, 120_000);
afterAll(() => t?.close());

const proposals = async () => (await admin.get<ProposalRow[]>(`${base}/proposals`)).body;
const detail = async (id: string) => (await admin.get(`${base}/proposals/${id}`)).body;
const personId = async (fullName: string) => {
  const row = await t.store.db.selectFrom('person').select('id').where('partnership_id', '=', partnershipId).where('full_name', '=', fullName).executeTakeFirstOrThrow();
  return row.id;
};

describe('the living demo', () => {
  it('has the charter in force, half signed, and its next version proposed and under discussion', async () => {
    const all = (await admin.get(`${base}/charters`)).body.charters as { id: string; kind: string; inForce: { versionId: string }; draft: { versionId: string } }[];
    const charters = all.filter((charter) => charter.kind === 'partnership');
    expect(charters).toHaveLength(1);
    const partnership = charters[0]!;
    expect(partnership.inForce).toMatchObject({ number: 1, signed: 2, expectedSignatures: 4 });
    expect(partnership.draft).toMatchObject({ number: 2 });
    // The co-presidents, the three houses' presidents, confirm the project leads the directors name.
    const version = (await admin.get(`${base}/charters/${partnership.id}/versions/${partnership.inForce.versionId}`)).body;
    const coPresidency = version.content.rules.projects.leadConfirmedBy;
    expect(version.names.roles[coPresidency.roleId]).toBe('Coprésidence');
    expect(version.issues).toEqual([]);
    const holders = (await admin.get(`${base}/roles/${coPresidency.roleId}`)).body.holders.map((h: { fullName: string }) => h.fullName);
    expect(holders.sort()).toEqual(['Bernard Colin', 'Gérard Lefèvre', 'Jacques Arnaud']);
    // Its money rules name the treasurer, whom the demo's door lets a visitor enter as, and the common fund's 1 %.
    const money = version.content.rules.money;
    expect(version.names.roles[money.treasurerRoleId]).toBe('Trésorerie');
    expect((await admin.get(`${base}/roles/${money.treasurerRoleId}`)).body.holders.map((h: { fullName: string }) => h.fullName)).toEqual(['Samia Haddad']);
    expect(money.commonFund).toMatchObject({ contribution: { kind: 'percent', percent: 1 }, spending: { level: 'strategic', topic: 'Caisse commune' } });
    const amendment = (await proposals()).find((p) => p.wording.startsWith('Adopter la version 2'))!;
    const proposal = await detail(amendment.id);
    expect(proposal).toMatchObject({ status: 'open', method: 'consent', phase: 'questions', body: { name: 'Comité de pilotage' } });
    expect(proposal.amends).toMatchObject({ charterId: partnership.id, versionId: partnership.draft.versionId, status: 'draft' });
    const thread = (await admin.get(`${base}/proposals/${amendment.id}/messages`)).body;
    expect(thread.messages.map((m: { kind: string }) => m.kind)).toEqual(['question', 'answer', 'question']);
  });

  it('has a project team under its own cooperation charter: three roles held by two, adopted by their consent, signed by both, deciding under it', async () => {
    const { charters } = (await admin.get(`${base}/charters`)).body;
    const team = charters.find((charter: { kind: string }) => charter.kind === 'project');
    expect(team).toMatchObject({ title: 'Charte de coopération sereine', inForce: { number: 1, signed: 2, expectedSignatures: 2 }, draft: null });
    const version = (await admin.get(`${base}/charters/${team.id}/versions/${team.inForce.versionId}`)).body;
    expect(version.issues).toEqual([]);
    expect(version.adoptedBy.name).toBe('Équipe Conseil citoyen');
    expect(version.content.rules.budget.posts.map((post: { label: string }) => post.label)).toEqual(['Association porteuse', 'Responsable du projet et mémoire du projet', 'Accompagnatrice']);
    expect(Object.values(version.names.organizations)).toContain('Les Passeurs de liens');
    const roles = await t.store.db
      .selectFrom('role_assignment as a')
      .innerJoin('role as r', 'r.id', 'a.role_id')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['r.name', 'p.full_name'])
      .where('r.body_id', '=', version.adoptedBy.id)
      .orderBy('r.name')
      .execute();
    expect(roles.map((row) => [row.name, row.full_name])).toEqual([
      ['Accompagnatrice', 'Anaïs Roussel'],
      ['Mémoire du projet', 'Théo Marchand'],
      ['Responsable du projet', 'Théo Marchand'],
    ]);
    const page = (await admin.get(`${base}/charters/${team.id}`)).body;
    expect(page.proposals.map((p: { wording: string; status: string; body: { name: string } }) => [p.wording, p.status, p.body.name])).toEqual([
      ['Faire le premier numéro de la gazette de quartier avec le conseil citoyen, distribué en juin.', 'adopted', 'Équipe Conseil citoyen'],
      ['Adopter notre charte de coopération sereine', 'adopted', 'Équipe Conseil citoyen'],
    ]);
    expect((await detail(page.proposals[0].id)).method).toBe('consent');
  });

  it('has decisions by each method of its matrix: consent, consensus with a reservation, advice', async () => {
    const decided = (await proposals()).filter((p) => p.status !== 'open');
    const methods = await Promise.all(decided.map(async (p) => ({ ...p, method: (await detail(p.id)).method })));
    expect(new Set(methods.map((p) => p.method))).toEqual(new Set(['consent', 'consensus', 'advice']));

    const workshop = methods.find((p) => p.wording.startsWith('Ouvrir l’atelier numérique'))!;
    const adopted = await detail(workshop.id);
    expect(adopted).toMatchObject({ status: 'adopted', method: 'consensus', body: { name: 'Comité de pilotage' } });
    // Proposed and decided on days of the history, months before the demo was created.
    expect(t.clock.now().getTime() - Date.parse(adopted.createdAt)).toBeGreaterThan(130 * 86_400_000);
    expect(Date.parse(adopted.decidedAt) - Date.parse(adopted.createdAt)).toBeGreaterThan(7 * 86_400_000);
    const reservations = adopted.members.filter((m: { stance: { stance: string } | null }) => m.stance?.stance === 'agree_with_reservation');
    expect(reservations.map((m: { fullName: string }) => m.fullName)).toEqual(['Jacques Arnaud']);
    expect(reservations[0].stance.reason).toMatch(/réserve/);
    const register = (await admin.get(`${base}/bodies/${workshop.body.id}/decisions`)).body;
    expect(register.decisions.find((d: { id: string }) => d.id === workshop.id)).toMatchObject({ status: 'adopted', reservations: 1 });
  });

  it('has a matter blocked twice in the steering committee and arbitrated by the directors', async () => {
    const saturday = (await proposals()).find((p) => p.wording.startsWith('Mutualiser l’accueil du samedi'))!;
    const arbitrated = await detail(saturday.id);
    expect(arbitrated).toMatchObject({ status: 'arbitrated', stage: 'arbitration', body: { name: 'Codir / Coprédir' } });
    const objections = arbitrated.history.filter((h: { body: string; stance: string }) => h.body === 'Comité de pilotage' && h.stance === 'object');
    expect(objections.map((h: { round: number; fullName: string }) => [h.round, h.fullName])).toEqual([
      [1, 'Hélène Dubois'],
      [2, 'Hélène Dubois'],
    ]);
  });

  it('has an open round in the steering committee that waits on door people', async () => {
    // Beside the round that presents a common project (below).
    const open = (await proposals()).filter((p) => p.status === 'open' && p.phase === 'round' && p.body.name === 'Comité de pilotage' && !p.wording.startsWith('Valider le projet commun'));
    expect(open).toHaveLength(1);
    const round = await detail(open[0]!.id);
    expect(new Date(round.roundDeadline).getTime()).toBeGreaterThan(t.clock.now().getTime());
    const silent = round.members.filter((m: { stance: unknown }) => m.stance === null).map((m: { fullName: string }) => m.fullName);
    expect(silent).toEqual(expect.arrayContaining(['Gérard Lefèvre', 'Samia Haddad', 'Hélène Dubois']));
    expect(round.members.length - silent.length).toBeGreaterThanOrEqual(5);
    for (const name of ['Gérard Lefèvre', 'Samia Haddad', 'Hélène Dubois']) {
      const toDo = await toDoOf(t.store.db, partnershipId, await personId(name), t.clock.now());
      expect(toDo.items.map((item) => item.target)).toContainEqual({ kind: 'stance', proposalId: round.id });
    }
  });

  it('gives each door person something to do', async () => {
    for (const name of ['Camille Martin', 'Gérard Lefèvre', 'Samia Haddad', 'Hélène Dubois', 'Yanis Morel']) {
      const toDo = await toDoOf(t.store.db, partnershipId, await personId(name), t.clock.now());
      expect(toDo.count, name).toBeGreaterThan(0);
    }
    const yanis = await toDoOf(t.store.db, partnershipId, await personId('Yanis Morel'), t.clock.now());
    expect(yanis.items.map((item) => item.target.kind)).toContain('stance');
    const gerard = await toDoOf(t.store.db, partnershipId, await personId('Gérard Lefèvre'), t.clock.now());
    expect(gerard.items.map((item) => item.target.kind)).toEqual(expect.arrayContaining(['stance', 'agenda_item', 'date_poll']));
  });

  it('has a past meeting with published minutes and a coming one called by its date poll', async () => {
    const steering = await steeringId();
    const { meetings, openPolls } = (await admin.get(`${base}/bodies/${steering}/meetings`)).body;
    const now = t.clock.now().getTime();
    const past = meetings.filter((m: { startsAt: string; published: boolean }) => new Date(m.startsAt).getTime() < now && m.published);
    const coming = meetings.filter((m: { startsAt: string }) => new Date(m.startsAt).getTime() > now);
    expect(past).toHaveLength(1);
    expect(coming).toHaveLength(1);
    expect(openPolls).toEqual([]);
    const held = (await admin.get(`${base}/meetings/${past[0].id}`)).body;
    expect(held).toMatchObject({ stage: { kind: 'ended' }, recordedAfterwards: false });
    expect(held.minutesPublishedAt).not.toBeNull();
    expect(held.minutes).toMatch(/Adoptée/);
    expect(held.decisions).toEqual([expect.objectContaining({ status: 'adopted' })]);
    const next = (await admin.get(`${base}/meetings/${coming[0].id}`)).body;
    expect(next.stage).toEqual({ kind: 'planned' });
    expect(next.agenda.map((item: { proposedBy: string }) => item.proposedBy)).toEqual(expect.arrayContaining(['Gérard Lefèvre', 'Samia Haddad']));
    const poll = await t.store.db.selectFrom('date_poll').select('id').where('meeting_id', '=', coming[0].id).executeTakeFirstOrThrow();
    const closedPoll = (await admin.get(`${base}/date-polls/${poll.id}`)).body;
    expect(closedPoll.meetingId).toBe(coming[0].id);
    expect(closedPoll.members.filter((m: { answers: object }) => Object.keys(m.answers).length > 0).length).toBeGreaterThanOrEqual(5);

    const plenary = (await admin.get(base)).body.bodies.find((b: { name: string }) => b.name === 'Assemblée plénière');
    const plenaryMeetings = (await admin.get(`${base}/bodies/${plenary.id}/meetings`)).body;
    expect(plenaryMeetings.meetings).toEqual([expect.objectContaining({ published: true, recordedAfterwards: true })]);
    expect(plenaryMeetings.openPolls).toHaveLength(1);
  });

  it('has an election in its change round, the nominations revealed and one changed', async () => {
    const elections = (await admin.get(`${base}/elections`)).body;
    expect(elections).toEqual([expect.objectContaining({ phase: 'change', role: expect.objectContaining({ name: 'Animation du comité de pilotage' }) })]);
    const election = await t.store.db.selectFrom('nomination').select(['nominee_id', 'first_nominee_id']).where('election_id', '=', elections[0].id).execute();
    expect(election.length).toBeGreaterThanOrEqual(5);
    expect(election.filter((n) => n.nominee_id !== n.first_nominee_id)).toHaveLength(1);
  });

  it('carries common projects at several steps, lived through their acts', async () => {
    const { rows } = (await admin.get(`${base}/projects`)).body;
    const byTitle = new Map(rows.map((row: { title: string }) => [row.title, row]));
    expect(byTitle.get('Café réparation partagé')).toMatchObject({ stage: 'idea' });
    expect(byTitle.get('Accompagnement à la scolarité en commun')).toMatchObject({ stage: 'presented', nextDeadline: { kind: 'round' } });
    expect(byTitle.get('Fête des Trois Rives')).toMatchObject({ stage: 'validated' });
    expect(byTitle.get('Premiers départs en vacances')).toMatchObject({ stage: 'active', nextDeadline: { kind: 'evaluation' }, indicators: { count: 2 } });

    // The presentation waits in an open round of the steering committee, some members still silent.
    const presentation = (await proposals()).find((p) => p.wording === 'Valider le projet commun « Accompagnement à la scolarité en commun »')!;
    const round = await detail(presentation.id);
    expect(round).toMatchObject({ status: 'open', phase: 'round', body: { name: 'Comité de pilotage' } });
    expect(round.members.filter((m: { stance: unknown }) => m.stance !== null)).toHaveLength(5);

    // The festival's group waits for the Haut-Pré's referent, and its lead for the last confirmer.
    const festival = (await admin.get(`${base}/projects/${(byTitle.get('Fête des Trois Rives') as { id: string }).id}`)).body;
    expect(festival.workingGroup.referents.filter((r: { people: unknown[] }) => r.people.length === 0).map((r: { organization: { name: string } }) => r.organization.name)).toEqual(['Comité de quartier Haut-Pré']);
    expect(festival.lead.nominee).toMatchObject({ fullName: 'Claire Lambert' });
    expect(festival.lead.approvals.length).toBe(festival.lead.confirmers.length - 1);
    expect(festival.expected.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['referents', 'lead_confirmed']));

    // The active project: measured per house, means the directors were told of, an objective without a deadline, its evaluation within weeks.
    const holidaysId = (byTitle.get('Premiers départs en vacances') as { id: string }).id;
    const holidays = (await admin.get(`${base}/projects/${holidaysId}`)).body;
    const dueIn = Date.parse(holidays.evaluationDueOn) - t.clock.now().getTime();
    expect(dueIn).toBeGreaterThan(0);
    expect(dueIn).toBeLessThan(45 * 86_400_000);
    const conduct = (await admin.get(`${base}/projects/${holidaysId}/conduct`)).body;
    expect(conduct.purposes.length).toBeGreaterThanOrEqual(2);
    expect(conduct.objectives.map((o: { smartGaps: string[] }) => o.smartGaps)).toContainEqual(['time_bound']);
    const registrations = conduct.indicators.find((i: { label: string }) => i.label === 'Familles inscrites');
    expect(new Set(registrations.measurements.map((m: { organization: { name: string } }) => m.organization.name)).size).toBe(3);
    expect(conduct.means.length).toBe(3);
    expect(conduct.means.every((m: { directorsInformedAt: string | null }) => m.directorsInformedAt !== null)).toBe(true);
  });

  it('has two pooled means, the minibus booked by the first holidays, to review by the Tilleuls’ directors', async () => {
    const { organizations } = (await admin.get(`${base}/pooled-means`)).body;
    const means = organizations.flatMap((o: { name: string; means: { label: string; upcoming: { project: { title: string } }[] }[] }) => o.means.map((m) => ({ house: o.name, ...m })));
    expect(means.map((m: { label: string }) => m.label).sort()).toEqual(['Minibus neuf places', 'Salle polyvalente du Moulin']);
    const minibus = means.find((m: { label: string }) => m.label === 'Minibus neuf places');
    expect(minibus).toMatchObject({ house: 'MJC des Tilleuls', upcoming: [{ project: { title: 'Premiers départs en vacances' }, status: 'informed' }] });
    const toDo = await toDoOf(t.store.db, partnershipId, await personId('Gérard Lefèvre'), t.clock.now());
    expect(toDo.items.map((item) => item.target.kind)).toContain('pooled_mean_booking');
  });

  it('has tensions in the family outings’ working group: one made a task for Yanis at its meeting, two waiting for the next one', async () => {
    const group = await t.store.db.selectFrom('body').select('id').where('partnership_id', '=', partnershipId).where('name', '=', 'Groupe de travail Sorties familles').executeTakeFirstOrThrow();
    const listed = (await admin.get(`${base}/bodies/${group.id}/tensions`)).body.tensions as { status: string; agendaItem: unknown; task: { owner: { fullName: string }; doneAt: unknown } | null }[];
    expect(listed.map((tension) => tension.status)).toEqual(['task', 'open', 'open']);
    expect(listed[0]!.task).toMatchObject({ owner: { fullName: 'Yanis Morel' }, doneAt: null });
    expect(listed.slice(1).map((tension) => tension.agendaItem)).toEqual([null, null]);
    const toDo = await toDoOf(t.store.db, partnershipId, await personId('Yanis Morel'), t.clock.now());
    expect(toDo.items.map((item) => item.target.kind)).toContain('tension_task');
  });

  it('has the projects’ budgets: the first holidays’ balanced and followed by entries, one corrected; the festival’s in deficit', async () => {
    const projects = (await admin.get(`${base}/projects`)).body.rows as { id: string; title: string }[];
    const budgetOf = async (title: string) => (await admin.get(`${base}/projects/${projects.find((p) => p.title === title)!.id}/budget`)).body;
    const holidays = await budgetOf('Premiers départs en vacances');
    expect(holidays.inForce).toMatchObject({ number: 1, status: 'validated' });
    expect(holidays.summary.forecastBalance).toEqual({ state: 'balanced' });
    expect(holidays.summary.grants.paid).toBe(300_000);
    expect(holidays.entries.entries.length).toBe(6);
    expect(holidays.entries.entries.filter((entry: { reverses: string | null }) => entry.reverses !== null)).toHaveLength(1);
    const festival = await budgetOf('Fête des Trois Rives');
    expect(festival.inForce).toMatchObject({ number: 1, status: 'validated' });
    expect(festival.summary.forecastBalance).toEqual({ state: 'deficit', amountCents: 100_000 });
    expect(festival.deficitGuidance).not.toBe('');
  });

  it('has this fund year’s common fund on its page: the Tilleuls and the Moulin paid, the Haut-Pré behind, the sound system bought', async () => {
    const fund = (await admin.get(`${base}/fund`)).body;
    expect(fund.year).toBe(2026);
    const calls = fund.organizations.filter((line: { call: unknown }) => line.call !== null).map((line: { organization: { name: string }; call: { status: string; behind: boolean } }) => [line.organization.name, line.call.behind]);
    expect(calls).toHaveLength(3);
    expect(calls.filter(([, behind]: [string, boolean]) => behind).map(([name]: [string, boolean]) => name)).toEqual(['Comité de quartier Haut-Pré']);
    expect(fund.ledger.filter((row: { kind: string }) => row.kind === 'spending')).toEqual([expect.objectContaining({ amountCents: 120_000 })]);
    expect(fund.balanceCents).toBeGreaterThan(0);
  });

  it('has a sociocratic side (seed 004): two practice circles under the circles’ circle, their leaders appointed from above, an expert, a request to join in its round', async () => {
    const circles = await t.store.db.selectFrom('body').select(['id', 'name', 'min_size', 'max_size', 'parent_body_id']).where('partnership_id', '=', partnershipId).where('kind', '=', 'circle').orderBy('name').execute();
    const general = circles.find((c) => c.parent_body_id === null)!;
    expect(circles.map((c) => [c.name, c.min_size, c.max_size, c.parent_body_id === general.id])).toEqual([
      ['Cercle de pratique Accueil des familles', 6, 8, true],
      ['Cercle de pratique Animation jeunesse', 6, 8, true],
      ['Cercle des pratiques', null, null, false],
    ]);
    const youth = (await admin.get(`${base}/circles/${circles[1]!.id}`)).body;
    expect(youth.size).toEqual({ members: 8, minSize: 6, maxSize: 8, standing: 'within' });
    expect(youth.supervisors).toEqual([expect.objectContaining({ fullName: 'Paul Mercier', roleName: 'Experte ou expert en sociocratie' })]);
    expect(youth.officers.map((o: { roleName: string; appointedByParent: boolean; holders: { fullName: string }[] }) => [o.roleName, o.appointedByParent, o.holders.map((h) => h.fullName)])).toEqual([
      ['Responsable du cercle Animation jeunesse', true, ['Lucie Garnier']],
      ['Second lien du cercle Animation jeunesse', false, ['Thomas Roux']],
    ]);
    const [request] = youth.openJoins;
    expect(request).toMatchObject({ person: { fullName: 'René Fontaine' }, invited: false, sizeAfter: { members: 9, standing: 'above' } });
    const round = await detail(request.proposalId);
    expect(round).toMatchObject({ status: 'open', phase: 'round', circleJoinId: request.id });
    expect(new Date(round.roundDeadline).getTime()).toBeGreaterThan(t.clock.now().getTime());
    const lucie = await toDoOf(t.store.db, partnershipId, await personId('Lucie Garnier'), t.clock.now());
    expect(lucie.items.map((item) => item.target)).toContainEqual({ kind: 'stance', proposalId: request.proposalId });
  });

  it('holds an accompaniment (seed 002): its group with someone from outside, the day held, questionnaires answered and closed two weeks after they left, one to come, resources and a map', async () => {
    const list = (await admin.get(`${base}/accompaniments`)).body.accompaniments as { id: string; title: string }[];
    expect(list.map((a) => a.title)).toEqual(['Coopérer entre nos maisons et avec les conseils citoyens']);
    const space = `${base}/accompaniments/${list[0]!.id}`;
    const page = (await admin.get(space)).body;
    expect(page.members.filter((m: { outsider: boolean }) => m.outsider).map((m: { person: { fullName: string } }) => m.person.fullName)).toEqual(['Élise Garnier']);
    expect(page.members).toHaveLength(8);
    const days = (await admin.get(`${space}/days`)).body.days as { heldAt: string | null }[];
    expect(days).toHaveLength(1);
    expect(days[0]!.heldAt).not.toBeNull();
    const questionnaires = (await admin.get(`${space}/questionnaires`)).body.questionnaires as { template: string; state: string; answerCount: number }[];
    expect(questionnaires.map((q) => [q.template, q.state, q.answerCount]).sort()).toEqual([
      ['before_day', 'closed', 5],
      ['cold_evaluation', 'scheduled', 0],
      ['hot_feedback', 'closed', 4],
    ]);
    const resources = (await admin.get(`${space}/resources`)).body.resources as { title: string; publishedAt: string | null; confidential: boolean }[];
    expect(resources.filter((r) => r.publishedAt !== null).map((r) => r.title)).toEqual(['Ce que la journée a décidé']);
    expect(resources.filter((r) => r.confidential).map((r) => r.title)).toEqual(['Contacts des référents']);
    const map = (await admin.get(`${space}/map`)).body.entries as { kind: string }[];
    expect(map.map((e) => e.kind).sort()).toEqual(['cooperation', 'cooperation', 'equipment', 'need', 'obstacle', 'premises', 'skill']);
  });

  it('has compliance findings', async () => {
    const { findings } = (await admin.get(`${base}/compliance`)).body;
    const messages = findings.map((f: { message: string }) => f.message);
    expect(messages).toContain('Comité de pilotage : MJC des Tilleuls a 3 personnes déléguées sur 4');
    expect(findings.length).toBeGreaterThanOrEqual(2);
    // The association carrying the project team is no house of the partnership's bodies: it owes them no delegate nor referent.
    expect(messages.filter((message: string) => message.includes('Les Passeurs de liens'))).toEqual([]);
  });

  it('keeps a busy journal that verifies, every row agreeing with it, and sent no mail', async () => {
    const page = (await admin.get(`${base}/journal`)).body;
    expect(page.length).toBeGreaterThanOrEqual(50);
    const times = await t.store.db
      .selectFrom('journal_entry')
      .select((eb) => [eb.fn.min('recorded_at').as('first'), eb.fn.max('recorded_at').as('last'), eb.fn.countAll<string>().as('count')])
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirstOrThrow();
    expect(Number(times.count)).toBeGreaterThan(250);
    expect(new Date(t.clock.now()).getTime() - new Date(times.first!).getTime()).toBeGreaterThan(150 * 86_400_000);
    expect(new Date(times.last!).getTime()).toBeLessThan(t.clock.now().getTime());
    const inOrder = await t.store.db.selectFrom('journal_entry').select(['seq', 'recorded_at', 'kind']).where('partnership_id', '=', partnershipId).orderBy('seq').execute();
    const backInTime = inOrder.filter((entry, i) => i > 0 && new Date(entry.recorded_at).getTime() < new Date(inOrder[i - 1]!.recorded_at).getTime());
    expect(backInTime.map((entry) => `${entry.seq} ${entry.kind}`), 'the journal, read in its order, never goes back in time').toEqual([]);
    expect(await verifyJournal(t.store.db, { partnershipId })).toMatchObject({ ok: true });
    expect(await checkStateAgainstJournal(t.store.db, partnershipId)).toEqual([]);
    const waiting = await t.store.db.selectFrom('outbox_message').select('id').where('partnership_id', '=', partnershipId).where('sent_at', 'is', null).execute();
    expect(waiting).toEqual([]);
    // Its mail is dated, and marked sent, by the act that wrote it: over the months of the history, not on the day the demo was created.
    const mail = await t.store.db
      .selectFrom('outbox_message as m')
      .select(['m.created_at', 'm.sent_at'])
      .select((eb) =>
        eb
          .exists(eb.selectFrom('journal_entry as j').select('j.seq').whereRef('j.partnership_id', '=', 'm.partnership_id').whereRef('j.recorded_at', '=', 'm.created_at'))
          .as('actDay'),
      )
      .where('m.partnership_id', '=', partnershipId)
      .execute();
    expect(mail.length).toBeGreaterThan(100);
    expect(mail.filter((message) => !message.actDay || new Date(message.sent_at!).getTime() !== new Date(message.created_at).getTime())).toEqual([]);
    expect(t.clock.now().getTime() - Math.min(...mail.map((message) => new Date(message.created_at).getTime()))).toBeGreaterThan(140 * 86_400_000);
  });

  it('is restored whole from its backup, every capability it used agreeing with its journal', async () => {
    const backup = await exportPartnership(t.store.db, partnershipId, t.clock.now(), { withPasswordHashes: true });
    const filled = Object.entries(backup.tables).filter(([, rows]) => rows.length > 0).map(([table]) => table);
    expect(filled).toEqual(expect.arrayContaining(['project', 'project_step', 'project_lead_approval', 'project_objective', 'project_indicator', 'project_measurement', 'project_means']));
    const target = await emptyDatabase();
    try {
      expect(await restorePartnership(target.store.db, backup)).toMatchObject({ partnershipId });
      expect(await checkStateAgainstJournal(target.store.db, partnershipId)).toEqual([]);
    } finally {
      await target.drop();
    }
  }, 60_000);
});

async function steeringId(): Promise<string> {
  const { bodies } = (await admin.get(base)).body;
  return bodies.find((b: { name: string }) => b.name === 'Comité de pilotage').id;
}
