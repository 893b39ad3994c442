import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { active, decide, partnership } from '../support/common-projects.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

interface Page {
  budget: { id: string; of: { kind: string; id: string; title: string }; status: string; closedOn: string | null };
  receivedCents: number;
  spentCents: number;
  totalCents: number | null;
  posts: { postId: string; label: string; plannedCents: number; owedCents: number; paidCents: number; remainingCents: number }[];
  payments: { payments: { id: string; postId: string; amountCents: number; reverses: string | null; reversed: boolean; person: { fullName: string } | null }[]; next: string | null };
  settlement: {
    id: string;
    status: string;
    reason: string;
    receivedCents: number;
    approvedOn: string | null;
    lines: { postId: string; owedCents: number; paidCents: number; deliveredCents: number; refundCents: number; dueCents: number }[];
    totals: { refundCents: number; dueCents: number };
    proposal: { id: string; status: string } | null;
  } | null;
  can: { keepAccounts: boolean };
}

const posts = { association: randomUUID(), lead: randomUUID(), guide: randomUUID() };

/**
 * Seed 000: a cooperation charter whose team (Lila, Marc, Inès) decides by consent, with the
 * split of its article 5 (8,272 €: the association's 712 €, project management's 5,480 €, the
 * guide's 2,080 €). Nobody holds a treasurer role, so the administrator keeps the books.
 */
async function cooperation() {
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
  const versionUrl = `${f.base}/charters/${charterId}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  content.rules.budget = {
    totalCents: 827_200,
    posts: [
      { id: posts.association, label: 'Association', percent: 10, amountCents: 71_200, percentOf: { label: 'Prestations de l’association', amountCents: 712_000 } },
      { id: posts.lead, label: 'Gestion de projet + Moissonneur.se', percent: null, amountCents: 548_000 },
      { id: posts.guide, label: 'Accompagnateurice', percent: null, amountCents: 208_000 },
    ],
  };
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: team, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  const opened = await f.admin.post(`${f.base}/charters/${charterId}/budget`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const budgetId = opened.body.id as string;
  const [lila, marc, ines] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
  const url = `${f.base}/budgets/${budgetId}`;
  const page = async (client: Client = f.admin) => {
    const response = await client.get(`${url}/settlement`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as Page;
  };
  return { f, house, team, charterId, budgetId, url, lila, marc, ines, page };
}

type World = Awaited<ReturnType<typeof cooperation>>;

/** Income received on the budget, recorded by the keeper on the budget's income line. */
async function receive(w: World, amountCents: number) {
  const response = await w.f.admin.post(`${w.url}/entries`, { lineKey: await incomeLine(w), occurredOn: TODAY, amountCents, organizationId: null, personId: null, counterparty: 'Client', note: '', attachment: null });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function incomeLine(w: World): Promise<string> {
  const line = await t.store.db
    .selectFrom('budget_line as l')
    .innerJoin('budget_version as v', 'v.id', 'l.version_id')
    .select('l.line_key')
    .where('v.budget_id', '=', w.budgetId)
    .where('l.kind', '=', 'income')
    .executeTakeFirstOrThrow();
  return line.line_key;
}

/** The team consents to the proposal, which the administrator, its facilitator, takes to the round and closes. */
async function consentTo(w: World, proposalId: string) {
  const url = `${w.f.base}/proposals/${proposalId}`;
  for (let step = 0; step < 3; step += 1) expect((await w.f.admin.post(`${url}/phase`)).status).toBe(200);
  for (const member of [w.lila, w.marc, w.ines]) {
    expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
  }
  expect((await w.f.admin.post(`${url}/close-round`, { statement: 'Comptes apurés.' })).body).toMatchObject({ outcome: 'adopted' });
}

const proofOf = async (w: World) => (await checkStateAgainstJournal(t.store.db, w.f.partnershipId)).map(describeDisagreement);

describe('the split and the settling of accounts of a cooperation charter', () => {
  it('owes each post its share of the money received, records payments and their corrections', async () => {
    const w = await cooperation();
    const empty = await w.page();
    expect(empty.budget).toMatchObject({ of: { kind: 'charter', id: w.charterId }, status: 'open' });
    expect(empty.posts.map((post) => [post.label, post.plannedCents, post.owedCents])).toEqual([
      ['Association', 71_200, 0],
      ['Gestion de projet + Moissonneur.se', 548_000, 0],
      ['Accompagnateurice', 208_000, 0],
    ]);
    expect(empty.can).toEqual({ keepAccounts: true });
    expect((await w.page(w.marc.client)).can).toEqual({ keepAccounts: false });

    await receive(w, 413_601);
    const half = await w.page();
    expect(half.receivedCents).toBe(413_601);
    expect(half.posts.map((post) => post.owedCents)).toEqual([35_600, 274_001, 104_000]);

    const payment = { postId: posts.lead, paidOn: TODAY, amountCents: 200_000, personId: w.lila.personId, organizationId: null };
    const refused = await w.marc.client.post(`${w.url}/split-payments`, payment);
    expect([refused.status, refused.body.message]).toEqual([403, 'Vous n’avez pas le droit de faire cela.']);
    const negative = await w.f.admin.post(`${w.url}/split-payments`, { ...payment, amountCents: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body.fields).toEqual({ amountCents: 'Indiquez un montant supérieur à zéro.' });
    const zero = await w.f.admin.post(`${w.url}/split-payments`, { ...payment, amountCents: 0 });
    expect([zero.status, zero.body.fields]).toEqual([400, { amountCents: 'Indiquez un montant supérieur à zéro.' }]);
    const twoPayees = await w.f.admin.post(`${w.url}/split-payments`, { ...payment, organizationId: w.house });
    expect([twoPayees.status, twoPayees.body.fields]).toEqual([400, { personId: 'Indiquez soit une organisation, soit une personne.' }]);
    const stranger = await w.f.admin.post(`${w.url}/split-payments`, { ...payment, postId: randomUUID() });
    expect([stranger.status, stranger.body.fields]).toEqual([400, { postId: 'Ce poste ne figure pas dans la répartition de la charte.' }]);
    const paid = await w.f.admin.post(`${w.url}/split-payments`, payment);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const mistaken = await w.f.admin.post(`${w.url}/split-payments`, { ...payment, amountCents: 9_999 });
    const corrected = await w.f.admin.post(`${w.url}/split-payments/${mistaken.body.id}/reversal`);
    expect(corrected.status).toBe(201);
    const twice = await w.f.admin.post(`${w.url}/split-payments/${mistaken.body.id}/reversal`);
    expect([twice.status, twice.body.message]).toEqual([409, 'Ce versement est déjà corrigé.']);

    const after = await w.page();
    expect(after.posts.find((post) => post.postId === posts.lead)).toMatchObject({ owedCents: 274_001, paidCents: 200_000, remainingCents: 74_001 });
    expect(after.payments.next).toBeNull();
    expect(after.payments.payments.map((row) => [row.amountCents, row.reversed, row.reverses !== null])).toEqual(
      expect.arrayContaining([
        [200_000, false, false],
        [9_999, true, false],
        [-9_999, false, true],
      ]),
    );
    expect(await proofOf(w)).toEqual([]);
  });

  it('drafts a statement, puts it to the team the charter names, and once approved freezes it and closes the budget', async () => {
    const w = await cooperation();
    await receive(w, 827_200);
    await w.f.admin.post(`${w.url}/split-payments`, { postId: posts.guide, paidOn: TODAY, amountCents: 208_000, personId: w.ines.personId, organizationId: null });
    await w.f.admin.post(`${w.url}/split-payments`, { postId: posts.lead, paidOn: TODAY, amountCents: 300_000, personId: w.lila.personId, organizationId: null });

    const notKeeper = await w.lila.client.post(`${w.url}/settlements`, { reason: 'exit_plan' });
    expect(notKeeper.status).toBe(403);
    const badReason = await w.f.admin.post(`${w.url}/settlements`, { reason: 'whenever' });
    expect([badReason.status, badReason.body.fields]).toEqual([400, { reason: 'Choisissez une des valeurs proposées.' }]);
    const opened = await w.f.admin.post(`${w.url}/settlements`, { reason: 'exit_plan' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const settlementId = opened.body.id as string;
    const again = await w.f.admin.post(`${w.url}/settlements`, { reason: 'closing' });
    expect([again.status, again.body.message]).toEqual([409, 'Un état de règlement est déjà en cours pour ce budget : reprenez-le.']);

    // The guide delivered half of their part: they refund what was paid for the rest; the lead is owed the remainder.
    const saved = await w.f.admin.put(`${w.url}/settlements/${settlementId}`, { reason: 'exit_plan', delivered: [{ postId: posts.guide, deliveredCents: 104_000 }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const draft = (await w.page()).settlement!;
    expect(draft).toMatchObject({ status: 'draft', reason: 'exit_plan', receivedCents: 827_200, proposal: null });
    expect(draft.lines.map((line) => [line.postId, line.owedCents, line.paidCents, line.deliveredCents, line.refundCents, line.dueCents])).toEqual([
      [posts.association, 71_200, 0, 71_200, 0, 71_200],
      [posts.lead, 548_000, 300_000, 548_000, 0, 248_000],
      [posts.guide, 208_000, 208_000, 104_000, 104_000, 0],
    ]);
    expect(draft.totals).toMatchObject({ refundCents: 104_000, dueCents: 319_200 });

    const proposed = await w.f.admin.post(`${w.url}/settlements/${settlementId}/proposal`, {});
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const proposal = await t.store.db.selectFrom('proposal').select(['body_id', 'settlement_id', 'charter_version_id']).where('id', '=', proposed.body.id).executeTakeFirstOrThrow();
    expect([proposal.body_id, proposal.settlement_id]).toEqual([w.team, settlementId]);
    const frozenDraft = await w.f.admin.put(`${w.url}/settlements/${settlementId}`, { reason: 'closing', delivered: [] });
    expect([frozenDraft.status, frozenDraft.body.message]).toEqual([409, 'Cet état de règlement est soumis à une décision : il ne change pas tant qu’elle n’est pas prise.']);
    // The statement decided is the one proposed: no money moves on the budget meanwhile.
    const frozenMoney = 'L’état de règlement des comptes est soumis à une décision : aucune écriture ni aucun versement n’est enregistré sur ce budget tant qu’elle n’est pas prise.';
    const entryMeanwhile = await w.f.admin.post(`${w.url}/entries`, { lineKey: await incomeLine(w), occurredOn: TODAY, amountCents: 100, organizationId: null, personId: null, counterparty: '', note: '', attachment: null });
    expect([entryMeanwhile.status, entryMeanwhile.body.message]).toEqual([409, frozenMoney]);
    const entryId = (await t.store.db.selectFrom('budget_entry').select('id').where('budget_id', '=', w.budgetId).executeTakeFirstOrThrow()).id;
    expect((await w.f.admin.post(`${w.url}/entries/${entryId}/reversal`)).body.message).toBe(frozenMoney);
    const paymentMeanwhile = await w.f.admin.post(`${w.url}/split-payments`, { postId: posts.lead, paidOn: TODAY, amountCents: 1_000, personId: null, organizationId: null });
    expect([paymentMeanwhile.status, paymentMeanwhile.body.message]).toEqual([409, frozenMoney]);
    const paidId = (await w.page()).payments.payments[0]!.id;
    const reversalMeanwhile = await w.f.admin.post(`${w.url}/split-payments/${paidId}/reversal`);
    expect([reversalMeanwhile.status, reversalMeanwhile.body.message]).toEqual([409, frozenMoney]);
    w.f.admin.locale = 'en';
    const en = await w.f.admin.post(`${w.url}/split-payments`, { postId: posts.lead, paidOn: TODAY, amountCents: 1_000, personId: null, organizationId: null });
    w.f.admin.locale = undefined;
    expect(en.body.message).toBe('The settlement statement is under decision: no entry or payment is recorded on this budget until the decision is taken.');

    await consentTo(w, proposed.body.id);
    const closed = await w.page();
    expect(closed.budget).toMatchObject({ status: 'closed', closedOn: TODAY });
    expect(closed.settlement).toMatchObject({ id: settlementId, status: 'approved', approvedOn: TODAY, proposal: { id: proposed.body.id, status: 'adopted' } });
    expect(closed.can).toEqual({ keepAccounts: false });

    const late = await w.f.admin.post(`${w.url}/split-payments`, { postId: posts.lead, paidOn: TODAY, amountCents: 248_000, personId: w.lila.personId, organizationId: null });
    expect([late.status, late.body.message]).toEqual([409, 'Ce budget est clos : plus aucun versement ni aucune écriture n’y est enregistré.']);
    const lateEntry = await w.f.admin.post(`${w.url}/entries`, { lineKey: await incomeLine(w), occurredOn: TODAY, amountCents: 100, organizationId: null, personId: null, counterparty: '', note: '', attachment: null });
    expect(lateEntry.status).toBe(409);
    const newStatement = await w.f.admin.post(`${w.url}/settlements`, { reason: 'closing' });
    expect(newStatement.status).toBe(409);

    const told = await t.store.db.selectFrom('mail_notice').select(['person_id', 'subject']).where('partnership_id', '=', w.f.partnershipId).where('subject', 'like', 'Comptes apurés%').execute();
    expect(new Set(told.map((row) => row.person_id))).toEqual(new Set([w.f.adminPersonId, w.lila.personId, w.marc.personId, w.ines.personId]));
    expect(await proofOf(w)).toEqual([]);
  });

  it('takes a statement whose decision lapsed back to its draft, to be corrected and proposed again', async () => {
    const w = await cooperation();
    await receive(w, 100_000);
    const settlementId = (await w.f.admin.post(`${w.url}/settlements`, { reason: 'closing' })).body.id as string;
    const lapsing = (await w.f.admin.post(`${w.url}/settlements/${settlementId}/proposal`, {})).body.id as string;
    expect((await w.f.admin.post(`${w.f.base}/proposals/${lapsing}/blocked`)).body).toEqual({ outcome: 'lapsed' });
    const page = await w.page();
    expect(page.budget.status).toBe('open');
    expect(page.settlement).toMatchObject({ id: settlementId, status: 'draft', proposal: { id: lapsing, status: 'lapsed' } });
    // Back to its draft, the statement no longer holds the money: it is read again from the budget when proposed anew.
    await receive(w, 50_000);
    expect((await w.f.admin.put(`${w.url}/settlements/${settlementId}`, { reason: 'closing', delivered: [{ postId: posts.association, deliveredCents: 0 }] })).status).toBe(200);
    expect((await w.f.admin.post(`${w.url}/settlements/${settlementId}/proposal`, {})).status).toBe(201);
    expect(await proofOf(w)).toEqual([]);
  });

  it('lists the payments 100 at a time, newest first, the older ones after a cursor', async () => {
    const w = await cooperation();
    for (let day = 1; day <= 101; day += 1) {
      const paidOn = `2026-0${1 + Math.floor((day - 1) / 28)}-${String(1 + ((day - 1) % 28)).padStart(2, '0')}`;
      expect((await w.f.admin.post(`${w.url}/split-payments`, { postId: posts.lead, paidOn, amountCents: day, personId: null, organizationId: null })).status).toBe(201);
    }
    const first = (await w.page(w.marc.client)).payments;
    expect(first.payments).toHaveLength(100);
    expect(first.payments[0]!.amountCents).toBe(101);
    expect(first.next).not.toBeNull();
    const rest = await w.marc.client.get(`${w.url}/split-payments?after=${encodeURIComponent(first.next!)}`);
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual({ payments: [expect.objectContaining({ amountCents: 1 })], next: null });
    expect((await w.marc.client.get(`${w.url}/split-payments?after=nonsense`)).body.payments).toHaveLength(100);
  });

  it('is of its own partnership only', async () => {
    const w = await cooperation();
    const other = await newPartnership(t);
    expect((await other.admin.get(`${other.base}/budgets/${w.budgetId}/settlement`)).status).toBe(404);
    expect((await other.admin.post(`${other.base}/budgets/${w.budgetId}/split-payments`, { postId: posts.lead, paidOn: TODAY, amountCents: 100, personId: null, organizationId: null })).status).toBe(404);
    const foreignPerson = await w.f.admin.post(`${w.url}/split-payments`, { postId: posts.lead, paidOn: TODAY, amountCents: 100, personId: other.adminPersonId, organizationId: null });
    expect(foreignPerson.status).toBe(400);
  });
});

describe('the split of a common project’s budget', () => {
  it('follows the posts of the partnership charter in force, kept by the project’s lead, and its statement goes where that charter’s settlement matter says', async () => {
    const split = { tilleuls: randomUUID(), moulin: randomUUID() };
    const s = await partnership(t, (content) => {
      // The steering committee, whose members the fixture seats, settles the accounts of common projects.
      (content.rules as unknown as { money: { settlement: unknown } }).money.settlement = { level: 'strategic', topic: 'Projets communs' };
      (content.rules as unknown as { budget: unknown }).budget = {
        totalCents: 1_000_000,
        posts: [
          { id: split.tilleuls, label: 'MJC des Tilleuls', percent: 60, amountCents: null },
          { id: split.moulin, label: 'Centre social du Moulin', percent: null, amountCents: 400_000 },
        ],
      };
    });
    const url = await active(s);
    const line = await s.ines.client.post(`${url}/budget/lines`, { category: 'contribution', label: 'Participation des familles', amountCents: 1_000_000 });
    expect(line.status, JSON.stringify(line.body)).toBe(201);
    const budgetId = (await s.ines.client.get(`${url}/budget`)).body.budgetId as string;
    const budget = `${s.f.base}/budgets/${budgetId}`;
    expect((await s.ines.client.post(`${budget}/entries`, { lineKey: line.body.id, occurredOn: TODAY, amountCents: 250_000 })).status).toBe(201);

    const page = (await s.ines.client.get(`${budget}/settlement`)).body as Page;
    expect(page.budget.of.kind).toBe('project');
    expect(page.posts.map((post) => [post.label, post.plannedCents, post.owedCents])).toEqual([
      ['MJC des Tilleuls', 600_000, 150_000],
      ['Centre social du Moulin', 400_000, 100_000],
    ]);
    expect(page.can).toEqual({ keepAccounts: true });
    const stranger = await s.nadia.client.post(`${budget}/split-payments`, { postId: split.moulin, paidOn: TODAY, amountCents: 100_000, personId: null, organizationId: s.moulin });
    expect(stranger.status).toBe(403);
    expect((await s.ines.client.post(`${budget}/split-payments`, { postId: split.moulin, paidOn: TODAY, amountCents: 100_000, personId: null, organizationId: s.moulin })).status).toBe(201);

    // The forecast written after the project's validation goes to the directors: the statement waits for their decision.
    const revision = await s.ines.client.post(`${budget}/proposal`, {});
    expect(revision.status, JSON.stringify(revision.body)).toBe(201);
    const settlementId = (await s.ines.client.post(`${budget}/settlements`, { reason: 'closing' })).body.id as string;
    const early = await s.ines.client.post(`${budget}/settlements/${settlementId}/proposal`, {});
    expect([early.status, early.body.message]).toEqual([409, 'Une révision du budget est soumise à une décision : attendez qu’elle soit prise avant de proposer l’état de règlement.']);
    expect((await s.ines.client.post(`${s.f.base}/proposals/${revision.body.id}/blocked`, {})).body).toMatchObject({ outcome: 'lapsed' });

    const proposed = await s.ines.client.post(`${budget}/settlements/${settlementId}/proposal`, {});
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const proposal = await t.store.db.selectFrom('proposal').select(['level', 'topic', 'settlement_id']).where('id', '=', proposed.body.id).executeTakeFirstOrThrow();
    expect(proposal).toEqual({ level: 'strategic', topic: 'Projets communs', settlement_id: settlementId });

    // A revision proposed meanwhile and adopted once the settlement closed the budget validates nothing: it goes back to its draft.
    const late = await s.ines.client.post(`${budget}/proposal`, {});
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect((await decide(s, proposed.body.id, 'agree', s.ines.client)).body).toMatchObject({ outcome: 'adopted' });
    expect((await s.ines.client.get(`${budget}/settlement`)).body.budget.status).toBe('closed');
    const lateUrl = `${s.f.base}/proposals/${late.body.id}`;
    while ((await s.f.admin.get(lateUrl)).body.phase !== 'round') expect((await s.ines.client.post(`${lateUrl}/phase`)).status).toBe(200);
    for (const director of [s.helene, s.jacques]) expect((await director.client.post(`${lateUrl}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await s.ines.client.post(`${lateUrl}/close-round`, { statement: '' })).body).toMatchObject({ outcome: 'adopted' });
    const versions = await t.store.db.selectFrom('budget_version').select(['status', 'validated_on']).where('budget_id', '=', budgetId).execute();
    expect(versions).toEqual([{ status: 'draft', validated_on: null }]);
    const proof = (await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map(describeDisagreement);
    expect(proof).toEqual([]);
  });
});
