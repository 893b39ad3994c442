import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { portfolio } from '../../src/projects/queries.js';
import { toDoOf } from '../../src/participation/queries.js';
import { sendEvaluationReminders } from '../../src/projects/evaluation-reminders.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal as proveState } from '../../src/journal/state-proof.js';
import { builder, journalOf, outboxMessages, TODAY, verifiedChain } from '../support/structure.js';
import { newPartnership, startTestApp, type TestApp } from '../support/test-app.js';
import { active, decide, formalized, idea, partnership, validated, type Member, type Setting } from '../support/common-projects.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const toDoKinds = async (s: Setting, member: Member) => ((await member.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string }; path: string }[]).map((item) => item.target.kind).filter((kind) => kind.startsWith('project'));

describe('a common project through the nine steps', () => {
  it('is born an idea, formalized, presented, validated with its working group, staffed, led, and the journal proves it', async () => {
    const s = await partnership(t);
    const url = await idea(s);
    let page = await s.ines.client.get(url);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ stage: 'idea', carriers: { people: [{ fullName: 'Inès Fabre' }], organizations: [{ name: 'MJC des Tilleuls' }] }, can: { formalize: true, present: false } });
    expect(page.body.steps.map((step: { step: string }) => step.step)).toEqual(['idea', 'formalized', 'presented', 'validated', 'carriers_told', 'working_group', 'referents', 'lead_named', 'lead_confirmed']);
    expect(page.body.expected).toMatchObject([{ step: 'formalized', from: { kind: 'carriers', people: [{ fullName: 'Inès Fabre' }] } }]);
    // What she carries is hers to export (GDPR art. 15).
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/auth/export', headers: { cookie: s.ines.client.cookie! } });
    expect(JSON.parse(exported.body).projects.carried).toEqual([{ person_id: s.ines.personId, project_id: page.body.id, title: 'Fête des voisins des trois maisons', stage: 'idea' }]);

    // Step 2: a carrier writes the needs and the houses taking part; another house's member may not.
    expect((await s.karim.client.put(`${url}/formalization`, { needs: 'x', organizationIds: [s.moulin] })).status).toBe(403);
    expect((await s.ines.client.put(`${url}/formalization`, { needs: 'Les familles ne se croisent pas.', organizationIds: [s.tilleuls, s.moulin] })).status).toBe(204);

    // Step 3: presented to the steering committee the matrix names for « Projets communs ».
    const presented = await s.ines.client.post(`${url}/presentation`, {});
    expect(presented.status).toBe(201);
    const proposal = await s.f.admin.get(`${s.f.base}/proposals/${presented.body.id}`);
    expect(proposal.body).toMatchObject({ wording: 'Valider le projet commun « Fête des voisins des trois maisons »', body: { id: s.steering }, topic: 'Projets communs' });
    page = await s.ines.client.get(url);
    expect(page.body).toMatchObject({ stage: 'presented', can: { formalize: false, present: false }, proposals: [{ matter: 'presentation', status: 'open', body: { name: 'Comité de pilotage' } }] });
    expect(page.body.expected).toMatchObject([{ step: 'validated', from: { kind: 'decision', body: { name: 'Comité de pilotage' } } }]);
    expect((await s.ines.client.put(`${url}/formalization`, { needs: 'Plus tard', organizationIds: [s.tilleuls] })).status).toBe(409);
    // Put on the agenda of the steering committee's meeting, the presentation brings its carrier as a guest.
    const meeting = await s.nadia.client.post(`${s.f.base}/meetings`, { bodyId: s.steering, title: 'Comité de pilotage de mars', startsAt: '2026-03-20T18:00:00+01:00' });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const item = await s.nadia.client.post(`${s.f.base}/meetings/${meeting.body.id}/agenda`, { kind: 'decision', title: 'Fête des voisins', proposalId: presented.body.id });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    expect((await s.nadia.client.get(`${s.f.base}/meetings/${meeting.body.id}`)).body.guests).toMatchObject([
      { personId: s.ines.personId, reason: 'Porteur ou porteuse du projet « Fête des voisins des trois maisons », présenté à cette réunion' },
    ]);
    expect((await outboxMessages(s.f)).some((mail) => mail.recipient === s.ines.email && mail.subject.includes('Comité de pilotage de mars'))).toBe(true);
    expect((await s.ines.client.get(url)).body.meetings).toEqual([{ id: meeting.body.id, title: 'Comité de pilotage de mars', startsAt: expect.any(String), body: { id: s.steering, name: 'Comité de pilotage' } }]);

    // Step 4 and 6: the steering committee adopts; the working group is created under it.
    const closed = await decide(s, presented.body.id, 'agree', s.ines.client, 'Validé.');
    expect(closed.body).toMatchObject({ outcome: 'adopted' });
    page = await s.nadia.client.get(url);
    expect(page.body).toMatchObject({ stage: 'validated', workingGroup: { name: 'Groupe de travail Fête des voisins des trois maisons' }, can: { tellCarriers: true, nameLead: false } });
    const group = (await s.f.admin.get(`${s.f.base}/bodies/${page.body.workingGroup.id}`)).body;
    expect(group).toMatchObject({ kind: 'working_group', parent: { id: s.steering } });
    expect(page.body.expected.map((item: { step: string; from: { kind: string } }) => `${item.step}:${item.from.kind}`)).toEqual(['carriers_told:validating_body', 'referents:organization', 'referents:organization', 'lead_named:lead_namer']);
    expect((await outboxMessages(s.f)).some((mail) => mail.recipient === s.ines.email && mail.subject === 'Projet « Fête des voisins des trois maisons » validé')).toBe(true);
    expect(await toDoKinds(s, s.helene)).toEqual(expect.arrayContaining(['project_referent', 'project_lead']));
    const mails = await outboxMessages(s.f);
    expect(mails.filter((mail) => mail.subject === 'Projet « Fête des voisins des trois maisons » : nommez le référent de « MJC des Tilleuls »').map((mail) => mail.recipient)).toEqual([s.helene.email]);
    expect(mails.filter((mail) => mail.subject === 'Projet « Fête des voisins des trois maisons » : nommez son chef ou sa cheffe de projet').map((mail) => mail.recipient).sort()).toEqual([s.helene.email, s.jacques.email].sort());

    // Step 5: the steering committee's members are called to tell the carriers, by their to-do and by mail.
    const tellItem = ((await s.nadia.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string }; path: string; bodyName: string }[]).find((item) => item.target.kind === 'project_tell');
    expect(tellItem).toMatchObject({ bodyName: 'Comité de pilotage', path: `/p/${s.f.partnershipId}/projets/${page.body.id}#informer-les-porteurs` });
    expect(await toDoKinds(s, s.helene)).not.toContain('project_tell');
    expect(mails.filter((mail) => mail.subject === 'Projet « Fête des voisins des trois maisons » : transmettez vos recommandations aux porteurs').map((mail) => mail.recipient).sort()).toEqual([s.nadia.email, s.samia.email].sort());
    // A member of the steering committee tells the carriers.
    expect((await s.karim.client.post(`${url}/carriers-told`, { recommendations: 'x' })).status).toBe(403);
    expect((await s.nadia.client.post(`${url}/carriers-told`, { recommendations: 'Associer les habitants dès la préparation.', vigilance: 'Le bruit tard le soir.' })).status).toBe(204);
    expect((await s.nadia.client.post(`${url}/carriers-told`, {})).status).toBe(409);
    expect((await outboxMessages(s.f)).some((mail) => mail.recipient === s.ines.email && mail.body.includes('Le bruit tard le soir.'))).toBe(true);
    expect(await toDoKinds(s, s.samia)).not.toContain('project_tell');

    // Step 7: each house's administrator names its referent; the other house's may not.
    expect((await s.jacques.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(403);
    expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.karim.personId })).status).toBe(400);
    expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(201);
    expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.helene.personId })).status).toBe(409);
    expect((await s.jacques.client.post(`${url}/referents`, { organizationId: s.moulin, personId: s.karim.personId })).status).toBe(201);
    page = await s.f.admin.get(url);
    expect(page.body.steps.find((step: { step: string }) => step.step === 'referents').doneAt).not.toBeNull();
    expect(page.body.workingGroup.referents).toMatchObject([
      { organization: { name: 'Centre social du Moulin' }, people: [{ fullName: 'Karim Saïdi' }] },
      { organization: { name: 'MJC des Tilleuls' }, people: [{ fullName: 'Inès Fabre' }] },
    ]);

    // Step 8: the directors name the lead; step 9: both directors confirm.
    expect((await s.nadia.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.' })).status).toBe(403);
    expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(409);
    expect((await s.helene.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.', missionTime: '4 h par semaine', missionTraining: 'Sécurité des événements' })).status).toBe(204);
    expect(await toDoKinds(s, s.jacques)).toEqual(expect.arrayContaining(['project_approval']));
    expect((await outboxMessages(s.f)).filter((mail) => mail.subject === 'Projet « Fête des voisins des trois maisons » : validez la nomination de Inès Fabre').map((mail) => mail.recipient).sort()).toEqual([s.helene.email, s.jacques.email].sort());
    expect((await s.nadia.client.post(`${url}/lead/approval`)).status).toBe(403);
    expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
    expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(409);
    page = await s.f.admin.get(url);
    expect(page.body).toMatchObject({ stage: 'validated', lead: { nominee: { fullName: 'Inès Fabre' }, approvals: [{ person: { fullName: 'Hélène Dubois' } }] } });
    expect(page.body.expected).toMatchObject([{ step: 'lead_confirmed', from: { kind: 'confirmers', people: [{ fullName: 'Jacques Arnaud' }] } }]);
    expect((await s.jacques.client.post(`${url}/lead/approval`)).status).toBe(204);
    page = await s.ines.client.get(url);
    expect(page.body).toMatchObject({ stage: 'active', evaluationEveryMonths: 12, evaluationDueOn: '2027-03-10', lead: { role: { name: 'Chef·fe de projet Fête des voisins des trois maisons' } }, can: { reportEvaluation: true } });
    expect(page.body.steps.every((step: { doneAt: string | null }) => step.doneAt !== null)).toBe(true);
    const role = (await s.f.admin.get(`${s.f.base}/roles/${page.body.lead.role.id}`)).body;
    expect(JSON.stringify(role)).toContain(s.ines.personId);

    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind).filter((kind) => kind.startsWith('project.'));
    expect(kinds).toEqual([
      'project.created',
      'project.formalized',
      'project.presented',
      'project.validated',
      'project.carriers_told',
      'project.referent_named',
      'project.referent_named',
      'project.lead_named',
      'project.lead_approved',
      'project.lead_approved',
      'project.lead_confirmed',
      'project.lead_started',
    ]);
    expect(JSON.stringify((await journalOf(t, s.f.partnershipId)).map((entry) => entry.payload))).not.toContain('bruit');
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
    expect(await proveState(t.store.db, s.f.partnershipId)).toEqual([]);
    // A stage or a nominee changed by hand no longer agrees with the journal.
    await t.store.db.updateTable('project').set({ stage: 'closed', lead_nominee_id: s.karim.personId }).where('id', '=', page.body.id).execute();
    expect((await proveState(t.store.db, s.f.partnershipId)).map((disagreement) => disagreement.table)).toEqual(['project']);
  });

  it('ends refused when its presentation lapses, blocked before the body and its arbitrators', async () => {
    const s = await partnership(t);
    const url = await formalized(s);
    const presented = await s.ines.client.post(`${url}/presentation`, { wording: 'Valider la fête des voisins' });
    const proposalUrl = `${s.f.base}/proposals/${presented.body.id}`;
    // Blocked before the steering committee, the matter goes to the directors who arbitrate; blocked there, it lapses.
    for (let turn = 0; turn < 5 && (await s.f.admin.get(proposalUrl)).body.status === 'open'; turn += 1) expect((await s.ines.client.post(`${proposalUrl}/blocked`)).status).toBe(200);
    expect((await s.f.admin.get(proposalUrl)).body.status).toBe('lapsed');
    const page = await s.ines.client.get(url);
    expect(page.body).toMatchObject({ stage: 'refused', workingGroup: null, expected: [], can: { formalize: false, present: false } });
    expect((await outboxMessages(s.f)).some((mail) => mail.recipient === s.ines.email && mail.subject === 'Projet « Fête des voisins des trois maisons » non retenu')).toBe(true);
    expect((await s.ines.client.put(`${url}/formalization`, { needs: 'Encore', organizationIds: [s.tilleuls] })).status).toBe(409);
    expect(await proveState(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('ends refused with the decision’s statement as its reason when the body rejects it', async () => {
    // Here the steering committee's chair decides common projects after hearing advice.
    const s = await partnership(t, (content) => {
      for (const row of content.rules.decisionMatrix) if (row.topic === 'Projets communs') row.method = 'advice';
    });
    const url = await formalized(s);
    const presented = await s.nadia.client.post(`${url}/presentation`, {});
    expect(presented.status, JSON.stringify(presented.body)).toBe(201);
    const proposalUrl = `${s.f.base}/proposals/${presented.body.id}`;
    expect((await s.samia.client.post(`${proposalUrl}/stances`, { stance: 'advice', reason: 'Trop tôt dans l’année.', idempotencyKey: randomUUID() })).status).toBe(200);
    const decided = await s.nadia.client.post(`${proposalUrl}/decision`, { outcome: 'rejected', statement: 'Pas de budget pour une fête cette année.' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const page = await s.ines.client.get(url);
    expect(page.body).toMatchObject({ stage: 'refused', refusalReason: 'Pas de budget pour une fête cette année.', proposals: [{ status: 'rejected' }] });
    const mail = (await outboxMessages(s.f)).find((message) => message.recipient === s.ines.email && message.subject.includes('non retenu'));
    expect(mail?.body).toContain('Pas de budget pour une fête cette année.');
    expect(await proveState(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('validated by arbitration, stays with the body the matrix routed it to: its working group’s parent and the one that tells its carriers', async () => {
    const s = await partnership(t);
    const url = await formalized(s);
    const presented = await s.ines.client.post(`${url}/presentation`, {});
    const proposalUrl = `${s.f.base}/proposals/${presented.body.id}`;
    // Blocked once before the steering committee, the directors arbitrate and adopt.
    expect((await s.ines.client.post(`${proposalUrl}/blocked`)).status).toBe(200);
    while ((await s.f.admin.get(proposalUrl)).body.phase !== 'round') expect((await s.ines.client.post(`${proposalUrl}/phase`)).status).toBe(200);
    for (const director of [s.helene, s.jacques]) expect((await director.client.post(`${proposalUrl}/stances`, { stance: 'agree', reason: '', idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await s.ines.client.post(`${proposalUrl}/close-round`, { statement: 'Arbitré : validé.' })).body).toMatchObject({ outcome: 'arbitrated' });
    const page = await s.ines.client.get(url);
    expect(page.body.stage).toBe('validated');
    const group = await t.store.db.selectFrom('body').select('parent_body_id').where('id', '=', page.body.workingGroup.id).executeTakeFirstOrThrow();
    expect(group.parent_body_id).toBe(s.steering);
    expect((await s.helene.client.post(`${url}/carriers-told`, { recommendations: 'Chercher un budget.', vigilance: '' })).status).toBe(403);
    expect((await s.nadia.client.post(`${url}/carriers-told`, { recommendations: 'Chercher un budget.', vigilance: '' })).status).toBe(204);
  });

  it('keeps its working group’s and lead role’s names and its proposal’s context within their lengths, however long its title and texts', async () => {
    const s = await partnership(t);
    const title = `Fête des voisins ${'et des habitants '.repeat(20)}`.slice(0, 200).trim();
    const url = await idea(s, s.ines.client, title);
    const needs = 'Les familles ne se croisent pas. '.repeat(700).slice(0, 20000).trim();
    expect((await s.ines.client.put(`${url}/formalization`, { needs, analysis: 'Un temps festif partagé.', organizationIds: [s.tilleuls, s.moulin] })).status).toBe(204);
    const presented = await s.ines.client.post(`${url}/presentation`, {});
    expect(presented.status, JSON.stringify(presented.body)).toBe(201);
    const proposal = await t.store.db.selectFrom('proposal').select('context').where('id', '=', presented.body.id).executeTakeFirstOrThrow();
    expect(proposal.context.length).toBeLessThanOrEqual(20000);
    expect(proposal.context.endsWith(`La suite est sur la page du projet : /p/${s.f.partnershipId}/projets/${url.split('/').at(-1)}`)).toBe(true);
    expect((await decide(s, presented.body.id, 'agree', s.ines.client)).body).toMatchObject({ outcome: 'adopted' });
    const page = await s.ines.client.get(url);
    expect(page.body.stage).toBe('validated');
    expect(page.body.workingGroup.name.length).toBeLessThanOrEqual(200);
    expect(page.body.workingGroup.name).toMatch(/^Groupe de travail Fête des voisins .*…$/u);
    expect((await s.helene.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.' })).status).toBe(204);
    const role = await t.store.db.selectFrom('role').select('name').where('body_id', '=', page.body.workingGroup.id).executeTakeFirstOrThrow();
    expect(role.name.length).toBeLessThanOrEqual(200);
  });

  it('refuses what comes out of order, from the wrong person, or outside the partnership, in French', async () => {
    const s = await partnership(t);
    const url = await idea(s);
    const early = await s.ines.client.post(`${url}/presentation`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Formalisez d’abord le projet : les besoins, leur analyse et les structures qui y prendraient part.');
    expect((await s.ines.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(403);
    expect((await s.f.admin.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(409);
    const other = await newPartnership(t);
    const foreign = await builder(other).organization('Ailleurs');
    const outside = await s.ines.client.put(`${url}/formalization`, { needs: 'Des besoins', organizationIds: [foreign] });
    expect(outside.status).toBe(400);
    expect(outside.body.fields).toEqual({ 'organizationIds.0': 'Cette structure ne fait pas partie du partenariat.' });
    const bad = await s.ines.client.put(`${url}/formalization`, { needs: '', organizationIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.needs).toBe('Ce champ est obligatoire.');
    expect((await s.ines.client.post(`${s.f.base}/projects`, { title: 'Fête des voisins des trois maisons', origin: 'team' })).status).toBe(409);
    expect((await s.ines.client.get(`${s.f.base}/projects/${randomUUID()}`)).status).toBe(404);
  });

  it('refuses the nominee: the nomination falls, its approvals with it, and the namers are told', async () => {
    const s = await partnership(t);
    const url = await validated(s);
    expect((await s.helene.client.post(`${url}/lead`, { personId: s.karim.personId, missionGoals: 'Organiser.' })).status).toBe(204);
    expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
    expect((await s.jacques.client.post(`${url}/lead/refusal`, { reason: '' })).status).toBe(400);
    expect((await s.jacques.client.post(`${url}/lead/refusal`, { reason: 'Karim part en formation cet été.' })).status).toBe(204);
    const page = await s.f.admin.get(url);
    expect(page.body).toMatchObject({ lead: { nominee: null, approvals: [] } });
    expect(page.body.steps.find((step: { step: string }) => step.step === 'lead_named').doneAt).toBeNull();
    expect(page.body.expected.map((item: { step: string }) => item.step)).toContain('lead_named');
    const refusal = (await outboxMessages(s.f)).find((mail) => mail.recipient === s.helene.email && mail.subject.includes('est refusée'));
    expect(refusal?.body).toContain('Karim part en formation cet été.');
  });
});

describe('an erased nominee', () => {
  it('cannot be approved, and their erasure clears the nomination awaiting confirmation', async () => {
    const s = await partnership(t);
    const url = await validated(s);
    expect((await s.helene.client.post(`${url}/lead`, { personId: s.karim.personId, missionGoals: 'Organiser.' })).status).toBe(204);
    expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
    // Erased behind the act's back (as a concurrent erasure would leave it), the nominee cannot be confirmed.
    await t.store.db.updateTable('person').set({ erased_at: new Date() }).where('id', '=', s.karim.personId).execute();
    expect((await s.jacques.client.post(`${url}/lead/approval`)).status).toBe(409);
    await t.store.db.updateTable('person').set({ erased_at: null }).where('id', '=', s.karim.personId).execute();
    expect((await s.f.admin.post(`${s.f.base}/people/${s.karim.personId}/erase`)).status).toBe(200);
    const page = await s.f.admin.get(url);
    expect(page.body).toMatchObject({ stage: 'validated', lead: { nominee: null, approvals: [] } });
    expect(page.body.expected.map((item: { step: string }) => item.step)).toContain('lead_named');
    expect(await proveState(t.store.db, s.f.partnershipId)).toEqual([]);
  });
});

describe('the evaluation', () => {
  it('renews: the evaluation is decided and the next evaluation falls a period later', async () => {
    const s = await partnership(t);
    const url = await active(s);
    expect((await s.nadia.client.post(`${url}/evaluations`, { periodEndsOn: TODAY, analysis: 'x', proposedOutcome: 'renew' })).status).toBe(403);
    const reported = await s.ines.client.post(`${url}/evaluations`, { periodEndsOn: TODAY, analysis: '120 inscrits pour 100 visés.', emergingNeeds: 'Un atelier cuisine.', proposedOutcome: 'renew' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect((await s.ines.client.post(`${url}/evaluations`, { periodEndsOn: TODAY, analysis: 'encore', proposedOutcome: 'renew' })).status).toBe(409);
    let page = await s.ines.client.get(url);
    expect(page.body).toMatchObject({ stage: 'evaluating', evaluations: [{ proposedOutcome: 'renew', outcome: null }] });
    const proposalId = page.body.evaluations[0].proposalId;
    expect((await decide(s, proposalId, 'agree', s.ines.client)).body).toMatchObject({ outcome: 'adopted' });
    page = await s.ines.client.get(url);
    expect(page.body).toMatchObject({ stage: 'active', evaluationDueOn: '2027-03-10', evaluations: [{ outcome: 'renew' }] });
    // A month before the next evaluation falls due, the working group and the lead find it among their things to do.
    const dueKinds = async (member: Member, now: Date) => (await toDoOf(t.store.db, s.f.partnershipId, member.personId, now)).items.map((item) => item.target.kind);
    expect(await dueKinds(s.karim, t.clock.now())).not.toContain('project_evaluation');
    const monthBefore = new Date('2027-02-20T09:00:00Z');
    expect(await dueKinds(s.karim, monthBefore)).toEqual(['project_evaluation']);
    expect(await dueKinds(s.ines, monthBefore)).toContain('project_evaluation');
    expect(await dueKinds(s.nadia, monthBefore)).not.toContain('project_evaluation');
    // The clock mails it to them once, when it enters that month, and not before.
    const reminders = async () => (await outboxMessages(s.f)).filter((mail) => mail.subject.startsWith('Projet « Fête des voisins des trois maisons » : son évaluation est attendue le'));
    await sendEvaluationReminders(t.store.db, t.clock.now());
    expect(await reminders()).toEqual([]);
    await sendEvaluationReminders(t.store.db, monthBefore);
    await sendEvaluationReminders(t.store.db, new Date(monthBefore.getTime() + 3_600_000));
    expect((await reminders()).map((mail) => mail.recipient).sort()).toEqual([s.ines.email, s.karim.email].sort());
    expect((await reminders())[0]!.subject).toContain('10 mars 2027');
    expect((await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'project.evaluation_due').map((entry) => entry.payload)).toEqual([{ projectId: page.body.id, evaluationDueOn: '2027-03-10' }]);
    expect(await proveState(t.store.db, s.f.partnershipId)).toEqual([]);
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
  });

  it('closes the project when the body adopts its closing', async () => {
    const s = await partnership(t);
    const url = await active(s);
    const reported = await s.ines.client.post(`${url}/evaluations`, { periodEndsOn: TODAY, analysis: 'Objectifs atteints.', proposedOutcome: 'close' });
    const proposalId = (await s.ines.client.get(url)).body.evaluations[0].proposalId;
    expect(reported.status).toBe(201);
    await decide(s, proposalId, 'agree', s.ines.client);
    const page = await s.ines.client.get(url);
    expect(page.body).toMatchObject({ stage: 'closed', evaluations: [{ outcome: 'close' }], expected: [], can: { reportEvaluation: false } });
    expect((await s.ines.client.post(`${url}/evaluations`, { periodEndsOn: TODAY, analysis: 'encore', proposedOutcome: 'renew' })).status).toBe(409);
  });
});

describe('the portfolio', () => {
  it('lists every project by title, with its step, whom it waits for, its houses, filtered by stage and house', async () => {
    const s = await partnership(t);
    await idea(s, s.ines.client, 'B projet');
    await formalized(s);
    await idea(s, s.ines.client, 'A projet');
    const all = await s.nadia.client.get(`${s.f.base}/projects`);
    expect(all.status).toBe(200);
    expect(all.body.rows.map((row: { title: string }) => row.title)).toEqual(['A projet', 'B projet', 'Fête des voisins des trois maisons']);
    expect(all.body.rows[2]).toMatchObject({ stage: 'formalized', organizations: [{ name: 'Centre social du Moulin' }, { name: 'MJC des Tilleuls' }], expected: [{ step: 'presented', from: { kind: 'carriers' } }], indicators: { count: 0, onTarget: 0 } });
    expect((await s.nadia.client.get(`${s.f.base}/projects?stage=idea`)).body.rows).toHaveLength(2);
    expect((await s.nadia.client.get(`${s.f.base}/projects?organizationId=${s.moulin}`)).body.rows.map((row: { title: string }) => row.title)).toEqual(['Fête des voisins des trois maisons']);
    expect((await s.nadia.client.get(`${s.f.base}/projects?stage=nope`)).status).toBe(400);
  });

  it('is read in the same number of statements whatever the number of projects, 50 a page after a cursor', async () => {
    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    };
    const db = t.store.db.withPlugin(counting);
    const s = await partnership(t);
    await active(s);
    const count = async (cursor?: string) => {
      statements = 0;
      const page = await portfolio(db, s.f.partnershipId, cursor === undefined ? {} : { cursor }, t.clock.now());
      return { statements, page };
    };
    const one = await count();
    expect(one.page.rows).toHaveLength(1);
    for (let i = 0; i < 55; i++) await idea(s, s.nadia.client, `Idée ${String(i).padStart(2, '0')}`);
    const many = await count();
    expect(many.statements).toBe(one.statements);
    expect(many.page.rows).toHaveLength(50);
    expect(many.page.next).not.toBeNull();
    const rest = await count(many.page.next!);
    expect(rest.page.rows.map((row) => row.title)).toEqual(['Idée 49', 'Idée 50', 'Idée 51', 'Idée 52', 'Idée 53', 'Idée 54']);
    expect(rest.page.next).toBeNull();
  });
});

describe('the compliance view', () => {
  it('says what a project waits for past the charter’s 30 days, then that it measures nothing and is past its evaluation', async () => {
    const s = await partnership(t);
    const started = t.clock.current;
    const days = (count: number) => t.clock.advanceMinutes(count * 24 * 60);
    const findings = async () =>
      ((await s.f.admin.get(`${s.f.base}/compliance`)).body.findings as { code: string; message: string }[]).filter((finding) => finding.code.startsWith('project_')).map((finding) => finding.message);
    // The months this test lives through outlast a sign-in (30 days): its people stay signed in.
    await t.store.db
      .updateTable('session')
      .set({ expires_at: new Date('2099-01-01T00:00:00Z') })
      .where('account_id', 'in', (eb) => eb.selectFrom('person').select('account_id').where('partnership_id', '=', s.f.partnershipId).where('account_id', 'is not', null))
      .execute();
    try {
      const url = await validated(s);
      expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(201);
      days(30);
      expect(await findings()).toEqual([]);
      days(1);
      expect(await findings()).toEqual([
        '« Fête des voisins des trois maisons » attend depuis 31 jours les personnes référentes de : Centre social du Moulin.',
        '« Fête des voisins des trois maisons » attend depuis 31 jours que soit nommé son chef ou sa cheffe de projet.',
      ]);
      // Only the participating houses compose the working group: the one missing is the Moulin.
      const group = (await s.f.admin.get(url)).body.workingGroup.id as string;
      expect((await s.f.admin.get(`${s.f.base}/bodies/${group}`)).body.gaps.map((gap: { organizationId: string }) => gap.organizationId)).toEqual([s.moulin]);

      expect((await s.helene.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.', missionTime: '4 h par semaine', missionTraining: '' })).status).toBe(204);
      expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
      days(31);
      expect(await findings()).toEqual([
        '« Fête des voisins des trois maisons » attend depuis 62 jours les personnes référentes de : Centre social du Moulin.',
        '« Fête des voisins des trois maisons » attend depuis 31 jours la confirmation de Inès Fabre comme chef ou cheffe de projet.',
      ]);

      expect((await s.jacques.client.post(`${url}/referents`, { organizationId: s.moulin, personId: s.karim.personId })).status).toBe(201);
      expect((await s.jacques.client.post(`${url}/lead/approval`)).status).toBe(204);
      expect(await findings()).toEqual(['« Fête des voisins des trois maisons » est en cours mais n’a aucun indicateur pour mesurer ses objectifs.']);
      // Confirmed on 11 May 2026, evaluated every 12 months: due on 11 May 2027, overdue the day after.
      expect((await s.f.admin.get(url)).body.evaluationDueOn).toBe('2027-05-11');
      days(365);
      expect(await findings()).not.toContain('L’évaluation de « Fête des voisins des trois maisons » était attendue le 11 mai 2027.');
      days(1);
      expect(await findings()).toContain('L’évaluation de « Fête des voisins des trois maisons » était attendue le 11 mai 2027.');
    } finally {
      t.clock.current = started;
    }
  });
});
