import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { Client, createTestAccount, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
/** The demo's steering committee, which validates common projects and decides on their evaluations, by consensus. */
const STEERING = ['nadia', 'gerard', 'lucie', 'samia', 'bernard', 'ines', 'paul', 'helene', 'jacques', 'rene', 'claire'] as const;
/** The demo's co-presidents, who confirm together the project lead the directors' committee names. */
const CO_PRESIDENTS = ['gerard', 'bernard', 'jacques'] as const;
const TITLE = 'Fête des voisins commune';

let t: TestApp;
let browser: Browser;
let origin: string;
let partnershipId: string;
let projectPath: string;
const clients = new Map<string, Client>();
const pages = new Map<string, Page>();

const api = (path: string) => `/api/v1/partnerships/${partnershipId}${path}`;
const projectId = () => projectPath.split('/').pop()!;

/** A person of the demo on a phone of 375 px, signed in in a browser of their own. */
async function phoneOf(key: string): Promise<Page> {
  const open = pages.get(key);
  if (open) return open;
  const page = await (await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'fr-FR' })).newPage();
  await signIn(page, origin, `${key}@trois-rives.example`, TEST_PASSWORD);
  pages.set(key, page);
  return page;
}

async function openProject(key: string): Promise<Page> {
  const page = await phoneOf(key);
  await page.goto(`${origin}${projectPath}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  return page;
}

/** The step bar's current step, as a screen reader hears it. */
const currentStep = (page: Page) => page.locator('.project-steps [aria-current="step"] .step-name').textContent();

/**
 * A decision round of the steering committee through the API (the round table's pages are tested
 * in decisions.test.ts): the facilitator leads it to its round, every member agrees, it closes.
 */
async function steeringAdopts(proposalId: string, statement: string) {
  const url = api(`/proposals/${proposalId}`);
  // The partnership's administrator stands in for the facilitator.
  const lead = clients.get('camille')!;
  for (;;) {
    const proposal = await lead.get(url);
    expect(proposal.status).toBe(200);
    if (proposal.body.phase === 'round') break;
    expect((await lead.post(`${url}/phase`, {})).status).toBe(200);
  }
  for (const key of STEERING) {
    expect((await clients.get(key)!.post(`${url}/stances`, { stance: 'agree', reason: '', idempotencyKey: crypto.randomUUID() })).status).toBe(200);
  }
  const closed = await lead.post(`${url}/close-round`, { statement });
  expect(closed.body).toMatchObject({ outcome: 'adopted' });
}

/** The open proposal deciding the project's presentation or evaluation. */
async function openProposalOf(matter: 'presentation' | 'evaluation'): Promise<string> {
  const project = await clients.get('nadia')!.get(api(`/projects/${projectId()}`));
  const proposal = project.body.proposals.find((p: { matter: string; status: string }) => p.matter === matter && p.status === 'open');
  expect(proposal).toBeDefined();
  return proposal.id;
}

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  ({ partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit }));
  for (const key of new Set<string>([...STEERING, ...CO_PRESIDENTS])) {
    const email = `${key}@trois-rives.example`;
    const accountId = await createTestAccount(t.store.db, email);
    await t.store.db.updateTable('person').set({ account_id: accountId }).where('partnership_id', '=', partnershipId).where('email', '=', email).execute();
    const client = new Client(t.app);
    expect((await client.signIn(email)).status).toBe(200);
    clients.set(key, client);
  }
  const camille = new Client(t.app);
  expect((await camille.signIn(DEMO_SIGN_IN.email, DEMO_SIGN_IN.password)).status).toBe(200);
  clients.set('camille', camille);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a common project walks the charter’s nine steps, on phones', () => {
  it('1. Nadia finds the portfolio empty, and notes an idea with Samia and her house as carriers', async () => {
    const nadia = await phoneOf('nadia');
    await nadia.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Projets' }).click();
    await nadia.getByRole('heading', { level: 1, name: 'Projets communs' }).waitFor();
    await nadia.getByText('Aucun projet commun pour le moment.', { exact: false }).waitFor();
    await nadia.getByLabel('Titre').fill(TITLE);
    await nadia.getByLabel('En résumé').fill('Une fête dans chaque quartier le même jour, préparée ensemble.');
    await nadia.getByLabel('D’où vient l’idée').selectOption({ label: 'Une rencontre informelle' });
    await nadia.getByLabel('Précision (facultatif)').fill('Le café des parents de mars');
    await nadia.getByLabel('Autres porteurs').selectOption({ label: 'Samia Haddad' });
    await nadia.getByRole('list', { name: 'Porteurs ajoutés' }).getByText('Samia Haddad').waitFor();
    await nadia.getByRole('group', { name: 'Maisons qui portent l’idée (facultatif)' }).getByLabel('MJC des Tilleuls').check();
    await expectNoAxeViolations(nadia);
    await nadia.getByRole('button', { name: 'Noter l’idée' }).click();
    await nadia.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    projectPath = new URL(nadia.url()).pathname;
    expect(await currentStep(nadia)).toBe('Idée formalisée');
    const carriers = await nadia.locator('.project-facts dd').nth(1).textContent();
    expect(carriers).toContain('Samia Haddad');
    expect(carriers).toContain('MJC des Tilleuls');
  });

  it('2–3. she formalizes it with the three houses, then presents it to the steering committee', async () => {
    const nadia = await openProject('nadia');
    const formalize = nadia.locator('#formaliser');
    await formalize.getByLabel('Besoins ou problèmes constatés').fill('Des voisins qui ne se connaissent pas ; des familles isolées.');
    await formalize.getByLabel('Analyse').fill('Chaque maison fait sa fête ; ensemble, on touche trois quartiers.');
    for (const house of ['MJC des Tilleuls', 'Centre social du Moulin', 'Comité de quartier Haut-Pré']) await formalize.getByLabel(house).check();
    await formalize.getByRole('button', { name: 'Enregistrer la formalisation' }).click();
    await nadia.getByText('Formalisation enregistrée.').waitFor();
    expect(await currentStep(nadia)).toBe('Présentée au comité');
    await nadia.locator('#presenter').getByRole('button', { name: 'Présenter le projet' }).click();
    await nadia.getByText('Le projet est présenté', { exact: false }).waitFor();
    expect(await currentStep(nadia)).toBe('Validée');
    const expected = nadia.getByRole('region', { name: 'Ce qui est attendu maintenant' });
    await expected.getByText('Décider du projet').waitFor();
    await expected.getByText('la décision de l’instance « Comité de pilotage »', { exact: false }).waitFor();
    await expectNoAxeViolations(nadia);
    await screenshot(nadia, '80-project-presented-phone');
  });

  it('4–6. the steering committee adopts it: validated, its working group created', async () => {
    await steeringAdopts(await openProposalOf('presentation'), 'Projet validé ; budget à préciser avec les trois maisons.');
    const nadia = await openProject('nadia');
    expect(await currentStep(nadia)).toBe('Recommandations transmises');
    await nadia.getByRole('region', { name: 'Groupe de travail' }).getByRole('link', { name: `Groupe de travail ${TITLE}` }).waitFor();
  });

  it('5. Inès, of the steering committee, passes its recommendations and vigilance on to the carriers', async () => {
    const ines = await openProject('ines');
    await ines.getByRole('link', { name: 'C’est à vous : aller au formulaire' }).first().click();
    const form = ines.locator('#informer-les-porteurs');
    await form.getByLabel('Recommandations').fill('Associer les conseils citoyens.');
    await form.getByLabel('Points de vigilance').fill('La sécurité des rues fermées.');
    await form.getByRole('button', { name: 'Transmettre aux porteurs' }).click();
    await ines.getByText('Recommandations transmises aux porteurs.').waitFor();
    await ines.getByText('La sécurité des rues fermées.').waitFor();
  });

  it('7. each house’s administrator names its referent, from « À faire pour vous » to the form', async () => {
    for (const [admin, referent] of [
      ['nadia', 'Lucie Garnier'],
      ['samia', 'Mireille Blanc'],
      ['helene', 'Amandine Giraud'],
    ] as const) {
      const page = await phoneOf(admin);
      await page.goto(`${origin}/p/${partnershipId}`);
      await page.locator('.to-do-item', { hasText: `Nommez un référent pour le projet « ${TITLE} »` }).click();
      const form = page.locator('#nommer-referent');
      await form.waitFor();
      expect(new URL(page.url()).hash).toBe('#nommer-referent');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('nommer-referent');
      await form.getByLabel('Personne référente').selectOption({ label: referent });
      await form.getByRole('button', { name: 'Nommer cette personne' }).click();
      await page.getByText('Personne référente nommée', { exact: false }).waitFor();
    }
    const nadia = await openProject('nadia');
    expect(await currentStep(nadia)).toBe('Chef ou cheffe de projet proposé');
  });

  it('8. Gérard, of the directors’ committee, names Lucie as project lead with her mission sheet', async () => {
    const gerard = await openProject('gerard');
    const form = gerard.locator('#nommer-chef-de-projet');
    await form.getByLabel('Chef ou cheffe de projet').selectOption({ label: 'Lucie Garnier' });
    await form.getByLabel('Ce qu’il faut accomplir').fill('Réunir le groupe, fixer la date, coordonner les trois fêtes.');
    await form.getByLabel('Temps alloué').fill('Une demi-journée par semaine');
    await form.getByLabel('Besoins de formation').fill('Sécurité des manifestations de rue.');
    await form.getByRole('button', { name: 'Nommer' }).click();
    await gerard.getByText('Nomination enregistrée.').waitFor();
    expect(await currentStep(gerard)).toBe('Nomination validée');
    await expectNoAxeViolations(gerard);
    await screenshot(gerard, '81-project-lead-named-phone');
  });

  it('9. the three co-presidents confirm the nomination, the last one from his phone: the project is active', async () => {
    for (const key of CO_PRESIDENTS.filter((key) => key !== 'jacques')) {
      expect((await clients.get(key)!.post(api(`/projects/${projectId()}/lead/approval`), {})).status).toBeLessThan(300);
    }
    const jacques = await openProject('jacques');
    await jacques.locator('#valider-nomination').getByRole('button', { name: 'Je valide la nomination' }).click();
    await jacques.getByText('Votre validation est enregistrée.').waitFor();
    await jacques.getByText('En cours', { exact: true }).waitFor();
    expect(await jacques.locator('.project-steps [aria-current="step"]').count()).toBe(0);
    await jacques.getByRole('region', { name: 'Ce qui est attendu maintenant' }).getByText('Évaluer le projet').waitFor();
  });

  it('then Lucie, the lead, reports an evaluation proposing to renew; the steering committee renews it', async () => {
    const lucie = await openProject('lucie');
    const form = lucie.locator('#evaluer');
    await form.getByLabel('Analyse des indicateurs').fill('Trois fêtes, 240 voisins ; la cible était 200.');
    await form.getByLabel('Nouveaux besoins').fill('Un repas partagé en hiver.');
    await form.getByLabel('Reconduire').check();
    await form.getByRole('button', { name: 'Envoyer l’évaluation' }).click();
    await lucie.getByText('Évaluation envoyée', { exact: false }).waitFor();
    await lucie.getByText('En évaluation', { exact: true }).waitFor();
    await steeringAdopts(await openProposalOf('evaluation'), 'Reconduit pour un an.');
    await lucie.reload();
    await lucie.getByText('Décision : Reconduire').waitFor();
    await lucie.getByText('En cours', { exact: true }).waitFor();
    await expectNoAxeViolations(lucie);
    await screenshot(lucie, '82-project-renewed-phone');
    // The needs the evaluation saw become a new idea, its form filled in.
    await lucie.getByRole('link', { name: 'Faire de ces besoins une nouvelle idée' }).click();
    await lucie.getByRole('heading', { level: 1, name: 'Projets communs' }).waitFor();
    await expect.poll(() => lucie.getByLabel('En résumé').inputValue()).toBe('Un repas partagé en hiver.');
  });

  it('the portfolio shows the project, its step and its next evaluation, filtered by house and step in the address', async () => {
    const nadia = await phoneOf('nadia');
    await nadia.goto(`${origin}/p/${partnershipId}/projets`);
    const card = nadia.locator('.project-card', { hasText: TITLE });
    await card.getByText('En cours').waitFor();
    await card.getByText('Prochaine évaluation le', { exact: false }).waitFor();
    await nadia.getByLabel('Étape').selectOption({ label: 'Idée' });
    await nadia.getByText('Aucun projet ne correspond à ces filtres.').waitFor();
    expect(new URL(nadia.url()).search).toBe('?etape=idea');
    await nadia.getByLabel('Étape').selectOption({ label: 'En cours' });
    await nadia.getByLabel('Maison').selectOption({ label: 'Centre social du Moulin' });
    await card.waitFor();
    await expectNoAxeViolations(nadia);
    await screenshot(nadia, '83-portfolio-phone');
  });
});
