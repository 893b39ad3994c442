import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { toDoOf } from '../../src/participation/queries.js';
import { formalized, partnership, type Member } from '../support/common-projects.js';
import { projectWithBudget } from '../support/project-budget.js';
import { anchorIn, journalOf, outboxMessages } from '../support/structure.js';
import { pdfText } from '../support/pdf-text.js';
import { newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const nbsp = '\u00a0';
/** French amounts as Intl writes them for print: no-break spaces between thousands and before the sign. */
const euros = (text: string) => text.replace(/(\d) (?=\d)/g, `$1${nbsp}`).replaceAll(' €', `${nbsp}€`);

describe('a project’s financial report', () => {
  it('sets forecast against actual for anyone of the partnership, as a page’s answer, a CSV and a PDF, and shows on the overview among budgets in deficit', async () => {
    const s = await partnership(t);
    const { url, budgetId } = await projectWithBudget(t, s);
    const answer = await s.karim.client.get(`${url}/budget/report`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const report = answer.body;
    expect(report).toMatchObject({ budgetId, version: { number: 1 }, steeringBody: { name: 'Comité de pilotage' }, lastReportedAt: null, can: { report: false } });
    expect(report.summary.costs).toEqual({ forecastCents: 150_000, actualCents: 155_050, varianceCents: 5_050 });
    expect(report.summary.income).toEqual({ forecastCents: 120_000, actualCents: 68_000, varianceCents: -52_000 });
    expect(report.summary.forecastBalance).toEqual({ state: 'deficit', amountCents: 30_000 });
    expect(report.summary.actualBalance).toEqual({ state: 'deficit', amountCents: 87_050 });
    expect(report.summary.grants).toEqual({ to_apply: 0, applied: 50_000, granted: 0, paid: 0 });
    expect(report.deficitGuidance).not.toBe('');
    expect((await s.ines.client.get(`${url}/budget/report`)).body.can).toEqual({ report: true });

    const csv = await s.karim.client.get(`${url}/budget/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = (csv.body as string).replace(/^\ufeff/, '').split('\r\n');
    expect(rows[0]).toBe('Partie;Ligne;Catégorie;Structure;État de la subvention;Prévu (centimes);Prévu (€);Réalisé (centimes);Réalisé (€);Écart (centimes);Écart (€)');
    expect(rows).toContain(euros('Charges;Location du car;Transport;Centre social du Moulin;;120000;1 200,00 €;125050;1 250,50 €;5050;50,50 €'));
    expect(rows).toContain(euros('Produits;Subvention de la ville;Subvention;sans structure;demandée;50000;500,00 €;0;0,00 €;-50000;-500,00 €'));
    expect(rows).toContain(euros('Total;Solde (produits moins charges);;;;-30000;-300,00 €;-87050;-870,50 €;-57050;-570,50 €'));
    const english = await t.app.inject({ method: 'GET', url: `${url}/budget/report.csv`, headers: { cookie: s.karim.client.cookie!, 'x-entente-locale': 'en' } });
    expect(english.body.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('Part,Line,Category,Organization,Grant status,Forecast (cents),Forecast (€),Actual (cents),Actual (€),Variance (cents),Variance (€)');

    const pdf = await t.app.inject({ method: 'GET', url: `${url}/budget/report.pdf`, headers: { cookie: s.karim.client.cookie! } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = (await pdfText(new Uint8Array(pdf.rawPayload))).join(' ').replace(/\s+/g, ' ');
    for (const expected of ['Compte rendu financier : Fête des voisins des trois maisons', 'Prévisionnel : Déficit de 300,00 €', 'Réalisé : Déficit de 870,50 €', 'Ce que dit la charte en cas de déficit', 'Location du car', 'Subventions selon leur état']) {
      expect(printed).toContain(expected);
    }
    await anchorIn(t, s.f.partnershipId, printed);

    // The partnership's overview lists it among the budgets in deficit, with the year's money.
    const overview = (await s.karim.client.get(s.f.base)).body;
    expect(overview.money).toEqual({
      // The template's common fund, which nothing went through yet.
      fund: { balanceCents: 0, behind: [] },
      budgetsInDeficit: [{ projectId: url.split('/').at(-1), title: 'Fête des voisins des trois maisons', forecastBalance: { state: 'deficit', amountCents: 30_000 }, actualBalance: { state: 'deficit', amountCents: 87_050 } }],
      year: t.clock.now().getUTCFullYear(),
      spentCents: 155_050,
      receivedCents: 38_000,
    });

    const stranger = await newPartnership(t);
    for (const path of ['', '.csv', '.pdf']) expect((await stranger.admin.get(`${url}/budget/report${path}`)).status).toBe(404);
    expect((await stranger.admin.post(`${url}/budget/report`, {})).status).toBe(404);
    expect((await s.karim.client.get(`${s.f.base}/projects/${randomUUID()}/budget/report`)).status).toBe(404);
  });

  it('is reported by the lead to the steering committee, whose members are mailed its totals and a link, once before each evaluation', async () => {
    const s = await partnership(t);
    const { url, budgetId } = await projectWithBudget(t, s);
    const due = (await s.ines.client.get(url)).body.evaluationDueOn as string;
    const beforeEvaluation = new Date(`${due}T09:00:00Z`);
    beforeEvaluation.setUTCDate(beforeEvaluation.getUTCDate() - 20);
    const dueKinds = async (member: Member) => (await toDoOf(t.store.db, s.f.partnershipId, member.personId, beforeEvaluation)).items.map((item) => item.target.kind);
    expect(await dueKinds(s.ines)).toContain('budget_report');
    expect(await dueKinds(s.karim)).not.toContain('budget_report');
    const item = (await toDoOf(t.store.db, s.f.partnershipId, s.ines.personId, beforeEvaluation)).items.find((entry) => entry.target.kind === 'budget_report')!;
    expect(item.path).toBe(`/p/${s.f.partnershipId}/projets/${url.split('/').at(-1)}/budget/compte-rendu#rendre-compte`);

    const refused = await s.karim.client.post(`${url}/budget/report`, {});
    expect(refused.status).toBe(403);
    const reported = await s.ines.client.post(`${url}/budget/report`, {});
    expect(reported.status, JSON.stringify(reported.body)).toBe(204);

    const mails = (await outboxMessages(s.f)).filter((mail) => mail.subject.includes('compte rendu financier'));
    expect(mails.map((mail) => mail.recipient).sort()).toEqual([s.nadia.email, s.samia.email].sort());
    expect(mails[0]!.body).toContain(euros('Charges : 1 550,50 € réalisées pour 1 500,00 € prévues.'));
    expect(mails[0]!.body).toContain(euros('Réalisé : Déficit de 870,50 €'));
    expect(mails[0]!.body).toContain('Lire le compte rendu');
    const notices = await t.store.db.selectFrom('mail_notice').select('target').where('person_id', '=', s.nadia.personId).where('subject', 'like', '%compte rendu financier%').execute();
    expect(notices.map((notice) => notice.target)).toEqual([{ path: `/p/${s.f.partnershipId}/projets/${url.split('/').at(-1)}/budget/compte-rendu` }]);

    const entries = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'budget.reported');
    expect(entries.map((entry) => entry.payload)).toEqual([
      expect.objectContaining({ budgetId, bodyId: s.steering, costsForecastCents: 150_000, costsActualCents: 155_050, incomeForecastCents: 120_000, incomeActualCents: 68_000, forecastBalanceCents: -30_000, actualBalanceCents: -87_050 }),
    ]);
    expect((await s.karim.client.get(`${url}/budget/report`)).body.lastReportedAt).not.toBeNull();
    expect(await dueKinds(s.ines)).not.toContain('budget_report');
    // The budget keeps when it was reported, as the journal says; the report and the to-do read it there.
    const { reported_at: reportedAt } = await t.store.db.selectFrom('budget').select('reported_at').where('id', '=', budgetId).executeTakeFirstOrThrow();
    expect(new Date((await s.karim.client.get(`${url}/budget/report`)).body.lastReportedAt as string)).toEqual(reportedAt);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
    await t.store.db.updateTable('budget').set({ reported_at: null }).where('id', '=', budgetId).execute();
    expect(await dueKinds(s.ines)).toContain('budget_report');
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map((disagreement) => disagreement.table)).toEqual(['budget reported']);
  });

  it('refuses a project with no budget yet, in the reader’s language', async () => {
    const s = await partnership(t);
    const url = await formalized(s);
    const page = await s.karim.client.get(`${url}/budget/report`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ budgetId: null, version: null, steeringBody: null, can: { report: false } });
    const refused = await s.f.admin.post(`${url}/budget/report`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Ce projet n’a pas encore de budget dont rendre compte.');
  });
});
