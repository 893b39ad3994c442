import { randomUUID } from 'node:crypto';
import { journalAnchor } from '../journal/anchor.js';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { CharterRules, DecisionLevel, DecisionRule } from '../charters/rules/types.js';
import { calendarDay } from '../common/dates.js';
import type { amendAndReopenInput, amendInput, closeRoundInput, phaseInput, decideInput, proposalInput, proxyInput, roundClosedAnswer, stanceInput } from './contract.js';
import {
  amending,
  checkProxy,
  checkStance,
  closingRecord,
  escalate,
  nextPhase as nextProcessPhase,
  processStateOf,
  routeDecision,
  routeInScope,
  stanceOpenings,
  startProcess,
  type Phase,
  type ProposalStatus,
  type Refusal,
  type RoundClosing,
  type Stance,
} from './rules.js';
import { roundClosingNow } from './queries.js';
import { ActError, conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';
import { formatCalendarDate, isLocale, translator } from '../i18n/server-messages.js';
import { actCommitted, actorOf, recordAct, type ActContext, type ActOutcome, type AfterCommit } from '../common/act.js';
import { adoptVersionInTransaction } from '../charters/acts.js';
import { decisionConsequences } from './consequences.js';
import { holdsDelegatedScope } from '../delegations/scope.js';
import { queueMail } from '../mail/mailer.js';
import { requireReference } from '../common/references.js';
import { bodyMembersOn } from '../bodies/members.js';
import { callsTogether } from '../common/database/together.js';

type Trx = Transaction<Database>;
/** Where and when an act happens, for the steps that do not depend on who acts. */
type Scope = Pick<ActContext, 'partnershipId' | 'now'>;

const refusalErrors: Record<Refusal, () => ActError> = {
  not_in_this_phase: () => conflict('error.decision.notInThisPhase'),
  stance_not_allowed: () => invalid('stance', 'error.decision.stanceNotAllowed'),
  reason_required: () => invalid('reason', 'error.decision.reasonRequired'),
  not_a_member: () => forbidden(),
  already_decided: () => conflict('error.decision.alreadyDecided'),
  no_next_phase: () => conflict('error.decision.noNextPhase'),
  round_not_open: () => conflict('error.decision.roundNotOpen'),
  proxy_other_organization: () => invalid('holderId', 'error.decision.proxyOtherOrganization'),
  proxy_to_self: () => invalid('holderId', 'error.decision.proxyToSelf'),
};

function unwrap<T>(result: { ok: true; value: T } | { ok: false; refusal: Refusal }): T {
  if (!result.ok) throw refusalErrors[result.refusal]();
  return result.value;
}

/** The partnership charter in force: it routes proposals made for the whole partnership, and what a project charter's matrix has no row for. */
async function charterInForce(trx: Trx, partnershipId: string) {
  const version = await trx
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select(['v.id', 'v.rules'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.kind', '=', 'partnership')
    .where('v.status', '=', 'adopted')
    .orderBy('c.created_at')
    .executeTakeFirst();
  return version ? { id: version.id, rules: version.rules as CharterRules } : undefined;
}

/**
 * The project charter in force whose team holds this body (its `rules.bodyIds`): a matter raised
 * in that body (a tension, a request to join a circle) goes by it, else by the partnership's.
 */
export async function projectCharterOfBody(trx: Trx, partnershipId: string, bodyId: string): Promise<string | undefined> {
  const charter = await trx
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select('c.id')
    .where('c.partnership_id', '=', partnershipId)
    .where('c.kind', '=', 'project')
    .where('v.status', '=', 'adopted')
    .where(sql<boolean>`v.rules->'bodyIds' @> ${JSON.stringify([bodyId])}::jsonb`)
    .orderBy('c.created_at')
    .executeTakeFirst();
  return charter?.id;
}

/**
 * Where a proposal goes, by the charter of its scope: a project charter (`charterId`, chosen by
 * whoever proposes, who must belong to its team or sign it; or `routingCharterId`, the charter a
 * budget hangs on, whose act checked its own permission) routes by its adopted version, else by the
 * partnership charter in force; without a scope, the partnership charter alone.
 */
async function routeByScope(trx: Trx, ctx: ActContext, input: { readonly level: DecisionLevel; readonly topic: string; readonly charterId?: string | undefined; readonly routingCharterId?: string | undefined }) {
  const scopeId = input.charterId ?? input.routingCharterId;
  const partnership = await charterInForce(trx, ctx.partnershipId);
  if (scopeId === undefined) {
    if (!partnership) throw conflict('error.decision.noCharterInForce');
    return { charterVersionId: partnership.id, rule: routeDecision(partnership.rules, input.level, input.topic) };
  }
  const charter = await trx.selectFrom('charter').select(['id', 'kind']).where('id', '=', scopeId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
  if (!charter || (input.charterId !== undefined && charter.kind !== 'project')) throw invalid('charterId', 'error.reference');
  const own = await trx.selectFrom('charter_version').select(['id', 'rules']).where('charter_id', '=', charter.id).where('status', '=', 'adopted').executeTakeFirst();
  if (!own) throw conflict('error.decision.projectCharterNotInForce');
  const rules = own.rules as CharterRules;
  if (input.charterId !== undefined && !may.proposeUnderCharter(ctx.viewer, rules)) throw forbidden();
  const routed = routeInScope(rules, partnership?.rules ?? null, input.level, input.topic);
  return { charterVersionId: routed?.from === 'partnership' ? partnership!.id : own.id, rule: routed?.rule };
}

/**
 * A proposal to adopt a draft charter version goes where the charter's revision rule says: its
 * version in force decides how it may be changed (the draft's own rule, for a first adoption),
 * and only those it names may ask.
 */
async function routeAmendment(trx: Trx, ctx: ActContext, draftVersionId: string) {
  const draft = await trx
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select(['v.id', 'v.charter_id', 'v.status', 'v.rules', 'v.content_hash'])
    .where('v.id', '=', draftVersionId)
    .where('c.partnership_id', '=', ctx.partnershipId)
    // Held until the proposal is recorded, so no save slips between reading the hash and locking the draft.
    .forShare('v')
    .executeTakeFirst();
  if (!draft) throw invalid('amendsVersionId', 'error.reference');
  if (draft.status !== 'draft') throw conflict('error.versionNotDraft');
  const inForce = await trx.selectFrom('charter_version').select(['id', 'rules']).where('charter_id', '=', draft.charter_id).where('status', '=', 'adopted').executeTakeFirst();
  const governing = inForce ?? draft;
  const rules = governing.rules as CharterRules;
  const revision = rules.revision;
  if (revision.bodyId === null) throw conflict('error.decision.noRevisionBody');
  if (!may.amendCharter(ctx.viewer, rules)) throw forbidden();
  const rule: DecisionRule = {
    id: randomUUID(),
    level: 'strategic',
    topic: '',
    bodyId: revision.bodyId,
    method: revision.method,
    quorumPercent: null,
    ...(revision.silence !== undefined && { silence: revision.silence }),
    maxRounds: null,
    onBlock: { kind: 'lapse' },
    informBodyIds: rules.bodyIds.filter((id) => id !== revision.bodyId),
  };
  return { charterVersionId: governing.id, rule, draft };
}

export async function createProposal(ctx: ActContext, input: z.infer<typeof proposalInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { id, event } = await createProposalInTransaction(trx, ctx, input);
    return { result: { id }, events: [event] };
  });
}

/**
 * A proposal routed by the charter in force (or by a draft's revision rule), inside an act's
 * transaction: a common project's presentation or evaluation goes to decision this way, the
 * proposal naming the project (`project`) so that its outcome moves it (decisionConsequences).
 */
export async function createProposalInTransaction(
  trx: Trx,
  ctx: ActContext,
  input: z.infer<typeof proposalInput> & {
    readonly project?: { readonly id: string; readonly matter: 'presentation' | 'evaluation' };
    readonly actionPlanId?: string;
    readonly budgetVersionId?: string;
    readonly settlementId?: string;
    /** A project charter whose adopted version routes the matter (its budget's settlement), as `charterId` does, its act having checked who may ask. */
    readonly routingCharterId?: string;
    /** A request to join a circle: decided by that circle, by consent, not through the matrix (circles/rules.ts circleJoinRule). */
    readonly circleJoin?: { readonly id: string; readonly rule: DecisionRule };
  },
): Promise<{ id: string; event: JournalEvent }> {
  const id = randomUUID();
  let charterVersionId: string;
  let rule: DecisionRule | undefined;
  let draft: { id: string; content_hash: string } | undefined;
  if (input.circleJoin !== undefined) {
    // The circle decides under the charter it answers to (a project charter naming it, else the
    // partnership's in force), which its proposal names.
    const charter =
      input.routingCharterId !== undefined
        ? await trx.selectFrom('charter_version as v').innerJoin('charter as c', 'c.id', 'v.charter_id').select('v.id').where('c.id', '=', input.routingCharterId).where('c.partnership_id', '=', ctx.partnershipId).where('v.status', '=', 'adopted').executeTakeFirst()
        : await charterInForce(trx, ctx.partnershipId);
    if (!charter) throw conflict('error.decision.noCharterInForce');
    charterVersionId = charter.id;
    rule = input.circleJoin.rule;
  } else if (input.amendsVersionId === undefined) {
    ({ charterVersionId, rule } = await routeByScope(trx, ctx, input));
  } else {
    ({ charterVersionId, rule, draft } = await routeAmendment(trx, ctx, input.amendsVersionId));
  }
  if (!rule) throw invalid('level', 'error.decision.noRoute');
  const facilitatorId = input.facilitatorId ?? ctx.viewer.personId;
  await requireReference(trx, 'person', facilitatorId, ctx.partnershipId, 'facilitatorId');
  const state = startProcess(rule);
  await trx
    .insertInto('proposal')
    .values({
      id,
      partnership_id: ctx.partnershipId,
      charter_version_id: charterVersionId,
      charter_draft_version_id: draft?.id ?? null,
      charter_draft_hash: draft?.content_hash ?? null,
      level: input.level,
      topic: input.topic,
      wording: input.wording,
      context: input.context,
      participation_level: input.participationLevel,
      initiator_id: ctx.viewer.personId,
      facilitator_id: facilitatorId,
      body_id: rule.bodyId!,
      rule: JSON.stringify(rule),
      stage: 'decision',
      phase: state.phase,
      round: state.round,
      status: 'open',
      review_on: null,
      decided_at: null,
      created_at: ctx.now,
      project_id: input.project?.id ?? null,
      project_matter: input.project?.matter ?? null,
      action_plan_id: input.actionPlanId ?? null,
      budget_version_id: input.budgetVersionId ?? null,
      settlement_id: input.settlementId ?? null,
      circle_join_id: input.circleJoin?.id ?? null,
    })
    .execute();
  return {
    id,
    event: {
      kind: 'proposal.created',
      payload: {
        proposalId: id,
        charterVersionId,
        level: input.level,
        bodyId: rule.bodyId,
        method: rule.method,
        ruleId: rule.id,
        facilitatorId,
        amendsVersionId: draft?.id ?? null,
        ...(input.project !== undefined && { projectId: input.project.id, projectMatter: input.project.matter }),
        ...(input.actionPlanId !== undefined && { actionPlanId: input.actionPlanId }),
        ...(input.budgetVersionId !== undefined && { budgetVersionId: input.budgetVersionId }),
        ...(input.settlementId !== undefined && { settlementId: input.settlementId }),
        ...(input.circleJoin !== undefined && { circleJoinId: input.circleJoin.id }),
        ...proposalTextHashes(input),
      },
    },
  };
}

/**
 * The proposal, locked for the act. Stances and proxies share the proposal's advisory lock and
 * may run side by side; the facilitator's moves take it alone (and the row FOR UPDATE), so no
 * stance lands in a round while it closes. An advisory lock lives in memory: a row lock FOR SHARE
 * would write to the proposal's row on every stance, and build multixacts when many vote at once.
 * stance_take() (migration 006) takes the same shared lock.
 */
async function lockedProposal(trx: Trx, ctx: Scope, proposalId: string, mode: 'update' | 'share') {
  const lock = mode === 'update' ? sql`pg_advisory_xact_lock` : sql`pg_advisory_xact_lock_shared`;
  await sql`select ${lock}(hashtextextended(${proposalId}::text, 0))`.execute(trx);
  let query = trx
    .selectFrom('proposal')
    .select(['id', 'level', 'topic', 'body_id', 'rule', 'stage', 'phase', 'round', 'round_deadline', 'status', 'initiator_id', 'facilitator_id', 'charter_version_id', 'charter_draft_version_id', 'charter_draft_hash', 'project_id', 'project_matter'])
    .where('id', '=', proposalId)
    .where('partnership_id', '=', ctx.partnershipId);
  if (mode === 'update') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  const rule = row.rule as DecisionRule;
  return { ...row, rule, state: processStateOf(rule, row) };
}

type LockedProposal = Awaited<ReturnType<typeof lockedProposal>>;

function requireFacilitator(ctx: ActContext, proposal: LockedProposal) {
  if (!may.facilitate(ctx.viewer, { facilitatorId: proposal.facilitator_id })) throw forbidden();
}

/**
 * The facilitator moves to the next phase. Opening a round may set a deadline, for a round held
 * online rather than in a meeting: it then closes by itself when the deadline passes.
 */
export async function advancePhase(ctx: ActContext, proposalId: string, input: z.infer<typeof phaseInput> = {}) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'update');
    requireFacilitator(ctx, proposal);
    return moveToNextPhase(trx, ctx, proposal, input.deadline);
  });
}

async function moveToNextPhase(trx: Trx, ctx: Scope, proposal: LockedProposal, deadlineInput: string | undefined): Promise<ActOutcome<{ phase: Phase; round: number }>> {
  const next = unwrap(nextProcessPhase(proposal.state));
  const collecting = next.phase === 'round' || next.phase === 'advice';
  if (deadlineInput !== undefined && !collecting) throw invalid('deadline', 'error.decision.deadlineOutsideRound');
  const deadline = deadlineInput === undefined ? null : new Date(deadlineInput);
  if (deadline !== null && deadline <= ctx.now) throw invalid('deadline', 'error.decision.deadlinePast');
  await trx.updateTable('proposal').set({ phase: next.phase, round: next.round, round_deadline: deadline }).where('id', '=', proposal.id).execute();
  return {
    result: { phase: next.phase, round: next.round },
    events: [{ kind: 'proposal.phase', payload: { proposalId: proposal.id, phase: next.phase, round: next.round, deadline: deadline?.toISOString() ?? null } }],
  };
}

/**
 * A proposal just created goes straight to its round, inside the act that created it, with a
 * deadline counted in SQL: a request to join a circle is its own presentation. The round call
 * reaches the body's members as when the facilitator opens it.
 */
export async function openRoundAtOnce(trx: Trx, ctx: Scope, proposalId: string, days: number): Promise<JournalEvent> {
  const { deadline } = await sql<{ deadline: Date }>`select ${ctx.now}::timestamptz + make_interval(days => ${days}) as deadline`.execute(trx).then((r) => r.rows[0]!);
  await trx.updateTable('proposal').set({ phase: 'round', round: 1, round_deadline: deadline }).where('id', '=', proposalId).where('status', '=', 'open').execute();
  return { kind: 'proposal.phase', payload: { proposalId, phase: 'round', round: 1, deadline: new Date(deadline).toISOString() } };
}

/**
 * The matter a proposal decides is withdrawn (a request to join a circle, by the person or whoever
 * asked): the proposal lapses, inside the withdrawing act, as a lapse after a block does.
 */
export async function lapseWithdrawnProposal(trx: Trx, ctx: Scope, proposalId: string): Promise<JournalEvent[]> {
  const proposal = await lockedProposal(trx, ctx, proposalId, 'update');
  if (proposal.status !== 'open') return [];
  await trx.updateTable('proposal').set({ status: 'lapsed', decided_at: ctx.now, round_deadline: null }).where('id', '=', proposal.id).execute();
  return [
    { kind: 'proposal.lapsed', payload: { proposalId: proposal.id, bodyId: proposal.body_id, why: 'withdrawn' } },
    ...(await decisionConsequences(trx, ctx, proposal, 'lapsed', '')),
  ];
}

/** The facilitator rewrites the proposal to integrate the objections, before the next round. */
export async function amendProposal(ctx: ActContext, proposalId: string, input: z.infer<typeof amendInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'update');
    requireFacilitator(ctx, proposal);
    const amended = await amendLocked(trx, proposal, input);
    return { result: { id: proposalId }, events: [amended] };
  });
}

/**
 * The facilitator amends the proposal and opens the next round, in one act: the round's members
 * see the amended words from its first instant. Words left as they were are not journaled as an
 * amendment; the round opens all the same.
 */
export async function amendAndReopen(ctx: ActContext, proposalId: string, input: z.infer<typeof amendAndReopenInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'update');
    requireFacilitator(ctx, proposal);
    const before = await trx.selectFrom('proposal').select(['wording', 'context']).where('id', '=', proposalId).executeTakeFirstOrThrow();
    const amended = await amendLocked(trx, proposal, input);
    const unchanged = before.wording === input.wording && (input.context === undefined || before.context === input.context);
    const reopened = await moveToNextPhase(trx, ctx, proposal, input.deadline);
    return { result: reopened.result, events: [...(unchanged ? [] : [amended]), ...reopened.events] };
  });
}

async function amendLocked(trx: Trx, proposal: LockedProposal, input: z.infer<typeof amendInput>): Promise<JournalEvent> {
  if (proposal.status !== 'open') throw conflict('error.decision.alreadyDecided');
  if (proposal.phase !== 'amendment') throw conflict('error.decision.notInThisPhase');
  // A charter amendment is decided on its draft's text, which stays locked: amend the draft in a new proposal.
  if (proposal.charter_draft_version_id !== null) throw conflict('error.decision.charterTextLocked');
  const amended = await trx
    .updateTable('proposal')
    .set({ wording: input.wording, ...(input.context !== undefined && { context: input.context }) })
    .where('id', '=', proposal.id)
    .returning(['wording', 'context'])
    .executeTakeFirstOrThrow();
  // The words are free text: the entry records that they changed, in which round, and their fingerprints.
  return { kind: 'proposal.amended', payload: { proposalId: proposal.id, bodyId: proposal.body_id, round: proposal.round, ...proposalTextHashes(amended) } };
}

/**
 * A member's stance in the current round, or a change of it: a new stance, a changed one, or
 * nothing (not journaled either) when the same request (same idempotency key) comes again.
 * A stance is the act a body's members repeat most, so a member's own stance first takes one
 * call of stance_take() (migrations 006 and 047): under the proposal's shared lock, it checks that
 * the proposal is open in a phase where the domain accepts this stance, that the member sits in
 * the body, and records the stance (unless its key was seen) with its journal entry. Whenever it writes
 * nothing (a repeated key, a round just closed, no seat, a proxy), the transaction below decides
 * and explains.
 */
export async function takeStance(ctx: ActContext, proposalId: string, input: z.infer<typeof stanceInput>) {
  if (input.onBehalfOf === undefined || input.onBehalfOf === ctx.viewer.personId) {
    const taken = await takeOwnStanceInOneCall(ctx, proposalId, input);
    if (taken) return taken;
  }
  return takeStanceInTransaction(ctx, proposalId, input);
}

async function takeOwnStanceInOneCall(ctx: ActContext, proposalId: string, input: z.infer<typeof stanceInput>) {
  const openings = stanceOpenings({ stance: input.stance as Stance, reason: input.reason });
  if (openings.length === 0) return undefined;
  const memberId = ctx.viewer.personId;
  const payload = await takeStanceCall(ctx.db, {
    partnershipId: ctx.partnershipId,
    proposalId,
    openings,
    now: ctx.now.toISOString(),
    today: calendarDay(ctx.now),
    memberId,
    idempotencyKey: input.idempotencyKey,
    stanceId: randomUUID(),
    stance: input.stance,
    reason: input.reason,
    payload: { proposalId, memberId, postedBy: memberId, stance: input.stance, reasonHash: textHash(input.reason) },
  });
  if (!payload) return undefined;
  await actCommitted(ctx, [{ kind: 'stance.taken', payload }]);
  return { memberId, round: payload['round'] as number, changed: true };
}

/** One call of stance_take(), as its statement of migration 050 reads it among others. */
interface StanceTake {
  readonly partnershipId: string;
  readonly proposalId: string;
  readonly openings: readonly string[];
  readonly now: string;
  readonly today: string;
  readonly memberId: string;
  readonly idempotencyKey: string;
  readonly stanceId: string;
  readonly stance: string;
  readonly reason: string;
  readonly payload: Record<string, unknown>;
}

type TakenPayload = Record<string, unknown> | null;

/**
 * A member's own stance, the most frequent act of a round: sent with the stances on the same
 * proposal taken at the same moment, which wait for the same lock while its round closes.
 */
const takeStanceCall = callsTogether<StanceTake, TakenPayload>({
  laneOf: (take) => take.proposalId,
  sendAlone: async (db, take) => {
    const { rows } = await sql<{ payload: TakenPayload }>`select stance_take(
        ${take.partnershipId}::uuid, ${take.proposalId}::uuid, ${take.openings}::text[], ${take.now}::timestamptz, ${take.today}::date,
        ${take.memberId}::uuid, ${take.idempotencyKey}::text, ${take.stanceId}::uuid, ${take.stance}::text, ${take.reason}::text,
        ${JSON.stringify(take.payload)}::jsonb
      ) as payload`.execute(db);
    return rows[0]?.payload ?? null;
  },
  sendTogether: async (db, takes) => {
    const { rows } = await sql<{ payload: TakenPayload }>`select payload from stance_take_together(${JSON.stringify(takes)}::jsonb) order by at`.execute(db);
    return rows.map((row) => row.payload);
  },
});

function stanceTaken(proposalId: string, bodyId: string, round: number, memberId: string, postedBy: string, stance: string, reason: string): JournalEvent {
  return { kind: 'stance.taken', payload: { proposalId, bodyId, round, memberId, postedBy, stance, reasonHash: textHash(reason) } };
}

/** A proposal's words are free text: its entries keep their fingerprints, so the row can be proven against them. */
const proposalTextHashes = (text: { wording: string; context: string }) => ({ wordingHash: textHash(text.wording), contextHash: textHash(text.context) });

async function takeStanceInTransaction(ctx: ActContext, proposalId: string, input: z.infer<typeof stanceInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'share');
    if (proposal.round_deadline !== null && proposal.round_deadline <= ctx.now) throw conflict('error.decision.deadlinePassed');
    const memberId = input.onBehalfOf ?? ctx.viewer.personId;
    if (!(await bodyMembersOn(trx, proposal.body_id, ctx.now, memberId)).has(memberId)) throw forbidden();
    if (input.onBehalfOf !== undefined && input.onBehalfOf !== ctx.viewer.personId) {
      const proxy = await trx
        .selectFrom('proxy')
        .select('holder_id')
        .where('proposal_id', '=', proposalId)
        .where('body_id', '=', proposal.body_id)
        .where('giver_id', '=', memberId)
        .executeTakeFirst();
      if (proxy?.holder_id !== ctx.viewer.personId || !(await bodyMembersOn(trx, proposal.body_id, ctx.now, ctx.viewer.personId)).has(ctx.viewer.personId)) throw forbidden();
    }
    unwrap(checkStance(proposal.state, { stance: input.stance as Stance, reason: input.reason }));
    // stance_record (migration 047) writes nothing for a request seen before, even one since overtaken by another.
    const recorded = await sql<{ changed: boolean }>`select stance_record(
        ${randomUUID()}::uuid, ${proposalId}::uuid, ${proposal.body_id}::uuid, ${proposal.round}::integer, ${memberId}::uuid,
        ${ctx.viewer.personId}::uuid, ${input.stance}::text, ${input.reason}::text, ${input.idempotencyKey}::text, ${ctx.now}::timestamptz
      ) as changed`.execute(trx);
    const changed = recorded.rows[0]!.changed;
    return {
      result: { memberId, round: proposal.round, changed },
      events: changed ? [stanceTaken(proposalId, proposal.body_id, proposal.round, memberId, ctx.viewer.personId, input.stance, input.reason)] : [],
    };
  });
}

export async function giveProxy(ctx: ActContext, proposalId: string, input: z.infer<typeof proxyInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'share');
    if (proposal.status !== 'open') throw conflict('error.decision.alreadyDecided');
    const members = await bodyMembersOn(trx, proposal.body_id, ctx.now);
    const giver = members.get(ctx.viewer.personId);
    if (!giver) throw forbidden();
    const holder = members.get(input.holderId);
    if (!holder) throw invalid('holderId', 'error.decision.holderNotMember');
    unwrap(checkProxy({ personId: ctx.viewer.personId, organizationIds: giver.organizationIds }, { personId: input.holderId, organizationIds: holder.organizationIds }));
    const id = randomUUID();
    await trx
      .insertInto('proxy')
      .values({ id, proposal_id: proposalId, body_id: proposal.body_id, giver_id: ctx.viewer.personId, holder_id: input.holderId, created_at: ctx.now })
      .execute();
    return { result: { id }, events: [{ kind: 'proxy.given', payload: { proposalId, bodyId: proposal.body_id, giverId: ctx.viewer.personId, holderId: input.holderId } }] };
  });
}

/** A block sends the matter where the charter says: to the arbitrating body, from its first phase, or to a lapse. */
async function escalateBlocked(trx: Trx, ctx: Scope, proposal: LockedProposal, why: string): Promise<JournalEvent[]> {
  const charter = await trx.selectFrom('charter_version').select('rules').where('id', '=', proposal.charter_version_id).executeTakeFirstOrThrow();
  const next = escalate(charter.rules as CharterRules, proposal.rule, proposal.level as DecisionLevel, proposal.topic);
  if (next.kind === 'lapse') {
    await trx.updateTable('proposal').set({ status: 'lapsed', decided_at: ctx.now }).where('id', '=', proposal.id).execute();
    return [
      { kind: 'proposal.lapsed', payload: { proposalId: proposal.id, bodyId: proposal.body_id, why } },
      ...(await decisionConsequences(trx, ctx, proposal, 'lapsed', '')),
      ...(await informBodies(trx, ctx, proposal, 'lapsed', '')),
    ];
  }
  const state = startProcess(next.rule);
  await trx
    .updateTable('proposal')
    .set({ stage: 'arbitration', body_id: next.bodyId, rule: JSON.stringify(next.rule), phase: state.phase, round: state.round, round_deadline: null })
    .where('id', '=', proposal.id)
    .execute();
  return [{ kind: 'proposal.escalated', payload: { proposalId: proposal.id, fromBodyId: proposal.body_id, toBodyId: next.bodyId, ruleId: next.rule.id, method: next.rule.method, why } }];
}

/**
 * An information note to each body the charter row names, with the decision and its reasons:
 * one e-mail per current member with an address, in their language, queued in the act's transaction.
 */
async function informBodies(trx: Trx, ctx: Scope, proposal: LockedProposal, status: string, statement: string): Promise<JournalEvent[]> {
  const bodyIds = proposal.rule.informBodyIds.filter((id) => id !== proposal.body_id);
  if (bodyIds.length === 0) return [];
  const today = calendarDay(ctx.now);
  const [anchor, decided, informed, recipients] = await Promise.all([
    journalAnchor(trx, ctx.partnershipId),
    trx.selectFrom('proposal as p').innerJoin('body as b', 'b.id', 'p.body_id').select(['p.wording', 'b.name']).where('p.id', '=', proposal.id).executeTakeFirstOrThrow(),
    trx.selectFrom('body').select(['id', 'name']).where('id', 'in', bodyIds).where('partnership_id', '=', ctx.partnershipId).execute(),
    trx
      .selectFrom('body_member as s')
      .innerJoin('person as p', 'p.id', 's.person_id')
      .leftJoin('account as a', 'a.id', 'p.account_id')
      .select(['s.body_id', 'p.email', 'a.locale'])
      .distinct()
      .where('s.body_id', 'in', bodyIds)
      .where(heldOn('s', today))
      .where('p.email', 'is not', null)
      .execute(),
  ]);
  for (const body of informed) {
    const members = recipients.filter((r) => r.body_id === body.id);
    for (const member of members) {
      const locale = isLocale(member.locale) ? member.locale : 'fr';
      const t = translator(locale);
      const params = { body: decided.name, informed: body.name, wording: decided.wording, status: t(`register.status.${status}`), statement: statement || '—', date: formatCalendarDate(locale, today), seq: anchor.seq, hash: anchor.hash };
      await queueMail(trx, { partnershipId: ctx.partnershipId, recipient: member.email!, subject: t('mail.noteSubject', params), body: t('mail.noteBody', params) });
    }
    await trx.insertInto('information_note').values({ id: randomUUID(), proposal_id: proposal.id, body_id: body.id, recipients: members.length, created_at: ctx.now }).execute();
  }
  return [{ kind: 'information_note.sent', payload: { proposalId: proposal.id, bodyIds: informed.map((body) => body.id) } }];
}

/** An adopted amendment makes its draft the charter in force, by the body that decided, today; its signatures open. */
async function adoptAmendedCharter(trx: Trx, ctx: Scope, proposal: LockedProposal, status: string) {
  if (status !== 'adopted' || proposal.charter_draft_version_id === null) return [];
  const draft = await trx.selectFrom('charter_version').select('charter_id').where('id', '=', proposal.charter_draft_version_id).executeTakeFirstOrThrow();
  return [
    await adoptVersionInTransaction(trx, ctx, draft.charter_id, proposal.charter_draft_version_id, {
      bodyId: proposal.body_id,
      adoptedOn: calendarDay(ctx.now),
      contentHash: proposal.charter_draft_hash!,
    }),
  ];
}

function decidedStatus(proposal: LockedProposal, outcome: 'adopted' | 'rejected'): Exclude<ProposalStatus, 'open' | 'lapsed'> {
  return proposal.stage === 'arbitration' && outcome === 'adopted' ? 'arbitrated' : outcome;
}

/**
 * The facilitator closes the round: the closing decides, asks for an amendment, or blocks. A
 * confirmation names the outcome and reason the facilitator was shown (the preview): if a stance
 * changed them since, nothing closes and the page shows the new preview.
 */
export async function closeRound(ctx: ActContext, proposalId: string, input: z.infer<typeof closeRoundInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'update');
    requireFacilitator(ctx, proposal);
    const { closing, names } = await roundClosingNow(trx, proposal, ctx.now);
    const computed = unwrap(closing);
    if (computed.outcome === 'stays_open') {
      throw conflict('error.decision.silenceBlocks', { count: computed.silent.length, names: computed.silent.map((id) => names.get(id) ?? '').join(', ') });
    }
    if (input.expected !== undefined && (input.expected.outcome !== computed.outcome || input.expected.reason !== computed.reason)) throw conflict('error.decision.roundChanged');
    return closeLockedRound(trx, ctx, proposal, computed, input);
  });
}

/**
 * Rounds held online close by themselves once their deadline has passed, as the facilitator would
 * close them, silence counted as the charter says, with no decision record. A round whose charter
 * lets no silent member be passed over stays open instead: its deadline is lifted (so it is not
 * asked again every minute, and the silent may still speak) and the journal says who it waits
 * for. Returns how many rounds were settled either way.
 */
export async function closeRoundsPastDeadline(
  db: ActContext['db'],
  now: Date,
  afterCommit?: AfterCommit,
  onFailure: (proposalId: string, error: unknown) => void = () => {},
): Promise<number> {
  const due = await db
    .selectFrom('proposal')
    .select(['id', 'partnership_id'])
    .where('status', '=', 'open')
    .where('round_deadline', '<=', now)
    .orderBy('round_deadline')
    .limit(500)
    .execute();
  let closed = 0;
  for (const { id, partnership_id: partnershipId } of due) {
    const ctx: Scope = { partnershipId, now };
    // One round that cannot close (its charter draft changed, say) must not keep the others open.
    try {
      await recordAct({ db, partnershipId, now, actorId: null, afterCommit }, async (trx) => {
        const proposal = await lockedProposal(trx, ctx, id, 'update');
        if (proposal.status !== 'open' || proposal.round_deadline === null || proposal.round_deadline > now) return { result: null, events: [] };
        const closing = unwrap((await roundClosingNow(trx, proposal, now)).closing);
        if (closing.outcome === 'stays_open') return keepRoundOpen(trx, proposal, closing);
        return closeLockedRound(trx, ctx, proposal, closing, { statement: '', reviewOn: null });
      });
      closed += 1;
    } catch (error) {
      onFailure(id, error);
    }
  }
  return closed;
}

async function keepRoundOpen(trx: Trx, proposal: LockedProposal, closing: RoundClosing): Promise<ActOutcome<null>> {
  const record = closingRecord(closing, proposal.body_id, proposal.round);
  await trx.updateTable('proposal').set({ round_deadline: null, round_closing: JSON.stringify(record) }).where('id', '=', proposal.id).execute();
  return { result: null, events: [{ kind: 'round.kept_open', payload: { proposalId: proposal.id, ...record } }] };
}

async function closeLockedRound(
  trx: Trx,
  ctx: Scope,
  proposal: LockedProposal,
  closing: RoundClosing,
  input: Pick<z.infer<typeof closeRoundInput>, 'statement' | 'reviewOn'>,
): Promise<ActOutcome<z.infer<typeof roundClosedAnswer>>> {
  const proposalId = proposal.id;
  const record = closingRecord(closing, proposal.body_id, proposal.round);
  // The entry carries the whole closing (who was silent, what silence counted as, the voices
  // counted and needed): the outcome follows from it and the rule, and the proposal's row is proven by it.
  const closed: JournalEvent = { kind: 'round.closed', payload: { proposalId, ...record, voices: closing.expressed } };
  const closingColumns = { round_closing: JSON.stringify(record), round_deadline: null };
  if (closing.outcome === 'amend') {
    await trx.updateTable('proposal').set({ phase: amending(proposal.state).phase, ...closingColumns }).where('id', '=', proposalId).execute();
    return { result: { outcome: 'amend', reason: closing.reason }, events: [closed] };
  }
  if (closing.outcome === 'blocked') {
    await trx.updateTable('proposal').set(closingColumns).where('id', '=', proposalId).execute();
    return { result: { outcome: 'blocked', reason: closing.reason }, events: [closed, ...(await escalateBlocked(trx, ctx, proposal, closing.reason))] };
  }
  if (closing.outcome !== 'adopted' && closing.outcome !== 'rejected') throw new Error(`a round cannot close as ${closing.outcome}`);
  const status = decidedStatus(proposal, closing.outcome);
  await trx
    .updateTable('proposal')
    .set({ status, outcome_statement: input.statement, review_on: input.reviewOn, decided_at: ctx.now, ...closingColumns })
    .where('id', '=', proposalId)
    .execute();
  return {
    result: { outcome: status, reason: closing.reason },
    events: [
      closed,
      { kind: 'proposal.decided', payload: { proposalId, bodyId: proposal.body_id, status, reviewOn: input.reviewOn, statementHash: textHash(input.statement) } },
      ...(await adoptAmendedCharter(trx, ctx, proposal, status)),
      ...(await decisionConsequences(trx, ctx, proposal, status, input.statement)),
      ...(await informBodies(trx, ctx, proposal, status, input.statement)),
    ],
  };
}

/** The facilitator declares the body blocked, whatever round it is in. */
export async function declareBlocked(ctx: ActContext, proposalId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'update');
    requireFacilitator(ctx, proposal);
    if (proposal.status !== 'open') throw conflict('error.decision.alreadyDecided');
    const events = await escalateBlocked(trx, ctx, proposal, 'declared');
    const outcome: 'lapsed' | 'escalated' = events[0]!.kind === 'proposal.lapsed' ? 'lapsed' : 'escalated';
    return { result: { outcome }, events };
  });
}

/**
 * Where the charter leaves the decision to one person (advice: after hearing the advice; lead
 * decides), the initiator records it. Consultation and concertation also leave it to them.
 */
export async function recordDecision(ctx: ActContext, proposalId: string, input: z.infer<typeof decideInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await lockedProposal(trx, ctx, proposalId, 'update');
    if (proposal.status !== 'open') throw conflict('error.decision.alreadyDecided');
    if (proposal.rule.method !== 'advice' && proposal.rule.method !== 'lead_decides') throw conflict('error.decision.bodyDecides');
    // The one who decides is the initiator who brought the matter, or, once it went to arbitration,
    // a member of the arbitrating body; either way someone who sits in the deciding body.
    const decider = proposal.stage === 'decision' ? ctx.viewer.personId === proposal.initiator_id : true;
    if (!decider || !(await bodyMembersOn(trx, proposal.body_id, ctx.now, ctx.viewer.personId)).has(ctx.viewer.personId)) throw forbidden();
    if (proposal.rule.method === 'lead_decides' && proposal.stage === 'decision' && !(await holdsDelegatedScope(trx, proposal.body_id, ctx.viewer.personId, ctx.now))) {
      throw conflict('error.decision.noDelegatedScope');
    }
    if (proposal.rule.method === 'advice') {
      const advice = await trx.selectFrom('stance').select('id').where('proposal_id', '=', proposalId).where('body_id', '=', proposal.body_id).where('stance', '=', 'advice').limit(1).executeTakeFirst();
      if (!advice) throw conflict('error.decision.adviceFirst');
    }
    const status = decidedStatus(proposal, input.outcome);
    await trx
      .updateTable('proposal')
      .set({ status, outcome_statement: input.statement, review_on: input.reviewOn, decided_at: ctx.now })
      .where('id', '=', proposalId)
      .execute();
    return {
      result: { outcome: status },
      events: [
        { kind: 'proposal.decided', payload: { proposalId, bodyId: proposal.body_id, status, reviewOn: input.reviewOn, statementHash: textHash(input.statement) } },
        ...(await adoptAmendedCharter(trx, ctx, proposal, status)),
        ...(await decisionConsequences(trx, ctx, proposal, status, input.statement)),
        ...(await informBodies(trx, ctx, proposal, status, input.statement)),
      ],
    };
  });
}
