import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_LEVELS, emptyRules, projectRulesOf } from '../../src/charters/rules/types.js';
import { builder, journalOf, outboxMessages, TODAY, uniqueName } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';
import { active, partnership } from '../support/common-projects.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * An active common project of two houses (MJC des Tilleuls, Centre social des Rives), carried out
 * by its working group (Lina sits in it), led by Marc; Odile belongs to a third house and to no
 * group. The directors' committee (Hélène, Yves) is informed of the means committed.
 */
async function activeProject(stage = 'active') {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization(uniqueName('MJC des Tilleuls'));
  const rives = await build.organization(uniqueName('Centre social des Rives'));
  const outside = await build.organization(uniqueName('Maison des Aulnes'));
  const member = (fullName: string, organizationId: string) => newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'staff' }] });
  const [lina, marc, odile, helene, yves] = (await Promise.all([
    member('Lina Morel', tilleuls),
    member('Marc Diallo', rives),
    member('Odile Perrin', outside),
    member('Hélène Roux', tilleuls),
    member('Yves Martin', rives),
  ])) as [Member, Member, Member, Member, Member];
  const directors = await build.body({ name: uniqueName('Comité de direction'), kind: 'directors' });
  await build.seat(directors, { personId: helene.personId, organizationId: tilleuls });
  await build.seat(directors, { personId: yves.personId, organizationId: rives });
  const group = await build.body({ name: uniqueName('Groupe de travail'), kind: 'working_group' });
  await build.seat(group, { personId: lina.personId, organizationId: tilleuls, capacity: 'referent' });
  // The lifecycle's acts create projects; here the conduct is tested on a project already staffed.
  const projectId = randomUUID();
  const now = t.clock.now();
  await t.store.db
    .insertInto('project')
    .values({ id: projectId, partnership_id: f.partnershipId, title: uniqueName('Ateliers numériques'), origin: 'team', stage, stage_since: now, created_by: f.adminPersonId, created_at: now, working_group_id: group, lead_nominee_id: marc.personId })
    .execute();
  await t.store.db.insertInto('project_organization').values([{ project_id: projectId, organization_id: tilleuls }, { project_id: projectId, organization_id: rives }]).execute();
  const url = `${f.base}/projects/${projectId}`;
  const setStage = (next: string) => t.store.db.updateTable('project').set({ stage: next }).where('id', '=', projectId).execute();
  return { f, build, tilleuls, rives, outside, lina, marc, odile, helene, yves, directors, group, projectId, url, setStage };
}

/**
 * A project staffed by the lifecycle's own acts, under the partnership template's charter: Inès
 * carries it and becomes its lead, Karim is the Moulin's referent in the working group its
 * validation created; Nadia sits on the steering committee that validated it.
 */
async function staffedProject() {
  const s = await partnership(t);
  const url = await active(s);
  return { ...s, url };
}

describe('the conduct of a common project', () => {
  it('is written by the working group the validation created and its referents, once the lifecycle’s acts have staffed it', async () => {
    const s = await staffedProject();
    expect((await s.ines.client.get(s.url)).body.stage).toBe('active');
    const objectiveId = (await s.karim.client.post(`${s.url}/objectives`, { statement: 'Réunir les familles des deux quartiers', metric: 'Familles venues', target: '100', deadline: '2026-06-30', ownerId: s.karim.personId })).body.id as string;
    expect((await s.ines.client.post(`${s.url}/indicators`, { objectiveId, label: 'Familles venues', unit: 'familles', target: 100 })).status).toBe(201);
    expect((await s.ines.client.put(`${s.url}/mission-sheet`, { missionGoals: 'Organiser la fête avec les deux maisons.', missionTime: '6 h par semaine', missionTraining: '' })).status).toBe(200);
    expect((await s.ines.client.get(s.url)).body).toMatchObject({ missionGoals: 'Organiser la fête avec les deux maisons.', missionTime: '6 h par semaine' });
    // The body that validated it reads its conduct; the group writes it.
    expect((await s.nadia.client.put(`${s.url}/diagnosis`, { diagnosis: 'Autre' })).status).toBe(403);
    expect((await s.nadia.client.get(`${s.url}/conduct`)).body).toMatchObject({ objectives: [{ id: objectiveId, smartGaps: [] }], can: { write: false } });
    // The directors who named the lead are told of the means the Moulin provides.
    expect((await s.karim.client.post(`${s.url}/means`, { organizationId: s.moulin, kind: 'room', description: 'La cour du centre social' })).status).toBe(201);
    const told = (await outboxMessages(s.f)).filter((mail) => mail.subject.includes('y met des moyens')).map((mail) => mail.recipient);
    expect(told.sort()).toEqual([s.helene.email, s.jacques.email].sort());
  });


  it('is written by the working group: diagnosis, purposes in order, objectives with their SMART hints', async () => {
    const p = await activeProject();
    expect((await p.lina.client.put(`${p.url}/diagnosis`, { diagnosis: 'Les familles du quartier manquent d’accès au numérique.', sources: 'Enquête 2025' })).status).toBe(200);
    const first = (await p.lina.client.post(`${p.url}/purposes`, { statement: 'Réduire la fracture numérique' })).body.id as string;
    const second = (await p.marc.client.post(`${p.url}/purposes`, { statement: 'Créer du lien entre générations' })).body.id as string;
    const third = (await p.f.admin.post(`${p.url}/purposes`, { statement: 'Rendre les familles autonomes' })).body.id as string;
    expect((await p.lina.client.put(`${p.url}/purposes/${third}`, { statement: 'Rendre les familles autonomes en ligne', position: 0 })).status).toBe(200);
    expect((await p.lina.client.delete(`${p.url}/purposes/${second}`)).status).toBe(200);

    const vague = (await p.lina.client.post(`${p.url}/objectives`, { statement: 'Former les gens' })).body.id as string;
    const smart = await p.lina.client.post(`${p.url}/objectives`, {
      statement: 'Accueillir des familles aux ateliers numériques',
      metric: 'Familles inscrites',
      target: '40 familles',
      deadline: '2026-12-31',
      ownerId: p.marc.personId,
    });
    expect(smart.status).toBe(201);

    const conduct = await p.odile.client.get(`${p.url}/conduct`);
    expect(conduct.status).toBe(200);
    expect(conduct.body).toMatchObject({
      stage: 'active',
      diagnosis: { text: 'Les familles du quartier manquent d’accès au numérique.', sources: 'Enquête 2025' },
      purposes: [
        { id: third, statement: 'Rendre les familles autonomes en ligne' },
        { id: first, statement: 'Réduire la fracture numérique' },
      ],
      objectives: [
        { id: vague, metric: '', deadline: null, owner: null, smartGaps: ['specific', 'measurable', 'in_action', 'time_bound'] },
        { id: smart.body.id, deadline: '2026-12-31', owner: { id: p.marc.personId, fullName: 'Marc Diallo' }, smartGaps: [] },
      ],
      lead: { id: p.marc.personId, fullName: 'Marc Diallo' },
      can: { write: false, setIndicators: false, measure: false, writeMissionSheet: false },
    });
    expect((await p.lina.client.get(`${p.url}/conduct`)).body.can).toEqual({ write: true, setIndicators: true, measure: true, writeMissionSheet: true });

    // Each act is journaled with ids and values; the free text only as its hash.
    const entries = (await journalOf(t, p.f.partnershipId)).filter((entry) => entry.kind.startsWith('projectConduct.'));
    expect(entries.map((entry) => entry.kind)).toEqual([
      'projectConduct.diagnosis_written',
      'projectConduct.purpose_added',
      'projectConduct.purpose_added',
      'projectConduct.purpose_added',
      'projectConduct.purpose_updated',
      'projectConduct.purpose_removed',
      'projectConduct.objective_added',
      'projectConduct.objective_added',
    ]);
    expect(JSON.stringify(entries.map((entry) => entry.payload))).not.toContain('familles');
    expect(entries[4]!.payload).toMatchObject({ purposeId: third, position: 0 });
    expect(entries[7]!.payload).toMatchObject({ ownerId: p.marc.personId, deadline: '2026-12-31' });
  });

  it('sets indicators tied to an objective and follows their dated measurements, per house or for the whole project', async () => {
    const p = await activeProject('validated');
    const objectiveId = (await p.lina.client.post(`${p.url}/objectives`, { statement: 'Accueillir des familles aux ateliers', metric: 'Inscriptions', target: '40' })).body.id as string;
    const indicator = await p.lina.client.post(`${p.url}/indicators`, { objectiveId, label: 'Familles inscrites', unit: 'familles', target: 40 });
    expect(indicator.status).toBe(201);
    const indicatorId = indicator.body.id as string;
    const measure = (body: Record<string, unknown>) => p.lina.client.post(`${p.url}/indicators/${indicatorId}/measurements`, body);
    // Before the action starts, nothing is measured yet.
    const early = await measure({ measuredOn: TODAY, value: 3 });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('On mesure un indicateur quand l’action a commencé : une fois le projet actif.');

    await p.setStage('active');
    expect((await measure({ measuredOn: '2026-03-01', value: 8, organizationId: p.tilleuls, note: 'Premier atelier' })).status).toBe(201);
    expect((await measure({ measuredOn: '2026-03-08', value: 12, organizationId: p.tilleuls })).status).toBe(201);
    expect((await p.marc.client.post(`${p.url}/indicators/${indicatorId}/measurements`, { measuredOn: '2026-03-05', value: 6, organizationId: p.rives })).status).toBe(201);
    const foreign = await measure({ measuredOn: TODAY, value: 1, organizationId: p.outside });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields.organizationId).toBe('Cette structure ne participe pas au projet.');
    const ahead = await measure({ measuredOn: '2026-03-11', value: 1 });
    expect(ahead.status).toBe(400);
    expect(ahead.body.fields.measuredOn).toBe('Une mesure se note le jour où elle a été faite, pas à l’avance.');

    const conduct = (await p.odile.client.get(`${p.url}/conduct`)).body;
    expect(conduct.indicators).toHaveLength(1);
    // The latest reading of each house, added up: 12 + 6 of 40.
    expect(conduct.indicators[0]).toMatchObject({ objectiveId, label: 'Familles inscrites', unit: 'familles', target: 40, progress: { value: 18, percent: 45 } });
    expect(conduct.indicators[0].measurements.map((m: { measuredOn: string; value: number; organization: { name: string } | null }) => [m.measuredOn, m.value])).toEqual([
      ['2026-03-08', 12],
      ['2026-03-05', 6],
      ['2026-03-01', 8],
    ]);
    expect(conduct.indicators[0].measurements[2]).toMatchObject({ organization: { id: p.tilleuls }, note: 'Premier atelier' });
    // The unit is free text: the journal keeps its fingerprint only.
    const added = (await journalOf(t, p.f.partnershipId)).find((entry) => entry.kind === 'projectConduct.indicator_added')!;
    expect(added.payload).toMatchObject({ indicatorId, unitHash: expect.any(String) });
    expect(JSON.stringify(added.payload)).not.toContain('familles');
    // The portfolio reads each house's latest reading: 34 + 6 reaches the 40 aimed at, whatever came before.
    const glance = async () => ((await p.odile.client.get(`${p.f.base}/projects`)).body.rows as { id: string; indicators: unknown }[]).find((row) => p.url.endsWith(row.id))!.indicators;
    expect(await glance()).toEqual({ count: 1, onTarget: 0 });
    expect((await measure({ measuredOn: '2026-03-09', value: 34, organizationId: p.tilleuls })).status).toBe(201);
    expect(await glance()).toEqual({ count: 1, onTarget: 1 });

    // A measured indicator stays, and so does the objective it measures.
    expect((await p.lina.client.delete(`${p.url}/indicators/${indicatorId}`)).body.message).toBe('Cet indicateur a déjà des mesures : il reste, pour que l’évaluation puisse les lire.');
    expect((await p.lina.client.delete(`${p.url}/objectives/${objectiveId}`)).body.message).toBe('Des indicateurs mesurent cet objectif : retirez-les d’abord.');

    // While the evaluation reads them, indicators no longer change, but measurements may still come in.
    await p.setStage('evaluating');
    const late = await p.lina.client.put(`${p.url}/indicators/${indicatorId}`, { objectiveId, label: 'Familles', unit: '', target: 50 });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('Les indicateurs se fixent avant que l’action commence : une fois le projet validé, et tant qu’il est actif.');
    expect((await measure({ measuredOn: TODAY, value: 14, organizationId: p.tilleuls })).status).toBe(201);
  });

  it('refuses an indicator tied to another project’s objective, and one set before the project is validated', async () => {
    const p = await activeProject('presented');
    const objectiveId = (await p.f.admin.post(`${p.url}/objectives`, { statement: 'Ouvrir un atelier chaque semaine' })).body.id as string;
    const early = await p.f.admin.post(`${p.url}/indicators`, { objectiveId, label: 'Ateliers tenus', target: 30 });
    expect(early.status).toBe(409);
    await p.setStage('active');
    const other = await activeProject();
    const foreign = await other.f.admin.post(`${other.url}/indicators`, { objectiveId, label: 'Ateliers tenus', target: 30 });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields.objectiveId).toBe('Cet objectif n’appartient pas à ce projet.');
    // A purpose of another project is not found here, the same as one that does not exist.
    const purposeId = (await p.f.admin.post(`${p.url}/purposes`, { statement: 'Une finalité' })).body.id as string;
    expect((await other.f.admin.put(`${other.url}/purposes/${purposeId}`, { statement: 'Volée' })).status).toBe(404);
    expect((await p.f.admin.put(`${p.url}/purposes/${randomUUID()}`, { statement: 'Rien' })).status).toBe(404);
  });

  it('informs the directors’ committee beforehand of the means a house provides, as each chose to receive mail', async () => {
    const p = await activeProject();
    expect((await p.yves.client.put(`${p.f.base}/mail-preference`, { preference: 'digest' })).status).toBe(200);
    const means = await p.lina.client.post(`${p.url}/means`, { organizationId: p.tilleuls, kind: 'room', description: 'La salle polyvalente, le mercredi après-midi' });
    expect(means.status).toBe(201);

    const mails = (await outboxMessages(p.f)).filter((mail) => mail.subject.includes('y met des moyens'));
    expect(mails.map((mail) => mail.recipient)).toEqual([p.helene.email]);
    expect(mails[0]!.body).toContain('La salle polyvalente, le mercredi après-midi');
    expect(mails[0]!.body).toContain('Nature : salle');
    expect(mails[0]!.body).toMatch(/parce que vous siégez dans « Comité de direction/);
    // Yves reads it in tomorrow's digest; the notices are kept for both.
    const notices = await t.store.db.selectFrom('mail_notice').select(['person_id', 'mailed_at']).where('partnership_id', '=', p.f.partnershipId).where('kind', '=', 'information').execute();
    expect(notices.map((notice) => [notice.person_id, notice.mailed_at === null]).sort()).toEqual(
      [
        [p.helene.personId, false],
        [p.yves.personId, true],
      ].sort(),
    );

    const conduct = (await p.odile.client.get(`${p.url}/conduct`)).body;
    expect(conduct.means).toEqual([
      { id: means.body.id, organization: { id: p.tilleuls, name: expect.any(String) }, kind: 'room', description: 'La salle polyvalente, le mercredi après-midi', directorsInformedAt: '2026-03-10T09:00:00.000Z', createdAt: '2026-03-10T09:00:00.000Z' },
    ]);
    const entry = (await journalOf(t, p.f.partnershipId)).at(-1)!;
    expect(entry).toMatchObject({ kind: 'projectConduct.means_recorded', payload: { meansId: means.body.id, organizationId: p.tilleuls, kind: 'room', directorsBodyId: p.directors, informedCount: 2 } });
    expect(JSON.stringify(entry.payload)).not.toContain('salle');

    const foreign = await p.lina.client.post(`${p.url}/means`, { organizationId: p.outside, kind: 'speaker', description: 'Une intervenante' });
    expect(foreign.status).toBe(400);
    expect((await p.lina.client.delete(`${p.url}/means/${means.body.id}`)).status).toBe(200);
    expect((await p.lina.client.get(`${p.url}/conduct`)).body.means).toEqual([]);

    // Without a directors' body, the means are recorded, and nobody is said to have been informed.
    await t.store.db.updateTable('body').set({ kind: 'steering' }).where('id', '=', p.directors).execute();
    expect((await p.marc.client.post(`${p.url}/means`, { organizationId: p.rives, kind: 'volunteer_time', description: 'Deux bénévoles le samedi' })).status).toBe(201);
    expect((await p.lina.client.get(`${p.url}/conduct`)).body.means).toMatchObject([{ kind: 'volunteer_time', directorsInformedAt: null }]);
    expect((await journalOf(t, p.f.partnershipId)).at(-1)!.payload).toMatchObject({ directorsBodyId: null, informedCount: 0 });
  });

  it('informs the body that names the project leads by the charter, rather than the first directors’ committee', async () => {
    const p = await activeProject();
    const steering = await p.build.body({ name: uniqueName('Comité de pilotage'), kind: 'steering' });
    await p.build.seat(steering, { personId: p.odile.personId, organizationId: p.outside });
    const rules = {
      ...emptyRules(),
      bodyIds: [steering, p.directors],
      decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId: steering, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
      projects: { ...projectRulesOf({}), leadNamedBy: steering },
    };
    const content = { title: 'Charte', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules };
    const charter = await p.f.admin.post(`${p.f.base}/charters/import`, { format: 'entente-charter', formatVersion: 1, kind: 'partnership', content });
    const versionUrl = `${p.f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
    const contentHash = (await p.f.admin.get(versionUrl)).body.contentHash as string;
    expect((await p.f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash })).status).toBe(200);

    expect((await p.lina.client.post(`${p.url}/means`, { organizationId: p.rives, kind: 'equipment', description: 'Dix ordinateurs portables' })).status).toBe(201);
    const mails = (await outboxMessages(p.f)).filter((mail) => mail.subject.includes('y met des moyens'));
    expect(mails.map((mail) => mail.recipient)).toEqual([p.odile.email]);
    expect((await journalOf(t, p.f.partnershipId)).at(-1)!.payload).toMatchObject({ directorsBodyId: steering, informedCount: 1 });
  });

  it('lets the working group rewrite the lead’s mission sheet once a lead is named, not while the nomination awaits confirmation', async () => {
    const pending = await activeProject('validated');
    const sheet0 = { missionGoals: 'Animer les ateliers et le groupe de travail', missionTime: '', missionTraining: '' };
    const awaiting = await pending.lina.client.put(`${pending.url}/mission-sheet`, sheet0);
    expect(awaiting.status).toBe(409);
    expect(awaiting.body.message).toBe('La fiche de mission ne change pas pendant que la nomination attend sa validation.');
    expect((await pending.lina.client.get(`${pending.url}/conduct`)).body.can.writeMissionSheet).toBe(false);
    const p = await activeProject();
    const sheet = { missionGoals: 'Animer les ateliers et le groupe de travail', missionTime: 'Quatre heures par semaine', missionTraining: 'Formation à l’animation' };
    expect((await p.lina.client.put(`${p.url}/mission-sheet`, sheet)).status).toBe(200);
    expect((await p.odile.client.get(`${p.url}/conduct`)).body.missionSheet).toEqual({ goals: sheet.missionGoals, time: sheet.missionTime, training: sheet.missionTraining });
    expect((await p.lina.client.put(`${p.url}/mission-sheet`, { ...sheet, missionGoals: ' ' })).status).toBe(400);

    await t.store.db.updateTable('project').set({ lead_nominee_id: null }).where('id', '=', p.projectId).execute();
    const unnamed = await p.lina.client.put(`${p.url}/mission-sheet`, sheet);
    expect(unnamed.status).toBe(409);
    expect(unnamed.body.message).toBe('La fiche de mission s’écrit une fois nommée la personne qui conduira le projet.');
    expect((await p.lina.client.get(`${p.url}/conduct`)).body.can.writeMissionSheet).toBe(false);
  });

  it('refuses whoever is outside the working group, and everyone once the project is over', async () => {
    const p = await activeProject();
    const refusedToOdile = await p.odile.client.post(`${p.url}/purposes`, { statement: 'Une finalité' });
    expect(refusedToOdile.status).toBe(403);
    expect(refusedToOdile.body.message).toBe('Vous n’avez pas le droit de faire cela.');
    // A director is informed, not in charge.
    expect((await p.helene.client.put(`${p.url}/diagnosis`, { diagnosis: 'Autre' })).status).toBe(403);
    expect((await p.lina.client.post(`${p.url}/objectives`, { statement: '' })).body.fields.statement).toBe('Ce champ est obligatoire.');
    expect((await p.lina.client.post(`${p.url}/indicators`, { objectiveId: randomUUID(), label: 'X', target: 'beaucoup' })).status).toBe(400);
    expect((await p.lina.client.post(`${p.url}/means`, { organizationId: p.tilleuls, kind: 'castle', description: 'Un château' })).status).toBe(400);
    expect((await p.lina.client.get(`${p.f.base}/projects/${randomUUID()}/conduct`)).status).toBe(404);

    const before = (await journalOf(t, p.f.partnershipId)).length;
    for (const stage of ['closed', 'refused']) {
      await p.setStage(stage);
      const finished = await p.lina.client.put(`${p.url}/diagnosis`, { diagnosis: 'Trop tard' });
      expect(finished.status).toBe(409);
      expect(finished.body.message).toBe('Ce projet est terminé ou a été refusé : sa conduite ne change plus.');
      expect((await p.f.admin.post(`${p.url}/purposes`, { statement: 'Trop tard' })).status).toBe(409);
      expect((await p.lina.client.get(`${p.url}/conduct`)).body.can).toEqual({ write: false, setIndicators: false, measure: false, writeMissionSheet: false });
    }
    expect((await journalOf(t, p.f.partnershipId)).length).toBe(before);
  });

  it('keeps an erased owner’s place on an objective, under the pseudonym', async () => {
    const p = await activeProject();
    const objectiveId = (await p.lina.client.post(`${p.url}/objectives`, { statement: 'Accueillir des familles aux ateliers', ownerId: p.odile.personId })).body.id as string;
    expect((await p.f.admin.post(`${p.f.base}/people/${p.odile.personId}/erase`)).status).toBe(200);
    const objective = (await p.lina.client.get(`${p.url}/conduct`)).body.objectives[0];
    expect(objective).toMatchObject({ id: objectiveId, owner: { id: p.odile.personId, fullName: 'Personne effacée' } });
    // The objective is still rewritten around its owner, but nothing new is given to an erased person to carry.
    expect((await p.lina.client.put(`${p.url}/objectives/${objectiveId}`, { statement: 'Accueillir des familles', ownerId: p.odile.personId })).status).toBe(200);
    expect((await p.lina.client.post(`${p.url}/objectives`, { statement: 'Ouvrir un atelier par semaine', ownerId: p.odile.personId })).status).toBe(409);
  });
});
