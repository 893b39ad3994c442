import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetFigures, budgetOfProject } from '../../src/budgets/queries.js';
import { summarizeBudget } from '../../src/budgets/rules/summary.js';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { formalized, partnership, type Member, type Setting } from '../support/common-projects.js';
import { outboxMessages, TODAY, verifiedChain } from '../support/structure.js';
import { newPartnership, startTestApp, type Client, type TestApp } from '../support/test-app.js';
import { sealJournal } from '../../src/journal/journal-store.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n% facture du car\n').toString('base64');

/** Through the proposal's phases to its round, these members agreeing or objecting, then the round closed by its facilitator. */
async function decide(s: Setting, proposalId: string, stance: 'agree' | 'consent' | 'object', members: readonly Member[], facilitator: Client) {
  const url = `${s.f.base}/proposals/${proposalId}`;
  for (;;) {
    const proposal = await s.f.admin.get(url);
    if (proposal.body.phase === 'round') break;
    expect((await facilitator.post(`${url}/phase`)).status).toBe(200);
  }
  for (const member of members) {
    const answer = await member.client.post(`${url}/stances`, { stance, reason: stance === 'object' ? 'Le car coûte trop cher.' : '', idempotencyKey: randomUUID() });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  return facilitator.post(`${url}/close-round`, { statement: '' });
}

/**
 * A project formalized by Inès with its forecast (a car, the Tilleuls' room lent in kind, a city
 * grant applied for, the families' contributions), then validated with it, its referents named and
 * Inès its lead.
 */
async function projectWithForecast(s: Setting) {
  const url = await formalized(s);
  const line = async (by: Client, body: Record<string, unknown>) => {
    const created = await by.post(`${url}/budget/lines`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const car = await line(s.ines.client, { category: 'transport', label: 'Location du car', amountCents: 120_000 });
  const room = await line(s.ines.client, { category: 'premises', label: 'Salle des Tilleuls', internal: true, organizationId: s.tilleuls, amountCents: 30_000 });
  const grant = await line(s.ines.client, { category: 'grant', label: 'Subvention de la ville', amountCents: 50_000, grantStatus: 'applied' });
  const fees = await line(s.ines.client, { category: 'contribution', label: 'Participation des familles', amountCents: 40_000 });
  return { url, lines: { car, room, grant, fees } };
}

async function validateAndLead(s: Setting, url: string, whilePresented?: () => Promise<void>) {
  const presented = await s.ines.client.post(`${url}/presentation`, {});
  expect(presented.status).toBe(201);
  await whilePresented?.();
  const steering = [s.nadia, s.samia];
  expect((await decide(s, presented.body.id, 'agree', steering, s.ines.client)).body).toMatchObject({ outcome: 'adopted' });
  expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(201);
  expect((await s.jacques.client.post(`${url}/referents`, { organizationId: s.moulin, personId: s.karim.personId })).status).toBe(201);
  expect((await s.helene.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.', missionTime: '', missionTraining: '' })).status).toBe(204);
  expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
  expect((await s.jacques.client.post(`${url}/lead/approval`)).status).toBe(204);
}

describe('a project’s budget', () => {
  it('is a forecast presented with the project, validated with it, then followed by entries and corrected by reversals', async () => {
    const s = await partnership(t);
    const { url, lines } = await projectWithForecast(s);
    let page = (await s.karim.client.get(`${url}/budget`)).body;
    expect(page.draft).toMatchObject({ number: 1, status: 'draft' });
    expect(page.inForce).toBeNull();
    // Costs 1 500 € (the room in kind), income 1 200 € with the room mirrored: 300 € short.
    expect(page.summary.forecastBalance).toEqual({ state: 'deficit', amountCents: 30_000 });
    expect(page.summary.grants.applied).toBe(50_000);
    expect(page.can).toMatchObject({ editForecast: false, keepAccounts: false });

    await validateAndLead(s, url);
    page = (await s.ines.client.get(`${url}/budget`)).body;
    expect(page.inForce).toMatchObject({ number: 1, status: 'validated', validatedOn: TODAY });
    expect(page.draft).toBeNull();
    expect(page.can).toMatchObject({ editForecast: false, keepAccounts: true, draftRevision: true });
    const budgetId = page.budgetId as string;
    const budget = `${s.f.base}/budgets/${budgetId}`;

    // Inès leads: she records what was paid and received, with the car's invoice.
    const paid = await s.ines.client.post(`${budget}/entries`, {
      lineKey: lines.car,
      occurredOn: TODAY,
      amountCents: 130_000,
      counterparty: 'Autocars du Val',
      note: 'Acompte et solde',
      attachment: { fileName: 'facture-car.pdf', contentType: 'application/pdf', contentBase64: PDF },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect((await s.ines.client.post(`${budget}/entries`, { lineKey: lines.fees, occurredOn: TODAY, amountCents: 35_000, organizationId: s.moulin })).status).toBe(201);
    const wrong = await s.f.admin.post(`${budget}/entries`, { lineKey: lines.grant, occurredOn: TODAY, amountCents: 5_000 });
    expect(wrong.status).toBe(201);
    const reversal = await s.ines.client.post(`${budget}/entries/${wrong.body.id}/reversal`, {});
    expect(reversal.status).toBe(201);
    expect((await s.ines.client.post(`${budget}/entries/${wrong.body.id}/reversal`, {})).status).toBe(409);
    expect((await s.ines.client.post(`${budget}/entries/${reversal.body.id}/reversal`, {})).status).toBe(409);

    page = (await s.karim.client.get(`${url}/budget`)).body;
    const car = page.summary.lines.find((line: { lineKey: string }) => line.lineKey === lines.car);
    // The variance is answered per line: 100 € over on the car.
    expect(car).toMatchObject({ forecastCents: 120_000, actualCents: 130_000, varianceCents: 10_000 });
    expect(page.summary.lines.find((line: { lineKey: string }) => line.lineKey === lines.grant)).toMatchObject({ actualCents: 0, varianceCents: -50_000 });
    expect(page.summary.organizations.find((row: { organizationId: string | null }) => row.organizationId === s.moulin)).toMatchObject({ income: { actualCents: 35_000 } });
    expect(page.summary.costs).toEqual({ forecastCents: 150_000, actualCents: 130_000, varianceCents: -20_000 });
    expect(page.entries.entries).toHaveLength(4);
    const invoice = page.entries.entries.find((entry: { id: string }) => entry.id === paid.body.id);
    expect(invoice).toMatchObject({ counterparty: 'Autocars du Val', attachment: { fileName: 'facture-car.pdf' } });
    expect(page.entries.entries.find((entry: { id: string }) => entry.id === wrong.body.id).reversedBy).toBe(reversal.body.id);

    // The proof: for the people of the partnership, as it was sent; nobody outside.
    const download = await s.karim.client.get(`${budget}/attachments/${invoice.attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    const outsider = await newPartnership(t);
    expect((await outsider.admin.get(`${budget}/attachments/${invoice.attachment.id}`)).status).toBe(404);
    expect((await outsider.admin.get(`${s.f.base}/budgets/${budgetId}/entries`)).status).toBe(404);

    // The settlement and the reports read the same figures.
    expect((await budgetOfProject(t.store.db, s.f.partnershipId, page.project.id))?.id).toBe(budgetId);
    const figures = await budgetFigures(t.store.db, budgetId);
    expect(summarizeBudget(figures.lines, figures.entries, figures.retired).actualBalance).toEqual(page.summary.actualBalance);

    await sealJournal(t.store.db, s.f.partnershipId);
    const journal = await t.store.db.selectFrom('journal_entry').select(['kind', 'payload']).where('partnership_id', '=', s.f.partnershipId).where('kind', 'like', 'budget.%').orderBy('seq').execute();
    expect(journal.map((entry) => entry.kind)).toEqual([
      'budget.created',
      'budget.line_set',
      'budget.line_set',
      'budget.line_set',
      'budget.line_set',
      'budget.version_validated',
      'budget.entry_recorded',
      'budget.entry_recorded',
      'budget.entry_recorded',
      'budget.entry_reversed',
    ]);
    expect(JSON.stringify(journal)).not.toContain('Autocars');
    expect(journal[6]!.payload).toMatchObject({ amountCents: 130_000, attachmentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('is revised by the body the charter names: adopted, the revision supersedes the version validated; lapsed, it goes back to draft', async () => {
    const s = await partnership(t);
    const { url, lines } = await projectWithForecast(s);
    await validateAndLead(s, url);
    const budgetId = (await s.ines.client.get(`${url}/budget`)).body.budgetId as string;
    const budget = `${s.f.base}/budgets/${budgetId}`;
    expect((await s.ines.client.put(`${budget}/lines/${lines.car}`, { category: 'transport', label: 'Location du car', amountCents: 150_000 })).status).toBe(409);
    // Karim sits in the working group: he writes the revision's draft with Inès.
    expect((await s.karim.client.post(`${budget}/revision`, {})).status).toBe(201);
    expect((await s.karim.client.post(`${budget}/revision`, {})).status).toBe(409);
    expect((await s.karim.client.put(`${budget}/lines/${lines.car}`, { category: 'transport', label: 'Location du car', amountCents: 150_000 })).status).toBe(204);
    expect((await s.karim.client.delete(`${budget}/lines/${lines.fees}`)).status).toBe(204);
    let page = (await s.ines.client.get(`${url}/budget`)).body;
    expect(page.inForce.number).toBe(1);
    expect(page.draft).toMatchObject({ number: 2, status: 'draft' });
    expect(page.draft.lines.map((line: { lineKey: string }) => line.lineKey)).toEqual([lines.car, lines.room, lines.grant]);
    // The grant's status is a fact: it moves on the version in force and on the draft.
    expect((await s.ines.client.put(`${budget}/lines/${lines.grant}/grant-status`, { grantStatus: 'granted' })).status).toBe(204);
    expect((await s.karim.client.put(`${budget}/lines/${lines.grant}/grant-status`, { grantStatus: 'paid' })).status).toBe(403);
    page = (await s.ines.client.get(`${url}/budget`)).body;
    expect(page.summary.grants).toMatchObject({ granted: 50_000, applied: 0 });

    const proposed = await s.ines.client.post(`${budget}/proposal`, {});
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect((await s.karim.client.put(`${budget}/lines/${lines.car}`, { category: 'transport', label: 'Location du car', amountCents: 1 })).status).toBe(409);
    const proposal = (await s.f.admin.get(`${s.f.base}/proposals/${proposed.body.id}`)).body;
    expect(proposal.wording).toBe('Valider la version 2 du budget du projet « Fête des voisins des trois maisons ».');
    // The directors decide (« Gestion du budget du projet »): objections, then a block that lapses the proposal; the draft comes back.
    expect((await decide(s, proposed.body.id, 'object', [s.helene, s.jacques], s.ines.client)).body).toMatchObject({ outcome: 'amend' });
    expect((await s.ines.client.post(`${s.f.base}/proposals/${proposed.body.id}/blocked`, {})).body).toMatchObject({ outcome: 'lapsed' });
    page = (await s.ines.client.get(`${url}/budget`)).body;
    expect(page.draft).toMatchObject({ number: 2, status: 'draft' });
    expect(page.inForce.number).toBe(1);

    const again = await s.ines.client.post(`${budget}/proposal`, {});
    expect(again.status).toBe(201);
    expect((await decide(s, again.body.id, 'consent', [s.helene, s.jacques], s.ines.client)).body).toMatchObject({ outcome: 'adopted' });
    page = (await s.ines.client.get(`${url}/budget`)).body;
    expect(page.inForce).toMatchObject({ number: 2, status: 'validated', validatedOn: TODAY });
    expect(page.draft).toBeNull();
    expect(page.versions.map((version: { status: string }) => version.status)).toEqual(['superseded', 'validated']);
    expect(page.summary.lines.find((line: { lineKey: string }) => line.lineKey === lines.car).forecastCents).toBe(150_000);
    expect(page.summary.lines.some((line: { lineKey: string }) => line.lineKey === lines.fees)).toBe(false);
    await sealJournal(t.store.db, s.f.partnershipId);
    const kinds = (await t.store.db.selectFrom('journal_entry').select('kind').where('partnership_id', '=', s.f.partnershipId).where('kind', 'like', 'budget.version%').orderBy('seq').execute()).map((row) => row.kind);
    expect(kinds).toEqual(['budget.version_validated', 'budget.version_drafted', 'budget.version_proposed', 'budget.version_returned', 'budget.version_proposed', 'budget.version_validated']);
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
    // A forecast rewritten behind the journal's back, or a grant said paid, is found.
    await t.store.db.updateTable('budget_line').set({ amount_cents: 1 }).where('line_key', '=', lines.car).execute();
    await t.store.db.updateTable('budget_line').set({ grant_status: 'paid' }).where('line_key', '=', lines.grant).execute();
    const found = await checkStateAgainstJournal(t.store.db, s.f.partnershipId);
    expect(found.map((disagreement) => disagreement.table).sort()).toEqual(['budget_line', 'budget_line', 'budget_line grant', 'budget_line grant']);
  });

  it('calls the lead to draw up the forecast when the project starts without one', async () => {
    const s = await partnership(t);
    const url = await formalized(s);
    await validateAndLead(s, url);
    const toDo = (await s.ines.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string }; path: string }[];
    const item = toDo.find((entry) => entry.target.kind === 'budget_forecast');
    expect(item?.path).toMatch(/\/projets\/[0-9a-f-]+\/budget#previsionnel$/);
    expect((await outboxMessages(s.f)).some((mail) => mail.recipient === s.ines.email && mail.subject === 'Budget prévisionnel à établir : Fête des voisins des trois maisons')).toBe(true);
    expect((await s.ines.client.post(`${url}/budget/lines`, { category: 'staff', label: 'Temps d’animation', internal: true, organizationId: s.tilleuls, amountCents: null })).status).toBe(201);
    expect(((await s.ines.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string } }[]).some((entry) => entry.target.kind === 'budget_forecast')).toBe(false);
    // A forecast made after the validation is validated by a decision, as a revision is.
    const page = (await s.ines.client.get(`${url}/budget`)).body;
    expect(page.draft).toMatchObject({ number: 1, status: 'draft' });
    expect(page.summary.lines[0]).toMatchObject({ unvalued: true, forecastCents: 0 });
    expect(page.can.propose).toBe(true);
  });

  it('keeps the forecast presented as the decision finds it, and takes entries only on the lines in force', async () => {
    const s = await partnership(t);
    const { url, lines } = await projectWithForecast(s);
    await validateAndLead(s, url, async () => {
      const added = await s.ines.client.post(`${url}/budget/lines`, { category: 'transport', label: 'Essence', amountCents: 1_000 });
      expect(added.status).toBe(409);
      expect(added.body.message).toBe('Le projet est présenté avec ce budget prévisionnel : il ne change pas tant que la décision n’est pas prise.');
      const budgetId = (await s.ines.client.get(`${url}/budget`)).body.budgetId as string;
      s.ines.client.locale = 'en';
      const changed = await s.ines.client.put(`${s.f.base}/budgets/${budgetId}/lines/${lines.car}`, { category: 'transport', label: 'Location du car', amountCents: 1 });
      expect(changed.status).toBe(409);
      expect(changed.body.message).toBe('The project is presented with this forecast: it does not change until the decision is taken.');
      s.ines.client.locale = undefined;
      expect((await s.ines.client.delete(`${s.f.base}/budgets/${budgetId}/lines/${lines.fees}`)).status).toBe(409);
      expect((await s.ines.client.get(`${url}/budget`)).body.can.editForecast).toBe(false);
    });
    const page = (await s.ines.client.get(`${url}/budget`)).body;
    expect(page.summary.costs.forecastCents).toBe(150_000);
    const budget = `${s.f.base}/budgets/${page.budgetId}`;

    // A line only the revision's draft has takes no money until the revision is validated.
    expect((await s.karim.client.post(`${budget}/revision`, {})).status).toBe(201);
    const fuel = await s.karim.client.post(`${url}/budget/lines`, { category: 'transport', label: 'Essence', amountCents: 1_000 });
    expect(fuel.status).toBe(201);
    const early = await s.ines.client.post(`${budget}/entries`, { lineKey: fuel.body.id, occurredOn: TODAY, amountCents: 900, counterparty: 'Station du Val' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Cette ligne n’est pas dans le budget en vigueur : enregistrez l’écriture sur une ligne du budget validé.');
    const paid = await s.ines.client.post(`${budget}/entries`, { lineKey: lines.car, occurredOn: TODAY, amountCents: 900, counterparty: 'Autocars du Val' });
    expect(paid.status).toBe(201);
    const reversal = await s.ines.client.post(`${budget}/entries/${paid.body.id}/reversal`, {});
    expect(reversal.status).toBe(201);
    const proposed = await s.ines.client.post(`${budget}/proposal`, {});
    expect(proposed.status).toBe(201);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);

    // Behind the journal's back: a reversal's counterparty, a version's day of validation, the version a proposal decides.
    await t.store.db.transaction().execute(async (trx) => {
      await sql`alter table budget_entry disable trigger budget_entry_written_once`.execute(trx);
      await trx.updateTable('budget_entry').set({ counterparty: 'Autre transporteur' }).where('id', '=', reversal.body.id).execute();
      await sql`alter table budget_entry enable trigger budget_entry_written_once`.execute(trx);
    });
    await t.store.db.updateTable('budget_version').set({ validated_on: '2020-01-01' }).where('id', '=', page.inForce.id).execute();
    await t.store.db.updateTable('proposal').set({ budget_version_id: page.inForce.id }).where('id', '=', proposed.body.id).execute();
    const found = await checkStateAgainstJournal(t.store.db, s.f.partnershipId);
    expect(found.map((disagreement) => disagreement.table).sort()).toEqual(['budget_entry', 'budget_version', 'proposal']);
  });

  it('refuses what the books do not allow, in the user’s language, writing nothing', async () => {
    const s = await partnership(t);
    const { url, lines } = await projectWithForecast(s);
    await validateAndLead(s, url);
    const budgetId = (await s.ines.client.get(`${url}/budget`)).body.budgetId as string;
    const budget = `${s.f.base}/budgets/${budgetId}`;
    const entry = { lineKey: lines.car, occurredOn: TODAY, amountCents: 10_000 };

    // Not a keeper: Karim sits in the working group, Samia in the steering committee.
    expect((await s.karim.client.post(`${budget}/entries`, entry)).status).toBe(403);
    expect((await s.samia.client.post(`${budget}/entries`, entry)).status).toBe(403);
    expect((await s.samia.client.post(`${url}/budget/lines`, { category: 'transport', label: 'Essence', amountCents: 1_000 })).status).toBe(403);

    // Bad input, said in French at its field.
    const bad = await s.ines.client.post(`${budget}/entries`, { lineKey: lines.car, occurredOn: '10/03/2026', amountCents: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toMatchObject({ occurredOn: 'Indiquez une date au format AAAA-MM-JJ.', amountCents: 'Indiquez un montant supérieur à zéro.' });
    const badLine = await s.karim.client.post(`${budget}/revision`, {}).then(() => s.karim.client.post(`${url}/budget/lines`, { category: 'grant', label: '', amountCents: null, internal: true }));
    expect(badLine.status).toBe(400);
    expect(badLine.body.fields).toMatchObject({ label: 'Ce champ est obligatoire.' });
    const badProof = await s.ines.client.post(`${budget}/entries`, { ...entry, attachment: { fileName: 'photo.gif', contentType: 'image/gif', contentBase64: PDF } });
    expect(badProof.status).toBe(400);
    expect(badProof.body.fields['attachment.contentType']).toBe('Le justificatif doit être un PDF, une image PNG ou JPEG.');
    const tooLarge = await s.ines.client.post(`${budget}/entries`, { ...entry, attachment: { fileName: 'scan.pdf', contentType: 'application/pdf', contentBase64: Buffer.alloc(5 * 1024 * 1024 + 1, 1).toString('base64') } });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.fields['attachment.contentBase64']).toBe('Le justificatif dépasse 5 Mo.');
    const wayTooLarge = await s.ines.client.post(`${budget}/entries`, { ...entry, attachment: { fileName: 'scan.pdf', contentType: 'application/pdf', contentBase64: Buffer.alloc(8 * 1024 * 1024, 1).toString('base64') } });
    expect(wayTooLarge.status).toBe(413);

    // Another partnership's budget and line.
    const other = await partnership(t);
    const elsewhere = await projectWithForecast(other);
    const otherBudgetId = (await other.ines.client.get(`${elsewhere.url}/budget`)).body.budgetId as string;
    expect((await s.ines.client.post(`${s.f.base}/budgets/${otherBudgetId}/entries`, entry)).status).toBe(404);
    const foreignLine = await s.ines.client.post(`${budget}/entries`, { ...entry, lineKey: elsewhere.lines.car });
    expect(foreignLine.status).toBe(400);
    expect(foreignLine.body.fields).toMatchObject({ lineKey: 'Cette ligne n’est pas une ligne de ce budget.' });
    expect((await s.ines.client.post(`${budget}/entries`, { ...entry, organizationId: other.tilleuls })).status).toBe(400);

    // A closed budget takes no more money.
    await t.store.db.updateTable('budget').set({ status: 'closed', closed_at: t.clock.now() }).where('id', '=', budgetId).execute();
    const closed = await s.ines.client.post(`${budget}/entries`, entry);
    expect(closed.status).toBe(409);
    expect(closed.body.message).toBe('Ce budget est clos : plus aucune écriture ne peut y être enregistrée.');
    expect((await s.ines.client.get(`${url}/budget`)).body.can.keepAccounts).toBe(false);
    expect(await t.store.db.selectFrom('budget_entry').select('id').where('budget_id', '=', budgetId).execute()).toEqual([]);
  });
});
