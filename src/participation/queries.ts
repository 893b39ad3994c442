import { sql, type Kysely } from 'kysely';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { ACTION_DUE_NOTICE_DAYS } from '../action-plans/rules.js';
import { DELIVERABLE_DUE_NOTICE_DAYS } from '../deliverables/rules.js';
import { orderToDos, OUTSIDER_TO_DO_KINDS, TERM_ENDING_NOTICE_DAYS, toDoPath, type ToDoDeadline, type ToDoKind, type ToDoTarget } from './rules.js';

interface ToDoRow {
  readonly kind: ToDoKind;
  readonly first_id: string;
  readonly second_id: string | null;
  readonly title: string;
  readonly body_name: string | null;
  readonly due_at: Date | null;
  readonly due_on: string | null;
}

function targetOf(row: ToDoRow): ToDoTarget {
  const second = row.second_id!;
  switch (row.kind) {
    case 'stance':
      return { kind: row.kind, proposalId: row.first_id };
    case 'nomination':
    case 'consent':
      return { kind: row.kind, electionId: row.first_id };
    case 'minutes_review':
      return { kind: row.kind, meetingId: row.first_id };
    case 'date_poll':
      return { kind: row.kind, pollId: row.first_id };
    case 'agenda_item':
      return { kind: row.kind, meetingId: row.first_id, itemId: second };
    case 'signature':
      return { kind: row.kind, charterId: row.first_id, versionId: second };
    case 'term_ending':
      return { kind: row.kind, roleId: row.first_id, assignmentId: second };
    case 'seat_ending':
      return { kind: row.kind, bodyId: row.first_id, seatId: second };
    case 'project_referent':
      return { kind: row.kind, projectId: row.first_id, organizationId: second };
    case 'project_tell':
    case 'project_lead':
    case 'project_approval':
    case 'project_evaluation':
    case 'budget_report':
      return { kind: row.kind, projectId: row.first_id };
    case 'action':
      return { kind: row.kind, planId: row.first_id, actionId: second };
    case 'deliverable':
      return { kind: row.kind, charterId: row.first_id, deliverableId: second };
    case 'pooled_mean_booking':
      return { kind: row.kind, bookingId: row.first_id };
    case 'budget_forecast':
      return { kind: row.kind, projectId: row.first_id };
    case 'fund_declaration':
    case 'fund_contribution':
    case 'fund_behind':
      return { kind: row.kind, organizationId: row.first_id };
    case 'dispute_task':
      return { kind: row.kind, disputeId: row.first_id, taskId: second };
    case 'dispute_circle':
    case 'dispute_consent':
    case 'dispute_crisis_meeting':
    case 'dispute_mediator':
    case 'dispute_mediation':
      return { kind: row.kind, disputeId: row.first_id };
    case 'tension_task':
      return { kind: row.kind, tensionId: row.first_id };
    case 'questionnaire':
      return { kind: row.kind, accompanimentId: row.first_id, questionnaireId: second };
    case 'harvest_publication':
      return { kind: row.kind, accompanimentId: row.first_id, itemId: second };
  }
}

function deadlineOf(row: ToDoRow): ToDoDeadline {
  if (row.due_at !== null) return { kind: 'instant', at: row.due_at };
  if (row.due_on !== null) return { kind: 'day', on: row.due_on };
  return null;
}

/**
 * What the charter and the partnership expect of a person now, in one statement whatever the size
 * of the partnership: one branch per kind of thing, each starting from what is still open (the
 * open proposals of their bodies, meetings to come or under review, open polls and elections) or
 * from their own rows (seats, terms), through indexes (migration 026 for the open ones).
 *
 * - a stance in the open round of a proposal their body decides, the round still open, none taken;
 * - their nomination while an election of their body takes nominations, and their answer in its
 *   consent round (changing a nomination is allowed, never awaited, so it is not listed);
 * - the minutes of a meeting they attended, under review, whose current version they have not
 *   answered (the secretary who wrote them does not review them);
 * - an open date poll of their body where they have answered no slot, due at its first slot;
 * - an agenda item they brought to a meeting not yet opened, due when the meeting starts;
 * - an adopted charter version naming them as a signatory they have not signed (a signatory that
 *   names an organization and no person can be signed by no one, so it is no one's to do);
 * - their role term, or their seat, ending within the notice, unless they already hold the next one;
 * - a validated project's carriers to tell (step 5), for the members of the body that validated it
 *   (its working group's parent), until the recommendations are recorded;
 * - a common project's referent, for a participating house they administer, while it has fewer in
 *   its working group than the group asks (the charter's count, kept on the group);
 * - a project's lead to name, once its working group exists, for the members of the body that names
 *   it (the charter's, else the body that validated it); their approval of a nominee the charter
 *   asks them (holders of its role, members of its body) to confirm;
 * - an active project's evaluation due within the notice, for its working group and its lead;
 * - then, for its lead, its budget to report to the body that validated it, unless reported since
 *   the last evaluation (the journal keeps each report: no row does);
 * - an action of the adopted action plan they own, still to do or under way, due within the
 *   notice or overdue (an action without a deadline waits on no day, and is not listed);
 * - a deliverable of a charter they own, planned or under way, due within the notice or overdue
 *   (the same: undated, it is not listed), named with its charter;
 * - a live booking of a mean lent by an organization they administer, or for which they sit in the
 *   directors' body (the charter's lead-naming body, else the first directors' body), until it
 *   starts: they may decline it (pooled-means/directors.ts says the same in TypeScript);
 * - the forecast budget of an active project they lead, while it has no line;
 * - under a common fund that is a percentage of declared budgets, the annual budget of a house they
 *   administer for the current fund year, until declared or called; a call to a house they
 *   administer until paid in full, due on its day; for the keepers of the books (the treasurer
 *   role's holders, else administrators: budgets/keepers.ts), each house behind with its call;
 * - the task a tension became at its body's meeting, for its owner, until they mark it done;
 * - an item of a space's harvest they wrote, whose publication a facilitator asks them, until they answer.
 * - a dispute they are a party to whose crisis meeting is not held yet, due at its crisis_due_at; a
 *   mediation whose mediator is to name, for the members of the body it was asked of (else its
 *   parties); the mediation they lead; each titled by its charter, never by its subject;
 * - an open questionnaire of a live accompaniment they are a member of, until they send their
 *   answers (a participation row, named or anonymous), due at its close, named with its space.
 *
 * Someone from outside (`outsider`) gets only the kinds of the pages opened to them.
 */
export async function toDoOf(db: Kysely<Database>, partnershipId: string, personId: string, now: Date, outsider = false) {
  const today = calendarDay(now);
  const rows = await sql<ToDoRow>`
    with my_bodies as (
      select s.body_id
        from body_member s join body b on b.id = s.body_id
       where s.person_id = ${personId} and b.partnership_id = ${partnershipId}
         and s.starts_on <= ${today}::date and (s.ends_on is null or s.ends_on > ${today}::date)
    ), project_rules as (
      -- The project rules of the partnership charter in force (the one decisions are routed by).
      select v.rules->'projects' as rules
        from charter_version v join charter c on c.id = v.charter_id
       where c.partnership_id = ${partnershipId} and c.kind = 'partnership' and v.status = 'adopted'
       order by c.created_at limit 1
    ), money_rules as (
      select v.rules->'money' as money, v.rules->'money'->'commonFund' as fund
        from charter_version v join charter c on c.id = v.charter_id
       where c.partnership_id = ${partnershipId} and c.kind = 'partnership' and v.status = 'adopted'
       order by c.created_at limit 1
    ), keeper as (
      -- Whether this person keeps the books today, as may.keepAccounts says.
      select exists (select 1 from role_assignment ra, money_rules mr where ra.role_id = (mr.money->>'treasurerRoleId')::uuid and ra.person_id = ${personId}
                       and ra.starts_on <= ${today}::date and (ra.ends_on is null or ra.ends_on > ${today}::date))
          or (not exists (select 1 from role_assignment ra, money_rules mr where ra.role_id = (mr.money->>'treasurerRoleId')::uuid
                            and ra.starts_on <= ${today}::date and (ra.ends_on is null or ra.ends_on > ${today}::date))
              and exists (select 1 from person p where p.id = ${personId} and p.is_partnership_admin)) as yes
    )
    select 'stance' as kind, pr.id as first_id, null::uuid as second_id, pr.wording as title, b.name as body_name,
           pr.round_deadline as due_at, null::text as due_on
      from proposal pr join body b on b.id = pr.body_id
     where pr.partnership_id = ${partnershipId} and pr.status = 'open'
       and (pr.phase = 'round' or (pr.phase = 'advice' and pr.rule->>'method' = 'advice'))
       and (pr.round_deadline is null or pr.round_deadline > ${now})
       and pr.body_id in (select body_id from my_bodies)
       and not exists (select 1 from stance st where st.proposal_id = pr.id and st.body_id = pr.body_id and st.round = pr.round and st.member_id = ${personId})
    union all
    select case e.phase when 'nomination' then 'nomination' else 'consent' end, e.id, null, r.name, b.name, e.deadline, null
      from election e join role r on r.id = e.role_id join body b on b.id = e.body_id
     where e.partnership_id = ${partnershipId} and e.phase in ('nomination', 'consent')
       and (e.deadline is null or e.deadline > ${now})
       and e.body_id in (select body_id from my_bodies)
       and not exists (select 1 from nomination n where e.phase = 'nomination' and n.election_id = e.id and n.member_id = ${personId})
       and not exists (select 1 from election_stance es where e.phase = 'consent' and es.election_id = e.id and es.round = e.round and es.member_id = ${personId})
    union all
    select 'minutes_review', m.id, null, m.title, b.name, m.review_until, null
      from meeting m join body b on b.id = m.body_id
      join attendance a on a.meeting_id = m.id and a.person_id = ${personId} and a.status = 'present'
     where m.partnership_id = ${partnershipId} and m.minutes_published_at is null and m.review_until is not null
       and m.review_until > ${now} and m.secretary_id is distinct from ${personId}
       and not exists (select 1 from minutes_review mr where mr.meeting_id = m.id and mr.person_id = ${personId} and mr.minutes_version = m.minutes_version)
    union all
    select 'date_poll', d.id, null, d.title, b.name, (select min(sl.starts_at) from date_poll_slot sl where sl.poll_id = d.id), null
      from date_poll d join body b on b.id = d.body_id
     where d.partnership_id = ${partnershipId} and d.closed_at is null
       and d.body_id in (select body_id from my_bodies)
       and not exists (select 1 from date_poll_slot sl join date_poll_answer an on an.slot_id = sl.id where sl.poll_id = d.id and an.member_id = ${personId})
    union all
    select 'agenda_item', m.id, i.id, i.title, b.name, m.starts_at, null
      from meeting m join agenda_item i on i.meeting_id = m.id join body b on b.id = m.body_id
     where m.partnership_id = ${partnershipId} and m.starts_at > ${now} and m.opened_at is null and m.ended_at is null
       and i.proposed_by = ${personId}
    union all
    select 'signature', v.charter_id, v.id, v.title, ab.name, null, null
      from charter_version v join charter c on c.id = v.charter_id left join body ab on ab.id = v.adopted_by_body_id
     where c.partnership_id = ${partnershipId} and v.status = 'adopted'
       and exists (
         select 1 from jsonb_array_elements(v.rules->'signatories') sg
          where sg->>'personId' = ${personId}::text
            and not exists (select 1 from charter_signature cs where cs.version_id = v.id and cs.signatory_id::text = sg->>'id' and cs.person_id = ${personId})
       )
    union all
    select 'term_ending', r.id, a.id, r.name, b.name, null, a.ends_on::text
      from role_assignment a join role r on r.id = a.role_id left join body b on b.id = r.body_id
     where a.person_id = ${personId} and r.partnership_id = ${partnershipId}
       and a.ends_on > ${today}::date and a.ends_on <= ${today}::date + ${TERM_ENDING_NOTICE_DAYS}::integer
       and a.starts_on <= ${today}::date
       and not exists (select 1 from role_assignment nx where nx.role_id = a.role_id and nx.person_id = a.person_id and nx.id <> a.id
                         and nx.starts_on <= a.ends_on and (nx.ends_on is null or nx.ends_on > a.ends_on))
    union all
    select 'seat_ending', b.id, s.id, b.name, null, null, s.ends_on::text
      from body_member s join body b on b.id = s.body_id
     where s.person_id = ${personId} and b.partnership_id = ${partnershipId}
       -- A seat that comes with a role ends with its term, which is listed already.
       and s.role_assignment_id is null
       and s.ends_on > ${today}::date and s.ends_on <= ${today}::date + ${TERM_ENDING_NOTICE_DAYS}::integer
       and s.starts_on <= ${today}::date
       and not exists (select 1 from body_member nx where nx.body_id = s.body_id and nx.person_id = s.person_id and nx.id <> s.id
                         and nx.starts_on <= s.ends_on and (nx.ends_on is null or nx.ends_on > s.ends_on))
    union all
    select 'project_tell', pj.id, null, pj.title, vb.name, null, null
      from project pj join body wg on wg.id = pj.working_group_id join body vb on vb.id = wg.parent_body_id
     where pj.partnership_id = ${partnershipId} and pj.stage not in ('closed', 'refused')
       and vb.id in (select body_id from my_bodies)
       and exists (select 1 from project_step ps where ps.project_id = pj.id and ps.step = 'validated')
       and not exists (select 1 from project_step ps where ps.project_id = pj.id and ps.step = 'carriers_told')
    union all
    select 'project_referent', pj.id, po.organization_id, pj.title, o.name, null, null
      from project pj join body wg on wg.id = pj.working_group_id
      join project_organization po on po.project_id = pj.id
      join organization o on o.id = po.organization_id
      join membership ms on ms.organization_id = po.organization_id and ms.person_id = ${personId} and ms.is_organization_admin
     where pj.partnership_id = ${partnershipId} and pj.stage not in ('closed', 'refused') and wg.min_referents_per_organization is not null
       and (select count(*) from body_member rs where rs.body_id = wg.id and rs.organization_id = po.organization_id and rs.capacity = 'referent'
              and rs.starts_on <= ${today}::date and (rs.ends_on is null or rs.ends_on > ${today}::date)) < wg.min_referents_per_organization
    union all
    select 'project_lead', pj.id, null, pj.title, nb.name, null, null
      from project pj join body wg on wg.id = pj.working_group_id
      left join project_rules pr on true
      join body nb on nb.id = coalesce((pr.rules->>'leadNamedBy')::uuid, wg.parent_body_id)
     where pj.partnership_id = ${partnershipId} and pj.stage not in ('closed', 'refused') and pj.lead_nominee_id is null
       and nb.id in (select body_id from my_bodies)
    union all
    select 'project_approval', pj.id, null, pj.title, null, null, null
      from project pj join project_rules pr on true
     where pj.partnership_id = ${partnershipId} and pj.stage not in ('closed', 'refused') and pj.lead_nominee_id is not null
       and exists (select 1 from project_step ps where ps.project_id = pj.id and ps.step = 'lead_named')
       and not exists (select 1 from project_step ps where ps.project_id = pj.id and ps.step = 'lead_confirmed')
       and not exists (select 1 from project_lead_approval pa where pa.project_id = pj.id and pa.person_id = ${personId} and pa.nominee_id = pj.lead_nominee_id)
       and case pr.rules->'leadConfirmedBy'->>'kind'
             when 'body' then (pr.rules->'leadConfirmedBy'->>'bodyId')::uuid in (select body_id from my_bodies)
             when 'role' then exists (select 1 from role_assignment ra where ra.role_id = (pr.rules->'leadConfirmedBy'->>'roleId')::uuid and ra.person_id = ${personId}
                                        and ra.starts_on <= ${today}::date and (ra.ends_on is null or ra.ends_on > ${today}::date))
             else false
           end
    union all
    select 'project_evaluation', pj.id, null, pj.title, wg.name, null, pj.evaluation_due_on::text
      from project pj join body wg on wg.id = pj.working_group_id
     where pj.partnership_id = ${partnershipId} and pj.stage = 'active'
       and pj.evaluation_due_on <= ${today}::date + ${TERM_ENDING_NOTICE_DAYS}::integer
       and (wg.id in (select body_id from my_bodies) or pj.lead_nominee_id = ${personId})
    union all
    select 'budget_report', pj.id, null, pj.title, vb.name, null, pj.evaluation_due_on::text
      from project pj join budget bu on bu.project_id = pj.id
      join body wg on wg.id = pj.working_group_id join body vb on vb.id = wg.parent_body_id
     where pj.partnership_id = ${partnershipId} and pj.stage = 'active' and pj.lead_nominee_id = ${personId}
       and pj.evaluation_due_on <= ${today}::date + ${TERM_ENDING_NOTICE_DAYS}::integer
       and coalesce(bu.reported_at, '-infinity'::timestamptz) <= coalesce((select max(ev.reported_at) from project_evaluation ev where ev.project_id = pj.id), '-infinity'::timestamptz)
    union all
    select 'action', p.id, a.id, a.title, null, null, a.deadline::text
      from action_plan_action a join action_plan_subject sj on sj.id = a.subject_id join action_plan p on p.id = sj.plan_id
     where a.owner_id = ${personId} and a.status in ('todo', 'doing') and p.partnership_id = ${partnershipId} and p.status = 'adopted'
       and a.deadline <= ${today}::date + ${ACTION_DUE_NOTICE_DAYS}::integer
    union all
    select 'deliverable', d.charter_id, d.id, d.title,
           (select v.title from charter_version v where v.charter_id = d.charter_id order by v.status = 'adopted' desc, v.number desc limit 1), null, d.due_on::text
      from deliverable d
     where d.owner_id = ${personId} and d.status in ('planned', 'in_progress') and d.partnership_id = ${partnershipId}
       and d.due_on <= ${today}::date + ${DELIVERABLE_DUE_NOTICE_DAYS}::integer
    union all
    select 'pooled_mean_booking', bk.id, null, mn.label, pj.title, bk.starts_at, null
      from pooled_mean_booking bk join pooled_mean mn on mn.id = bk.mean_id join project pj on pj.id = bk.project_id
     where mn.partnership_id = ${partnershipId} and bk.status = 'informed' and bk.starts_at > ${now}
       and bk.requested_by is distinct from ${personId}
       and (exists (select 1 from membership ms where ms.organization_id = mn.organization_id and ms.person_id = ${personId} and ms.is_organization_admin)
            or exists (select 1 from body_member ds
                        where ds.person_id = ${personId} and ds.organization_id = mn.organization_id
                          and ds.starts_on <= ${today}::date and (ds.ends_on is null or ds.ends_on > ${today}::date)
                          and ds.body_id = (select coalesce((pr.rules->>'leadNamedBy')::uuid,
                                                            (select db.id from body db where db.partnership_id = ${partnershipId} and db.kind = 'directors' order by db.created_at, db.id limit 1))
                                              from (select 1) one left join project_rules pr on true)))
    union all
    select 'budget_forecast', pj.id, null, pj.title, null, null, null
      from project pj
     where pj.partnership_id = ${partnershipId} and pj.stage = 'active' and pj.lead_nominee_id = ${personId}
       and not exists (select 1 from budget b join budget_version v on v.budget_id = b.id join budget_line l on l.version_id = v.id where b.project_id = pj.id)
    union all
    select 'fund_declaration', o.id, null, o.name, null, null, null
      from organization o join membership ms on ms.organization_id = o.id and ms.person_id = ${personId} and ms.is_organization_admin
      join money_rules mr on mr.fund->'contribution'->>'kind' = 'percent'
      cross join lateral (select extract(year from ${today}::date)::integer - case when extract(month from ${today}::date) < (mr.fund->>'yearStartsMonth')::integer then 1 else 0 end as year) fy
     where o.partnership_id = ${partnershipId}
       and not exists (select 1 from fund_declaration d where d.partnership_id = o.partnership_id and d.organization_id = o.id and d.year = fy.year)
       and not exists (select 1 from fund_call fc where fc.partnership_id = o.partnership_id and fc.organization_id = o.id and fc.year = fy.year)
    union all
    select 'fund_contribution', o.id, fc.id, o.name, null, null, fc.due_on::text
      from fund_call fc join organization o on o.id = fc.organization_id
      join membership ms on ms.organization_id = o.id and ms.person_id = ${personId} and ms.is_organization_admin
     where fc.partnership_id = ${partnershipId}
       and fc.amount_cents > (select coalesce(sum(l.amount_cents), 0) from fund_ledger l where l.call_id = fc.id)
    union all
    select 'fund_behind', o.id, fc.id, o.name, null, null, fc.due_on::text
      from fund_call fc join organization o on o.id = fc.organization_id join keeper k on k.yes
     where fc.partnership_id = ${partnershipId} and fc.due_on < ${today}::date
       and fc.amount_cents > (select coalesce(sum(l.amount_cents), 0) from fund_ledger l where l.call_id = fc.id)
    union all
    select 'dispute_task', d.id, t.id, t.objective, v.title, null, t.due_on::text
      from dispute_task t join dispute d on d.id = t.dispute_id join charter_version v on v.id = d.charter_version_id
     where t.owner_id = ${personId} and t.status = 'open' and d.partnership_id = ${partnershipId} and d.stage <> 'closed'
    union all
    select 'dispute_circle', d.id, null, v.title, null, m.starts_at, null
      from dispute_meeting m join dispute d on d.id = m.dispute_id join charter_version v on v.id = d.charter_version_id
     where m.kind = 'restorative_circle' and m.held_at is null and d.stage = 'restorative_circle' and d.partnership_id = ${partnershipId}
       and (d.mediator_id = ${personId} or exists (select 1 from dispute_party dp where dp.dispute_id = d.id and dp.person_id = ${personId}))
    union all
    select 'dispute_consent', d.id, null, v.title, null, null, null
      from dispute_party dp join dispute d on d.id = dp.dispute_id join charter_version v on v.id = d.charter_version_id
     where dp.person_id = ${personId} and dp.consents_to_publish is null and d.partnership_id = ${partnershipId}
       and d.stage = 'write_up' and d.write_up is not null and d.write_up_published_at is null
    union all
    select 'harvest_publication', h.accompaniment_id, h.id, coalesce(h.publication_title, ''), a.title, null, null
      from harvest_item h join accompaniment a on a.id = h.accompaniment_id
     where h.author_id = ${personId} and h.publication = 'asked' and h.partnership_id = ${partnershipId} and a.archived_at is null
    union all
    select 'tension_task', t.id, null, t.task_title, b.name, null, t.task_due_on::text
      from tension t join body b on b.id = t.body_id
     where t.task_owner_id = ${personId} and t.status = 'task' and t.task_done_at is null and t.partnership_id = ${partnershipId}
    union all
    select 'dispute_crisis_meeting', d.id, null, v.title, null, d.crisis_due_at, null
      from dispute_party dp join dispute d on d.id = dp.dispute_id join charter_version v on v.id = d.charter_version_id
     where dp.person_id = ${personId} and d.partnership_id = ${partnershipId} and d.stage = 'crisis'
       and not exists (select 1 from dispute_meeting m where m.dispute_id = d.id and m.kind = 'crisis' and m.held_at is not null)
    union all
    select 'dispute_mediator', d.id, null, v.title, null, null, null
      from dispute d join charter_version v on v.id = d.charter_version_id
     where d.partnership_id = ${partnershipId} and d.stage = 'mediation' and d.mediator_id is null
       and (case when d.mediator_body_id is null
                 then exists (select 1 from dispute_party dp where dp.dispute_id = d.id and dp.person_id = ${personId})
                 else exists (select 1 from body_member ms where ms.body_id = d.mediator_body_id and ms.person_id = ${personId}
                               and ms.starts_on <= ${today}::date and (ms.ends_on is null or ms.ends_on > ${today}::date)) end)
    union all
    select 'dispute_mediation', d.id, null, v.title, null, null, null
      from dispute d join charter_version v on v.id = d.charter_version_id
     where d.partnership_id = ${partnershipId} and d.stage = 'mediation' and d.mediator_id = ${personId}
    union all
    select 'questionnaire', a.id, q.id, q.title, a.title, q.closes_at, null
      from accompaniment_member am join accompaniment a on a.id = am.accompaniment_id join questionnaire q on q.accompaniment_id = a.id
     where am.person_id = ${personId} and a.partnership_id = ${partnershipId} and a.archived_at is null
       and q.sent_at is not null and (q.closes_at is null or q.closes_at > ${now})
       and not exists (select 1 from questionnaire_participation qp where qp.questionnaire_id = q.id and qp.person_id = ${personId})
  `.execute(db);
  const items = orderToDos(
    rows.rows
      .filter((row) => !outsider || OUTSIDER_TO_DO_KINDS.has(row.kind))
      .map((row) => {
        const target = targetOf(row);
        return { target, title: row.title, bodyName: row.body_name, deadline: deadlineOf(row), path: toDoPath(partnershipId, target) };
      }),
  );
  return { items, count: items.length };
}
