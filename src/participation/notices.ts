import { accompanimentNotices } from '../accompaniments/notices.js';
import { questionnaireNotices } from '../questionnaires/notices.js';
import { harvestNotices } from '../harvest/notices.js';
import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { isConfidentialKind } from '../journal/journal-store.js';
import type { NoticeScope } from './calls.js';
import { charterNotices } from '../charters/notices.js';
import { datePollNotices } from '../date-polls/notices.js';
import { decisionNotices } from '../decisions/notices.js';
import { discussionNotices } from '../discussions/notices.js';
import { electionNotices } from '../elections/notices.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { meetingNotices } from '../meetings/notices.js';
import { projectNotices } from '../projects/notices.js';
import { actionPlanNotices } from '../action-plans/notices.js';
import { pooledMeanNotices } from '../pooled-means/notices.js';
import { settlementNotices } from '../budgets/settlement/notices.js';
import { budgetNotices } from '../budgets/notices.js';
import { budgetReportNotices } from '../budgets/report/notices.js';
import { fundNotices } from '../fund/notices.js';
import { disputeEndingNotices } from '../disputes/ending/notices.js';
import { deliverableNotices } from '../deliverables/notices.js';
import { tensionNotices } from '../tensions/notices.js';
import { circleNotices } from '../circles/notices.js';
import { disputeNotices } from '../disputes/notices.js';

export type NoticeWriter = (trx: Transaction<Database>, scope: NoticeScope, event: JournalEvent) => Promise<void>;
/** Each capability says, by the kind of journal entry its acts write, whom they concern (`<word>/notices.ts`). */
export type NoticeWriters = Readonly<Record<string, NoticeWriter>>;

/** Writers of the same kind all write, in this order: a project's step may concern its budget too. */
function allWriters(...groups: readonly NoticeWriters[]): NoticeWriters {
  const combined: Record<string, NoticeWriter> = {};
  for (const group of groups) {
    for (const [kind, writer] of Object.entries(group)) {
      const before = combined[kind];
      combined[kind] = before
        ? async (trx, scope, event) => {
            await before(trx, scope, event);
            await writer(trx, scope, event);
          }
        : writer;
    }
  }
  return combined;
}

const writers = allWriters(decisionNotices, electionNotices, meetingNotices, charterNotices, datePollNotices, discussionNotices, projectNotices, actionPlanNotices, pooledMeanNotices, settlementNotices, budgetNotices, budgetReportNotices, fundNotices, disputeNotices, disputeEndingNotices, deliverableNotices, tensionNotices, circleNotices, accompanimentNotices, questionnaireNotices, harvestNotices);

/**
 * Whoever an act now waits on, or must hear of it, is told in the act's own transaction: what an
 * act asks of people is read from the journal entries it records, so no act can forget to call.
 */
export async function tellWhomItConcerns(trx: Transaction<Database>, scope: { readonly partnershipId: string; readonly now: Date }, events: readonly JournalEvent[]): Promise<void> {
  // What an act on a dispute tells is for its addressees alone, whichever writer words it.
  for (const event of events) await writers[event.kind]?.(trx, { ...scope, confidential: isConfidentialKind(event.kind) }, event);
}
