import type { Kysely } from 'kysely';
import type { Article, CharterRules, DecisionLevel, DecisionRule, ParticipationLevel, VersionStatus } from '../charters/rules/types.js';
import { silenceOf } from '../charters/rules/types.js';
import { conflict, forbidden, notFound } from '../common/errors.js';
import {
  agreementOf,
  checkProxy,
  closeRound,
  processStateOf,
  STANCES,
  STANCES_OF_DISSENT,
  type ClosingRecord,
  type Phase,
  type ProcessState,
  type ProposalStage,
  type ProposalStatus,
  type RoundClosing,
  type Stance,
} from './rules.js';
import { id as uuid } from '../common/contract.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import { bodyMembersOn } from '../bodies/members.js';
import { holdsDelegatedScope } from '../delegations/scope.js';
import { groupRows } from '../common/group-rows.js';

type Db = Kysely<Database>;

export async function listProposals(db: Db, partnershipId: string, bodyId: string | undefined) {
  let query = db
    .selectFrom('proposal as p')
    .innerJoin('body as b', 'b.id', 'p.body_id')
    .select(['p.id', 'p.wording', 'p.level', 'p.topic', 'p.body_id', 'b.name as body_name', 'p.status', 'p.stage', 'p.phase', 'p.round', 'p.created_at', 'p.decided_at'])
    .where('p.partnership_id', '=', partnershipId);
  if (bodyId !== undefined) query = query.where('p.body_id', '=', bodyId);
  const rows = await query.orderBy('p.created_at', 'desc').limit(200).execute();
  // The table's checks hold these columns to the domain's words.
  return rows.map((row) => ({
    id: row.id,
    wording: row.wording,
    level: row.level as DecisionLevel,
    topic: row.topic,
    body: { id: row.body_id, name: row.body_name },
    status: row.status as ProposalStatus,
    stage: row.stage as ProposalStage,
    phase: row.phase as Phase,
    round: row.round,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  }));
}

/**
 * Where a new proposal would go: the decision matrix of the charter of its scope (the partnership
 * charter in force, or the project charter `charterId`, with the partnership's as its fallback,
 * as createProposal routes), the names of the bodies they name, and the charters in force the
 * viewer may propose under (may.proposeUnderCharter), in two queries.
 */
export async function decisionMatrix(db: Db, viewer: Viewer, partnershipId: string, charterId: string | undefined) {
  const inForce = await db
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select(['c.id as charter_id', 'c.kind', 'v.id', 'v.title', 'v.number', 'v.rules', 'v.articles'])
    .where('c.partnership_id', '=', partnershipId)
    .where('v.status', '=', 'adopted')
    .orderBy('c.created_at')
    .execute();
  const partnership = inForce.find((version) => version.kind === 'partnership');
  let scope = partnership;
  if (charterId !== undefined) {
    const charter = await db.selectFrom('charter').select('kind').where('id', '=', charterId).where('partnership_id', '=', partnershipId).executeTakeFirst();
    if (charter?.kind !== 'project') throw notFound();
    scope = inForce.find((version) => version.charter_id === charterId);
  }
  const fallback = charterId !== undefined && scope !== undefined ? partnership : undefined;
  const rowsOf = (version: (typeof inForce)[number]) => (version.rules as { decisionMatrix: DecisionRule[] }).decisionMatrix;
  const described = (version: (typeof inForce)[number]) => {
    const articleIndex = (version.articles as Article[]).findIndex((article) => article.kind === 'decision_matrix');
    return {
      charter: { id: version.charter_id, title: version.title, versionId: version.id, versionNumber: version.number, article: articleIndex < 0 ? null : articleIndex + 1 },
      decisionMatrix: rowsOf(version).map((row) => ({ level: row.level, topic: row.topic, bodyId: row.bodyId, method: row.method })),
    };
  };
  const scopes = {
    partnership: partnership !== undefined,
    projects: inForce
      .filter((version) => version.kind === 'project' && may.proposeUnderCharter(viewer, version.rules as CharterRules))
      .map((version) => ({ id: version.charter_id, title: version.title })),
  };
  if (!scope) return { charter: null, decisionMatrix: [], fallback: null, bodies: [], scopes };
  const named = [scope, ...(fallback ? [fallback] : [])].flatMap(rowsOf);
  const bodyIds = [...new Set(named.flatMap((row) => (row.bodyId === null ? [] : [row.bodyId])))];
  const bodies = bodyIds.length === 0 ? [] : await db.selectFrom('body').select(['id', 'name']).where('id', 'in', bodyIds).where('partnership_id', '=', partnershipId).orderBy('name').execute();
  return { ...described(scope), fallback: fallback ? described(fallback) : null, bodies, scopes };
}

/** The round a closing is computed for: its body, its number, its deadline and the rule copied onto the proposal. */
export interface ClosingRound {
  readonly id: string;
  readonly body_id: string;
  readonly round: number;
  readonly round_deadline: Date | null;
  readonly rule: DecisionRule;
  readonly state: ProcessState;
}

/**
 * What closing the round now would give, silence counted as the proposal's rule says, with the
 * names of the members (silent ones included). The act that closes and the preview both ask it,
 * so the facilitator confirms exactly what the act will do.
 */
export async function roundClosingNow(db: Db, proposal: ClosingRound, now: Date) {
  const [members, stances] = await Promise.all([
    bodyMembersOn(db, proposal.body_id, now),
    db.selectFrom('stance').select(['member_id', 'stance']).where('proposal_id', '=', proposal.id).where('body_id', '=', proposal.body_id).where('round', '=', proposal.round).execute(),
  ]);
  const closing = closeRound(
    proposal.state,
    { silence: silenceOf(proposal.rule), deadlinePassed: proposal.round_deadline === null || proposal.round_deadline <= now },
    { members: [...members.keys()], stances: new Map(stances.map((s) => [s.member_id, s.stance as Stance])) },
  );
  return { closing, names: new Map([...members.values()].map((member) => [member.personId, member.fullName])) };
}

/** A closing as pages show it: its silent members named (someone erased since keeps their pseudonym). */
function namedClosing<T extends Pick<RoundClosing, 'silent'>>(closing: T, names: ReadonlyMap<string, string>) {
  return { ...closing, silent: closing.silent.map((id) => ({ id, fullName: names.get(id) ?? '' })) };
}

/** The facilitator's preview: how the round would end if closed now, and why. */
export async function roundClosingPreview(db: Db, viewer: Viewer, partnershipId: string, proposalId: string, now: Date) {
  const row = await db
    .selectFrom('proposal')
    .select(['id', 'body_id', 'rule', 'phase', 'round', 'round_deadline', 'status', 'facilitator_id'])
    .where('id', '=', proposalId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (!may.facilitate(viewer, { facilitatorId: row.facilitator_id })) throw forbidden();
  const rule = row.rule as DecisionRule;
  const { closing, names } = await roundClosingNow(db, { ...row, rule, state: processStateOf(rule, row) }, now);
  if (!closing.ok) throw conflict(closing.refusal === 'already_decided' ? 'error.decision.alreadyDecided' : 'error.decision.roundNotOpen');
  return { round: row.round, ...namedClosing(closing.value, names) };
}

/** A proposal as its page shows it: the routing, the members, the round table, what the viewer may do. */
export async function proposalDetail(db: Db, viewer: Viewer, partnershipId: string, proposalId: string, now: Date) {
  const row = await db
    .selectFrom('proposal as p')
    .innerJoin('body as b', 'b.id', 'p.body_id')
    .innerJoin('person as i', 'i.id', 'p.initiator_id')
    .innerJoin('person as f', 'f.id', 'p.facilitator_id')
    .innerJoin('charter_version as v', 'v.id', 'p.charter_version_id')
    .select([
      'p.id',
      'p.wording',
      'p.context',
      'p.level',
      'p.topic',
      'p.participation_level',
      'p.body_id',
      'b.name as body_name',
      'p.rule',
      'p.stage',
      'p.phase',
      'p.round',
      'p.round_deadline',
      'p.status',
      'p.outcome_statement',
      'p.review_on',
      'p.decided_at',
      'p.created_at',
      'p.initiator_id',
      'i.full_name as initiator_name',
      'p.facilitator_id',
      'f.full_name as facilitator_name',
      'v.articles',
      'v.charter_id',
      'v.id as charter_version_id',
      'v.number as charter_version_number',
      'p.charter_draft_version_id',
      'p.round_closing',
      'p.fund_spending_cents',
      'p.circle_join_id',
    ])
    .where('p.id', '=', proposalId)
    .where('p.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const rule = row.rule as DecisionRule;
  const [members, stances, proxies, notes] = await Promise.all([
    bodyMembersOn(db, row.body_id, now),
    db
      .selectFrom('stance as s')
      .innerJoin('person as m', 'm.id', 's.member_id')
      .innerJoin('body as b', 'b.id', 's.body_id')
      .select(['s.body_id', 'b.name as body_name', 's.round', 's.member_id', 'm.full_name', 's.posted_by', 's.stance', 's.reason', 's.updated_at'])
      .where('s.proposal_id', '=', proposalId)
      .orderBy('s.updated_at')
      .execute(),
    db
      .selectFrom('proxy as x')
      .innerJoin('person as g', 'g.id', 'x.giver_id')
      .innerJoin('person as h', 'h.id', 'x.holder_id')
      .select(['x.giver_id', 'g.full_name as giver_name', 'x.holder_id', 'h.full_name as holder_name'])
      .where('x.proposal_id', '=', proposalId)
      .where('x.body_id', '=', row.body_id)
      .execute(),
    db
      .selectFrom('information_note as n')
      .innerJoin('body as b', 'b.id', 'n.body_id')
      .select(['n.body_id', 'b.name', 'n.recipients', 'n.created_at'])
      .where('n.proposal_id', '=', proposalId)
      .orderBy('b.name')
      .execute(),
  ]);
  const amended =
    row.charter_draft_version_id === null
      ? undefined
      : await db.selectFrom('charter_version').select(['id', 'charter_id', 'number', 'status']).where('id', '=', row.charter_draft_version_id).executeTakeFirst();
  const lastClosing = row.round_closing as ClosingRecord | null;
  const memberIds = [...members.keys()];
  // The last closing may name silent members who have left the body since.
  const named = [...new Set([...memberIds, ...(lastClosing?.silent ?? [])])];
  const people = named.length === 0 ? [] : await db.selectFrom('person').select(['id', 'full_name']).where('id', 'in', named).orderBy('full_name').execute();
  const names = people.filter((person) => members.has(person.id));
  const articleIndex = (row.articles as Article[]).findIndex((article) => article.kind === 'decision_matrix');
  const current = stances.filter((s) => s.body_id === row.body_id && s.round === row.round);
  const status = row.status as ProposalStatus;
  const open = status === 'open';
  const leadsHere = open && rule.method === 'lead_decides' && row.stage === 'decision' && viewer.personId === row.initiator_id;
  const lacksDelegatedScope = leadsHere && !(await holdsDelegatedScope(db, row.body_id, viewer.personId, now));
  const isFacilitator = may.facilitate(viewer, { facilitatorId: row.facilitator_id });
  // A proxy holder speaks for the giver only while sitting in the deciding body themself.
  const viewerSeat = members.get(viewer.personId);
  // A proxy goes to a member of the body who shares one of the giver's organizations (checkProxy).
  const proxyHolders =
    open && viewerSeat !== undefined && !proxies.some((p) => p.giver_id === viewer.personId)
      ? [...members.values()].filter((member) => checkProxy(viewerSeat, member).ok).map((member) => member.personId)
      : [];
  const speakFor = open && members.has(viewer.personId) ? [viewer.personId, ...proxies.filter((p) => p.holder_id === viewer.personId).map((p) => p.giver_id).filter((id) => members.has(id))] : [];
  return {
    id: row.id,
    wording: row.wording,
    context: row.context,
    level: row.level as DecisionLevel,
    topic: row.topic,
    participationLevel: row.participation_level as ParticipationLevel,
    body: { id: row.body_id, name: row.body_name },
    method: rule.method,
    quorumPercent: rule.quorumPercent,
    maxRounds: rule.maxRounds,
    silence: silenceOf(rule),
    stances: [...STANCES[rule.method]],
    stage: row.stage as ProposalStage,
    phase: row.phase as Phase,
    round: row.round,
    roundDeadline: row.round_deadline,
    status,
    outcomeStatement: row.outcome_statement,
    reviewOn: row.review_on,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    initiator: { id: row.initiator_id, fullName: row.initiator_name },
    facilitator: { id: row.facilitator_id, fullName: row.facilitator_name },
    charter: { id: row.charter_id, versionId: row.charter_version_id, versionNumber: row.charter_version_number, article: articleIndex < 0 ? null : articleIndex + 1 },
    members: names.map((person) => {
      const stance = current.find((s) => s.member_id === person.id);
      const proxy = proxies.find((p) => p.giver_id === person.id);
      return {
        personId: person.id,
        fullName: person.full_name,
        stance: stance ? { stance: stance.stance as Stance, reason: stance.reason, postedBy: stance.posted_by } : null,
        proxyHolder: proxy ? { personId: proxy.holder_id, fullName: proxy.holder_name } : null,
      };
    }),
    lastClosing: lastClosing === null ? null : namedClosing(lastClosing, new Map(people.map((person) => [person.id, person.full_name]))),
    amends: amended ? { charterId: amended.charter_id, versionId: amended.id, number: amended.number, status: amended.status as VersionStatus } : null,
    fundSpendingCents: row.fund_spending_cents === null ? null : Number(row.fund_spending_cents),
    circleJoinId: row.circle_join_id,
    informed: notes.map((note) => ({ body: { id: note.body_id, name: note.name }, recipients: note.recipients, sentAt: note.created_at })),
    history: stances
      .filter((s) => !(s.body_id === row.body_id && s.round === row.round))
      .map((s) => ({ body: s.body_name, round: s.round, fullName: s.full_name, stance: s.stance as Stance, reason: s.reason })),
    can: {
      viewerId: viewer.personId,
      facilitate: open && isFacilitator,
      speakFor,
      giveProxy: proxyHolders.length > 0,
      proxyHolders,
      decide:
        open &&
        !lacksDelegatedScope &&
        (row.stage === 'arbitration' || viewer.personId === row.initiator_id) &&
        members.has(viewer.personId) &&
        (rule.method === 'advice' || rule.method === 'lead_decides'),
      /** The initiator may not decide alone: the body gave them no role nor delegation. */
      lacksDelegatedScope,
    },
  };
}

export type ProposalDetail = Awaited<ReturnType<typeof proposalDetail>>;

/** LIKE treats % and _ as wildcards: a search for "100 %" means those characters. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * Where a page of the register ends, for the next one to go on from: the last decision's time
 * and id (decisions of the same instant follow their id).
 */
const registerCursor = (decidedAt: Date, id: string) => `${decidedAt.toISOString()}~${id}`;

/** A cursor's time and id, or undefined when the text is not one this server wrote. */
export function parseRegisterCursor(cursor: string): { decidedAt: Date; id: string } | undefined {
  const [time = '', id = ''] = cursor.split('~');
  const decidedAt = new Date(time);
  if (Number.isNaN(decidedAt.getTime()) || registerCursor(decidedAt, id) !== cursor || !uuid.safeParse(id).success) return undefined;
  return { decidedAt, id };
}

/**
 * A body's decision register: what it settled, when, how, and who took part in the final round,
 * newest first, `limit` at a time after `before` (the `next` of the previous page); `search` looks
 * in the wording, the context and the decision record.
 */
export async function decisionRegister(db: Db, partnershipId: string, bodyId: string, search: string, page: { limit: number; before?: string | undefined }) {
  const body = await db.selectFrom('body').select(['id', 'name']).where('id', '=', bodyId).where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (!body) throw notFound();
  let query = db
    .selectFrom('proposal')
    .select(['id', 'wording', 'level', 'status', 'stage', 'rule', 'round', 'outcome_statement', 'review_on', 'decided_at'])
    .where('partnership_id', '=', partnershipId)
    .where('body_id', '=', bodyId)
    .where('status', '<>', 'open');
  const words = search.trim();
  if (words !== '') {
    const pattern = likePattern(words);
    query = query.where((eb) => eb.or([eb('wording', 'ilike', pattern), eb('context', 'ilike', pattern), eb('outcome_statement', 'ilike', pattern)]));
  }
  const before = page.before === undefined ? undefined : parseRegisterCursor(page.before);
  if (before) {
    // Written so that the index bounds the scan by time; the id orders decisions of the same instant.
    query = query.where('decided_at', '<=', before.decidedAt).where((eb) => eb.or([eb('decided_at', '<', before.decidedAt), eb('id', '<', before.id)]));
  }
  const fetched = await query.orderBy('decided_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
  const proposals = fetched.slice(0, page.limit);
  const last = proposals.at(-1);
  const next = fetched.length > page.limit && last ? registerCursor(last.decided_at!, last.id) : null;
  const ids = proposals.map((p) => p.id);
  const stances =
    ids.length === 0
      ? []
      : await db
          .selectFrom('stance as s')
          .innerJoin('person as p', 'p.id', 's.member_id')
          .select(['s.proposal_id', 's.round', 's.body_id', 'p.full_name', 's.stance'])
          .where('s.proposal_id', 'in', ids)
          .where('s.body_id', '=', bodyId)
          .orderBy('p.full_name')
          .execute();
  const stancesOf = groupRows(stances, (s) => s.proposal_id);
  return {
    body,
    search: words,
    next,
    decisions: proposals.map((p) => {
      const final = (stancesOf.get(p.id) ?? []).filter((s) => s.round === p.round);
      return {
        id: p.id,
        wording: p.wording,
        level: p.level as DecisionLevel,
        status: p.status as ProposalStatus,
        method: (p.rule as DecisionRule).method,
        statement: p.outcome_statement,
        reviewOn: p.review_on,
        decidedAt: p.decided_at!,
        participants: final.map((s) => s.full_name),
        reservations: final.filter((s) => s.stance === 'agree_with_reservation' || s.stance === 'object').length,
      };
    }),
  };
}

export type DecisionRegister = Awaited<ReturnType<typeof decisionRegister>>;

/**
 * The register of agreements and disagreements (seed 003, measure 10): the partnership's settled
 * decisions, newest first, `limit` at a time after `before` (the `next` of the previous page), each
 * with the agreement it met (`agreementOf`) and the reservations, objections and votes against
 * heard on the way, with their reasons. `search` looks in the wording, the context, the decision
 * record and the reasons. Two queries whatever the partnership's size.
 */
export async function agreementRegister(db: Db, partnershipId: string, search: string, page: { limit: number; before?: string | undefined }) {
  let query = db
    .selectFrom('proposal as p')
    .innerJoin('body as b', 'b.id', 'p.body_id')
    .select(['p.id', 'p.wording', 'p.status', 'p.rule', 'p.outcome_statement', 'p.decided_at', 'b.name as body_name'])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.status', '<>', 'open');
  const words = search.trim();
  if (words !== '') {
    const pattern = likePattern(words);
    // A union of two index searches (trigrams of the proposals, of the reasons), not an OR that would read every decision.
    const matching = db
      .selectFrom('proposal')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where((eb) => eb.or([eb('wording', 'ilike', pattern), eb('context', 'ilike', pattern), eb('outcome_statement', 'ilike', pattern)]))
      .union(db.selectFrom('stance').select('proposal_id as id').where('stance', 'in', [...STANCES_OF_DISSENT]).where('reason', 'ilike', pattern));
    query = query.where('p.id', 'in', matching);
  }
  const before = page.before === undefined ? undefined : parseRegisterCursor(page.before);
  if (before) {
    query = query.where('p.decided_at', '<=', before.decidedAt).where((eb) => eb.or([eb('p.decided_at', '<', before.decidedAt), eb('p.id', '<', before.id)]));
  }
  const fetched = await query.orderBy('p.decided_at', 'desc').orderBy('p.id', 'desc').limit(page.limit + 1).execute();
  const decisions = fetched.slice(0, page.limit);
  const last = decisions.at(-1);
  const next = fetched.length > page.limit && last ? registerCursor(last.decided_at!, last.id) : null;
  const ids = decisions.map((d) => d.id);
  const heard =
    ids.length === 0
      ? []
      : await db
          .selectFrom('stance as s')
          .innerJoin('person as m', 'm.id', 's.member_id')
          .innerJoin('body as b', 'b.id', 's.body_id')
          .select(['s.proposal_id', 'b.name as body_name', 's.round', 'm.full_name', 's.stance', 's.reason'])
          .where('s.proposal_id', 'in', ids)
          .where('s.stance', 'in', [...STANCES_OF_DISSENT])
          .orderBy('s.updated_at')
          .execute();
  const heardOn = groupRows(heard, (row) => row.proposal_id);
  return {
    search: words,
    next,
    entries: decisions.map((d) => {
      const dissent = heardOn.get(d.id) ?? [];
      return {
        proposalId: d.id,
        wording: d.wording,
        body: d.body_name,
        status: d.status as ProposalStatus,
        agreement: agreementOf(d.status, (d.rule as DecisionRule).method, dissent.map((row) => row.stance as Stance)),
        statement: d.outcome_statement,
        decidedAt: d.decided_at!,
        dissent: dissent.map((row) => ({ fullName: row.full_name, stance: row.stance as Stance, reason: row.reason, body: row.body_name, round: row.round })),
      };
    }),
  };
}
