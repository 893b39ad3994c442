import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { sendDeadlineReminders } from '../../src/participation/digest.js';
import type { CharterRules } from '../../src/charters/rules/types.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, type Client, type TestApp } from '../support/test-app.js';
import { sealJournal } from '../../src/journal/journal-store.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

const posts = { association: randomUUID(), lead: randomUUID(), guide: randomUUID() };

/**
 * Seed 000: a cooperation charter whose team (Lila, Marc, Inès) decides by consent, with the split
 * of its article 5 and a budget the administrator keeps; Lila and Marc are the dispute's parties,
 * Inès a member of the team the dispute does not name.
 */
async function cooperation(options: { budget: boolean } = { budget: true }) {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('SolucracY');
  const team = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  const members = [];
  for (const fullName of ['Lila Moreau', 'Marc Petit', 'Inès Roux']) {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
    await build.seat(team, { personId: person.personId, organizationId: house });
    members.push(person);
  }
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  expect(charter.status, JSON.stringify(charter.body)).toBe(201);
  const charterId = charter.body.id as string;
  const versionId = charter.body.versionId as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  content.rules.budget = {
    totalCents: 827_200,
    posts: [
      { id: posts.association, label: 'Association', percent: null, amountCents: 71_200 },
      { id: posts.lead, label: 'Gestion de projet', percent: null, amountCents: 548_000 },
      { id: posts.guide, label: 'Accompagnateurice', percent: null, amountCents: 208_000 },
    ],
  };
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: team, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  let budgetId: string | null = null;
  if (options.budget) {
    const opened = await f.admin.post(`${f.base}/charters/${charterId}/budget`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    budgetId = opened.body.id as string;
  }
  const [lila, marc, ines] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
  return { f, team, charterId, versionId, budgetId, lila, marc, ines, rules: content.rules as CharterRules };
}

type World = Awaited<ReturnType<typeof cooperation>>;

/**
 * A dispute Lila opens with Marc: its crisis meeting finds no solution, then, with a mediator, the
 * mediation fails too; either way it enters its exit plan, whose tasks the entering act writes.
 */
async function disputeAtExitPlan(w: World, mediatorId: string | null = null) {
  const opened = await w.lila.client.post(`${w.f.base}/disputes`, { charterId: w.charterId, subject: 'Retards de livrables', partyIds: [w.marc.personId] });
  ok(opened, 201);
  const url = `${w.f.base}/disputes/${opened.body.id}`;
  ok(await w.lila.client.post(`${url}/crisis-meeting`, { startsAt: later(2), place: 'Au local', onlineUrl: null }), 201);
  // The crisis meeting's outcome is recorded once it has begun.
  t.clock.advanceMinutes(2 * 24 * 60 + 1);
  if (mediatorId === null) {
    ok(await w.marc.client.post(`${url}/crisis-outcome`, { outcome: 'exit_plan' }));
  } else {
    ok(await w.marc.client.post(`${url}/crisis-outcome`, { outcome: 'mediation' }));
    ok(await w.lila.client.post(`${url}/mediator`, { personId: mediatorId }));
    ok(await w.f.admin.post(`${url}/mediation-outcome`, { outcome: 'failure' }));
  }
  return { id: opened.body.id as string, url };
}

interface Ending {
  stage: string;
  owners: { id: string; fullName: string }[];
  tasks: { id: string; position: number; objective: string; owner: { id: string } | null; dueOn: string | null; status: string; settlement: { id: string; status: string } | null; can: { markDone: boolean } }[];
  budget: { id: string; status: string } | null;
  settlements: { id: string; status: string }[];
  circle: { id: string; heldAt: string | null; rounds: { round: string; text: string }[] } | null;
  writeUp: string | null;
  writeUpPublishedAt: string | null;
  consents: { id: string; consentsToPublish: boolean | null }[];
  can: Record<string, boolean>;
}

const endingOf = async (client: Client, url: string) => {
  const response = await client.get(`${url}/ending`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Ending;
};

const ok = (response: { status: number; body: unknown }, status = 200) => expect(response.status, JSON.stringify(response.body)).toBe(status);

/** The team consents to the proposal, which the administrator, its facilitator, takes to the round and closes. */
async function consentTo(w: World, proposalId: string) {
  const url = `${w.f.base}/proposals/${proposalId}`;
  for (let step = 0; step < 3; step += 1) expect((await w.f.admin.post(`${url}/phase`)).status).toBe(200);
  for (const member of [w.lila, w.marc, w.ines]) {
    expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
  }
  expect((await w.f.admin.post(`${url}/close-round`, { statement: 'Comptes apurés.' })).body).toMatchObject({ outcome: 'adopted' });
}

const later = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();

/** Gives every task an owner (Lila, then Marc, in turn) and a day. */
async function ownAll(w: World, url: string) {
  const ending = await endingOf(w.lila.client, url);
  for (const [index, task] of ending.tasks.entries()) {
    ok(await w.lila.client.put(`${url}/tasks/${task.id}`, { ownerId: index % 2 === 0 ? w.lila.personId : w.marc.personId, dueOn: '2026-04-30' }));
  }
  return ending.tasks;
}

async function holdCircle(w: World, url: string) {
  const called = await w.marc.client.post(`${url}/restorative-circle`, { startsAt: later(3), place: 'Salle du fond', onlineUrl: null });
  ok(called, 201);
  for (const round of ['understanding', 'responsibility', 'actions']) {
    ok(await w.lila.client.post(`${url}/meetings/${called.body.id}/notes`, { round, text: `Notes du tour ${round}` }));
  }
  t.clock.advanceMinutes(3 * 24 * 60 + 1);
  ok(await w.marc.client.post(`${url}/restorative-circle/held`), 201);
}

describe('the ending of a dispute under a cooperation charter (seed 000, art. 7)', () => {
  it('starts the exit plan with one task per objective of the charter, which the parties give owners and days', async () => {
    const w = await cooperation();
    const d = await disputeAtExitPlan(w);
    const ending = await endingOf(w.lila.client, d.url);
    expect(ending.tasks.map((task) => task.objective)).toEqual(w.rules.dispute.exitPlanObjectives);
    expect(ending.tasks).toHaveLength(6);
    expect(ending.owners.map((owner) => owner.fullName)).toEqual(['Lila Moreau', 'Marc Petit']);
    expect(ending.can).toMatchObject({ assign: true, callCircle: false, writeUp: false, close: false });

    const first = ending.tasks[0]!;
    ok(await w.lila.client.put(`${d.url}/tasks/${first.id}`, { ownerId: w.marc.personId, dueOn: '2026-04-15' }));
    expect((await endingOf(w.marc.client, d.url)).tasks[0]).toMatchObject({ owner: { id: w.marc.personId }, dueOn: '2026-04-15', can: { markDone: true } });
    // The owner is told, without the dispute's subject or the other party's name.
    const mail = log.mailsTo(w.marc.email).at(-1)!;
    expect(mail.subject).toBe('Un différend vous concerne');
    expect(mail.body).not.toContain('Retards');
    expect(mail.body).not.toContain('Lila');
    expect(mail.button).toBe(`/p/${w.f.partnershipId}/differends/${d.id}#plan-de-sortie`);
    const toDo = (await w.marc.client.get(`${w.f.base}/to-do`)).body.items;
    expect(toDo).toContainEqual(expect.objectContaining({ target: { kind: 'dispute_task', disputeId: d.id, taskId: first.id }, title: first.objective, deadline: { kind: 'day', on: '2026-04-15' } }));

    // Refusals: someone the dispute does not name, an owner outside it, a day past, a task of another dispute.
    expect((await w.ines.client.put(`${d.url}/tasks/${first.id}`, { ownerId: w.ines.personId, dueOn: '2026-04-15' })).status).toBe(404);
    expect((await w.f.admin.get(`${d.url}/ending`)).status).toBe(404);
    expect((await w.lila.client.put(`${d.url}/tasks/${first.id}`, { ownerId: w.ines.personId, dueOn: '2026-04-15' })).status).toBe(400);
    expect((await w.lila.client.put(`${d.url}/tasks/${first.id}`, { ownerId: w.lila.personId, dueOn: '2026-03-01' })).status).toBe(400);
    expect((await w.lila.client.put(`${d.url}/tasks/${randomUUID()}`, { ownerId: w.lila.personId, dueOn: '2026-04-15' })).status).toBe(404);
    expect((await w.lila.client.put(`${d.url}/tasks/${first.id}`, { ownerId: 'x', dueOn: 'demain' })).status).toBe(400);
    // Only the owner marks a task done; the circle waits for every task to have an owner and a day.
    expect((await w.lila.client.post(`${d.url}/tasks/${first.id}/done`)).status).toBe(403);
    expect((await w.lila.client.post(`${d.url}/restorative-circle`, { startsAt: later(3), place: 'Salle', onlineUrl: null })).status).toBe(409);
    ok(await w.marc.client.post(`${d.url}/tasks/${first.id}/done`), 201);
    expect((await w.marc.client.post(`${d.url}/tasks/${first.id}/done`)).status).toBe(409);
  });

  it('links the settling of accounts to the charter budget’s statement, done when the statement is approved', async () => {
    const w = await cooperation();
    const d = await disputeAtExitPlan(w, w.f.adminPersonId);
    const tasks = await ownAll(w, d.url);
    const settle = tasks.find((task) => task.objective === 'Solder les comptes') ?? tasks[3]!;
    const refund = tasks[2]!;
    // The mediator keeps the books here: they draw up the statement on the exit plan from the task.
    expect((await endingOf(w.f.admin, d.url)).can.prepareSettlement).toBe(true);
    expect((await endingOf(w.lila.client, d.url)).can.prepareSettlement).toBe(false);
    expect((await w.lila.client.post(`${d.url}/tasks/${settle.id}/settlement`)).status).toBe(403);
    const prepared = await w.f.admin.post(`${d.url}/tasks/${settle.id}/settlement`);
    ok(prepared, 201);
    const settlementId = prepared.body.id as string;
    // A party links the refund to the same statement; a statement of another budget is refused.
    ok(await w.lila.client.put(`${d.url}/tasks/${refund.id}/settlement`, { settlementId }));
    expect((await w.lila.client.put(`${d.url}/tasks/${refund.id}/settlement`, { settlementId: randomUUID() })).status).toBe(400);
    let ending = await endingOf(w.lila.client, d.url);
    expect(ending.tasks.find((task) => task.id === settle.id)).toMatchObject({ settlement: { id: settlementId, status: 'draft' }, status: 'open' });
    expect(ending.settlements).toEqual([expect.objectContaining({ id: settlementId, status: 'draft' })]);
    // Its owner cannot mark it done by hand: the statement's approval does.
    const owner = settle.position % 2 === 0 ? w.lila : w.marc;
    expect((await owner.client.post(`${d.url}/tasks/${settle.id}/done`)).status).toBe(409);

    const proposal = await w.f.admin.post(`${w.f.base}/budgets/${w.budgetId}/settlements/${settlementId}/proposal`, {});
    ok(proposal, 201);
    await consentTo(w, proposal.body.id);
    ending = await endingOf(w.lila.client, d.url);
    expect(ending.tasks.filter((task) => task.id === settle.id || task.id === refund.id).map((task) => [task.status, task.settlement?.status])).toEqual([
      ['done', 'approved'],
      ['done', 'approved'],
    ]);
    await sealJournal(t.store.db, w.f.partnershipId);
    const entries = await t.store.db.selectFrom('journal_entry').select(['kind', 'payload']).where('partnership_id', '=', w.f.partnershipId).where('kind', '=', 'dispute.taskDone').execute();
    expect(entries.map((entry) => (entry.payload as { taskId: string }).taskId).sort()).toEqual([settle.id, refund.id].sort());
  });

  it('without a budget, the owners mark the settling tasks done by hand', async () => {
    const w = await cooperation({ budget: false });
    const d = await disputeAtExitPlan(w);
    const tasks = await ownAll(w, d.url);
    expect((await endingOf(w.lila.client, d.url)).budget).toBeNull();
    expect((await w.lila.client.post(`${d.url}/tasks/${tasks[3]!.id}/settlement`)).status).toBe(409);
    expect((await w.lila.client.put(`${d.url}/tasks/${tasks[3]!.id}/settlement`, { settlementId: randomUUID() })).status).toBe(400);
    ok(await w.marc.client.post(`${d.url}/tasks/${tasks[3]!.id}/done`), 201);
  });

  it('holds the restorative circle, refuses a write-up that names someone, publishes it only with every consent, and closes once every task is done', async () => {
    const w = await cooperation({ budget: false });
    const d = await disputeAtExitPlan(w);
    const tasks = await ownAll(w, d.url);
    expect((await endingOf(w.lila.client, d.url)).can.callCircle).toBe(true);
    expect((await w.lila.client.post(`${d.url}/restorative-circle`, { startsAt: later(-1), place: 'Salle', onlineUrl: null })).status).toBe(400);
    expect((await w.lila.client.post(`${d.url}/restorative-circle`, { startsAt: later(3), place: '', onlineUrl: null })).status).toBe(400);
    const called = await w.marc.client.post(`${d.url}/restorative-circle`, { startsAt: later(3), place: 'Salle du fond', onlineUrl: null });
    ok(called, 201);
    // Convened with the calendar event; the to-do says the circle to come.
    const convocation = log.mailsTo(w.lila.email).at(-1)!;
    expect(convocation.subject).toBe('Un différend vous concerne');
    expect(convocation.button).toBe(`/p/${w.f.partnershipId}/differends/${d.id}#cercle-restauratif`);
    expect((await w.lila.client.get(`${w.f.base}/to-do`)).body.items).toContainEqual(expect.objectContaining({ target: { kind: 'dispute_circle', disputeId: d.id } }));
    // Held only once each round has its notes.
    expect((await w.marc.client.post(`${d.url}/restorative-circle/held`)).status).toBe(409);
    for (const round of ['understanding', 'responsibility', 'actions']) {
      ok(await w.lila.client.post(`${d.url}/meetings/${called.body.id}/notes`, { round, text: `Notes du tour ${round}` }));
    }
    expect((await w.ines.client.post(`${d.url}/restorative-circle/held`)).status).toBe(404);
    // Nor before its hour: nobody can say it was held before it began.
    const early = await w.marc.client.post(`${d.url}/restorative-circle/held`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/pas encore commencé/);
    t.clock.advanceMinutes(3 * 24 * 60 + 1);
    ok(await w.marc.client.post(`${d.url}/restorative-circle/held`), 201);
    let ending = await endingOf(w.lila.client, d.url);
    expect(ending.stage).toBe('write_up');
    expect(ending.circle?.rounds.map((round) => round.text)).toEqual(['Notes du tour understanding', 'Notes du tour responsibility', 'Notes du tour actions']);

    // The write-up: refused with a name or an address in it, pointing at what to remove.
    const named = await w.lila.client.put(`${d.url}/write-up`, { text: 'Au départ, MARC petit n’avait pas les moyens de livrer.' });
    expect(named.status).toBe(400);
    expect(JSON.stringify(named.body)).toContain('MARC petit');
    expect((await w.lila.client.put(`${d.url}/write-up`, { text: `Écrire à ${w.lila.email.toUpperCase()}` })).status).toBe(400);
    expect((await w.lila.client.put(`${d.url}/write-up`, { text: '' })).status).toBe(400);
    const text = 'Nous avons appris à dire plus tôt ce qui nous empêche de livrer, et à écrire qui tient quoi.';
    ok(await w.lila.client.put(`${d.url}/write-up`, { text }));
    expect((await w.ines.client.put(`${d.url}/write-up`, { text })).status).toBe(404);
    // The mediator-less dispute: only the parties consent; one yes publishes nothing.
    ok(await w.lila.client.put(`${d.url}/publish-consent`, { consents: true }));
    expect((await w.lila.client.put(`${d.url}/publish-consent`, { consents: 'oui' })).status).toBe(400);
    expect((await w.ines.client.get(`${w.f.base}/experience-reports`)).body.reports).toEqual([]);
    ok(await w.marc.client.put(`${d.url}/publish-consent`, { consents: false }));
    expect((await endingOf(w.lila.client, d.url)).writeUpPublishedAt).toBeNull();
    // Writing it again takes the consents back.
    ok(await w.marc.client.put(`${d.url}/write-up`, { text: `${text} Et à demander de l’aide.` }));
    expect((await endingOf(w.lila.client, d.url)).consents.map((consent) => consent.consentsToPublish)).toEqual([null, null]);
    ok(await w.lila.client.put(`${d.url}/publish-consent`, { consents: true }));
    ok(await w.marc.client.put(`${d.url}/publish-consent`, { consents: true }));
    ending = await endingOf(w.lila.client, d.url);
    expect(ending.writeUpPublishedAt).not.toBeNull();
    expect(ending.can.writeUp).toBe(false);
    expect((await w.lila.client.put(`${d.url}/write-up`, { text })).status).toBe(409);
    // Every member reads it: its text and day, nothing of the dispute.
    const reports = (await w.ines.client.get(`${w.f.base}/experience-reports`)).body;
    expect(reports).toEqual({ reports: [{ publishedAt: expect.any(String), text: `${text} Et à demander de l’aide.` }] });
    expect(JSON.stringify(reports)).not.toContain(d.id);

    // Closure waits for every task.
    expect((await w.lila.client.post(`${d.url}/closure`)).status).toBe(409);
    for (const [index, task] of tasks.entries()) ok(await (index % 2 === 0 ? w.lila : w.marc).client.post(`${d.url}/tasks/${task.id}/done`), 201);
    expect((await w.ines.client.post(`${d.url}/closure`)).status).toBe(404);
    ok(await w.marc.client.post(`${d.url}/closure`), 201);
    const row = await t.store.db.selectFrom('dispute').select(['stage', 'closed_how', 'closed_at']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ stage: 'closed', closed_how: 'exit_plan' });
    expect((await w.marc.client.post(`${d.url}/closure`)).status).toBe(409);

    // The journal holds ids and hashes, never the texts.
    await sealJournal(t.store.db, w.f.partnershipId);
    const entries = await t.store.db.selectFrom('journal_entry').select(['kind', 'payload']).where('partnership_id', '=', w.f.partnershipId).where('kind', 'like', 'dispute.%').execute();
    expect(new Set(entries.map((entry) => entry.kind))).toEqual(
      new Set(['dispute.opened', 'dispute.meetingCalled', 'dispute.meetingHeld', 'dispute.exitPlanned', 'dispute.taskAssigned', 'dispute.circleCalled', 'dispute.circleHeld', 'dispute.writeUpSaved', 'dispute.publishConsent', 'dispute.writeUpPublished', 'dispute.taskDone', 'dispute.closed', 'dispute.notesWritten']),
    );
    expect(JSON.stringify(entries)).not.toContain('appris');
    expect(JSON.stringify(entries)).not.toContain('Retards');
    expect(JSON.stringify(entries)).not.toContain('Salle du fond');
    // The rows agree with the journal.
    expect((await checkStateAgainstJournal(t.store.db, w.f.partnershipId)).map(describeDisagreement)).toEqual([]);
  });

  it('refuses the moves of the ending out of their stage', async () => {
    const w = await cooperation({ budget: false });
    const d = await disputeAtExitPlan(w);
    expect((await w.lila.client.post(`${d.url}/restorative-circle/held`)).status).toBe(409);
    expect((await w.lila.client.put(`${d.url}/write-up`, { text: 'Appris.' })).status).toBe(409);
    expect((await w.lila.client.put(`${d.url}/publish-consent`, { consents: true })).status).toBe(409);
    expect((await w.lila.client.post(`${d.url}/closure`)).status).toBe(409);
    expect((await w.lila.client.post(`${w.f.base}/disputes/${randomUUID()}/closure`)).status).toBe(404);
    await ownAll(w, d.url);
    await holdCircle(w, d.url);
    expect((await w.lila.client.post(`${d.url}/closure`)).status).toBe(409);
  });

  it('reminds a task’s owner the day before it is due', async () => {
    const w = await cooperation({ budget: false });
    const d = await disputeAtExitPlan(w);
    const task = (await endingOf(w.lila.client, d.url)).tasks[2]!;
    ok(await w.lila.client.put(`${d.url}/tasks/${task.id}`, { ownerId: w.marc.personId, dueOn: '2026-04-15' }));
    // The reminder's subject wraps the notice's, which still names neither the subject nor the parties.
    const told = () => log.mailsTo(w.marc.email).filter((mail) => mail.subject.includes('Un différend vous concerne')).length;
    const before = told();
    const calls = await t.store.db.selectFrom('mail_notice').select('deadline').where('person_id', '=', w.marc.personId).where('kind', '=', 'call').execute();
    // The end of 15 April in Paris (summer time, UTC+2).
    const deadline = new Date('2026-04-15T21:59:59.000Z');
    expect(calls.map((call) => call.deadline && new Date(call.deadline).toISOString())).toContain(deadline.toISOString());
    await sendDeadlineReminders(t.store.db, new Date(deadline.getTime() - 6 * 3_600_000), t.app.afterCommit);
    await t.app.mailer.idle();
    expect(told()).toBe(before + 1);
    const reminder = log.mailsTo(w.marc.email).at(-1)!;
    expect(reminder.subject).not.toBe('Un différend vous concerne');
    expect(reminder.body).not.toContain('Retards');
    expect(reminder.button).toBe(`/p/${w.f.partnershipId}/differends/${d.id}#plan-de-sortie`);
  });

  it('keeps every task owned and dated once the restorative circle is called', async () => {
    const w = await cooperation({ budget: false });
    const d = await disputeAtExitPlan(w);
    const [first] = await ownAll(w, d.url);
    ok(await w.marc.client.post(`${d.url}/restorative-circle`, { startsAt: later(3), place: 'Salle du fond', onlineUrl: null }), 201);
    const url = `${d.url}/tasks/${first!.id}`;
    for (const [body, language] of [[{ ownerId: null, dueOn: '2026-04-30' }, 'fr'], [{ ownerId: w.lila.personId, dueOn: null }, 'en']] as const) {
      w.lila.client.locale = language;
      const refused = await w.lila.client.put(url, body);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain(language === 'fr' ? 'chaque objectif garde' : 'every objective keeps');
    }
    w.lila.client.locale = undefined;
    ok(await w.lila.client.put(url, { ownerId: w.marc.personId, dueOn: '2026-05-02' }));
    expect((await endingOf(w.lila.client, d.url)).tasks[0]).toMatchObject({ owner: { id: w.marc.personId }, dueOn: '2026-05-02' });
  });
});
