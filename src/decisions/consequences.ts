import type { Transaction } from 'kysely';
import type { ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { settleProjectMatter } from '../projects/acts.js';
import { adoptActionPlanDecidedBy } from '../action-plans/adoption.js';
import { settleBudgetMatter } from '../budgets/acts.js';
import { settlementDecidedBy } from '../budgets/settlement/acts.js';
import { recordFundSpendingDecidedBy } from '../fund/acts.js';
import { disputeTasksSettledBy } from '../disputes/ending/acts.js';
import { settleCircleJoin } from '../circles/acts.js';

/** The decided proposal as each capability reads it; one that hangs on other columns reads them by its id. */
export interface DecidedProposal {
  readonly id: string;
  readonly body_id: string;
  readonly level: string;
  readonly topic: string;
  readonly charter_version_id: string;
  readonly project_id: string | null;
  readonly project_matter: string | null;
}

export type DecidedStatus = 'adopted' | 'rejected' | 'arbitrated' | 'lapsed';

/**
 * What a decision moves beyond itself, in the decision's own transaction: the common project it
 * presents or evaluates, the action plan it adopts, the person it seats in a circle, and whatever else names the proposal. Every
 * way a proposal ends (a round closed, a decision recorded, a block that lapses) calls this once,
 * so a capability that hangs on a decision adds its consequence here and nowhere else.
 */
export async function decisionConsequences(
  trx: Transaction<Database>,
  scope: Pick<ActContext, 'partnershipId' | 'now'>,
  proposal: DecidedProposal,
  status: DecidedStatus,
  statement: string,
): Promise<JournalEvent[]> {
  return [
    ...(await settleProjectMatter(trx, scope, proposal, status, statement)),
    ...(await adoptActionPlanDecidedBy(trx, scope, proposal.id, status)),
    // After the project's: its presentation adopted validates the budget presented with it.
    ...(await settleBudgetMatter(trx, scope, proposal, status)),
    ...(await settlementDecidedBy(trx, scope, proposal.id, status)),
    // After the statement's: its approval does the exit plan's tasks that waited for it.
    ...(await disputeTasksSettledBy(trx, scope, proposal.id)),
    ...(await recordFundSpendingDecidedBy(trx, scope, proposal.id, status)),
    ...(await settleCircleJoin(trx, scope, proposal.id, status)),
  ];
}
