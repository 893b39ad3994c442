import { expect } from 'vitest';
import { decide, formalized, type Setting } from './common-projects.js';
import type { TestApp } from './test-app.js';

/** A common project with a budget lived through the acts, for the financial report's API and browser tests. */

/**
 * A project whose forecast (a coach, the Tilleuls' room lent in kind, a city grant applied for, the
 * families’ fees), written by the administrator who keeps the books while nobody is treasurer, was
 * validated with the project by the steering committee (Nadia, Samia), Inès its lead;
 * she then records what the coach cost, the room and the fees received.
 * Forecast: costs 1 500 €, income 1 200 € with the room mirrored, so 300 € short. Actual: costs
 * 1 550,50 €, income 680 €, so 870,50 € short.
 */
export async function projectWithBudget(t: TestApp, s: Setting) {
  const url = await formalized(s);
  const line = async (body: Record<string, unknown>) => {
    const created = await s.f.admin.post(`${url}/budget/lines`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const coach = await line({ category: 'transport', label: 'Location du car', amountCents: 120_000, organizationId: s.moulin });
  const room = await line({ category: 'premises', label: 'Salle des Tilleuls', internal: true, organizationId: s.tilleuls, amountCents: 30_000 });
  await line({ category: 'grant', label: 'Subvention de la ville', amountCents: 50_000, grantStatus: 'applied' });
  const fees = await line({ category: 'contribution', label: 'Participation des familles', amountCents: 40_000, organizationId: s.tilleuls });
  const presented = await s.ines.client.post(`${url}/presentation`, {});
  expect(presented.status).toBe(201);
  expect((await decide(s, presented.body.id, 'agree', s.ines.client)).body).toMatchObject({ outcome: 'adopted' });
  expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(201);
  expect((await s.jacques.client.post(`${url}/referents`, { organizationId: s.moulin, personId: s.karim.personId })).status).toBe(201);
  expect((await s.helene.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.', missionTime: '', missionTraining: '' })).status).toBe(204);
  expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
  expect((await s.jacques.client.post(`${url}/lead/approval`)).status).toBe(204);
  const budgetId = (await s.ines.client.get(`${url}/budget`)).body.budgetId as string;
  const today = t.clock.now().toISOString().slice(0, 10);
  for (const [lineKey, amountCents] of [[coach, 125_050], [room, 30_000], [fees, 38_000]] as const) {
    const entry = await s.ines.client.post(`${s.f.base}/budgets/${budgetId}/entries`, { lineKey, occurredOn: today, amountCents, counterparty: 'Transports du Val', note: '' });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
  }
  return { url, budgetId };
}
