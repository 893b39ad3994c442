import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import type { Viewer } from '../common/permissions.js';
import { disputeRulesOf, type CharterRules } from '../charters/rules/types.js';
import { disputeReach, type DisputeReach, type DisputeStage } from './rules.js';

/**
 * One dispute as its acts and pages need it, with what this viewer may know of it. Every read
 * and act of a dispute goes through here, so the confidentiality of seed 000's article 7 is
 * decided in one place: whoever the dispute does not name gets the same 404 as for a dispute that
 * does not exist (or, when the charter shows that one exists, only that).
 */
export interface DisputeInView {
  readonly id: string;
  readonly charterId: string;
  readonly charterVersionId: string;
  readonly stage: DisputeStage;
  readonly openedBy: string;
  readonly openedAt: Date;
  readonly crisisDueAt: Date;
  readonly mediatorId: string | null;
  readonly mediatorBodyId: string | null;
  readonly existenceVisible: boolean;
  readonly partyIds: readonly string[];
  readonly rules: CharterRules;
  readonly reach: DisputeReach;
}

type Reader = Kysely<Database> | Transaction<Database>;

/**
 * The dispute, or 404 when the viewer may not know it exists. In a transaction, `lock` takes its
 * row FOR UPDATE first, so two moves of one dispute happen one after the other.
 */
export async function disputeInView(
  db: Reader,
  scope: { readonly partnershipId: string; readonly viewer: Viewer },
  disputeId: string,
  options: { readonly lock?: boolean } = {},
): Promise<DisputeInView> {
  let query = db
    .selectFrom('dispute as d')
    .innerJoin('charter_version as v', 'v.id', 'd.charter_version_id')
    .select([
      'd.id',
      'd.charter_id',
      'd.charter_version_id',
      'd.stage',
      'd.opened_by',
      'd.opened_at',
      'd.crisis_due_at',
      'd.mediator_id',
      'd.mediator_body_id',
      'd.existence_visible',
      'v.rules',
      (eb) => eb.selectFrom('dispute_party as p').select((inner) => inner.fn.coalesce(inner.fn<string[]>('array_agg', ['p.person_id']), inner.val<string[]>([])).as('ids')).whereRef('p.dispute_id', '=', 'd.id').as('party_ids'),
    ])
    .where('d.id', '=', disputeId)
    .where('d.partnership_id', '=', scope.partnershipId);
  if (options.lock === true) query = query.forUpdate('d');
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  const rules = row.rules as CharterRules;
  const partyIds = row.party_ids ?? [];
  const reach = disputeReach(scope.viewer, {
    partyIds,
    mediatorId: row.mediator_id,
    confidantBodyId: disputeRulesOf(rules).confidantBodyId,
    mediatorBodyId: row.mediator_body_id,
    existenceVisible: row.existence_visible,
  });
  if (reach === 'none') throw notFound();
  return {
    id: row.id,
    charterId: row.charter_id,
    charterVersionId: row.charter_version_id,
    stage: row.stage as DisputeStage,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    crisisDueAt: row.crisis_due_at,
    mediatorId: row.mediator_id,
    mediatorBodyId: row.mediator_body_id,
    existenceVisible: row.existence_visible,
    partyIds,
    rules,
    reach,
  };
}

/** The dispute for an act or a page that shows what it holds: those who may only know it exists get 404 too. */
export async function disputeInFullView(
  db: Reader,
  scope: { readonly partnershipId: string; readonly viewer: Viewer },
  disputeId: string,
  options: { readonly lock?: boolean } = {},
): Promise<DisputeInView> {
  const dispute = await disputeInView(db, scope, disputeId, options);
  if (dispute.reach !== 'full') throw notFound();
  return dispute;
}
