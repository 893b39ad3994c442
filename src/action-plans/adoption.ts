import { sql, type Transaction } from 'kysely';
import type { ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import type { JournalEvent } from '../journal/journal-store.js';

/**
 * The decision of a proposal naming a draft plan, once adopted (or arbitrated), makes that plan
 * the one in force, in the decision's own transaction: the plan before is superseded, and the
 * projects attached to a subject carried into the new plan follow it there. A refusal or a lapse
 * leaves the draft as it is, to be rewritten and proposed again.
 */
export async function adoptActionPlanDecidedBy(trx: Transaction<Database>, scope: Pick<ActContext, 'partnershipId' | 'now'>, proposalId: string, status: string): Promise<JournalEvent[]> {
  if (status !== 'adopted' && status !== 'arbitrated') return [];
  const proposal = await trx.selectFrom('proposal').select('action_plan_id').where('id', '=', proposalId).executeTakeFirstOrThrow();
  const planId = proposal.action_plan_id;
  if (planId === null) return [];
  // The draft is locked while its proposal is open (acts refuse to touch it), so it is still a draft here.
  await trx.selectFrom('action_plan').select('id').where('id', '=', planId).where('status', '=', 'draft').forUpdate().executeTakeFirstOrThrow();
  const adoptedOn = calendarDay(scope.now);
  const previous = await trx
    .updateTable('action_plan')
    .set({ status: 'superseded', updated_at: scope.now })
    .where('partnership_id', '=', scope.partnershipId)
    .where('status', '=', 'adopted')
    .returning('id')
    .executeTakeFirst();
  await trx.updateTable('action_plan').set({ status: 'adopted', adopted_on: adoptedOn, updated_at: scope.now }).where('id', '=', planId).execute();
  await sql`
    insert into project_subject (project_id, subject_id)
    select ps.project_id, s.id from action_plan_subject s join project_subject ps on ps.subject_id = s.carried_from
     where s.plan_id = ${planId}
    on conflict do nothing`.execute(trx);
  return [{ kind: 'actionPlan.adopted', payload: { planId, proposalId, adoptedOn, supersededPlanId: previous?.id ?? null } }];
}
