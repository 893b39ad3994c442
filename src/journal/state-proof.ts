import { sql, type Kysely, type RawBuilder } from 'kysely';
import { charterContentHash } from '../charters/rules/content.js';
import type { CharterContent } from '../charters/rules/types.js';
import type { Database } from '../common/database/schema.js';

/**
 * The journal proves the governing state: a row edited by hand (an article rewritten under its
 * hash, a member made administrator, a stance or a proposal's words changed) no longer agrees
 * with the entries that made it. The chain holds no secret, so this catches an edit of the rows
 * alone: whoever rewrites entries and rows together and recomputes the whole chain passes here,
 * and only an anchor seen before (journal/anchor.ts, printed on documents) shows it, its head no
 * longer lying on the chain. Each fact below says, in SQL, what the journal records of some
 * rows (`journaled`: from `entries`, the partnership's entries of the fact's kinds) and what the
 * rows hold (`stored`), both as JSON objects keyed by the same text; the check joins them.
 *
 * A field the journal cannot prove for an entry (written before it carried that value, or free
 * text of which it kept no fingerprint) is left out of `journaled`: only the fields the journal
 * names are compared, so `stored @> journaled` is the agreement. A row the journal does not name,
 * or a journaled row that is gone, disagrees too, unless the journal allows it (`may_be_absent`).
 */
interface JournaledFact {
  /** The table whose rows it proves, as reports name it. */
  readonly table: string;
  readonly kinds: readonly string[];
  /** Columns key, value (jsonb) and may_be_absent (boolean), selected from `entries` (seq, kind, payload). */
  readonly journaled: RawBuilder<unknown>;
  /** Columns key, row_id and value (jsonb), for the partnership's rows. */
  readonly stored: (partnershipId: string) => RawBuilder<unknown>;
}

/** The SQL twin of chain.ts textHash. */
const hashOf = (column: RawBuilder<unknown>) => sql`encode(sha256(convert_to(${column}, 'UTF8')), 'hex')`;
/** The latest entry of these kinds for each value of payload->>key, as (key, payload). */
const latest = (kinds: readonly string[], key: string) => sql`
  select distinct on (1) payload->>${sql.lit(key)} as key, payload from entries
   where kind in (${sql.join(kinds)}) order by 1, seq desc`;
/**
 * The fingerprint of a questionnaire's questions in their order: each one's id (its answers'
 * key), kind, words, whether required, choices and scale, as the database writes them. Its acts
 * keep it in their entries (questionnaires/acts.ts), computed by this same SQL.
 */
export const questionsFingerprint = (questionnaireId: RawBuilder<unknown>) =>
  hashOf(sql`coalesce((select jsonb_agg(jsonb_build_array(qq.id, qq.kind, qq.label, qq.help, qq.required, qq.choices, qq.scale_min, qq.scale_max, qq.scale_min_label, qq.scale_max_label)
                                        order by qq.position)
                         from questionnaire_question qq where qq.questionnaire_id = ${questionnaireId}), '[]'::jsonb)::text`);
/** Whether the journal erased this person: what had not started for them was deleted (personal-data.ts). */
const erased = (personId: RawBuilder<unknown>) => sql`exists (select 1 from entries e where e.kind = 'person.erased' and e.payload->>'personId' = ${personId})`;
/** A period's end: the latest end the journal records, else the one it started with. */
const endOf = (ended: string, started: string) => sql.raw(`coalesce(${ended}.payload->'endsOn', ${started}.payload->'endsOn')`);

/** The entries that make a common project what it is (projects/acts.ts). */
const PROJECT_KINDS = [
  'project.created', 'project.formalized', 'project.presented', 'project.validated', 'project.refused', 'project.carriers_told', 'project.referent_named',
  'project.lead_named', 'project.lead_refused', 'project.lead_confirmed', 'project.lead_started', 'project.evaluation_reported', 'project.evaluation_decided',
] as const;

/** The entries that move a budget's version (budgets/acts.ts). */
const BUDGET_VERSION_KINDS = ['budget.created', 'budget.version_drafted', 'budget.version_proposed', 'budget.version_validated', 'budget.version_returned'] as const;
/** A forecast line's fields as an entry writes them (line_set, or each line a revision copies). */
const lineValue = (line: RawBuilder<unknown>) =>
  sql`jsonb_build_object('position', ${line}->'position', 'kind', ${line}->'kind', 'category', ${line}->'category', 'internal', ${line}->'internal',
        'organizationId', ${line}->'organizationId', 'amountCents', ${line}->'amountCents', 'labelHash', ${line}->'labelHash')`;

/** The entries that write a settlement statement, and those that write its figures (settlement/acts.ts). */
const SETTLEMENT_KINDS = ['settlement.drafted', 'settlement.saved', 'settlement.proposed', 'settlement.approved', 'settlement.returned'] as const;
const SETTLEMENT_FIGURE_KINDS = ['settlement.drafted', 'settlement.saved', 'settlement.proposed'] as const;

export const JOURNALED_FACTS: readonly JournaledFact[] = [
  {
    table: 'person',
    kinds: ['person.created', 'person.updated'],
    // Entries of a change of administrator written before they carried its value prove nothing of it.
    journaled: sql`
      select key, case when payload ? 'isPartnershipAdmin' then jsonb_build_object('isPartnershipAdmin', payload->'isPartnershipAdmin') else '{}'::jsonb end as value, false as may_be_absent
        from (select distinct on (payload->>'personId') payload->>'personId' as key, payload from entries
               where kind = 'person.created' or payload->'fields' ? 'isPartnershipAdmin'
               order by payload->>'personId', seq desc) administrators`,
    stored: (p) => sql`select id::text as key, id::text as row_id, jsonb_build_object('isPartnershipAdmin', is_partnership_admin) as value from person where partnership_id = ${p}`,
  },
  {
    table: 'membership',
    kinds: ['membership.created', 'membership.removed'],
    journaled: sql`
      select c.payload->>'membershipId' as key, false as may_be_absent,
             jsonb_build_object('personId', c.payload->'personId', 'organizationId', c.payload->'organizationId', 'kind', c.payload->'membershipKind', 'isOrganizationAdmin', c.payload->'isOrganizationAdmin') as value
        from entries c
       where c.kind = 'membership.created'
         and not exists (select 1 from entries r where r.kind = 'membership.removed' and r.payload->>'membershipId' = c.payload->>'membershipId')`,
    stored: (p) => sql`
      select m.id::text as key, m.id::text as row_id,
             jsonb_build_object('personId', m.person_id, 'organizationId', m.organization_id, 'kind', m.kind, 'isOrganizationAdmin', m.is_organization_admin) as value
        from membership m join person p on p.id = m.person_id where p.partnership_id = ${p}`,
  },
  {
    table: 'body_member',
    kinds: ['mandate.started', 'mandate.ended', 'person.erased'],
    journaled: sql`
      select s.payload->>'seatId' as key, ${erased(sql`s.payload->>'personId'`)} as may_be_absent,
             jsonb_build_object('bodyId', s.payload->'bodyId', 'personId', s.payload->'personId', 'organizationId', s.payload->'organizationId',
               'capacity', s.payload->'capacity', 'mandateSource', s.payload->'mandateSource', 'roleAssignmentId', coalesce(s.payload->'assignmentId', 'null'::jsonb),
               'startsOn', s.payload->'startsOn', 'endsOn', ${endOf('e', 's')}) as value
        from entries s left join (${latest(['mandate.ended'], 'seatId')}) e on e.key = s.payload->>'seatId'
       where s.kind = 'mandate.started'`,
    stored: (p) => sql`
      select s.id::text as key, s.id::text as row_id,
             jsonb_build_object('bodyId', s.body_id, 'personId', s.person_id, 'organizationId', s.organization_id, 'capacity', s.capacity,
               'mandateSource', s.mandate_source, 'roleAssignmentId', s.role_assignment_id, 'startsOn', s.starts_on, 'endsOn', s.ends_on) as value
        from body_member s join body b on b.id = s.body_id where b.partnership_id = ${p}`,
  },
  {
    table: 'role_assignment',
    kinds: ['role.assigned', 'role.unassigned', 'person.erased'],
    journaled: sql`
      select a.payload->>'assignmentId' as key, ${erased(sql`a.payload->>'personId'`)} as may_be_absent,
             jsonb_build_object('roleId', a.payload->'roleId', 'personId', a.payload->'personId', 'startsOn', a.payload->'startsOn', 'endsOn', ${endOf('u', 'a')}) as value
        from entries a left join (${latest(['role.unassigned'], 'assignmentId')}) u on u.key = a.payload->>'assignmentId'
       where a.kind = 'role.assigned'`,
    stored: (p) => sql`
      select a.id::text as key, a.id::text as row_id,
             jsonb_build_object('roleId', a.role_id, 'personId', a.person_id, 'startsOn', a.starts_on, 'endsOn', a.ends_on) as value
        from role_assignment a join role r on r.id = a.role_id where r.partnership_id = ${p}`,
  },
  {
    table: 'delegation',
    kinds: ['delegation.created', 'delegation.ended', 'person.erased'],
    journaled: sql`
      select d.payload->>'delegationId' as key, ${erased(sql`d.payload->>'fromPersonId'`)} or ${erased(sql`d.payload->>'toPersonId'`)} as may_be_absent,
             jsonb_build_object('fromPersonId', d.payload->'fromPersonId', 'toPersonId', d.payload->'toPersonId', 'bodyId', d.payload->'bodyId',
               'startsOn', d.payload->'startsOn', 'endsOn', ${endOf('x', 'd')}) as value
        from entries d left join (${latest(['delegation.ended'], 'delegationId')}) x on x.key = d.payload->>'delegationId'
       where d.kind = 'delegation.created'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('fromPersonId', from_person_id, 'toPersonId', to_person_id, 'bodyId', body_id, 'startsOn', starts_on, 'endsOn', ends_on) as value
        from delegation where partnership_id = ${p}`,
  },
  {
    // A version is adopted by one entry, and superseded when a later adoption names it.
    table: 'charter_version',
    kinds: ['charter.adopted'],
    journaled: sql`
      select a.payload->>'versionId' as key, false as may_be_absent,
             jsonb_build_object('status', case when exists (select 1 from entries s where s.kind = 'charter.adopted' and s.payload->>'supersededVersionId' = a.payload->>'versionId') then 'superseded' else 'adopted' end,
               'contentHash', a.payload->'contentHash', 'adoptedByBodyId', a.payload->'bodyId', 'adoptedOn', a.payload->'adoptedOn') as value
        from entries a where a.kind = 'charter.adopted'`,
    stored: (p) => sql`
      select v.id::text as key, v.id::text as row_id,
             jsonb_build_object('status', v.status, 'contentHash', v.content_hash, 'adoptedByBodyId', v.adopted_by_body_id, 'adoptedOn', v.adopted_on) as value
        from charter_version v join charter c on c.id = v.charter_id where c.partnership_id = ${p} and v.status <> 'draft'`,
  },
  {
    // A plan is adopted by the decision its entry names, and superseded when a later adoption names it.
    table: 'action_plan',
    kinds: ['actionPlan.adopted'],
    journaled: sql`
      select a.payload->>'planId' as key, false as may_be_absent,
             jsonb_build_object('status', case when exists (select 1 from entries s where s.kind = 'actionPlan.adopted' and s.payload->>'supersededPlanId' = a.payload->>'planId') then 'superseded' else 'adopted' end,
               'adoptedOn', a.payload->'adoptedOn', 'proposalId', a.payload->'proposalId') as value
        from entries a where a.kind = 'actionPlan.adopted'`,
    stored: (p) => sql`
      select a.id::text as key, a.id::text as row_id,
             jsonb_build_object('status', a.status, 'adoptedOn', a.adopted_on,
               'proposalId', (select pr.id from proposal pr where pr.action_plan_id = a.id and pr.status in ('adopted', 'arbitrated'))) as value
        from action_plan a where a.partnership_id = ${p} and a.status <> 'draft'`,
  },
  {
    table: 'charter_signature',
    kinds: ['charter.signed'],
    journaled: sql`
      select (payload->>'versionId') || '/' || (payload->>'signatoryId') as key, false as may_be_absent,
             jsonb_build_object('personId', payload->'personId', 'organizationId', payload->'organizationId', 'contentHash', payload->'contentHash') as value
        from entries where kind = 'charter.signed'`,
    stored: (p) => sql`
      select s.version_id || '/' || s.signatory_id as key, s.id::text as row_id,
             jsonb_build_object('personId', s.person_id, 'organizationId', s.organization_id, 'contentHash', s.content_hash) as value
        from charter_signature s join charter_version v on v.id = s.version_id join charter c on c.id = v.charter_id where c.partnership_id = ${p}`,
  },
  {
    table: 'stance',
    kinds: ['stance.taken'],
    journaled: sql`
      select key, false as may_be_absent,
             jsonb_build_object('stance', payload->'stance', 'postedBy', payload->'postedBy')
               || case when payload ? 'reasonHash' then jsonb_build_object('reasonHash', payload->'reasonHash') else '{}'::jsonb end as value
        from (select distinct on (1) concat_ws('/', payload->>'proposalId', payload->>'bodyId', payload->>'round', payload->>'memberId') as key, payload
                from entries where kind = 'stance.taken' order by 1, seq desc) stances`,
    stored: (p) => sql`
      select concat_ws('/', s.proposal_id, s.body_id, s.round, s.member_id) as key, s.id::text as row_id,
             jsonb_build_object('stance', s.stance, 'postedBy', s.posted_by, 'reasonHash', ${hashOf(sql`s.reason`)}) as value
        from stance s join proposal p on p.id = s.proposal_id where p.partnership_id = ${p}`,
  },
  {
    // A thread's message: where it was written, by whom, what it answers, whether the facilitator
    // marked it answered, and the fingerprint of its words, unless its author was erased (the
    // erasure empties them).
    table: 'discussion_message',
    kinds: ['discussion.posted', 'discussion.answered', 'person.erased'],
    journaled: sql`
      select m.payload->>'messageId' as key, false as may_be_absent,
             jsonb_build_object('proposalId', m.payload->'proposalId', 'authorId', m.payload->'authorId', 'kind', m.payload->'kind', 'phase', m.payload->'phase',
               'round', m.payload->'round', 'replyTo', m.payload->'replyTo', 'answeredBy', coalesce(a.payload->'answeredBy', 'null'::jsonb))
               || case when ${erased(sql`m.payload->>'authorId'`)} then '{}'::jsonb else jsonb_build_object('textHash', m.payload->'textHash') end as value
        from entries m
        left join (${latest(['discussion.answered'], 'messageId')}) a on a.key = m.payload->>'messageId'
       where m.kind = 'discussion.posted'`,
    stored: (p) => sql`
      select m.id::text as key, m.id::text as row_id,
             jsonb_build_object('proposalId', m.proposal_id, 'authorId', m.author_id, 'kind', m.kind, 'phase', m.phase, 'round', m.round, 'replyTo', m.reply_to,
               'answeredBy', m.answered_by, 'textHash', ${hashOf(sql`m.body`)}) as value
        from discussion_message m join proposal p on p.id = m.proposal_id where p.partnership_id = ${p}`,
  },
  {
    // Where a decision went (escalation moves it), how it ended, why its last round ended so, and the fingerprints of its words.
    table: 'proposal',
    kinds: ['proposal.created', 'proposal.amended', 'proposal.escalated', 'proposal.decided', 'proposal.lapsed', 'round.closed', 'round.kept_open'],
    journaled: sql`
      select c.payload->>'proposalId' as key, false as may_be_absent,
             jsonb_build_object('bodyId', coalesce(x.payload->'toBodyId', c.payload->'bodyId'), 'charterDraftVersionId', c.payload->'amendsVersionId',
               'budgetVersionId', coalesce(c.payload->'budgetVersionId', 'null'::jsonb), 'settlementId', coalesce(c.payload->'settlementId', 'null'::jsonb),
               'circleJoinId', coalesce(c.payload->'circleJoinId', 'null'::jsonb),
               'status', case o.kind when 'proposal.decided' then o.payload->'status' when 'proposal.lapsed' then '"lapsed"'::jsonb else '"open"'::jsonb end,
               'reviewOn', case when o.kind = 'proposal.decided' then o.payload->'reviewOn' else 'null'::jsonb end)
               || case when t.payload ? 'wordingHash' then jsonb_build_object('wordingHash', t.payload->'wordingHash', 'contextHash', t.payload->'contextHash') else '{}'::jsonb end
               || case when o.payload ? 'statementHash' then jsonb_build_object('statementHash', o.payload->'statementHash') else '{}'::jsonb end
               -- How its last round ended and why; rounds closed before the closing was journaled whole prove nothing of it.
               || case when r.payload ? 'reason' then jsonb_build_object('roundClosing', r.payload - 'proposalId' - 'voices') else '{}'::jsonb end as value
        from entries c
        left join (${latest(['round.closed', 'round.kept_open'], 'proposalId')}) r on r.key = c.payload->>'proposalId'
        left join (${latest(['proposal.escalated'], 'proposalId')}) x on x.key = c.payload->>'proposalId'
        left join (${latest(['proposal.created', 'proposal.amended'], 'proposalId')}) t on t.key = c.payload->>'proposalId'
        left join (select distinct on (payload->>'proposalId') payload->>'proposalId' as key, kind, payload from entries
                    where kind in ('proposal.decided', 'proposal.lapsed') order by payload->>'proposalId', seq desc) o on o.key = c.payload->>'proposalId'
       where c.kind = 'proposal.created'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('bodyId', body_id, 'charterDraftVersionId', charter_draft_version_id, 'budgetVersionId', budget_version_id, 'settlementId', settlement_id,
               'circleJoinId', circle_join_id, 'status', status, 'reviewOn', review_on,
               'wordingHash', ${hashOf(sql`wording`)}, 'contextHash', ${hashOf(sql`context`)}, 'statementHash', ${hashOf(sql`outcome_statement`)},
               'roundClosing', round_closing) as value
        from proposal where partnership_id = ${p}`,
  },
  {
    table: 'election',
    kinds: ['election.opened', 'election.candidate_proposed', 'election.elected', 'election.abandoned'],
    journaled: sql`
      select o.payload->>'electionId' as key, false as may_be_absent,
             jsonb_build_object('roleId', o.payload->'roleId', 'bodyId', o.payload->'bodyId', 'candidateId', coalesce(c.payload->'candidateId', 'null'::jsonb),
               'outcome', case e.kind when 'election.elected' then 'elected' when 'election.abandoned' then 'abandoned' else 'none' end,
               'assignmentId', coalesce(e.payload->'assignmentId', 'null'::jsonb)) as value
        from entries o
        left join (${latest(['election.candidate_proposed'], 'electionId')}) c on c.key = o.payload->>'electionId'
        left join (select distinct on (payload->>'electionId') payload->>'electionId' as key, kind, payload from entries
                    where kind in ('election.elected', 'election.abandoned') order by payload->>'electionId', seq desc) e on e.key = o.payload->>'electionId'
       where o.kind = 'election.opened'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('roleId', role_id, 'bodyId', body_id, 'candidateId', candidate_id,
               'outcome', case when phase in ('elected', 'abandoned') then phase else 'none' end, 'assignmentId', assignment_id) as value
        from election where partnership_id = ${p}`,
  },
  {
    table: 'election_stance',
    kinds: ['election.stance_taken'],
    journaled: sql`
      select key, false as may_be_absent,
             jsonb_build_object('stance', payload->'stance') || case when payload ? 'reasonHash' then jsonb_build_object('reasonHash', payload->'reasonHash') else '{}'::jsonb end as value
        from (select distinct on (1) concat_ws('/', payload->>'electionId', payload->>'round', payload->>'memberId') as key, payload
                from entries where kind = 'election.stance_taken' order by 1, seq desc) stances`,
    stored: (p) => sql`
      select concat_ws('/', s.election_id, s.round, s.member_id) as key, concat_ws('/', s.election_id, s.round, s.member_id) as row_id,
             jsonb_build_object('stance', s.stance, 'reasonHash', ${hashOf(sql`s.reason`)}) as value
        from election_stance s join election e on e.id = s.election_id where e.partnership_id = ${p}`,
  },
  {
    // Published minutes are the body's record; the journal keeps their fingerprint, at their
    // publication or, for a meeting recorded afterwards, in the entry that recorded it.
    table: 'meeting',
    kinds: ['meeting.minutes_published', 'meeting.recorded'],
    journaled: sql`
      select distinct on (payload->>'meetingId') payload->>'meetingId' as key, false as may_be_absent, jsonb_build_object('minutesHash', payload->'minutesHash') as value
        from entries where kind in ('meeting.minutes_published', 'meeting.recorded')
       order by payload->>'meetingId', seq desc`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id, jsonb_build_object('minutesHash', ${hashOf(sql`minutes`)}) as value
        from meeting where partnership_id = ${p} and minutes_published_at is not null`,
  },
  {
    // A common project's governing state: its stage (the latest entry that moved it), the words its
    // carriers and bodies wrote (by their fingerprints), its working group, its nominee and its next evaluation.
    table: 'project',
    kinds: [...PROJECT_KINDS],
    journaled: sql`
      select c.payload->>'projectId' as key, false as may_be_absent,
             jsonb_build_object('stage', st.payload->'stage', 'titleHash', c.payload->'titleHash')
             || coalesce((select jsonb_build_object('needsHash', f.payload->'needsHash', 'analysisHash', f.payload->'analysisHash') from entries f
                           where f.kind = 'project.formalized' and f.payload->>'projectId' = c.payload->>'projectId' order by f.seq desc limit 1), '{}'::jsonb)
             || coalesce((select jsonb_build_object('recommendationsHash', f.payload->'recommendationsHash', 'vigilanceHash', f.payload->'vigilanceHash') from entries f
                           where f.kind = 'project.carriers_told' and f.payload->>'projectId' = c.payload->>'projectId' order by f.seq desc limit 1), '{}'::jsonb)
             || coalesce((select jsonb_build_object('refusalReasonHash', f.payload->'reasonHash') from entries f
                           where f.kind = 'project.refused' and f.payload->>'projectId' = c.payload->>'projectId' order by f.seq desc limit 1), '{}'::jsonb)
             || coalesce((select jsonb_build_object('workingGroupId', f.payload->'workingGroupId') from entries f
                           where f.kind = 'project.validated' and f.payload->>'projectId' = c.payload->>'projectId' order by f.seq desc limit 1), '{}'::jsonb)
             || coalesce((select jsonb_build_object('leadNomineeId', case f.kind when 'project.lead_named' then f.payload->'personId' else 'null'::jsonb end) from entries f
                           where f.kind in ('project.lead_named', 'project.lead_refused') and f.payload->>'projectId' = c.payload->>'projectId' order by f.seq desc limit 1), '{}'::jsonb)
             || coalesce((select jsonb_build_object('evaluationDueOn', f.payload->'evaluationDueOn') from entries f
                           where f.kind in ('project.lead_started', 'project.evaluation_decided') and f.payload->>'projectId' = c.payload->>'projectId' order by f.seq desc limit 1), '{}'::jsonb) as value
        from entries c
        join lateral (select payload from entries s where s.payload->>'projectId' = c.payload->>'projectId' and s.payload ? 'stage' and s.kind like 'project.%' order by s.seq desc limit 1) st on true
       where c.kind = 'project.created'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('stage', stage, 'titleHash', ${hashOf(sql`title`)}, 'needsHash', ${hashOf(sql`needs`)}, 'analysisHash', ${hashOf(sql`analysis`)},
               'recommendationsHash', ${hashOf(sql`recommendations`)}, 'vigilanceHash', ${hashOf(sql`vigilance`)}, 'refusalReasonHash', ${hashOf(sql`refusal_reason`)},
               'workingGroupId', working_group_id, 'leadNomineeId', lead_nominee_id, 'evaluationDueOn', evaluation_due_on) as value
        from project where partnership_id = ${p}`,
  },
  {
    // The steps a project has taken, as one list per project: a refused nomination takes its step back.
    table: 'project_step',
    kinds: [...PROJECT_KINDS],
    journaled: sql`
      select c.payload->>'projectId' as key, false as may_be_absent,
             jsonb_build_object('steps', (select string_agg(step, ',' order by step) from (
               select 'idea' as step
               union all select 'formalized' where exists (select 1 from entries f where f.kind = 'project.formalized' and f.payload->>'projectId' = c.payload->>'projectId')
               union all select 'presented' where exists (select 1 from entries f where f.kind = 'project.presented' and f.payload->>'projectId' = c.payload->>'projectId')
               union all select unnest(array['validated', 'working_group']) where exists (select 1 from entries f where f.kind = 'project.validated' and f.payload->>'projectId' = c.payload->>'projectId')
               union all select 'carriers_told' where exists (select 1 from entries f where f.kind = 'project.carriers_told' and f.payload->>'projectId' = c.payload->>'projectId')
               union all select 'referents' where exists (select 1 from entries f where f.kind = 'project.referent_named' and f.payload->>'projectId' = c.payload->>'projectId' and f.payload->'complete' = 'true'::jsonb)
               union all select 'lead_named' where (select f.kind from entries f where f.kind in ('project.lead_named', 'project.lead_refused') and f.payload->>'projectId' = c.payload->>'projectId' order by f.seq desc limit 1) = 'project.lead_named'
               union all select 'lead_confirmed' where exists (select 1 from entries f where f.kind = 'project.lead_confirmed' and f.payload->>'projectId' = c.payload->>'projectId')
             ) steps)) as value
        from entries c where c.kind = 'project.created'`,
    stored: (p) => sql`
      select s.project_id::text as key, s.project_id::text as row_id, jsonb_build_object('steps', string_agg(s.step, ',' order by s.step)) as value
        from project_step s join project j on j.id = s.project_id where j.partnership_id = ${p} group by s.project_id`,
  },
  {
    // An approval counts for the nominee it names until a new nomination or a refusal clears them all.
    table: 'project_lead_approval',
    kinds: ['project.lead_approved', 'project.lead_named', 'project.lead_refused'],
    journaled: sql`
      select concat_ws('/', a.payload->>'projectId', a.payload->>'personId', a.payload->>'nomineeId') as key, false as may_be_absent, '{}'::jsonb as value
        from entries a
       where a.kind = 'project.lead_approved'
         and not exists (select 1 from entries x where x.kind in ('project.lead_named', 'project.lead_refused') and x.payload->>'projectId' = a.payload->>'projectId' and x.seq > a.seq)`,
    stored: (p) => sql`
      select concat_ws('/', a.project_id, a.person_id, a.nominee_id) as key, concat_ws('/', a.project_id, a.person_id, a.nominee_id) as row_id, '{}'::jsonb as value
        from project_lead_approval a join project j on j.id = a.project_id where j.partnership_id = ${p}`,
  },
  {
    // An evaluation as its working group reported it, and the outcome its decision gave.
    table: 'project_evaluation',
    kinds: ['project.evaluation_reported', 'project.evaluation_decided'],
    journaled: sql`
      select r.payload->>'evaluationId' as key, false as may_be_absent,
             jsonb_build_object('proposalId', r.payload->'proposalId', 'periodEndsOn', r.payload->'periodEndsOn', 'proposedOutcome', r.payload->'proposedOutcome',
               'analysisHash', r.payload->'analysisHash', 'emergingNeedsHash', r.payload->'emergingNeedsHash', 'outcome', coalesce(d.payload->'outcome', 'null'::jsonb)) as value
        from entries r left join (${latest(['project.evaluation_decided'], 'evaluationId')}) d on d.key = r.payload->>'evaluationId'
       where r.kind = 'project.evaluation_reported'`,
    stored: (p) => sql`
      select e.id::text as key, e.id::text as row_id,
             jsonb_build_object('proposalId', e.proposal_id, 'periodEndsOn', e.period_ends_on, 'proposedOutcome', e.proposed_outcome,
               'analysisHash', ${hashOf(sql`e.analysis`)}, 'emergingNeedsHash', ${hashOf(sql`e.emerging_needs`)}, 'outcome', e.outcome) as value
        from project_evaluation e join project j on j.id = e.project_id where j.partnership_id = ${p}`,
  },
  {
    // A pooled mean: who lends it, what it is, its words by their hash, and whether it was withdrawn.
    table: 'pooled_mean',
    kinds: ['pooledMean.listed', 'pooledMean.withdrawn'],
    journaled: sql`
      select l.payload->>'meanId' as key, false as may_be_absent,
             jsonb_build_object('organizationId', l.payload->'organizationId', 'kind', l.payload->'kind', 'labelHash', l.payload->'labelHash', 'conditionsHash', l.payload->'conditionsHash',
               'withdrawn', exists (select 1 from entries w where w.kind = 'pooledMean.withdrawn' and w.payload->>'meanId' = l.payload->>'meanId')) as value
        from entries l where l.kind = 'pooledMean.listed'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('organizationId', organization_id, 'kind', kind, 'labelHash', ${hashOf(sql`label`)}, 'conditionsHash', ${hashOf(sql`conditions`)}, 'withdrawn', withdrawn_at is not null) as value
        from pooled_mean where partnership_id = ${p}`,
  },
  {
    // A booking: its mean, project and span (instants compared as timestamps), its purpose by hash, and its status (the latest decline or cancel, else informed).
    table: 'pooled_mean_booking',
    kinds: ['pooledMean.booked', 'pooledMean.declined', 'pooledMean.cancelled'],
    journaled: sql`
      select b.payload->>'bookingId' as key, false as may_be_absent,
             jsonb_build_object('meanId', b.payload->'meanId', 'projectId', b.payload->'projectId',
               'startsAt', to_jsonb((b.payload->>'startsAt')::timestamptz), 'endsAt', to_jsonb((b.payload->>'endsAt')::timestamptz), 'purposeHash', b.payload->'purposeHash',
               'status', coalesce(case d.kind when 'pooledMean.declined' then 'declined' when 'pooledMean.cancelled' then 'cancelled' end, 'informed'))
             || case when d.kind = 'pooledMean.declined' then jsonb_build_object('declineReasonHash', d.payload->'reasonHash') else '{}'::jsonb end as value
        from entries b
        left join lateral (select f.kind, f.payload from entries f where f.kind in ('pooledMean.declined', 'pooledMean.cancelled') and f.payload->>'bookingId' = b.payload->>'bookingId' order by f.seq desc limit 1) d on true
       where b.kind = 'pooledMean.booked'`,
    stored: (p) => sql`
      select b.id::text as key, b.id::text as row_id,
             jsonb_build_object('meanId', b.mean_id, 'projectId', b.project_id, 'startsAt', to_jsonb(b.starts_at), 'endsAt', to_jsonb(b.ends_at),
               'purposeHash', ${hashOf(sql`b.purpose`)}, 'status', b.status, 'declineReasonHash', ${hashOf(sql`b.decline_reason`)}) as value
        from pooled_mean_booking b join pooled_mean m on m.id = b.mean_id where m.partnership_id = ${p}`,
  },
  {
    // A budget belongs to the project, or the project charter, that its first entry names.
    table: 'budget',
    kinds: ['budget.created'],
    journaled: sql`
      select payload->>'budgetId' as key, false as may_be_absent,
             jsonb_build_object('projectId', coalesce(payload->'projectId', 'null'::jsonb), 'charterId', coalesce(payload->'charterId', 'null'::jsonb)) as value
        from entries where kind = 'budget.created'`,
    stored: (p) => sql`select id::text as key, id::text as row_id, jsonb_build_object('projectId', project_id, 'charterId', charter_id) as value from budget where partnership_id = ${p}`,
  },
  {
    // A version's status is its latest entry's; a validation also supersedes the version validated before. Its day of validation is its validation's.
    table: 'budget_version',
    kinds: BUDGET_VERSION_KINDS,
    journaled: sql`
      select distinct on (v.key) v.key, false as may_be_absent, jsonb_build_object('status', v.status, 'validatedOn', coalesce(w.payload->'validatedOn', 'null'::jsonb)) as value from (
        select payload->>'versionId' as key, seq,
               case kind when 'budget.version_proposed' then 'proposed' when 'budget.version_validated' then 'validated' else 'draft' end as status
          from entries where kind in (${sql.join(BUDGET_VERSION_KINDS)})
        union all
        select payload->>'supersededVersionId', seq, 'superseded' from entries where kind = 'budget.version_validated' and payload->>'supersededVersionId' is not null
      ) v left join (${latest(['budget.version_validated'], 'versionId')}) w on w.key = v.key
      order by v.key, v.seq desc`,
    stored: (p) => sql`
      select v.id::text as key, v.id::text as row_id, jsonb_build_object('status', v.status, 'validatedOn', v.validated_on) as value
        from budget_version v join budget b on b.id = v.budget_id where b.partnership_id = ${p}`,
  },
  {
    // A forecast line as last written (or copied into a revision), its label by fingerprint; a line removed is gone.
    table: 'budget_line',
    kinds: ['budget.line_set', 'budget.line_removed', 'budget.version_drafted'],
    journaled: sql`
      select distinct on (key) key, removed as may_be_absent, value from (
        select payload->>'versionId' || '/' || (payload->>'lineKey') as key, seq, kind = 'budget.line_removed' as removed,
               case when kind = 'budget.line_removed' then jsonb_build_object('removed', true) else ${lineValue(sql`payload`)} end as value
          from entries where kind in ('budget.line_set', 'budget.line_removed')
        union all
        select payload->>'versionId' || '/' || (l->>'lineKey'), seq, false, ${lineValue(sql`l`)}
          from entries cross join jsonb_array_elements(payload->'lines') l where kind = 'budget.version_drafted'
      ) lines order by key, seq desc`,
    stored: (p) => sql`
      select l.version_id || '/' || l.line_key as key, l.id::text as row_id,
             jsonb_build_object('position', l.position, 'kind', l.kind, 'category', l.category, 'internal', l.internal, 'organizationId', l.organization_id,
               'amountCents', l.amount_cents, 'labelHash', ${hashOf(sql`l.label`)}) as value
        from budget_line l join budget_version v on v.id = l.version_id join budget b on b.id = v.budget_id where b.partnership_id = ${p}`,
  },
  {
    // A grant's status: as its line was written, or as it was set since on the versions it names.
    table: 'budget_line grant',
    kinds: ['budget.line_set', 'budget.version_drafted', 'budget.grant_status_set'],
    journaled: sql`
      select distinct on (key) key, true as may_be_absent, jsonb_build_object('grantStatus', status) as value from (
        select payload->>'versionId' || '/' || (payload->>'lineKey') as key, seq, payload->'grantStatus' as status from entries where kind = 'budget.line_set'
        union all
        select payload->>'versionId' || '/' || (l->>'lineKey'), seq, l->'grantStatus' from entries cross join jsonb_array_elements(payload->'lines') l where kind = 'budget.version_drafted'
        union all
        select v #>> '{}' || '/' || (payload->>'lineKey'), seq, payload->'grantStatus' from entries cross join jsonb_array_elements(payload->'versionIds') v where kind = 'budget.grant_status_set'
      ) grants order by key, seq desc`,
    stored: (p) => sql`
      select l.version_id || '/' || l.line_key as key, l.id::text as row_id, jsonb_build_object('grantStatus', l.grant_status) as value
        from budget_line l join budget_version v on v.id = l.version_id join budget b on b.id = v.budget_id where b.partnership_id = ${p}`,
  },
  {
    // An actual entry, written once: its figures and payer, its free text by fingerprint, its proof by id; a reversal names the entry it corrects.
    table: 'budget_entry',
    kinds: ['budget.entry_recorded', 'budget.entry_reversed'],
    journaled: sql`
      select payload->>'entryId' as key, false as may_be_absent,
             jsonb_build_object('budgetId', payload->'budgetId', 'lineKey', payload->'lineKey', 'occurredOn', payload->'occurredOn', 'amountCents', payload->'amountCents',
               'organizationId', payload->'organizationId', 'personId', payload->'personId', 'reverses', coalesce(payload->'reversesId', 'null'::jsonb))
             -- Reversals journaled before they carried the counterparty's fingerprint prove nothing of their free text.
             || case when payload ? 'counterpartyHash'
                  then jsonb_build_object('counterpartyHash', payload->'counterpartyHash', 'noteHash', payload->'noteHash', 'attachmentId', payload->'attachmentId')
                  else '{}'::jsonb end as value
        from entries where kind in ('budget.entry_recorded', 'budget.entry_reversed')`,
    stored: (p) => sql`
      select e.id::text as key, e.id::text as row_id,
             jsonb_build_object('budgetId', e.budget_id, 'lineKey', e.line_key, 'occurredOn', e.occurred_on, 'amountCents', e.amount_cents,
               'organizationId', e.organization_id, 'personId', e.person_id, 'reverses', e.reverses,
               'counterpartyHash', ${hashOf(sql`e.counterparty`)}, 'noteHash', ${hashOf(sql`e.note`)}, 'attachmentId', e.attachment_id) as value
        from budget_entry e join budget b on b.id = e.budget_id where b.partnership_id = ${p}`,
  },
  {
    // A payment to a split post, or its reversal: written once, every field journaled.
    table: 'split_payment',
    kinds: ['splitPayment.recorded', 'splitPayment.reversed'],
    journaled: sql`
      select payload->>'paymentId' as key, false as may_be_absent,
             jsonb_build_object('budgetId', payload->'budgetId', 'postId', payload->'postId', 'paidOn', payload->'paidOn', 'amountCents', payload->'amountCents',
               'personId', payload->'personId', 'organizationId', payload->'organizationId', 'reverses', payload->'reverses') as value
        from entries where kind in ('splitPayment.recorded', 'splitPayment.reversed')`,
    stored: (p) => sql`
      select s.id::text as key, s.id::text as row_id,
             jsonb_build_object('budgetId', s.budget_id, 'postId', s.post_id, 'paidOn', s.paid_on, 'amountCents', s.amount_cents,
               'personId', s.person_id, 'organizationId', s.organization_id, 'reverses', s.reverses) as value
        from split_payment s join budget b on b.id = s.budget_id where b.partnership_id = ${p}`,
  },
  {
    // A statement's status is its latest entry's; its figures, those it was last written with (drafted, saved or proposed).
    table: 'settlement',
    kinds: SETTLEMENT_KINDS,
    journaled: sql`
      select s.key, false as may_be_absent,
             jsonb_build_object('budgetId', s.payload->'budgetId', 'status', s.payload->'status', 'reason', f.payload->'reason',
               'receivedCents', f.payload->'receivedCents', 'spentCents', f.payload->'spentCents', 'approvedOn', coalesce(s.payload->'approvedOn', 'null'::jsonb)) as value
        from (${latest(SETTLEMENT_KINDS, 'settlementId')}) s join (${latest(SETTLEMENT_FIGURE_KINDS, 'settlementId')}) f on f.key = s.key`,
    stored: (p) => sql`
      select s.id::text as key, s.id::text as row_id,
             jsonb_build_object('budgetId', s.budget_id, 'status', s.status, 'reason', s.reason, 'receivedCents', s.received_cents, 'spentCents', s.spent_cents, 'approvedOn', s.approved_on) as value
        from settlement s join budget b on b.id = s.budget_id where b.partnership_id = ${p}`,
  },
  {
    table: 'settlement_line',
    kinds: SETTLEMENT_FIGURE_KINDS,
    journaled: sql`
      select f.key || '/' || (l->>'postId') as key, false as may_be_absent,
             jsonb_build_object('plannedCents', l->'plannedCents', 'owedCents', l->'owedCents', 'paidCents', l->'paidCents',
               'deliveredCents', l->'deliveredCents', 'refundCents', l->'refundCents', 'dueCents', l->'dueCents') as value
        from (${latest(SETTLEMENT_FIGURE_KINDS, 'settlementId')}) f cross join jsonb_array_elements(f.payload->'lines') l`,
    stored: (p) => sql`
      select l.settlement_id || '/' || l.post_id as key, l.settlement_id || '/' || l.post_id as row_id,
             jsonb_build_object('plannedCents', l.planned_cents, 'owedCents', l.owed_cents, 'paidCents', l.paid_cents,
               'deliveredCents', l.delivered_cents, 'refundCents', l.refund_cents, 'dueCents', l.due_cents) as value
        from settlement_line l join settlement s on s.id = l.settlement_id join budget b on b.id = s.budget_id where b.partnership_id = ${p}`,
  },
  {
    // When a budget was last reported to its steering committee: its latest report's instant (reports journaled before they carried it prove only that one was made).
    table: 'budget reported',
    kinds: ['budget.reported'],
    journaled: sql`
      select key, false as may_be_absent,
             case when payload ? 'reportedAt' then jsonb_build_object('reportedAt', to_jsonb((payload->>'reportedAt')::timestamptz)) else '{}'::jsonb end as value
        from (${latest(['budget.reported'], 'budgetId')}) r`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id, jsonb_build_object('reportedAt', to_jsonb(reported_at)) as value
        from budget where partnership_id = ${p} and reported_at is not null`,
  },
  {
    // A budget is closed only by the approval of its settlement.
    table: 'budget',
    kinds: ['settlement.approved'],
    journaled: sql`select payload->>'budgetId' as key, false as may_be_absent, jsonb_build_object('status', 'closed') as value from entries where kind = 'settlement.approved'`,
    stored: (p) => sql`select id::text as key, id::text as row_id, jsonb_build_object('status', status) as value from budget where partnership_id = ${p} and status = 'closed'`,
  },
  {
    // An organization's annual budget for a fund year, as last declared.
    table: 'fund_declaration',
    kinds: ['fund.budgetDeclared'],
    journaled: sql`
      select d.key, false as may_be_absent, jsonb_build_object('budgetCents', d.payload->'budgetCents') as value
        from (select distinct on (1) concat_ws('/', payload->>'organizationId', payload->>'year') as key, payload from entries
               where kind = 'fund.budgetDeclared' order by 1, seq desc) d`,
    stored: (p) => sql`
      select concat_ws('/', organization_id, year) as key, concat_ws('/', organization_id, year) as row_id, jsonb_build_object('budgetCents', budget_cents) as value
        from fund_declaration where partnership_id = ${p}`,
  },
  {
    // A year's call to an organization: its amount, the budget it was computed from, its due day.
    table: 'fund_call',
    kinds: ['fund.callIssued'],
    journaled: sql`
      select payload->>'callId' as key, false as may_be_absent,
             jsonb_build_object('organizationId', payload->'organizationId', 'year', payload->'year', 'amountCents', payload->'amountCents',
               'declaredBudgetCents', payload->'declaredBudgetCents', 'dueOn', payload->'dueOn') as value
        from entries where kind = 'fund.callIssued'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('organizationId', organization_id, 'year', year, 'amountCents', amount_cents, 'declaredBudgetCents', declared_budget_cents, 'dueOn', due_on) as value
        from fund_call where partnership_id = ${p}`,
  },
  {
    // The fund's ledger: payments, their reversals and the spendings decisions adopted.
    table: 'fund_ledger',
    kinds: ['fund.paymentRecorded', 'fund.paymentReversed', 'fund.spent'],
    journaled: sql`
      select payload->>'entryId' as key, false as may_be_absent,
             jsonb_build_object('kind', case kind when 'fund.spent' then 'spending' else 'payment' end, 'year', payload->'year', 'amountCents', payload->'amountCents',
               'occurredOn', payload->'occurredOn', 'organizationId', coalesce(payload->'organizationId', 'null'::jsonb), 'callId', coalesce(payload->'callId', 'null'::jsonb),
               'proposalId', coalesce(payload->'proposalId', 'null'::jsonb), 'reverses', coalesce(payload->'reverses', 'null'::jsonb)) as value
        from entries where kind in ('fund.paymentRecorded', 'fund.paymentReversed', 'fund.spent')`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('kind', kind, 'year', year, 'amountCents', amount_cents, 'occurredOn', occurred_on, 'organizationId', organization_id,
               'callId', call_id, 'proposalId', proposal_id, 'reverses', reverses) as value
        from fund_ledger where partnership_id = ${p}`,
  },
  {
    // The amount a spending proposal would take from the fund, which its adoption writes to the ledger.
    table: 'proposal (fund spending)',
    kinds: ['fund.spendingProposed'],
    journaled: sql`select payload->>'proposalId' as key, false as may_be_absent, jsonb_build_object('fundSpendingCents', payload->'amountCents') as value from entries where kind = 'fund.spendingProposed'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id, jsonb_build_object('fundSpendingCents', fund_spending_cents) as value
        from proposal where partnership_id = ${p} and fund_spending_cents is not null`,
  },
  {
    // A charter's deliverable (deliverables/acts.ts): as added, then its latest change, owner and status; its words and published address by fingerprint.
    table: 'deliverable',
    kinds: ['deliverable.added', 'deliverable.changed', 'deliverable.assigned', 'deliverable.status'],
    journaled: sql`
      select a.payload->>'deliverableId' as key, false as may_be_absent,
             jsonb_build_object('charterId', a.payload->'charterId', 'licenceOutput', a.payload->'licenceOutput',
               'titleHash', coalesce(c.payload->'titleHash', a.payload->'titleHash'), 'descriptionHash', coalesce(c.payload->'descriptionHash', a.payload->'descriptionHash'),
               'dueOn', coalesce(c.payload->'dueOn', a.payload->'dueOn'), 'ownerId', coalesce(o.payload->'ownerId', a.payload->'ownerId'),
               'status', coalesce(st.payload->'status', a.payload->'status'),
               'publishedUrlHash', coalesce(case when st.payload->>'status' = 'published' then st.payload->'publishedUrlHash' end, 'null'::jsonb)) as value
        from entries a
        left join (${latest(['deliverable.changed'], 'deliverableId')}) c on c.key = a.payload->>'deliverableId'
        left join (${latest(['deliverable.assigned'], 'deliverableId')}) o on o.key = a.payload->>'deliverableId'
        left join (${latest(['deliverable.status'], 'deliverableId')}) st on st.key = a.payload->>'deliverableId'
       where a.kind = 'deliverable.added'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('charterId', charter_id, 'licenceOutput', licence_output, 'titleHash', ${hashOf(sql`title`)}, 'descriptionHash', ${hashOf(sql`description`)},
               'dueOn', due_on, 'ownerId', owner_id, 'status', status, 'publishedUrlHash', ${hashOf(sql`published_url`)}) as value
        from deliverable where partnership_id = ${p}`,
  },
  {
    // A tension (tensions/acts.ts): its body and raiser, the agenda item it sits on, what the
    // meeting made of it (status, proposal, task owner, due day, done) and the fingerprint of its
    // words, unless its raiser was erased (the erasure empties them).
    table: 'tension',
    kinds: ['tension.raised', 'tension.placed', 'tension.proposed', 'tension.tasked', 'tension.taskDone', 'tension.closed', 'person.erased'],
    journaled: sql`
      select r.payload->>'tensionId' as key, false as may_be_absent,
             jsonb_build_object('bodyId', r.payload->'bodyId', 'raisedBy', r.payload->'raisedBy', 'agendaItemId', coalesce(p.payload->'itemId', 'null'::jsonb),
               'status', case s.kind when 'tension.proposed' then '"proposal"'::jsonb when 'tension.tasked' then '"task"'::jsonb when 'tension.closed' then '"closed"'::jsonb else '"open"'::jsonb end,
               'proposalId', coalesce(s.payload->'proposalId', 'null'::jsonb),
               'taskOwnerId', case when s.kind = 'tension.tasked' then s.payload->'ownerId' else 'null'::jsonb end,
               'taskDueOn', case when s.kind = 'tension.tasked' then s.payload->'dueOn' else 'null'::jsonb end,
               'taskDone', to_jsonb(d.key is not null), 'settledInMeetingId', coalesce(s.payload->'meetingId', 'null'::jsonb))
               || case when ${erased(sql`r.payload->>'raisedBy'`)} then '{}'::jsonb else jsonb_build_object('textHash', r.payload->'textHash') end as value
        from entries r
        left join (${latest(['tension.placed'], 'tensionId')}) p on p.key = r.payload->>'tensionId'
        left join (select distinct on (1) payload->>'tensionId' as key, kind, payload from entries
                    where kind in ('tension.proposed', 'tension.tasked', 'tension.closed') order by 1, seq desc) s on s.key = r.payload->>'tensionId'
        left join (${latest(['tension.taskDone'], 'tensionId')}) d on d.key = r.payload->>'tensionId'
       where r.kind = 'tension.raised'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('bodyId', body_id, 'raisedBy', raised_by, 'agendaItemId', agenda_item_id, 'status', status, 'proposalId', proposal_id,
               'taskOwnerId', task_owner_id, 'taskDueOn', task_due_on, 'taskDone', task_done_at is not null, 'settledInMeetingId', settled_in_meeting_id,
               'textHash', ${hashOf(sql`text`)}) as value
        from tension where partnership_id = ${p}`,
  },
  {
    // An entry of a space's map (cooperation-map/acts.ts): its kind, status, cooperation, who
    // offers it, the parties a cooperation joins, its author and the fingerprints of its words, as
    // its latest entry wrote them; a removed entry is gone.
    table: 'map_entry',
    kinds: ['map.entryAdded', 'map.entryChanged', 'map.entryRemoved'],
    journaled: sql`
      select a.payload->>'entryId' as key, false as may_be_absent,
             jsonb_build_object('accompanimentId', a.payload->'accompanimentId', 'createdBy', a.payload->'createdBy', 'kind', l.payload->'kind', 'status', l.payload->'status',
               'cooperationId', l.payload->'cooperationId', 'personId', l.payload->'personId', 'organizationId', l.payload->'organizationId', 'parties', l.payload->'parties',
               'titleHash', l.payload->'titleHash', 'descriptionHash', l.payload->'descriptionHash') as value
        from entries a join (${latest(['map.entryAdded', 'map.entryChanged'], 'entryId')}) l on l.key = a.payload->>'entryId'
       where a.kind = 'map.entryAdded'
         and not exists (select 1 from entries r where r.kind = 'map.entryRemoved' and r.payload->>'entryId' = a.payload->>'entryId')`,
    stored: (p) => sql`
      select e.id::text as key, e.id::text as row_id,
             jsonb_build_object('accompanimentId', e.accompaniment_id, 'createdBy', e.created_by, 'kind', e.kind, 'status', e.status, 'cooperationId', e.cooperation_id,
               'personId', e.person_id, 'organizationId', e.organization_id,
               'parties', (select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('organizationId', cp.organization_id, 'personId', cp.person_id)) order by cp.position), '[]'::jsonb)
                             from map_cooperation_party cp where cp.entry_id = e.id),
               'titleHash', ${hashOf(sql`e.title`)}, 'descriptionHash', ${hashOf(sql`e.description`)}) as value
        from map_entry e where e.partnership_id = ${p}`,
  },
  {
    // An item of a space's harvest (harvest/acts.ts): its kind, day or project stage, the
    // fingerprint of its words, and its publication (asked under a title, answered, published).
    // Erasing its author takes their name off it (author_id null) and a publication they had not
    // answered back to private; the words stay.
    table: 'harvest_item',
    kinds: ['harvest.added', 'harvest.publicationAsked', 'harvest.publicationAnswered', 'harvest.published', 'person.erased'],
    journaled: sql`
      select a.payload->>'itemId' as key, false as may_be_absent,
             jsonb_build_object('accompanimentId', a.payload->'accompanimentId', 'kind', a.payload->'kind', 'dayId', a.payload->'dayId', 'projectId', a.payload->'projectId',
               'projectStage', a.payload->'projectStage', 'textHash', a.payload->'textHash',
               'authorId', case when ${erased(sql`a.payload->>'authorId'`)} then 'null'::jsonb else a.payload->'authorId' end,
               'publication', case when exists (select 1 from entries p where p.kind = 'harvest.published' and p.payload->>'itemId' = a.payload->>'itemId') then '"published"'::jsonb
                                   when m.kind = 'harvest.publicationAsked' and not ${erased(sql`a.payload->>'authorId'`)} then '"asked"'::jsonb
                                   else '"private"'::jsonb end,
               'publicationTitleHash', coalesce(q.payload->'titleHash', 'null'::jsonb)) as value
        from entries a
        left join (select distinct on (1) payload->>'itemId' as key, kind from entries
                    where kind in ('harvest.publicationAsked', 'harvest.publicationAnswered') order by 1, seq desc) m on m.key = a.payload->>'itemId'
        left join (${latest(['harvest.publicationAsked'], 'itemId')}) q on q.key = a.payload->>'itemId'
       where a.kind = 'harvest.added'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('accompanimentId', accompaniment_id, 'kind', kind, 'dayId', day_id, 'projectId', project_id, 'projectStage', project_stage,
               'textHash', ${hashOf(sql`text`)}, 'authorId', author_id, 'publication', publication, 'publicationTitleHash', ${hashOf(sql`publication_title`)}) as value
        from harvest_item where partnership_id = ${p}`,
  },
  {
    // A dispute's exit plan: each task's owner, day, statement and whether it is done. Disputes are
    // left out of backups, so a restored journal names tasks that are not there: rows are proven
    // against entries, never entries against rows.
    table: 'dispute_task',
    kinds: ['dispute.exitPlanned', 'dispute.taskAssigned', 'dispute.taskLinked', 'dispute.taskDone'],
    journaled: sql`
      select t.key, true as may_be_absent,
             jsonb_build_object('ownerId', coalesce(a.payload->'ownerId', 'null'::jsonb), 'dueOn', coalesce(a.payload->'dueOn', 'null'::jsonb),
               'settlementId', coalesce(l.payload->'settlementId', 'null'::jsonb),
               'status', case when exists (select 1 from entries d where d.kind = 'dispute.taskDone' and d.payload->>'taskId' = t.key) then 'done' else 'open' end) as value
        from (select jsonb_array_elements_text(payload->'taskIds') as key from entries where kind = 'dispute.exitPlanned') t
        left join (${latest(['dispute.taskAssigned'], 'taskId')}) a on a.key = t.key
        left join (${latest(['dispute.taskLinked'], 'taskId')}) l on l.key = t.key`,
    stored: (p) => sql`
      select t.id::text as key, t.id::text as row_id,
             jsonb_build_object('ownerId', t.owner_id, 'dueOn', t.due_on, 'settlementId', t.settlement_id, 'status', t.status) as value
        from dispute_task t join dispute d on d.id = t.dispute_id where d.partnership_id = ${p}`,
  },
  {
    // A dispute's parties as its opening named them, its mediator as named, and whether its crisis
    // meeting ended on an agreement that closed it. Disputes are left out of backups: rows are
    // proven against entries, never entries against rows.
    table: 'dispute (parties, mediator, agreement)',
    kinds: ['dispute.opened', 'dispute.mediatorNamed', 'dispute.agreed'],
    journaled: sql`
      select o.payload->>'disputeId' as key, true as may_be_absent,
             jsonb_build_object('partyIds', (select jsonb_agg(x order by x) from jsonb_array_elements_text(o.payload->'partyIds') x),
               'mediatorId', coalesce(m.payload->'mediatorId', 'null'::jsonb),
               'agreed', exists (select 1 from entries a where a.kind = 'dispute.agreed' and a.payload->>'disputeId' = o.payload->>'disputeId')) as value
        from entries o
        left join (${latest(['dispute.mediatorNamed'], 'disputeId')}) m on m.key = o.payload->>'disputeId'
       where o.kind = 'dispute.opened'`,
    stored: (p) => sql`
      select d.id::text as key, d.id::text as row_id,
             jsonb_build_object('partyIds', (select jsonb_agg(dp.person_id::text order by dp.person_id::text) from dispute_party dp where dp.dispute_id = d.id),
               'mediatorId', d.mediator_id, 'agreed', coalesce(d.closed_how = 'agreement', false)) as value
        from dispute d where d.partnership_id = ${p}`,
  },
  {
    // A dispute's write-up as its last save wrote it, whether every party's yes published it, and its closure after the exit plan.
    table: 'dispute (write-up)',
    kinds: ['dispute.writeUpSaved', 'dispute.writeUpPublished', 'dispute.closed'],
    journaled: sql`
      select w.key, true as may_be_absent,
             jsonb_build_object('writeUpHash', w.payload->'textHash',
               'published', exists (select 1 from entries e where e.kind = 'dispute.writeUpPublished' and e.payload->>'disputeId' = w.key),
               'closed', exists (select 1 from entries e where e.kind = 'dispute.closed' and e.payload->>'disputeId' = w.key)) as value
        from (${latest(['dispute.writeUpSaved'], 'disputeId')}) w`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('writeUpHash', ${hashOf(sql`write_up`)}, 'published', write_up_published_at is not null, 'closed', closed_how = 'exit_plan') as value
        from dispute where partnership_id = ${p} and write_up is not null`,
  },
  {
    // A request to join a circle: whom it concerns, who asked, the fingerprint of why, how it ended (circles/acts.ts).
    table: 'circle_join',
    // The motivation's fingerprint, unless the person or whoever asked was erased (the erasure empties it).
    kinds: ['circle.joinAsked', 'circle.joinWithdrawn', 'circle.joined', 'circle.joinDeclined', 'person.erased'],
    journaled: sql`
      select a.payload->>'joinId' as key, false as may_be_absent,
             jsonb_build_object('bodyId', a.payload->'bodyId', 'personId', a.payload->'personId', 'askedBy', a.payload->'askedBy',
               'status', case o.kind when 'circle.joined' then '"accepted"' when 'circle.joinDeclined' then '"declined"' when 'circle.joinWithdrawn' then '"withdrawn"' else '"open"' end::jsonb)
             || case when ${erased(sql`a.payload->>'personId'`)} or ${erased(sql`a.payload->>'askedBy'`)} then '{}'::jsonb else jsonb_build_object('motivationHash', a.payload->'motivationHash') end as value
        from entries a
        left join (select distinct on (payload->>'joinId') payload->>'joinId' as key, kind from entries
                    where kind in ('circle.joinWithdrawn', 'circle.joined', 'circle.joinDeclined') order by payload->>'joinId', seq desc) o on o.key = a.payload->>'joinId'
       where a.kind = 'circle.joinAsked'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id,
             jsonb_build_object('bodyId', body_id, 'personId', person_id, 'askedBy', asked_by, 'status', status)
             || case when exists (select 1 from person e where e.id in (person_id, asked_by) and e.erased_at is not null) then '{}'::jsonb
                     else jsonb_build_object('motivationHash', ${hashOf(sql`motivation`)}) end as value
        from circle_join where partnership_id = ${p}`,
  },
  {
    // The seat a circle's consent gave: the one its entry names, in that circle, for that person.
    table: 'body_member (circle join)',
    kinds: ['circle.joined', 'person.erased'],
    journaled: sql`
      select payload->>'seatId' as key, ${erased(sql`payload->>'personId'`)} as may_be_absent, jsonb_build_object('bodyId', payload->'bodyId', 'personId', payload->'personId') as value
        from entries where kind = 'circle.joined' and payload->>'seatId' is not null`,
    stored: (p) => sql`
      select s.id::text as key, s.id::text as row_id, jsonb_build_object('bodyId', s.body_id, 'personId', s.person_id) as value
        from body_member s join body b on b.id = s.body_id
       where b.partnership_id = ${p} and s.id::text in (select payload->>'seatId' from entries where kind = 'circle.joined')`,
  },
  {
    // An accompaniment (accompaniments/acts.ts): its licence as last set, and whether it was archived.
    table: 'accompaniment',
    kinds: ['accompaniment.created', 'accompaniment.changed', 'accompaniment.archived'],
    journaled: sql`
      select c.payload->>'accompanimentId' as key, false as may_be_absent,
             jsonb_build_object('licence', coalesce(l.payload->'licence', c.payload->'licence'),
               'archived', exists (select 1 from entries a where a.kind = 'accompaniment.archived' and a.payload->>'accompanimentId' = c.payload->>'accompanimentId')) as value
        from entries c
        left join (${latest(['accompaniment.changed'], 'accompanimentId')}) l on l.key = c.payload->>'accompanimentId'
       where c.kind = 'accompaniment.created'`,
    stored: (p) => sql`
      select id::text as key, id::text as row_id, jsonb_build_object('licence', licence, 'archived', archived_at is not null) as value
        from accompaniment where partnership_id = ${p}`,
  },
  {
    // Who is in an accompaniment, and as what: its opener facilitates it, each addition names a role, a removal ends it.
    table: 'accompaniment_member',
    kinds: ['accompaniment.created', 'accompaniment.memberAdded', 'accompaniment.memberRemoved'],
    journaled: sql`
      select key, false as may_be_absent,
             jsonb_build_object('role', case kind when 'accompaniment.created' then '"facilitator"'::jsonb else payload->'role' end) as value
        from (select distinct on (1) (payload->>'accompanimentId') || ':' || coalesce(payload->>'personId', payload->>'facilitatorId') as key, kind, payload
                from entries where kind in ('accompaniment.created', 'accompaniment.memberAdded', 'accompaniment.memberRemoved') order by 1, seq desc) m
       where kind <> 'accompaniment.memberRemoved'`,
    stored: (p) => sql`
      select m.accompaniment_id::text || ':' || m.person_id::text as key, m.accompaniment_id::text || ':' || m.person_id::text as row_id, jsonb_build_object('role', m.role) as value
        from accompaniment_member m join accompaniment a on a.id = m.accompaniment_id where a.partnership_id = ${p}`,
  },
  {
    // A day of an accompaniment (accompaniments/days/acts.ts): its times, the fingerprints of its
    // title, place and programme (days/rules.ts programmeText), whether it was held and who came,
    // the list compared whole (as text, since a jsonb array contains any of its parts).
    table: 'accompaniment_day',
    kinds: ['accompaniment.dayScheduled', 'accompaniment.dayChanged', 'accompaniment.dayHeld'],
    journaled: sql`
      select s.payload->>'dayId' as key, false as may_be_absent,
             jsonb_build_object('startsAt', to_jsonb((l.payload->>'startsAt')::timestamptz), 'endsAt', to_jsonb((l.payload->>'endsAt')::timestamptz),
               'titleHash', l.payload->'titleHash', 'placeHash', l.payload->'placeHash', 'programmeHash', l.payload->'programmeHash',
               'held', h.key is not null, 'presentIds', coalesce(h.payload->'presentIds', '[]'::jsonb)::text) as value
        from entries s
        join (${latest(['accompaniment.dayScheduled', 'accompaniment.dayChanged'], 'dayId')}) l on l.key = s.payload->>'dayId'
        left join (${latest(['accompaniment.dayHeld'], 'dayId')}) h on h.key = s.payload->>'dayId'
       where s.kind = 'accompaniment.dayScheduled'`,
    stored: (p) => sql`
      select d.id::text as key, d.id::text as row_id,
             jsonb_build_object('startsAt', to_jsonb(d.starts_at), 'endsAt', to_jsonb(d.ends_at), 'titleHash', ${hashOf(sql`d.title`)}, 'placeHash', ${hashOf(sql`d.place`)},
               'programmeHash', ${hashOf(sql`coalesce((select string_agg(coalesce(i.minutes::text, '') || E'\t' || i.title, E'\n' order by i.position) from accompaniment_day_item i where i.day_id = d.id), '')`)},
               'held', d.held_at is not null,
               'presentIds', coalesce((select jsonb_agg(dp.person_id::text order by dp.person_id::text collate "C") from accompaniment_day_presence dp where dp.day_id = d.id), '[]'::jsonb)::text) as value
        from accompaniment_day d join accompaniment a on a.id = d.accompaniment_id where a.partnership_id = ${p}`,
  },
  {
    // A resource of an accompaniment (resources/acts.ts): its space and kind, its licence and
    // confidentiality, its author's consent to publication, whether it is published for everyone,
    // and its document's fingerprint (entries older than the consent say nothing of it: false).
    table: 'resource',
    kinds: ['resource.added', 'resource.changed', 'resource.removed', 'resource.published', 'resource.unpublished'],
    journaled: sql`
      select a.payload->>'resourceId' as key, false as may_be_absent,
             jsonb_build_object('accompanimentId', a.payload->'accompanimentId', 'kind', a.payload->'kind',
               'licence', coalesce(c.payload->'licence', a.payload->'licence'), 'confidential', coalesce(c.payload->'confidential', a.payload->'confidential'),
               'publishable', coalesce(c.payload->'publishable', a.payload->'publishable', 'false'::jsonb),
               'published', coalesce(p.kind = 'resource.published', false), 'fileSha256', a.payload->'fileSha256') as value
        from entries a
        left join (${latest(['resource.changed'], 'resourceId')}) c on c.key = a.payload->>'resourceId'
        left join (select distinct on (1) payload->>'resourceId' as key, kind from entries
                    where kind in ('resource.published', 'resource.unpublished') order by 1, seq desc) p on p.key = a.payload->>'resourceId'
       where a.kind = 'resource.added'
         and not exists (select 1 from entries r where r.kind = 'resource.removed' and r.payload->>'resourceId' = a.payload->>'resourceId')`,
    stored: (p) => sql`
      select r.id::text as key, r.id::text as row_id,
             jsonb_build_object('accompanimentId', r.accompaniment_id, 'kind', r.kind, 'licence', r.licence, 'confidential', r.confidential,
               'publishable', r.author_consents, 'published', r.published_at is not null, 'fileSha256', f.sha256) as value
        from resource r left join workspace_file f on f.id = r.file_id where r.partnership_id = ${p}`,
  },
  {
    // A questionnaire of an accompaniment (questionnaires/acts.ts): its space, whether it is
    // anonymous, the fingerprint of its questions, its opening and close, and whether it was sent.
    // Its answers are not proven here: an anonymous one must lead to no one, and its entry names
    // nothing but the questionnaire. Entries written before they carried a date or the questions'
    // fingerprint prove nothing of it: the latest entry that could have set a date, else nothing.
    table: 'questionnaire',
    kinds: ['questionnaire.created', 'questionnaire.changed', 'questionnaire.sent', 'questionnaire.closed'],
    journaled: sql`
      select c.payload->>'questionnaireId' as key, false as may_be_absent,
             jsonb_build_object('accompanimentId', c.payload->'accompanimentId', 'anonymous', l.payload->'anonymous', 'sent', s.key is not null)
             || case when o.payload ? 'opensAt' then jsonb_build_object('opensAt', to_jsonb((o.payload->>'opensAt')::timestamptz)) else '{}'::jsonb end
             || case when e.payload ? 'closesAt' then jsonb_build_object('closesAt', to_jsonb((e.payload->>'closesAt')::timestamptz)) else '{}'::jsonb end
             || case when h.key is not null then jsonb_build_object('questionsHash', h.payload->'questionsHash') else '{}'::jsonb end as value
        from entries c
        join (${latest(['questionnaire.created', 'questionnaire.changed'], 'questionnaireId')}) l on l.key = c.payload->>'questionnaireId'
        join (${latest(['questionnaire.created', 'questionnaire.changed', 'questionnaire.sent'], 'questionnaireId')}) o on o.key = c.payload->>'questionnaireId'
        join (${latest(['questionnaire.created', 'questionnaire.changed', 'questionnaire.sent', 'questionnaire.closed'], 'questionnaireId')}) e on e.key = c.payload->>'questionnaireId'
        left join (${latest(['questionnaire.sent'], 'questionnaireId')}) s on s.key = c.payload->>'questionnaireId'
        left join (select distinct on (1) payload->>'questionnaireId' as key, payload from entries
                    where kind in ('questionnaire.created', 'questionnaire.changed') and payload ? 'questionsHash' order by 1, seq desc) h on h.key = c.payload->>'questionnaireId'
       where c.kind = 'questionnaire.created'`,
    stored: (p) => sql`
      select q.id::text as key, q.id::text as row_id,
             jsonb_build_object('accompanimentId', q.accompaniment_id, 'anonymous', q.anonymous, 'sent', q.sent_at is not null,
               'opensAt', to_jsonb(q.opens_at), 'closesAt', to_jsonb(q.closes_at), 'questionsHash', ${questionsFingerprint(sql`q.id`)}) as value
        from questionnaire q join accompaniment a on a.id = q.accompaniment_id where a.partnership_id = ${p}`,
  },
];

/** A row that does not hold what the journal records of it, or a charter text that no longer gives the hash it keeps. */
export type Disagreement =
  | {
      readonly kind: 'journal';
      readonly table: string;
      /** The row's id (for a row without one of its own, its key: election_id/round/member_id). */
      readonly rowId: string;
      /** What the journal records of the row (only the fields it proves), or null when it does not name it. */
      readonly journaled: Readonly<Record<string, unknown>> | null;
      /** What the row holds, or null when the journal names a row that is not there. */
      readonly stored: Readonly<Record<string, unknown>> | null;
    }
  | { readonly kind: 'content'; readonly table: 'charter_version' | 'charter_signature'; readonly rowId: string; readonly kept: string; readonly hashOfText: string };

/** What differs, in the words a report gives an operator. */
export function describeDisagreement(disagreement: Disagreement): string {
  const { table, rowId } = disagreement;
  if (disagreement.kind === 'content') {
    const whose = table === 'charter_version' ? 'its content' : 'the content of the version it signs';
    return `${table} ${rowId}: keeps the hash ${disagreement.kept}, but ${whose} hashes to ${disagreement.hashOfText}`;
  }
  const { journaled, stored } = disagreement;
  if (journaled === null) return `${table} ${rowId}: no journal entry made this row`;
  if (stored === null) return `${table} ${rowId}: the journal records this row, which is missing`;
  const fields = Object.keys(journaled)
    .filter((field) => JSON.stringify(stored[field] ?? null) !== JSON.stringify(journaled[field] ?? null))
    .map((field) => `${field} is ${JSON.stringify(stored[field] ?? null)}, the journal says ${JSON.stringify(journaled[field] ?? null)}`);
  return `${table} ${rowId}: ${fields.join('; ')}`;
}

/**
 * Every row of the partnership that disagrees with its journal, in one statement over the
 * partnership's chain (read once), then each charter version's content hashed again. The chain
 * must verify first (journal/verify.ts): this trusts the entries and checks the rows. Run it in
 * one snapshot (a transaction), so rows and entries are read as of the same moment.
 */
export async function checkStateAgainstJournal(db: Kysely<Database>, partnershipId: string): Promise<Disagreement[]> {
  const kinds = [...new Set(JOURNALED_FACTS.flatMap((fact) => fact.kinds))];
  const comparisons = JOURNALED_FACTS.map(
    (fact) => sql`
      select 'journal' as kind, ${fact.table}::text as "table", coalesce(s.row_id, j.key) as "rowId", j.value as journaled, s.value as stored
        from (${fact.journaled}) j full join (${fact.stored(partnershipId)}) s on s.key = j.key
       where (s.key is null and not j.may_be_absent) or j.key is null or not (s.value @> j.value)`,
  );
  // Entries an act committed and the sealer has not chained yet are the journal's too: they come after every sealed one.
  const { rows } = await sql<Disagreement>`
    with entries as materialized (
      select seq::bigint as seq, kind, payload from journal_entry where partnership_id = ${partnershipId} and kind in (${sql.join(kinds)})
      union all
      select 2147483648 + id::bigint, kind, payload from journal_pending where partnership_id = ${partnershipId} and kind in (${sql.join(kinds)}))
    select * from (${sql.join(comparisons, sql` union all `)}) disagreements order by 2, 3`.execute(db);
  return [...rows, ...(await charterContentDisagreements(db, partnershipId))];
}

/**
 * A version's content must still hash to the hash it keeps, which its adoption and signatures
 * cover (the facts above tie those to the journal): an article rewritten under its hash is found
 * here. RFC 8785 is computed by the same function that hashed it, not in SQL.
 */
async function charterContentDisagreements(db: Kysely<Database>, partnershipId: string): Promise<Disagreement[]> {
  const versions = await db
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select(['v.id', 'v.title', 'v.articles', 'v.rules', 'v.content_hash'])
    .where('c.partnership_id', '=', partnershipId)
    .orderBy('v.id')
    .execute();
  const signatures = await db
    .selectFrom('charter_signature as s')
    .innerJoin('charter_version as v', 'v.id', 's.version_id')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select(['s.id', 's.version_id', 's.content_hash'])
    .where('c.partnership_id', '=', partnershipId)
    .orderBy('s.id')
    .execute();
  const hashOfVersion = new Map(versions.map((version) => [version.id, charterContentHash({ title: version.title, articles: version.articles, rules: version.rules } as CharterContent)]));
  return [
    ...versions
      .filter((version) => hashOfVersion.get(version.id) !== version.content_hash)
      .map((version): Disagreement => ({ kind: 'content', table: 'charter_version', rowId: version.id, kept: version.content_hash, hashOfText: hashOfVersion.get(version.id)! })),
    ...signatures
      .filter((signature) => hashOfVersion.get(signature.version_id) !== signature.content_hash)
      .map((signature): Disagreement => ({ kind: 'content', table: 'charter_signature', rowId: signature.id, kept: signature.content_hash, hashOfText: hashOfVersion.get(signature.version_id)! })),
  ];
}

/** Every partnership's disagreements, read in one snapshot, so acts committing meanwhile are not mistaken for edits. */
export async function checkStateOfEveryPartnership(db: Kysely<Database>): Promise<{ readonly partnershipId: string; readonly disagreement: Disagreement }[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const partnerships = await trx.selectFrom('partnership').select('id').orderBy('id').execute();
      const found = [];
      for (const { id } of partnerships) {
        for (const disagreement of await checkStateAgainstJournal(trx, id)) found.push({ partnershipId: id, disagreement });
      }
      return found;
    });
}
