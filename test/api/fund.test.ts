import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { builder, journalOf, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Line {
  organization: { id: string; name: string };
  declaredBudgetCents: number | null;
  undeclared: boolean;
  call: { id: string; amountCents: number; paidCents: number; remainingCents: number; dueOn: string; status: string; behind: boolean } | null;
}
interface FundPage {
  rule: unknown;
  year: number;
  organizations: Line[];
  balanceCents: number;
  reservedCents: number;
  availableCents: number;
  ledger: { id: string; kind: string; amountCents: number; balanceCents: number; reverses: string | null; reversed: boolean; organization: { name: string } | null }[];
  spendings: { id: string; amountCents: number; status: string }[];
  can: { declareFor: string[]; keepAccounts: boolean; proposeSpending: boolean };
}

/**
 * Three houses (seed 003's « 1 % »): the MJC des Tilleuls (Nadia administers it), the Centre
 * social du Moulin (Gérard), the Rives (Samia); all three sit on the steering committee, which
 * decides the fund's spendings by consent. Tina holds the « Trésorerie » role and keeps the books;
 * Paul belongs to the Moulin and sits nowhere. The fund calls 1 % of each declared budget, on the
 * calendar year, due within 60 days.
 */
async function partnership(withFund = true) {
  t.clock.current = new Date(`${TODAY}T09:00:00Z`);
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  const rives = await build.organization('Les Rives');
  // The template's charter names one body of each kind.
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const house = async (fullName: string, organizationId: string) => {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board', isOrganizationAdmin: true }] });
    await build.seat(steering, { personId: person.personId, organizationId });
    return person;
  };
  const nadia = await house('Nadia Benali', tilleuls);
  const gerard = await house('Gérard Lefèvre', moulin);
  const samia = await house('Samia Haddad', rives);
  const tina = await newMember(t, f, { fullName: 'Tina Morel', memberships: [{ organizationId: moulin, kind: 'staff' }] });
  const paul = await newMember(t, f, { fullName: 'Paul Girard', memberships: [{ organizationId: moulin, kind: 'volunteer' }] });
  const treasury = await build.role({ name: 'Trésorerie' });
  await build.assign(treasury, tina.personId);
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  // The template's fund: 1 % of declared budgets, calendar year, due within 60 days, spent by the steering committee by consent.
  const fundRow = content.rules.decisionMatrix.find((rule: { level: string; topic: string }) => rule.level === 'strategic' && rule.topic === 'Caisse commune');
  expect(fundRow).toMatchObject({ bodyId: steering, method: 'consent' });
  fundRow.onBlock = { kind: 'lapse' };
  expect(content.rules.money.commonFund).toEqual({ contribution: { kind: 'percent', percent: 1 }, yearStartsMonth: 1, dueWithinDays: 60, spending: { level: 'strategic', topic: 'Caisse commune' } });
  content.rules.money = { ...content.rules.money, treasurerRoleId: treasury, commonFund: withFund ? content.rules.money.commonFund : null };
  const saved = await f.admin.put(versionUrl, content);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body.issues).toEqual([]);
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  const page = async (client: Client = f.admin, year?: number) => {
    const response = await client.get(`${f.base}/fund${year === undefined ? '' : `?year=${year}`}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as FundPage;
  };
  const lineOf = (fund: FundPage, organizationId: string) => fund.organizations.find((line) => line.organization.id === organizationId)!;
  return { f, tilleuls, moulin, rives, steering, nadia, gerard, samia, tina, paul, page, lineOf };
}

type World = Awaited<ReturnType<typeof partnership>>;

const proofOf = async (w: World) => (await checkStateAgainstJournal(t.store.db, w.f.partnershipId)).map(describeDisagreement);
const toDoKinds = async (w: World, client: Client) => ((await client.get(`${w.f.base}/to-do`)).body.items as { target: { kind: string; organizationId?: string } }[]).filter((item) => item.target.kind.startsWith('fund_')).map((item) => [item.target.kind, item.target.organizationId]);

/** Each house declares its budget (the Rives last), the calls are issued, and the Tilleuls and the Moulin pay in full. */
async function calledAndPaid(w: World) {
  expect((await w.nadia.client.put(`${w.f.base}/fund/declarations`, { organizationId: w.tilleuls, year: 2026, budgetCents: 45_000_000 })).status).toBe(204);
  expect((await w.gerard.client.put(`${w.f.base}/fund/declarations`, { organizationId: w.moulin, year: 2026, budgetCents: 12_345_678 })).status).toBe(204);
  const first = await w.tina.client.post(`${w.f.base}/fund/calls`, { year: 2026 });
  expect([first.status, first.body]).toEqual([201, { issued: 2, undeclared: [w.rives] }]);
  expect((await w.samia.client.put(`${w.f.base}/fund/declarations`, { organizationId: w.rives, year: 2026, budgetCents: 20_000_000 })).status).toBe(204);
  expect((await w.tina.client.post(`${w.f.base}/fund/calls`, { year: 2026 })).body).toEqual({ issued: 1, undeclared: [] });
  const fund = await w.page();
  const callOf = (organizationId: string) => w.lineOf(fund, organizationId).call!.id;
  for (const [organizationId, amountCents] of [
    [w.tilleuls, 450_000],
    [w.moulin, 123_457],
  ] as const) {
    // The ledger reads in the order rows were written: a minute apart, as a treasurer would.
    t.clock.advanceMinutes(1);
    expect((await w.tina.client.post(`${w.f.base}/fund/payments`, { callId: callOf(organizationId), amountCents, paidOn: TODAY })).status).toBe(201);
  }
  t.clock.advanceMinutes(1);
  return { tilleulsCall: callOf(w.tilleuls), moulinCall: callOf(w.moulin), rivesCall: callOf(w.rives) };
}

describe('the common fund', () => {
  it('calls each house from its declared budget, records payments, and flags the house behind once the due day has passed', async () => {
    const w = await partnership();
    const before = await w.page(w.paul.client);
    expect(before.organizations.map((line) => [line.organization.name, line.undeclared, line.call])).toEqual([
      ['Centre social du Moulin', true, null],
      ['Les Rives', true, null],
      ['MJC des Tilleuls', true, null],
    ]);
    expect(before.can).toEqual({ declareFor: [], keepAccounts: false, proposeSpending: false });
    expect((await w.page(w.nadia.client)).can).toEqual({ declareFor: [w.tilleuls], keepAccounts: false, proposeSpending: true });
    expect((await w.page(w.tina.client)).can.keepAccounts).toBe(true);
    expect(await toDoKinds(w, w.samia.client)).toEqual([['fund_declaration', w.rives]]);

    const foreign = await w.samia.client.put(`${w.f.base}/fund/declarations`, { organizationId: w.tilleuls, year: 2026, budgetCents: 1 });
    expect([foreign.status, foreign.body.message]).toEqual([403, 'Vous n’avez pas le droit de faire cela.']);
    const notKeeper = await w.nadia.client.post(`${w.f.base}/fund/calls`, { year: 2026 });
    expect([notKeeper.status, notKeeper.body.message]).toEqual([403, 'Vous n’avez pas le droit de faire cela.']);
    // An administrator stands in for nobody while the treasurer role is held.
    expect((await w.f.admin.post(`${w.f.base}/fund/calls`, { year: 2026 })).status).toBe(403);
    const negative = await w.nadia.client.put(`${w.f.base}/fund/declarations`, { organizationId: w.tilleuls, year: 2026, budgetCents: -5 });
    expect([negative.status, negative.body.fields]).toEqual([400, { budgetCents: 'Indiquez un montant positif, en centimes.' }]);
    const allUndeclared = await w.tina.client.post(`${w.f.base}/fund/calls`, { year: 2026 });
    expect([allUndeclared.status, allUndeclared.body.message]).toEqual([409, 'Aucun appel ne peut être émis : les structures restantes n’ont pas déclaré leur budget annuel.']);

    const { rivesCall, tilleulsCall } = await calledAndPaid(w);
    const late = await w.nadia.client.put(`${w.f.base}/fund/declarations`, { organizationId: w.tilleuls, year: 2026, budgetCents: 1 });
    expect([late.status, late.body.message]).toEqual([409, 'L’appel de cette année est déjà émis pour cette structure : son budget déclaré ne change plus.']);
    expect((await w.tina.client.post(`${w.f.base}/fund/calls`, { year: 2026 })).status).toBe(409);

    const called = await w.page();
    expect(called.organizations.map((line) => [line.organization.name, line.call?.amountCents, line.call?.paidCents, line.call?.dueOn, line.call?.status, line.call?.behind])).toEqual([
      ['Centre social du Moulin', 123_457, 123_457, '2026-05-09', 'paid', false],
      ['Les Rives', 200_000, 0, '2026-05-09', 'unpaid', false],
      ['MJC des Tilleuls', 450_000, 450_000, '2026-05-09', 'paid', false],
    ]);
    expect(called.balanceCents).toBe(573_457);
    expect(called.ledger.map((row) => [row.kind, row.organization?.name, row.amountCents, row.balanceCents])).toEqual([
      ['payment', 'MJC des Tilleuls', 450_000, 450_000],
      ['payment', 'Centre social du Moulin', 123_457, 573_457],
    ]);
    expect(await toDoKinds(w, w.samia.client)).toEqual([['fund_contribution', w.rives]]);
    expect(await toDoKinds(w, w.nadia.client)).toEqual([]);
    // The Rives' administrator was asked to declare, and called for its contribution: both notices
    // bear the test clock's one instant, so their order is not theirs to tell.
    const subjects = (await t.store.db.selectFrom('mail_notice').select('subject').where('person_id', '=', w.samia.personId).execute()).map((row) => row.subject);
    expect(subjects.filter((subject) => subject.startsWith('Caisse commune')).sort()).toEqual(['Caisse commune 2026 : contribution de « Les Rives »', 'Caisse commune 2026 : déclarez le budget annuel de « Les Rives »']);

    const above = await w.tina.client.post(`${w.f.base}/fund/payments`, { callId: rivesCall, amountCents: 200_001, paidOn: TODAY });
    expect([above.status, above.body.message]).toEqual([409, 'Ce versement dépasse ce qui reste dû sur cet appel.']);
    const future = await w.tina.client.post(`${w.f.base}/fund/payments`, { callId: rivesCall, amountCents: 1, paidOn: '2026-03-11' });
    expect([future.status, future.body.fields]).toEqual([400, { paidOn: 'Ce versement ne peut pas être daté d’un jour à venir.' }]);
    const bad = await w.tina.client.post(`${w.f.base}/fund/payments`, { callId: 'pas un appel', amountCents: 0, paidOn: '10/03/2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ callId: 'Cet élément est introuvable.', amountCents: 'Indiquez un montant positif, en centimes.', paidOn: 'Indiquez une date au format AAAA-MM-JJ.' });
    expect((await w.nadia.client.post(`${w.f.base}/fund/payments`, { callId: rivesCall, amountCents: 100, paidOn: TODAY })).status).toBe(403);
    expect((await w.tina.client.post(`${w.f.base}/fund/payments`, { callId: rivesCall, amountCents: 50_000, paidOn: TODAY })).status).toBe(201);

    // Past the due day, the Rives are behind: on the fund page, in the compliance view, for the keeper.
    t.clock.current = new Date('2026-05-20T09:00:00Z');
    // Two months on, sessions have ended: everyone signs in again.
    for (const person of [w.paul, w.tina, w.nadia]) expect((await person.client.signIn(person.email)).status).toBe(200);
    expect((await w.f.admin.signIn(w.f.adminEmail)).status).toBe(200);
    const behind = await w.page(w.paul.client);
    expect(behind.organizations.filter((line) => line.call?.behind).map((line) => [line.organization.name, line.call!.remainingCents, line.call!.status])).toEqual([['Les Rives', 150_000, 'partly_paid']]);
    const compliance = await w.paul.client.get(`${w.f.base}/compliance`);
    expect(compliance.body.findings.filter((finding: { code: string }) => finding.code === 'fund_contribution_behind')).toEqual([
      { code: 'fund_contribution_behind', link: { kind: 'fund', id: w.rives }, message: '« Les Rives » doit encore 1\u202f500,00\u00a0€ à la caisse commune pour 2026 (échéance le 9 mai 2026).' },
    ]);
    expect(await toDoKinds(w, w.tina.client)).toEqual([['fund_behind', w.rives]]);

    // A payment corrected by a reversing row; a second correction of it is refused.
    const tilleulsPayment = behind.ledger.find((row) => row.organization?.name === 'MJC des Tilleuls')!.id;
    expect((await w.nadia.client.post(`${w.f.base}/fund/ledger/${tilleulsPayment}/reversal`)).status).toBe(403);
    expect((await w.tina.client.post(`${w.f.base}/fund/ledger/${tilleulsPayment}/reversal`)).status).toBe(201);
    const again = await w.tina.client.post(`${w.f.base}/fund/ledger/${tilleulsPayment}/reversal`);
    expect([again.status, again.body.message]).toEqual([409, 'Ce versement est déjà corrigé.']);
    const corrected = await w.page();
    expect(corrected.balanceCents).toBe(173_457);
    expect(corrected.ledger.at(-1)).toMatchObject({ kind: 'payment', amountCents: -450_000, reverses: tilleulsPayment, balanceCents: 173_457 });
    expect(w.lineOf(corrected, w.tilleuls).call).toMatchObject({ id: tilleulsCall, paidCents: 0, behind: true });
    expect((await w.tina.client.post(`${w.f.base}/fund/payments`, { callId: tilleulsCall, amountCents: 450_000, paidOn: '2026-05-20' })).status).toBe(201);

    // The statement: the page's answer, CSV in cents, PDF.
    const statement = await w.paul.client.get(`${w.f.base}/fund/statement?year=2026`);
    expect(statement.body).toMatchObject({ year: 2026, calledCents: 773_457, paidCents: 623_457, spentCents: 0, openingBalanceCents: 0, closingBalanceCents: 623_457 });
    expect(statement.body.calls.filter((call: { behind: boolean }) => call.behind).map((call: { organization: { name: string } }) => call.organization.name)).toEqual(['Les Rives']);
    const csv = await w.paul.client.get(`${w.f.base}/fund/statement.csv?year=2026`);
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toBe('type,libelle,date,montant_centimes,montant (€),verse_centimes,reste_du_centimes,en_retard');
    expect(lines).toContain('appel,Les Rives,2026-05-09,200000,"2\u202f000,00\u00a0€",50000,150000,oui');
    expect(lines.at(-1)).toBe('solde de clôture,,2026-05-20,623457,"6\u202f234,57\u00a0€",,,');
    const pdf = await w.paul.client.get(`${w.f.base}/fund/statement.pdf?year=2026`);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);

    const kinds = (await journalOf(t, w.f.partnershipId)).map((entry) => entry.kind).filter((kind) => kind.startsWith('fund.'));
    expect(kinds).toEqual(['fund.budgetDeclared', 'fund.budgetDeclared', 'fund.callIssued', 'fund.callIssued', 'fund.declarationRequested', 'fund.budgetDeclared', 'fund.callIssued', 'fund.paymentRecorded', 'fund.paymentRecorded', 'fund.paymentRecorded', 'fund.paymentReversed', 'fund.paymentRecorded']);
    expect(await proofOf(w)).toEqual([]);
  });

  it('spends only through a proposal carrying its amount, adopted by the body the charter names', async () => {
    const w = await partnership();
    await calledAndPaid(w);
    const spend = (client: Client, amountCents: number) => client.post(`${w.f.base}/fund/spendings`, { wording: 'Financer la fête commune', context: 'Location de la salle', amountCents });
    const paul = await spend(w.paul.client, 1000);
    expect([paul.status, paul.body.message]).toEqual([403, 'Vous n’avez pas le droit de faire cela.']);
    const above = await spend(w.nadia.client, 573_458);
    expect([above.status, above.body.message]).toEqual([409, 'Ce montant dépasse ce que la caisse peut encore engager (son solde, moins les dépenses déjà proposées).']);
    const noWords = await w.nadia.client.post(`${w.f.base}/fund/spendings`, { wording: '  ', amountCents: 1.5 });
    expect([noWords.status, noWords.body.fields]).toEqual([400, { wording: 'Ce champ est obligatoire.', amountCents: 'Indiquez un nombre entier.' }]);

    const proposed = await spend(w.nadia.client, 300_000);
    expect(proposed.status).toBe(201);
    const proposalId = proposed.body.id as string;
    const proposal = await w.f.admin.get(`${w.f.base}/proposals/${proposalId}`);
    expect(proposal.body).toMatchObject({ level: 'strategic', topic: 'Caisse commune', body: { id: w.steering }, fundSpendingCents: 300_000 });
    // No spending without a decision: the ledger has not moved, the amount is only held.
    const open = await w.page();
    expect([open.balanceCents, open.reservedCents, open.availableCents, open.ledger.filter((row) => row.kind === 'spending')]).toEqual([573_457, 300_000, 273_457, []]);
    expect(open.spendings).toEqual([expect.objectContaining({ id: proposalId, amountCents: 300_000, status: 'open' })]);
    const second = await spend(w.gerard.client, 273_458);
    expect(second.status).toBe(409);
    // The Tilleuls' 4 500 € cannot be taken back: the fund promised part of it.
    const tilleulsPayment = open.ledger.find((row) => row.organization?.name === 'MJC des Tilleuls')!.id;
    const reversal = await w.tina.client.post(`${w.f.base}/fund/ledger/${tilleulsPayment}/reversal`);
    expect([reversal.status, reversal.body.message]).toEqual([409, 'Ce montant dépasse ce que la caisse peut encore engager (son solde, moins les dépenses déjà proposées).']);

    const url = `${w.f.base}/proposals/${proposalId}`;
    for (let step = 0; step < 3; step += 1) expect((await w.f.admin.post(`${url}/phase`)).status).toBe(200);
    for (const member of [w.nadia, w.gerard, w.samia]) expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await w.f.admin.post(`${url}/close-round`, { statement: 'Dépense adoptée.' })).body).toMatchObject({ outcome: 'adopted' });

    const spent = await w.page();
    expect([spent.balanceCents, spent.reservedCents, spent.availableCents]).toEqual([273_457, 0, 273_457]);
    expect(spent.ledger.at(-1)).toMatchObject({ kind: 'spending', amountCents: 300_000, balanceCents: 273_457 });
    expect(spent.spendings).toEqual([expect.objectContaining({ id: proposalId, status: 'adopted' })]);
    // The deciding body's mails name the amount, the decision's one included.
    const decidedMail = await t.store.db.selectFrom('mail_notice').select('section').where('person_id', '=', w.gerard.personId).where('subject', 'like', '%Financer la fête commune%').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const facts = (typeof decidedMail.section === 'string' ? JSON.parse(decidedMail.section) : decidedMail.section).facts as { label: string; value: string }[];
    expect(facts.map((fact) => [fact.label, fact.value.replace(/\s/g, ' ')])).toContainEqual(['Dépense de la caisse commune', '3 000,00 €']);
    const statement = await w.f.admin.get(`${w.f.base}/fund/statement`);
    expect(statement.body).toMatchObject({ spentCents: 300_000, closingBalanceCents: 273_457, spendings: [{ proposalId, wording: 'Financer la fête commune', occurredOn: TODAY, amountCents: 300_000 }] });
    expect((await journalOf(t, w.f.partnershipId)).map((entry) => entry.kind).filter((kind) => kind === 'fund.spendingProposed' || kind === 'fund.spent')).toEqual(['fund.spendingProposed', 'fund.spent']);
    expect(await proofOf(w)).toEqual([]);
  });

  it('calls for a contribution by the end of its due day in Paris, in summer time too', async () => {
    const w = await partnership();
    expect((await w.nadia.client.put(`${w.f.base}/fund/declarations`, { organizationId: w.tilleuls, year: 2026, budgetCents: 45_000_000 })).status).toBe(204);
    // Issued on 15 May, due within 60 days: 14 July, when Paris is two hours ahead of UTC.
    t.clock.current = new Date('2026-05-15T09:00:00Z');
    // Two months on, the treasurer signs in again.
    expect((await w.tina.client.signIn(w.tina.email)).status).toBe(200);
    expect((await w.tina.client.post(`${w.f.base}/fund/calls`, { year: 2026 })).status).toBe(201);
    expect(w.lineOf(await w.page(w.tina.client), w.tilleuls).call!.dueOn).toBe('2026-07-14');
    const notice = await t.store.db.selectFrom('mail_notice').select('deadline').where('person_id', '=', w.nadia.personId).where('subject', 'like', 'Caisse commune 2026 : contribution%').executeTakeFirstOrThrow();
    expect(new Date(notice.deadline!).toISOString()).toBe('2026-07-14T21:59:59.000Z');
  });

  it('a spending that lapses frees its amount and writes nothing', async () => {
    const w = await partnership();
    await calledAndPaid(w);
    const proposalId = (await w.nadia.client.post(`${w.f.base}/fund/spendings`, { wording: 'Un minibus', amountCents: 500_000 })).body.id as string;
    const url = `${w.f.base}/proposals/${proposalId}`;
    for (let step = 0; step < 3; step += 1) expect((await w.f.admin.post(`${url}/phase`)).status).toBe(200);
    expect((await w.gerard.client.post(`${url}/stances`, { stance: 'object', reason: 'Trop cher.', idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await w.f.admin.post(`${url}/close-round`, {})).body).toMatchObject({ outcome: 'amend' });
    const lapsed = await w.f.admin.post(`${url}/blocked`);
    expect([lapsed.status, lapsed.body], JSON.stringify(lapsed.body)).toEqual([200, { outcome: 'lapsed' }]);
    const fund = await w.page();
    expect([fund.balanceCents, fund.reservedCents, fund.ledger.filter((row) => row.kind === 'spending')]).toEqual([573_457, 0, []]);
  });

  it('refuses what has no place: no fund in the charter, another partnership’s call, an outsider', async () => {
    const w = await partnership(false);
    const calls = await w.tina.client.post(`${w.f.base}/fund/calls`, { year: 2026 });
    expect([calls.status, calls.body.message]).toEqual([409, 'La charte en vigueur ne prévoit pas de caisse commune.']);
    expect((await w.nadia.client.post(`${w.f.base}/fund/spendings`, { wording: 'Une dépense', amountCents: 100 })).status).toBe(409);
    expect((await w.page()).rule).toBeNull();

    const other = await partnership();
    const { rivesCall } = await calledAndPaid(other);
    const third = await partnership();
    const foreignCall = await third.tina.client.post(`${third.f.base}/fund/payments`, { callId: rivesCall, amountCents: 100, paidOn: TODAY });
    expect([foreignCall.status, foreignCall.body.fields]).toEqual([400, { callId: 'Cet élément est introuvable.' }]);
    const foreignEntry = (await other.page()).ledger[0]!.id;
    expect((await third.tina.client.post(`${third.f.base}/fund/ledger/${foreignEntry}/reversal`)).status).toBe(404);
    expect((await third.tina.client.post(`${other.f.base}/fund/ledger/${foreignEntry}/reversal`)).status).toBe(404);
    expect((await third.tina.client.get(`${other.f.base}/fund`)).status).toBe(404);
    other.tina.client.locale = 'en';
    const english = await other.tina.client.post(`${other.f.base}/fund/payments`, { callId: rivesCall, amountCents: 'beaucoup', paidOn: TODAY });
    expect([english.status, english.body.fields]).toEqual([400, { amountCents: 'Enter a whole number.' }]);
    expect(await proofOf(other)).toEqual([]);
  });
});
