import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type PartnershipFixture, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * Seed 000's shape: one association, a team of two holding three roles (Lila holds two), its
 * cooperation charter written from the template with both as signatories, and no partnership
 * charter. Someone of the association outside the team, too.
 */
async function seedTeam() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('Les Moissons solidaires', 'association');
  const teamId = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  const member = (fullName: string) => newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
  const lila = await member('Lila Moreau');
  const marc = await member('Marc Petit');
  const outsider = await member('Inès Roux');
  for (const person of [lila, marc]) await build.seat(teamId, { personId: person.personId, organizationId: house });
  const lead = await build.role({ name: 'Responsable du projet', bodyId: teamId });
  const memory = await build.role({ name: 'Mémoire du projet', bodyId: teamId });
  const guide = await build.role({ name: 'Accompagnatrice', bodyId: teamId });
  await build.assign(lead, lila.personId);
  await build.assign(memory, lila.personId);
  await build.assign(guide, marc.personId);
  const created = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const charterId = created.body.id as string;
  const versionId = created.body.versionId as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  content.title = 'Charte de coopération sereine';
  content.rules.signatories = [
    { id: randomUUID(), personId: lila.personId, organizationId: house, capacity: 'Responsable du projet' },
    { id: randomUUID(), personId: marc.personId, organizationId: house, capacity: 'Accompagnatrice' },
  ];
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  return { f, house, teamId, lila, marc, outsider, charterId, versionId, versionUrl };
}

type Team = Awaited<ReturnType<typeof seedTeam>>;

/** Moves a proposal to its round, the team consents, the facilitator closes it. */
async function teamConsents(f: PartnershipFixture, facilitator: Member | PartnershipFixture['admin'], proposalId: string, members: readonly Member[]) {
  const client = 'client' in facilitator ? facilitator.client : facilitator;
  const url = `${f.base}/proposals/${proposalId}`;
  while ((await client.get(url)).body.phase !== 'round') expect((await client.post(`${url}/phase`)).status).toBe(200);
  for (const member of members) expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
  expect((await client.post(`${url}/close-round`, { statement: 'Adoptée par consentement.' })).body).toMatchObject({ outcome: 'adopted' });
}

/** A signatory proposes the team's charter; the team adopts it by consent, as its revision rule says. */
async function adoptedByTheTeam(team: Team) {
  const proposed = await team.lila.client.post(`${team.f.base}/proposals`, { level: 'strategic', wording: 'Adopter notre charte de coopération', participationLevel: 'participation', amendsVersionId: team.versionId });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  await teamConsents(team.f, team.lila, proposed.body.id, [team.lila, team.marc]);
  return proposed.body.id as string;
}

const proposal = (wording: string, extra: Record<string, unknown> = {}) => ({ level: 'operational', wording, participationLevel: 'participation', ...extra });

describe('a team governed by its project charter alone', () => {
  it('adopts its charter by its own consent, then proposes under it: routed to its team by consent, listed on the charter’s page', async () => {
    const team = await seedTeam();
    const adoption = await adoptedByTheTeam(team);
    expect((await team.f.admin.get(team.versionUrl)).body).toMatchObject({ status: 'adopted', adoptedBy: { id: team.teamId, name: 'Équipe projet' } });

    // Without a scope, the partnership charter would route it, and there is none.
    const unscoped = await team.lila.client.post(`${team.f.base}/proposals`, proposal('Louer un vidéoprojecteur'));
    expect(unscoped.status).toBe(409);
    expect(unscoped.body.message).toContain('Aucune charte de partenariat n’est en vigueur');

    const proposed = await team.marc.client.post(`${team.f.base}/proposals`, proposal('Louer un vidéoprojecteur', { charterId: team.charterId }));
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const detail = (await team.marc.client.get(`${team.f.base}/proposals/${proposed.body.id}`)).body;
    expect(detail).toMatchObject({ body: { id: team.teamId, name: 'Équipe projet' }, method: 'consent', charter: { id: team.charterId, versionId: team.versionId } });
    expect(detail.routing).toContain('Équipe projet');
    await teamConsents(team.f, team.marc, proposed.body.id, [team.lila, team.marc]);

    const page = (await team.outsider.client.get(`${team.f.base}/charters/${team.charterId}`)).body;
    // The test's clock stands still: both were made at the same instant.
    expect(page.proposals.map((p: { id: string; status: string; body: { id: string } }) => [p.id, p.status, p.body.id])).toEqual(
      expect.arrayContaining([
        [proposed.body.id, 'adopted', team.teamId],
        [adoption, 'adopted', team.teamId],
      ]),
    );
    expect(page.proposals).toHaveLength(2);
    expect((await checkStateAgainstJournal(t.store.db, team.f.partnershipId)).map(describeDisagreement)).toEqual([]);
  });

  it('lets its signatories and its team propose, and an administrator; refuses anyone else with 403', async () => {
    const team = await seedTeam();
    await adoptedByTheTeam(team);
    const before = await t.store.db.selectFrom('proposal').select('id').where('partnership_id', '=', team.f.partnershipId).execute();
    const refused = await team.outsider.client.post(`${team.f.base}/proposals`, proposal('Changer d’outil', { charterId: team.charterId }));
    expect(refused.status).toBe(403);
    expect(await t.store.db.selectFrom('proposal').select('id').where('partnership_id', '=', team.f.partnershipId).execute()).toHaveLength(before.length);
    expect((await team.f.admin.post(`${team.f.base}/proposals`, proposal('Changer d’outil', { charterId: team.charterId }))).status).toBe(201);

    // A signatory who left the team still proposes under the charter they signed.
    const signatoryOnly = await newMember(t, team.f, { fullName: 'Sacha Blanc', memberships: [{ organizationId: team.house, kind: 'volunteer' }] });
    const draft = await team.lila.client.post(`${team.f.base}/charters/${team.charterId}/drafts`);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const draftUrl = `${team.f.base}/charters/${team.charterId}/versions/${draft.body.id}`;
    const content = (await team.lila.client.get(draftUrl)).body.content;
    content.rules.signatories.push({ id: randomUUID(), personId: signatoryOnly.personId, organizationId: team.house, capacity: 'Bénévole' });
    expect((await team.lila.client.put(draftUrl, content)).body.issues).toEqual([]);
    const revision = await team.marc.client.post(`${team.f.base}/proposals`, { level: 'strategic', wording: 'Ajouter une signataire', participationLevel: 'participation', amendsVersionId: draft.body.id });
    expect(revision.status, JSON.stringify(revision.body)).toBe(201);
    await teamConsents(team.f, team.marc, revision.body.id, [team.lila, team.marc]);
    expect((await signatoryOnly.client.post(`${team.f.base}/proposals`, proposal('Publier le bilan', { charterId: team.charterId }))).status).toBe(201);
  });

  it('refuses a charter of another partnership or the partnership’s own at charterId (400), and a project charter not yet adopted (409)', async () => {
    const team = await seedTeam();
    const other = await newPartnership(t);
    const foreign = await other.admin.post(`${other.base}/charters`, { template: 'cooperation' });
    const answer = await team.lila.client.post(`${team.f.base}/proposals`, proposal('Ailleurs', { charterId: foreign.body.id }));
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toHaveProperty('charterId');
    const partnershipCharter = await team.f.admin.post(`${team.f.base}/charters`, { template: 'partnership' });
    expect((await team.lila.client.post(`${team.f.base}/proposals`, proposal('Ici', { charterId: partnershipCharter.body.id }))).body.fields).toHaveProperty('charterId');

    const notYet = await team.lila.client.post(`${team.f.base}/proposals`, proposal('Trop tôt', { charterId: team.charterId }));
    expect(notYet.status).toBe(409);
    expect(notYet.body.message).toBe('Cette charte n’a pas encore de version adoptée : proposez d’abord son adoption, elle dira ensuite qui décide.');
    team.lila.client.locale = 'en';
    expect((await team.lila.client.post(`${team.f.base}/proposals`, proposal('Too early', { charterId: team.charterId }))).body.message).toBe(
      'This charter has no adopted version yet: propose its adoption first; it will then say who decides.',
    );
  });

  it('goes by the partnership charter in force for a matter the project’s matrix has no row for', async () => {
    const team = await seedTeam();
    const build = builder(team.f);
    const plenary = await build.body({ name: 'Assemblée', kind: 'plenary' });
    await build.seat(plenary, { personId: team.outsider.personId, organizationId: team.house });
    // The partnership's charter: every level to the assembly.
    const charter = await team.f.admin.post(`${team.f.base}/charters`, { template: 'partnership' });
    const partnershipUrl = `${team.f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
    const partnership = (await team.f.admin.get(partnershipUrl)).body.content;
    partnership.rules.bodyIds = [plenary];
    partnership.rules.decisionMatrix = (['strategic', 'operational', 'functional'] as const).map((level) => ({
      id: randomUUID(), level, topic: '', bodyId: plenary, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [],
    }));
    partnership.rules.projects = undefined;
    partnership.rules.money = undefined;
    partnership.rules.dispute = { ...partnership.rules.dispute, mediationBodyId: null, confidantBodyId: null };
    expect((await team.f.admin.put(partnershipUrl, partnership)).body.issues).toEqual([]);
    expect((await team.f.admin.post(`${partnershipUrl}/adoption`, { bodyId: plenary, adoptedOn: TODAY, contentHash: (await team.f.admin.get(partnershipUrl)).body.contentHash })).status).toBe(200);

    // The rules check asks each level a body, so only a version adopted before that check leaves one out: written so here.
    const content = (await team.f.admin.get(team.versionUrl)).body.content;
    content.rules.decisionMatrix = content.rules.decisionMatrix.filter((row: { level: string }) => row.level !== 'strategic');
    content.rules.money = undefined;
    await team.f.admin.put(team.versionUrl, content);
    await t.store.db.updateTable('charter_version').set({ status: 'adopted', adopted_on: TODAY, adopted_by_body_id: team.teamId }).where('id', '=', team.versionId).execute();

    const strategic = await team.lila.client.post(`${team.f.base}/proposals`, proposal('Rejoindre un réseau national', { level: 'strategic', charterId: team.charterId }));
    expect(strategic.status, JSON.stringify(strategic.body)).toBe(201);
    const routed = (await team.lila.client.get(`${team.f.base}/proposals/${strategic.body.id}`)).body;
    expect(routed).toMatchObject({ body: { id: plenary }, charter: { id: charter.body.id, versionId: charter.body.versionId } });
    const operational = await team.lila.client.post(`${team.f.base}/proposals`, proposal('Planifier les ateliers', { charterId: team.charterId }));
    expect((await team.lila.client.get(`${team.f.base}/proposals/${operational.body.id}`)).body).toMatchObject({ body: { id: team.teamId }, charter: { id: team.charterId } });
    // Without a scope, the partnership charter routes even the team's matters.
    const unscoped = await team.lila.client.post(`${team.f.base}/proposals`, proposal('Planifier les ateliers'));
    expect((await team.lila.client.get(`${team.f.base}/proposals/${unscoped.body.id}`)).body).toMatchObject({ body: { id: plenary } });

    // The form reads the same: the project's matrix, the partnership's as its fallback, and both scopes offered.
    const matrix = (await team.lila.client.get(`${team.f.base}/decision-matrix?charterId=${team.charterId}`)).body;
    expect(matrix.charter).toMatchObject({ id: team.charterId, versionId: team.versionId, title: 'Charte de coopération sereine' });
    expect(matrix.decisionMatrix.map((row: { level: string }) => row.level)).toEqual(['operational', 'functional']);
    expect(matrix.fallback.charter).toMatchObject({ id: charter.body.id });
    expect(matrix.fallback.decisionMatrix).toHaveLength(3);
    expect(matrix.bodies.map((body: { id: string }) => body.id).sort()).toEqual([plenary, team.teamId].sort());
    expect(matrix.scopes).toEqual({ partnership: true, projects: [{ id: team.charterId, title: 'Charte de coopération sereine' }] });
  });
});

describe('the decision matrix a proposal’s scope shows', () => {
  it('answers the project charter’s matrix with its scopes to those who may propose under it, 404 for a charter that is not a project’s of this partnership', async () => {
    const team = await seedTeam();
    const none = (await team.lila.client.get(`${team.f.base}/decision-matrix?charterId=${team.charterId}`)).body;
    expect(none).toMatchObject({ charter: null, decisionMatrix: [], fallback: null, scopes: { partnership: false, projects: [] } });
    await adoptedByTheTeam(team);
    const scoped = (await team.lila.client.get(`${team.f.base}/decision-matrix?charterId=${team.charterId}`)).body;
    expect(scoped.charter).toMatchObject({ id: team.charterId, versionId: team.versionId });
    expect(scoped.decisionMatrix).toEqual(['strategic', 'operational', 'functional'].map((level) => ({ level, topic: '', bodyId: team.teamId, method: 'consent' })));
    expect(scoped.fallback).toBeNull();
    expect(scoped.bodies).toEqual([{ id: team.teamId, name: 'Équipe projet' }]);
    const unscoped = (await team.lila.client.get(`${team.f.base}/decision-matrix`)).body;
    expect(unscoped).toMatchObject({ charter: null, scopes: { partnership: false, projects: [{ id: team.charterId, title: 'Charte de coopération sereine' }] } });
    // Someone outside the team is offered no scope but may still read the charter's matrix.
    expect((await team.outsider.client.get(`${team.f.base}/decision-matrix`)).body.scopes).toEqual({ partnership: false, projects: [] });

    const other = await newPartnership(t);
    const foreign = await other.admin.post(`${other.base}/charters`, { template: 'cooperation' });
    expect((await team.lila.client.get(`${team.f.base}/decision-matrix?charterId=${foreign.body.id}`)).status).toBe(404);
    expect((await team.lila.client.get(`${team.f.base}/decision-matrix?charterId=not-an-id`)).status).toBe(400);
  });
});

describe('the revision rule, the signatures and the compliance view of a project charter', () => {
  it('asks its signatories to sign, lets a signatory start and propose the next version, adopted by the team’s consent', async () => {
    const team = await seedTeam();
    await adoptedByTheTeam(team);
    const findings = async () => ((await team.f.admin.get(`${team.f.base}/compliance`)).body.findings as { code: string; message: string; link: unknown }[]);
    const codes = (await findings()).map((finding) => finding.code);
    expect(codes).not.toContain('no_charter_in_force');
    expect((await findings()).find((finding) => finding.code === 'signatures_missing')).toMatchObject({
      message: '« Charte de coopération sereine » attend encore la signature de : Lila Moreau, Marc Petit.',
      link: { kind: 'charter', id: team.charterId },
    });
    const signatories = (await team.lila.client.get(team.versionUrl)).body.signatories as { signatoryId: string; personId: string }[];
    for (const [member, name] of [[team.lila, 'Lila Moreau'], [team.marc, 'Marc Petit']] as const) {
      const seat = signatories.find((s) => s.personId === member.personId)!.signatoryId;
      const version = await member.client.get(team.versionUrl);
      expect(version.body.can.signAs).toEqual([seat]);
      expect((await member.client.post(`${team.versionUrl}/signatures`, { signatoryId: seat, typedName: name, readAndApproved: true, contentHash: version.body.contentHash })).status).toBe(201);
    }
    expect((await findings()).map((finding) => finding.code)).not.toContain('signatures_missing');

    // The outsider is no signatory: the revision rule (any signatory) does not let them start a draft.
    expect((await team.outsider.client.post(`${team.f.base}/charters/${team.charterId}/drafts`)).status).toBe(403);
    const draft = await team.marc.client.post(`${team.f.base}/charters/${team.charterId}/drafts`);
    expect(draft.status).toBe(201);
    const draftUrl = `${team.f.base}/charters/${team.charterId}/versions/${draft.body.id}`;
    const content = (await team.marc.client.get(draftUrl)).body.content;
    content.rules.duration = { startsOn: '2025-01-01', endsOn: '2026-01-31' };
    expect((await team.marc.client.put(draftUrl, content)).body.issues).toEqual([]);
    expect((await team.outsider.client.post(`${team.f.base}/proposals`, { level: 'strategic', wording: 'Réviser', participationLevel: 'participation', amendsVersionId: draft.body.id })).status).toBe(403);
    const revision = await team.marc.client.post(`${team.f.base}/proposals`, { level: 'strategic', wording: 'Réviser la durée', participationLevel: 'participation', amendsVersionId: draft.body.id });
    expect(revision.status).toBe(201);
    // Routed by the version in force: its revision body, the team, by consent.
    expect((await team.marc.client.get(`${team.f.base}/proposals/${revision.body.id}`)).body).toMatchObject({ body: { id: team.teamId }, method: 'consent', charter: { versionId: team.versionId } });
    await teamConsents(team.f, team.marc, revision.body.id, [team.lila, team.marc]);

    const history = (await team.f.admin.get(`${team.f.base}/charters/${team.charterId}`)).body;
    expect(history.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[2, 'adopted'], [1, 'superseded']]);
    // The new version asks both signatures again, and its end date has passed.
    const after = await findings();
    expect(after.find((finding) => finding.code === 'signatures_missing')).toMatchObject({ link: { kind: 'charter', id: team.charterId } });
    expect(after.find((finding) => finding.code === 'charter_expired')?.message).toBe('« Charte de coopération sereine » a pris fin le 31 janvier 2026 : révisez-la ou prolongez-la.');
    expect((await checkStateAgainstJournal(t.store.db, team.f.partnershipId)).map(describeDisagreement)).toEqual([]);
  });
});
