import type { Transaction } from 'kysely';
import { projectRulesOf } from '../charters/rules/types.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { formatCalendarDate, translator } from '../i18n/server-messages.js';
import { membersToTell, recipientsAmong, tell, type Recipient } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';
import { partnershipRules } from '../charters/queries.js';
import { confirmersOf, leadNamingBodyOf, validatingBodyOf } from './queries.js';

type Trx = Transaction<Database>;
type Scope = { readonly partnershipId: string; readonly now: Date };

export const projectPath = (partnershipId: string, projectId: string) => `/p/${partnershipId}/projets/${projectId}`;

async function projectOf(trx: Trx, projectId: string) {
  return trx
    .selectFrom('project as p')
    .leftJoin('body as wg', 'wg.id', 'p.working_group_id')
    .select(['p.id', 'p.title', 'p.refusal_reason', 'p.lead_refusal_reason', 'p.recommendations', 'p.vigilance', 'p.lead_nominee_id', 'p.evaluation_due_on', 'wg.parent_body_id as working_group_parent_id'])
    .where('p.id', '=', projectId)
    .executeTakeFirstOrThrow();
}

/** Who carries the project: its carrier people, and the administrators of its carrier organizations, who speak for them. */
async function carriersToTell(trx: Trx, projectId: string): Promise<Recipient[]> {
  const [people, administrators] = await Promise.all([
    trx.selectFrom('project_carrier').select('person_id').where('project_id', '=', projectId).where('person_id', 'is not', null).execute(),
    trx
      .selectFrom('project_carrier as c')
      .innerJoin('membership as m', 'm.organization_id', 'c.organization_id')
      .select('m.person_id')
      .where('c.project_id', '=', projectId)
      .where('m.is_organization_admin', '=', true)
      .execute(),
  ]);
  return recipientsAmong(trx, [...new Set([...people.map((row) => row.person_id!), ...administrators.map((row) => row.person_id)])]);
}

/** The body whose members name the lead, as the charter in force says. */
async function namingBodyOf(trx: Trx, scope: Scope, project: { working_group_parent_id: string | null }) {
  const charter = await partnershipRules(trx, scope.partnershipId);
  return { rules: projectRulesOf(charter ?? {}), namingBodyId: leadNamingBodyOf(projectRulesOf(charter ?? {}), validatingBodyOf(charter, project.working_group_parent_id)) };
}

const bodyName = async (trx: Trx, bodyId: string | null) => (bodyId === null ? '' : ((await trx.selectFrom('body').select('name').where('id', '=', bodyId).executeTakeFirst())?.name ?? ''));
const personName = async (trx: Trx, personId: string) => (await trx.selectFrom('person').select('full_name').where('id', '=', personId).executeTakeFirst())?.full_name ?? '';

/**
 * Whom a common project's steps concern, as the charter names them: its validation tells the
 * carriers and calls the members of the body that validated it to tell them its recommendations, each participating house's administrators to name their referent and the
 * body that names the lead; a nomination calls its confirmers; a refused nomination tells those who
 * named; the carriers hear the recommendations; the lead hears that their mission starts.
 */
export const projectNotices: NoticeWriters = {
  'project.validated': async (trx, scope, event) => {
    const projectId = String(event.payload['projectId']);
    const project = await projectOf(trx, projectId);
    const decidedBy = await bodyName(trx, project.working_group_parent_id);
    const path = projectPath(scope.partnershipId, projectId);
    await tell(trx, scope, await carriersToTell(trx, projectId), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: project.title, body: decidedBy };
      return {
        kind: 'information',
        subject: t('project.mail.validatedSubject', params),
        deadline: null,
        reason: t('project.mail.reasonCarrier', params),
        section: { paragraphs: [t('project.mail.validatedText', params)], facts: [], action: { label: t('project.mail.open'), path } },
      };
    });
    // Step 5 waits on the body that validated: its members today record what the carriers are told.
    if (project.working_group_parent_id !== null) {
      await tell(trx, scope, await membersToTell(trx, [project.working_group_parent_id], scope.now), (recipient) => {
        const t = translator(recipient.locale);
        const params = { title: project.title, body: decidedBy };
        return {
          kind: 'call',
          subject: t('project.mail.tellSubject', params),
          deadline: null,
          reason: t('project.mail.reasonValidator', params),
          section: { paragraphs: [t('project.mail.tellText', params)], facts: [], action: { label: t('project.mail.tellAction'), path: toDoPath(scope.partnershipId, { kind: 'project_tell', projectId }) } },
        };
      });
    }
    const { rules, namingBodyId } = await namingBodyOf(trx, scope, project);
    if (rules.referentsPerOrganization > 0) {
      const houses = await trx
        .selectFrom('project_organization as po')
        .innerJoin('organization as o', 'o.id', 'po.organization_id')
        .innerJoin('membership as m', 'm.organization_id', 'po.organization_id')
        .select(['o.id', 'o.name', 'm.person_id'])
        .where('po.project_id', '=', projectId)
        .where('m.is_organization_admin', '=', true)
        .execute();
      for (const house of new Map(houses.map((row) => [row.id, row.name]))) {
        const [organizationId, organization] = house;
        const administrators = await recipientsAmong(
          trx,
          houses.filter((row) => row.id === organizationId).map((row) => row.person_id),
        );
        await tell(trx, scope, administrators, (recipient) => {
          const t = translator(recipient.locale);
          const params = { title: project.title, organization };
          return {
            kind: 'call',
            subject: t('project.mail.referentSubject', params),
            deadline: null,
            reason: t('project.mail.reasonOrganizationAdmin', params),
            section: { paragraphs: [t('project.mail.referentText', params)], facts: [], action: { label: t('project.mail.referentAction'), path: toDoPath(scope.partnershipId, { kind: 'project_referent', projectId, organizationId }) } },
          };
        });
      }
    }
    if (namingBodyId !== null) {
      const body = await bodyName(trx, namingBodyId);
      await tell(trx, scope, await membersToTell(trx, [namingBodyId], scope.now), (recipient) => {
        const t = translator(recipient.locale);
        const params = { title: project.title, body };
        return {
          kind: 'call',
          subject: t('project.mail.leadSubject', params),
          deadline: null,
          reason: t('project.mail.reasonNamer', params),
          section: { paragraphs: [t('project.mail.leadText', params)], facts: [], action: { label: t('project.mail.leadAction'), path: toDoPath(scope.partnershipId, { kind: 'project_lead', projectId }) } },
        };
      });
    }
  },
  'project.refused': async (trx, scope, event) => {
    const projectId = String(event.payload['projectId']);
    const project = await projectOf(trx, projectId);
    const decidedBy = await bodyName(trx, (await trx.selectFrom('proposal').select('body_id').where('id', '=', String(event.payload['proposalId'])).executeTakeFirstOrThrow()).body_id);
    await tell(trx, scope, await carriersToTell(trx, projectId), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: project.title, body: decidedBy };
      return {
        kind: 'information',
        subject: t('project.mail.refusedSubject', params),
        deadline: null,
        reason: t('project.mail.reasonCarrier', params),
        section: {
          paragraphs: [t('project.mail.refusedText', params)],
          facts: project.refusal_reason === '' ? [] : [{ label: t('project.mail.reason'), value: project.refusal_reason }],
          action: { label: t('project.mail.open'), path: projectPath(scope.partnershipId, projectId) },
        },
      };
    });
  },
  'project.carriers_told': async (trx, scope, event) => {
    const projectId = String(event.payload['projectId']);
    const project = await projectOf(trx, projectId);
    await tell(trx, scope, await carriersToTell(trx, projectId), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: project.title };
      return {
        kind: 'information',
        subject: t('project.mail.toldSubject', params),
        deadline: null,
        reason: t('project.mail.reasonCarrier', params),
        section: {
          paragraphs: [t('project.mail.toldText', params)],
          facts: [
            ...(project.recommendations === '' ? [] : [{ label: t('project.mail.recommendations'), value: project.recommendations }]),
            ...(project.vigilance === '' ? [] : [{ label: t('project.mail.vigilance'), value: project.vigilance }]),
          ],
          action: { label: t('project.mail.open'), path: projectPath(scope.partnershipId, projectId) },
        },
      };
    });
  },
  'project.lead_named': async (trx, scope, event) => {
    if (event.payload['confirmationAsked'] !== true) return;
    const projectId = String(event.payload['projectId']);
    const project = await projectOf(trx, projectId);
    const { rules } = await namingBodyOf(trx, scope, project);
    const nominee = await personName(trx, String(event.payload['personId']));
    const confirmers = await recipientsAmong(trx, await confirmersOf(trx, rules, calendarDay(scope.now)));
    await tell(trx, scope, confirmers, (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: project.title, nominee };
      return {
        kind: 'call',
        subject: t('project.mail.approvalSubject', params),
        deadline: null,
        reason: t('project.mail.reasonConfirmer', params),
        section: { paragraphs: [t('project.mail.approvalText', params)], facts: [], action: { label: t('project.mail.approvalAction'), path: toDoPath(scope.partnershipId, { kind: 'project_approval', projectId }) } },
      };
    });
  },
  'project.lead_refused': async (trx, scope, event) => {
    // A nomination fallen with its nominee's erasure calls nobody: the project page and to-dos show the lead awaited.
    if (event.payload['erased'] === true) return;
    const projectId = String(event.payload['projectId']);
    const project = await projectOf(trx, projectId);
    const { namingBodyId } = await namingBodyOf(trx, scope, project);
    if (namingBodyId === null) return;
    const [nominee, confirmer, body] = await Promise.all([personName(trx, String(event.payload['nomineeId'])), personName(trx, String(event.payload['personId'])), bodyName(trx, namingBodyId)]);
    await tell(trx, scope, await membersToTell(trx, [namingBodyId], scope.now), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: project.title, nominee, confirmer, body };
      return {
        kind: 'call',
        subject: t('project.mail.refusedLeadSubject', params),
        deadline: null,
        reason: t('project.mail.reasonNamer', params),
        section: { paragraphs: [t('project.mail.refusedLeadText', params)], facts: [{ label: t('project.mail.reason'), value: project.lead_refusal_reason }], action: { label: t('project.mail.leadAction'), path: toDoPath(scope.partnershipId, { kind: 'project_lead', projectId }) } },
      };
    });
  },
  'project.lead_started': async (trx, scope, event) => {
    const projectId = String(event.payload['projectId']);
    const project = await projectOf(trx, projectId);
    const due = String(event.payload['evaluationDueOn']);
    await tell(trx, scope, await recipientsAmong(trx, [String(event.payload['personId'])]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: project.title, due: formatCalendarDate(recipient.locale, due) };
      return {
        kind: 'information',
        subject: t('project.mail.startedSubject', params),
        deadline: null,
        reason: t('project.mail.reasonNominee', params),
        section: { paragraphs: [t('project.mail.startedText', params)], facts: [], action: { label: t('project.mail.open'), path: projectPath(scope.partnershipId, projectId) } },
      };
    });
  },
};
