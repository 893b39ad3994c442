import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The charter's money rules (issue 19) travel with it everywhere its rules go: the check with
 * its messages at their fields, the printed charter, the export and import, the diff between
 * versions; and a version may stop saying them.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Issue {
  path: string;
  code: string;
  message: string;
}

/** Seed 001's four bodies, a « Trésorerie » role, one signatory: the partnership template with its money rules, ready to adopt. */
async function moneyCharter() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('MJC des Tilleuls');
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const treasury = await build.role({ name: 'Trésorerie' });
  const nadia = await newMember(t, f, { fullName: 'Nadia Benali', memberships: [{ organizationId: house, kind: 'board' }] });
  const created = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  expect(created.status).toBe(201);
  const charterId = created.body.id as string;
  const url = `${f.base}/charters/${charterId}/versions/${created.body.versionId}`;
  const draft = (await f.admin.get(url)).body;
  const content = structuredClone(draft.content);
  content.rules.money.treasurerRoleId = treasury;
  content.rules.signatories = [{ id: randomUUID(), personId: nadia.personId, organizationId: house, capacity: 'Présidente' }];
  const saved = await f.admin.put(url, content);
  expect(saved.status).toBe(200);
  expect(saved.body.issues).toEqual([]);
  return { f, steering, treasury, charterId, versionId: created.body.versionId as string, url, content };
}

describe('a charter’s money rules', () => {
  it('are written by the template, named in the version and checked at their fields, in French and in English', async () => {
    const { f, treasury, url, content } = await moneyCharter();
    const version = (await f.admin.get(url)).body;
    expect(version.content.rules.money).toMatchObject({
      budgetRevision: { level: 'functional', topic: 'Gestion du budget du projet' },
      settlement: { level: 'strategic', topic: '' },
      treasurerRoleId: treasury,
      commonFund: { contribution: { kind: 'percent', percent: 1 }, yearStartsMonth: 1, dueWithinDays: 60, spending: { level: 'strategic', topic: 'Caisse commune' } },
    });
    expect(version.names.roles[treasury]).toBe('Trésorerie');

    const broken = structuredClone(content);
    broken.rules.money.treasurerRoleId = randomUUID();
    broken.rules.money.budgetRevision = { level: 'functional', topic: 'Trésorerie des sorties' };
    // Without a body, the general functional row decides nothing: the revision's topic, which it would catch, reaches no one.
    broken.rules.decisionMatrix = broken.rules.decisionMatrix.map((rule: { level: string; topic: string }) => (rule.level === 'functional' && rule.topic === '' ? { ...rule, bodyId: null } : rule));
    const said = (await f.admin.put(url, broken)).body.issues as Issue[];
    expect(said.filter((issue) => issue.path.startsWith('rules.money'))).toEqual([
      {
        path: 'rules.money.budgetRevision.topic',
        code: 'money_matter_unrouted',
        message: 'Aucune ligne de la matrice ne donne d’instance à ce sujet parmi les décisions fonctionnelles : personne ne pourrait l’approuver. Choisissez un sujet qui a son instance.',
      },
      { path: 'rules.money.treasurerRoleId', code: 'role_unknown', message: 'Ce rôle n’existe plus dans le partenariat.' },
    ]);
    f.admin.locale = 'en';
    const english = (await f.admin.get(url)).body.issues as Issue[];
    expect(english.find((issue) => issue.path === 'rules.money.budgetRevision.topic')!.message).toBe(
      'No row of the matrix gives this topic of functional decisions a body: nobody could approve it. Choose a topic that has one.',
    );
  });

  it('refuses a malformed common fund with a message at its field and saves nothing', async () => {
    const { f, url, content } = await moneyCharter();
    const malformed = structuredClone(content);
    malformed.rules.money.commonFund.contribution = { kind: 'percent', percent: 0 };
    malformed.rules.money.commonFund.yearStartsMonth = 13;
    const refused = await f.admin.put(url, malformed);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.fields)).toEqual(expect.arrayContaining(['rules.money.commonFund.contribution.percent', 'rules.money.commonFund.yearStartsMonth']));
    expect((await f.admin.get(url)).body.content.rules.money.commonFund.contribution).toEqual({ kind: 'percent', percent: 1 });
  });

  it('are printed in plain sentences under the article on how the partnership works, in Markdown and in the PDF', async () => {
    const { f, url } = await moneyCharter();
    const markdown = (await f.admin.get(`${url}/markdown`)).body as string;
    const section = markdown.slice(markdown.indexOf('## Article 5'), markdown.indexOf('## Article 6'));
    expect(section).toContain('Ce que la charte dit de l’argent :\n\n- Révision d’un budget prévisionnel de projet : décidée par l’instance Codir, sous le sujet « Gestion du budget du projet ».');
    expect(section).toContain('- Tenue des comptes : les titulaires du rôle « Trésorerie », et chaque chef ou cheffe de projet pour le budget de son projet.');
    expect(section).toContain('- Caisse commune : chaque structure membre y verse chaque année 1 % de son budget annuel déclaré.');
    expect(section).toContain('- L’année de la caisse commence le 1er janvier ; chaque contribution est due 60 jours après son appel.');
    expect(section).toContain('- En cas de déficit : Le groupe de travail cherche d’abord l’équilibre par l’autofinancement.');
    const response = await t.app.inject({ method: 'GET', url: `${url}/pdf`, headers: { cookie: f.admin.cookie! } });
    expect(response.statusCode).toBe(200);
    const text = (await pdfText(new Uint8Array(response.rawPayload))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Dépenses de la caisse commune : seulement par une décision de l’instance Comité de pilotage, sous le sujet « Caisse commune ».');
    expect(text).toContain('Règlement des comptes, à la clôture d’un projet ou sur un plan de sortie : approuvé par l’instance Assemblée plénière.');
  });

  it('travel in the exchange format and come back the same from another partnership', async () => {
    const { f, url } = await moneyCharter();
    const exported = await f.admin.get(`${url}/export`);
    expect(exported.body.content.rules.money.commonFund.contribution).toEqual({ kind: 'percent', percent: 1 });
    const other = await newPartnership(t);
    const imported = await other.admin.post(`${other.base}/charters/import`, exported.body);
    expect(imported.status).toBe(201);
    const copyUrl = `${other.base}/charters/${imported.body.id}/versions/${imported.body.versionId}`;
    expect((await other.admin.get(`${copyUrl}/export`)).body).toEqual(exported.body);
    // The other partnership has no such role: its check says so at the field.
    const issues = (await other.admin.get(copyUrl)).body.issues as Issue[];
    expect(issues.map((issue) => issue.path)).toContain('rules.money.treasurerRoleId');
  });

  it('are followed by the diff when a new version changes them, and may be removed from a draft', async () => {
    const { f, steering, charterId, versionId, url } = await moneyCharter();
    const { contentHash } = (await f.admin.get(url)).body;
    expect((await f.admin.post(`${url}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash })).status).toBe(200);
    const started = await f.admin.post(`${f.base}/charters/${charterId}/drafts`);
    expect(started.status).toBe(201);
    const secondUrl = `${f.base}/charters/${charterId}/versions/${started.body.id}`;
    const second = structuredClone((await f.admin.get(secondUrl)).body.content);
    second.rules.money.commonFund = { ...second.rules.money.commonFund, contribution: { kind: 'fixed', amountCents: 50_000 } };
    expect((await f.admin.put(secondUrl, second)).body.issues).toEqual([]);
    const diff = async () => (await f.admin.get(`${f.base}/charters/${charterId}/diff?from=${versionId}&to=${started.body.id}`)).body;
    const changed = await diff();
    expect(changed.diff.changedRules).toEqual(['money']);
    expect(changed.to.rules.money.commonFund.contribution).toEqual({ kind: 'fixed', amountCents: 50_000 });

    // A version that stops saying its money rules and its project rules: the defaults apply, the diff names both.
    const { money: _money, projects: _projects, ...withoutRules } = second.rules;
    const removed = await f.admin.put(secondUrl, { ...second, rules: withoutRules });
    expect(removed.status).toBe(200);
    expect(removed.body.issues).toEqual([]);
    const saved = (await f.admin.get(secondUrl)).body.content.rules;
    expect(saved.money).toBeUndefined();
    expect(saved.projects).toBeUndefined();
    expect((await diff()).diff.changedRules.sort()).toEqual(['money', 'projects']);
  });
});
