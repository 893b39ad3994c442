import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DECISION_LEVELS, emptyRules } from '../../src/charters/rules/types.js';
import { builder, expectCreated, TODAY, uniqueName } from './structure.js';
import { newMember, uniqueEmail, type PartnershipFixture, type TestApp } from './test-app.js';

/**
 * A partnership with one of everything, so every route has a real target. `cast` may seat people
 * in the body before the rest is made, and name who facilitates the proposal, the election and the
 * meeting and signs the charter (by default the administrator facilitates the proposal, and the
 * target person the rest).
 */
export async function furnished(
  f: PartnershipFixture,
  fullName: string,
  cast?: (ids: { organizationId: string; bodyId: string }) => Promise<{ facilitatorId: string }>,
) {
  const build = builder(f);
  const organizationId = await build.organization();
  const personId = await build.person({ fullName, email: uniqueEmail('secret'), memberships: [{ organizationId, kind: 'staff' }] });
  const otherPersonId = await build.person({ memberships: [{ organizationId, kind: 'volunteer' }] });
  const bodyId = await build.body({ delegatesPerOrganization: 4 });
  const seatId = await build.seat(bodyId, { personId, organizationId });
  const facilitatorId = cast ? (await cast({ organizationId, bodyId })).facilitatorId : undefined;
  const signatoryId = randomUUID();
  const roleId = await build.role({ bodyId });
  const assignmentId = await build.assign(roleId, personId);
  const delegationId = await build.delegation({ fromPersonId: personId, toPersonId: otherPersonId, bodyId });
  const person = await f.admin.get(`${f.base}/people/${personId}`);
  const membershipId = person.body.memberships[0].id as string;
  // A charter in force whose every decision goes to the one body, so a proposal can be made.
  const content = {
    title: 'Charte',
    articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }],
    rules: {
      ...emptyRules(),
      bodyIds: [bodyId],
      signatories: [{ id: signatoryId, personId: facilitatorId ?? personId, organizationId, capacity: 'Présidente' }],
      decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
    },
  };
  const charter = await f.admin.post(`${f.base}/charters/import`, { format: 'entente-charter', formatVersion: 1, kind: 'partnership', content });
  const charterId = charter.body.id as string;
  const versionId = charter.body.versionId as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${versionId}`;
  const contentHash = (await f.admin.get(versionUrl)).body.contentHash as string;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId, adoptedOn: TODAY, contentHash })).status).toBe(200);
  const proposal = await f.admin.post(`${f.base}/proposals`, { level: 'operational', wording: 'Une proposition', participationLevel: 'participation', facilitatorId });
  const proposalId = expectCreated(proposal, 'proposal');
  const messageId = expectCreated(await f.admin.post(`${f.base}/proposals/${proposalId}/messages`, { kind: 'question', body: 'Pour quand ?' }), 'message');
  const electionId = expectCreated(await f.admin.post(`${f.base}/elections`, { bodyId, roleId, termMonths: 12, facilitatorId: facilitatorId ?? personId }), 'election');
  const meetingId = expectCreated(await f.admin.post(`${f.base}/meetings`, { bodyId, title: 'Réunion', startsAt: '2026-04-01T18:00:00+02:00', facilitatorId: facilitatorId ?? personId }), 'meeting');
  const agendaItemId = expectCreated(await f.admin.post(`${f.base}/meetings/${meetingId}/agenda`, { kind: 'information', title: 'Nouvelles' }), 'agenda item');
  expect((await f.admin.post(`${f.base}/meetings/${meetingId}/guests`, { personId: otherPersonId, reason: 'Invitée' })).status).toBe(204);
  const pollId = expectCreated(await f.admin.post(`${f.base}/date-polls`, { bodyId, title: 'Quand ?', slots: ['2026-04-01T18:00:00+02:00', '2026-04-02T18:00:00+02:00'] }), 'date poll');
  const slotId = (await f.admin.get(`${f.base}/date-polls/${pollId}`)).body.slots[0].id as string;
  // The draft of an action plan, with one action of the person's.
  const planId = expectCreated(await f.admin.post(`${f.base}/action-plans`, {}), 'action plan');
  const plan = {
    title: 'Plan',
    startsOn: TODAY,
    endsOn: '2029-03-10',
    subjects: [{ title: 'Communication', actions: [{ title: 'Un site commun', ownerId: personId, deadline: '2026-04-01' }] }],
  };
  expect((await f.admin.put(`${f.base}/action-plans/${planId}`, plan)).status).toBe(200);
  const actionId = (await f.admin.get(`${f.base}/action-plans`)).body.draft.subjects[0].actions[0].id as string;
  return { planId, actionId, adminPersonId: f.adminPersonId, organizationId, personId, otherPersonId, bodyId, seatId, roleId, assignmentId, delegationId, membershipId, charterId, versionId, contentHash, signatoryId, proposalId, messageId, electionId, meetingId, agendaItemId, pollId, slotId };
}

export type Furnished = Awaited<ReturnType<typeof furnished>>;

/** A furnished partnership whose proposal, election and meeting a signed-in member of its body facilitates. */
export async function furnishedWithFacilitator(t: TestApp, f: PartnershipFixture, fullName: string) {
  let facilitator: Awaited<ReturnType<typeof newMember>> | undefined;
  const ids = await furnished(f, fullName, async ({ organizationId, bodyId }) => {
    facilitator = await newMember(t, f, { fullName: 'Samia Haddad', memberships: [{ organizationId, kind: 'staff' }] });
    await builder(f).seat(bodyId, { personId: facilitator.personId, organizationId });
    return { facilitatorId: facilitator.personId };
  });
  return { ids, facilitator: facilitator! };
}
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Every route inside a partnership, with a valid input, aimed at the given ids; `own` gives the
 * ids the input refers to, and `charterContent` a valid charter version's content. Names are
 * new at each call.
 */
export function partnershipRoutes(base: string, ids: Furnished, own: Furnished, charterContent: unknown): [Method, string, unknown?][] {
  const seat = { personId: own.otherPersonId, organizationId: own.organizationId, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY };
  return [
    ['GET', base],
    ['GET', `${base}/organizations/${ids.organizationId}`],
    ['GET', `${base}/people`],
    ['GET', `${base}/people/${ids.personId}`],
    ['GET', `${base}/bodies/${ids.bodyId}`],
    ['GET', `${base}/roles/${ids.roleId}`],
    ['GET', `${base}/journal`],
    ['GET', `${base}/outbox`],
    ['GET', `${base}/mail-preference`],
    ['PUT', `${base}/mail-preference`, { preference: 'digest' }],
    ['GET', `${base}/backup`],
    ['POST', `${base}/organizations`, { name: uniqueName('Intrus'), kind: 'other' }],
    ['PATCH', `${base}/organizations/${ids.organizationId}`, { name: uniqueName('Renommée') }],
    // The partnership's administrator belongs to no organization: an organization administrator only asks them to join.
    ['POST', `${base}/organizations/${ids.organizationId}/memberships`, { personId: own.adminPersonId, kind: 'volunteer' }],
    ['DELETE', `${base}/organizations/${ids.organizationId}/memberships/${ids.membershipId}`],
    ['POST', `${base}/people`, { fullName: 'Intrus' }],
    ['PATCH', `${base}/people/${ids.personId}`, { fullName: 'Renommé·e' }],
    ['POST', `${base}/people/${ids.personId}/erase`],
    ['POST', `${base}/people/${ids.personId}/invitation`],
    ['POST', `${base}/bodies`, { name: uniqueName('Intruse'), kind: 'circle' }],
    ['PATCH', `${base}/bodies/${ids.bodyId}`, { delegatesPerOrganization: 1 }],
    ['POST', `${base}/bodies/${ids.bodyId}/members`, seat],
    ['POST', `${base}/bodies/${ids.bodyId}/members/${ids.seatId}/end`, {}],
    ['POST', `${base}/roles`, { name: uniqueName('Intrus') }],
    ['PATCH', `${base}/roles/${ids.roleId}`, { termMonths: 3 }],
    ['POST', `${base}/roles/${ids.roleId}/assignments`, { personId: own.otherPersonId, startsOn: TODAY }],
    ['POST', `${base}/roles/${ids.roleId}/assignments/${ids.assignmentId}/end`, {}],
    ['POST', `${base}/delegations`, { fromPersonId: own.personId, toPersonId: own.otherPersonId, bodyId: own.bodyId, scope: 'Tout', startsOn: TODAY }],
    ['POST', `${base}/delegations/${ids.delegationId}/end`, {}],
    ['GET', `${base}/charters`],
    ['GET', `${base}/compliance`],
    ['POST', `${base}/charters`, { template: 'cooperation' }],
    ['POST', `${base}/charters/import`, { format: 'entente-charter', formatVersion: 1, kind: 'project', content: charterContent }],
    ['GET', `${base}/charters/${ids.charterId}`],
    ['POST', `${base}/charters/${ids.charterId}/drafts`],
    ['GET', `${base}/charters/${ids.charterId}/diff?from=${ids.versionId}&to=${ids.versionId}`],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}`],
    ['PUT', `${base}/charters/${ids.charterId}/versions/${ids.versionId}`, charterContent],
    ['DELETE', `${base}/charters/${ids.charterId}/versions/${ids.versionId}`],
    ['POST', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/adoption`, { bodyId: own.bodyId, adoptedOn: TODAY, contentHash: '0'.repeat(64) }],
    ['POST', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/signatures`, { signatoryId: ids.signatoryId, typedName: 'X', readAndApproved: true, contentHash: ids.contentHash }],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/export`],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/markdown`],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/pdf`],
    ['GET', `${base}/proposals`],
    ['POST', `${base}/proposals`, { level: 'strategic', wording: 'Intrusion', participationLevel: 'participation' }],
    ['GET', `${base}/proposals/${ids.proposalId}`],
    ['PATCH', `${base}/proposals/${ids.proposalId}`, { wording: 'Une proposition amendée', context: 'Les objections intégrées' }],
    ['POST', `${base}/proposals/${ids.proposalId}/amend-and-reopen`, { wording: 'Une proposition amendée', context: 'Les objections intégrées' }],
    ['GET', `${base}/decision-matrix`],
    ['GET', `${base}/bodies/${ids.bodyId}/decisions`],
    ['GET', `${base}/bodies/${ids.bodyId}/decisions.pdf`],
    ['GET', `${base}/disagreements`],
    ['POST', `${base}/proposals/${ids.proposalId}/phase`],
    ['POST', `${base}/proposals/${ids.proposalId}/stances`, { stance: 'consent', idempotencyKey: 'isolation-key' }],
    ['POST', `${base}/proposals/${ids.proposalId}/proxies`, { holderId: own.personId }],
    ['GET', `${base}/proposals/${ids.proposalId}/close-round`],
    ['POST', `${base}/proposals/${ids.proposalId}/close-round`, {}],
    ['POST', `${base}/proposals/${ids.proposalId}/blocked`],
    ['POST', `${base}/proposals/${ids.proposalId}/decision`, { outcome: 'adopted', statement: 'x' }],
    ['GET', `${base}/proposals/${ids.proposalId}/messages`],
    ['POST', `${base}/proposals/${ids.proposalId}/messages`, { kind: 'reaction', body: 'Une réaction' }],
    ['POST', `${base}/proposals/${ids.proposalId}/messages/${ids.messageId}/answered`],
    ['GET', `${base}/elections`],
    ['POST', `${base}/elections`, { bodyId: own.bodyId, roleId: own.roleId, termMonths: 6, facilitatorId: own.personId }],
    ['GET', `${base}/elections/${ids.electionId}`],
    ['PUT', `${base}/elections/${ids.electionId}/nomination`, { nomineeId: own.personId, reason: 'Intrusion' }],
    ['POST', `${base}/elections/${ids.electionId}/phase`],
    ['POST', `${base}/elections/${ids.electionId}/candidate`, { candidateId: own.personId }],
    ['POST', `${base}/elections/${ids.electionId}/stances`, { stance: 'consent' }],
    ['POST', `${base}/elections/${ids.electionId}/close-round`],
    ['POST', `${base}/elections/${ids.electionId}/abandon`],
    ['GET', `${base}/bodies/${ids.bodyId}/meetings`],
    ['POST', `${base}/meetings`, { bodyId: own.bodyId, title: 'Intrusion', startsAt: '2026-04-02T18:00:00+02:00', facilitatorId: own.personId }],
    ['POST', `${base}/meetings/past`, { bodyId: own.bodyId, title: 'Intrusion', heldOn: TODAY, facilitatorId: own.personId, minutes: 'Intrusion' }],
    ['GET', `${base}/meetings/${ids.meetingId}`],
    ['GET', `${base}/meetings/${ids.meetingId}/calendar.ics`],
    ['GET', `${base}/meetings/${ids.meetingId}/minutes.pdf`],
    ['POST', `${base}/meetings/${ids.meetingId}/agenda`, { kind: 'information', title: 'Intrusion' }],
    ['PUT', `${base}/meetings/${ids.meetingId}/agenda/order`, { itemIds: [ids.agendaItemId] }],
    ['PUT', `${base}/meetings/${ids.meetingId}/attendance`, { personId: own.personId, status: 'present' }],
    ['POST', `${base}/meetings/${ids.meetingId}/guests`, { personId: own.otherPersonId, reason: 'Intrusion' }],
    ['DELETE', `${base}/meetings/${ids.meetingId}/guests/${ids.otherPersonId}`],
    ['PUT', `${base}/meetings/${ids.meetingId}/minutes`, { text: 'Intrusion', basedOn: 0 }],
    ['POST', `${base}/meetings/${ids.meetingId}/advance`],
    ['PUT', `${base}/meetings/${ids.meetingId}/roles`, { facilitatorId: own.personId, secretaryId: null }],
    ['PUT', `${base}/meetings/${ids.meetingId}/round-word`, { word: 'Intrusion' }],
    ['POST', `${base}/meetings/${ids.meetingId}/minutes/review`, { until: '2026-04-02T18:00:00+02:00' }],
    ['PUT', `${base}/meetings/${ids.meetingId}/minutes/review`, { verdict: 'approve', basedOn: 0 }],
    ['POST', `${base}/meetings/${ids.meetingId}/minutes/publish`],
    ['POST', `${base}/date-polls`, { bodyId: own.bodyId, title: 'Intrusion', slots: ['2026-04-03T18:00:00+02:00', '2026-04-04T18:00:00+02:00'] }],
    ['GET', `${base}/date-polls/${ids.pollId}`],
    ['PUT', `${base}/date-polls/${ids.pollId}/answers`, { answers: [{ slotId: ids.slotId, answer: 'yes' }] }],
    ['POST', `${base}/date-polls/${ids.pollId}/close`, { slotId: ids.slotId }],
    ['GET', `${base}/to-do`],
    ['GET', `${base}/action-plans`],
    ['POST', `${base}/action-plans`, {}],
    ['PUT', `${base}/action-plans/${ids.planId}`, { title: 'Plan', startsOn: TODAY, endsOn: '2029-03-10', subjects: [{ title: 'Intrusion', actions: [{ title: 'Intrusion', ownerId: own.personId }] }] }],
    ['POST', `${base}/action-plans/${ids.planId}/proposal`, {}],
    ['PUT', `${base}/action-plans/${ids.planId}/actions/${ids.actionId}/status`, { status: 'doing' }],
    ['DELETE', `${base}/action-plans/${ids.planId}`],
  ];
}

