import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Page {
  budgetId: string;
  project: null;
  charter: { id: string; title: string };
  draft: { lines: { lineKey: string; label: string; kind: string; amountCents: number | null }[] } | null;
  summary: { income: { forecastCents: number; actualCents: number }; costs: { forecastCents: number; actualCents: number } };
  entries: { entries: { id: string; amountCents: number; reverses: string | null }[] };
  can: { editForecast: boolean; keepAccounts: boolean; draftRevision: boolean; propose: boolean };
}

/** Seed 000: a cooperation charter adopted by its team, its budget opened from the charter's page by the administrator, who keeps the books while nobody holds the treasurer role. */
async function cooperation() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('SolucracY');
  const team = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  const lila = await newMember(t, f, { fullName: 'Lila Moreau', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  await build.seat(team, { personId: lila.personId, organizationId: house });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  const charterId = charter.body.id as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${charter.body.versionId}`;
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: team, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  const opened = await f.admin.post(`${f.base}/charters/${charterId}/budget`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const url = `${f.base}/budgets/${opened.body.id as string}`;
  return { f, lila, charterId, url };
}

describe('a project charter’s budget, on the same page as a project’s', () => {
  it('lets its keepers write its forecast and record the income received and the costs paid, with corrections', async () => {
    const { f, lila, charterId, url } = await cooperation();
    const first = await f.admin.get(url);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const page = first.body as Page;
    expect(page).toMatchObject({ project: null, charter: { id: charterId }, can: { editForecast: true, keepAccounts: true, draftRevision: false, propose: false } });
    expect(page.draft!.lines).toHaveLength(1);
    const income = page.draft!.lines[0]!.lineKey;

    const cost = await f.admin.post(`${url}/lines`, { category: 'provider', label: 'Location du matériel', amountCents: 120_000, organizationId: null, internal: false, grantStatus: null });
    expect(cost.status, JSON.stringify(cost.body)).toBe(201);
    const costKey = cost.body.id as string;
    expect((await f.admin.put(`${url}/lines/${income}`, { category: 'other_income', label: 'Prestations', amountCents: 300_000, organizationId: null, internal: false, grantStatus: null })).status).toBe(204);

    const entry = (lineKey: string, amountCents: number) => ({ lineKey, occurredOn: TODAY, amountCents, organizationId: null, personId: null, counterparty: 'Client', note: '', attachment: null });
    expect((await f.admin.post(`${url}/entries`, entry(income, 150_000))).status).toBe(201);
    const paid = await f.admin.post(`${url}/entries`, entry(costKey, 40_000));
    expect(paid.status).toBe(201);
    expect((await f.admin.post(`${url}/entries/${paid.body.id as string}/reversal`, {})).status).toBe(201);
    expect((await f.admin.post(`${url}/entries`, entry(costKey, 45_000))).status).toBe(201);

    const after = (await f.admin.get(url)).body as Page;
    expect(after.summary.income).toMatchObject({ forecastCents: 300_000, actualCents: 150_000 });
    expect(after.summary.costs).toMatchObject({ forecastCents: 120_000, actualCents: 45_000 });
    expect(after.entries.entries.filter((row) => row.reverses !== null).map((row) => row.amountCents)).toEqual([-40_000]);

    // A member of its team reads it; only its keepers write it; no revision goes to a decision of its own.
    const read = await lila.client.get(url);
    expect(read.status).toBe(200);
    expect((read.body as Page).can).toEqual({ editForecast: false, keepAccounts: false, draftRevision: false, propose: false });
    expect((await lila.client.post(`${url}/lines`, { category: 'provider', label: 'Autre', amountCents: 1_000, organizationId: null, internal: false, grantStatus: null })).status).toBe(403);
    expect((await lila.client.post(`${url}/entries`, entry(income, 1_000))).status).toBe(403);
    expect((await f.admin.post(`${url}/proposal`, {})).status).toBe(404);
    expect((await checkStateAgainstJournal(t.store.db, f.partnershipId)).map(describeDisagreement)).toEqual([]);
  });

  it('is of its own partnership only', async () => {
    const { url } = await cooperation();
    const other = await newPartnership(t);
    const foreign = url.replace(/^\/api\/v1\/partnerships\/[^/]+/, other.base);
    expect((await other.admin.get(foreign)).status).toBe(404);
    expect((await other.admin.post(`${foreign}/lines`, { category: 'provider', label: 'Autre', amountCents: 1_000, organizationId: null, internal: false, grantStatus: null })).status).toBe(404);
  });
});
