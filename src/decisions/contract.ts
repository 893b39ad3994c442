import { z } from 'zod';
import { DECISION_LEVELS, DECISION_METHODS, PARTICIPATION_LEVELS, SILENCE_RULES, VERSION_STATUSES } from '../charters/rules/enums.js';
import { calendarDate, instant } from '../common/contract.js';
import { AGREEMENTS, CLOSING_OUTCOMES, CLOSING_REASONS, PHASE_NAMES, PROPOSAL_STAGES, PROPOSAL_STATUSES, SILENCE_COUNTS, STANCE_VALUES } from './rules.js';

/** The inputs of the decisions' acts, validated by the server and published as OpenAPI. */
const choice = { error: 'error.choice' } as const;

export const proposalInput = z.object({
  level: z.enum(DECISION_LEVELS, choice),
  topic: z.string().trim().max(300, { error: 'error.tooLong' }).default(''),
  /** The « libellé »: the decision as it would be recorded if adopted. */
  wording: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(2000, { error: 'error.tooLong' }),
  context: z.string().trim().max(20000, { error: 'error.tooLong' }).default(''),
  participationLevel: z.enum(PARTICIPATION_LEVELS, choice),
  facilitatorId: z.uuid({ error: 'error.reference' }).optional(),
  /** A draft charter version: the proposal is to adopt it, by the charter's revision rule. */
  amendsVersionId: z.uuid({ error: 'error.reference' }).optional(),
  /**
   * The proposal's scope: a project charter of this partnership, whose adopted version routes it
   * (the partnership charter in force routes what its matrix has no row for). Absent: the partnership.
   */
  charterId: z.uuid({ error: 'error.reference' }).optional(),
});

export const stanceInput = z.object({
  stance: z.enum(STANCE_VALUES, choice),
  reason: z.string().trim().max(5000, { error: 'error.tooLong' }).default(''),
  /** Chosen by the client for this stance; sending the same request again changes nothing. */
  idempotencyKey: z.string().min(8, { error: 'error.idempotencyKey' }).max(100, { error: 'error.idempotencyKey' }),
  /** The member whose proxy the sender holds, when speaking for them. */
  onBehalfOf: z.uuid({ error: 'error.reference' }).optional(),
});

/** Opening a round online: when it closes by itself (an instant, with its time zone). */
export const phaseInput = z.object({ deadline: z.iso.datetime({ offset: true, error: 'error.dateTime' }).optional() });

const decisionRecord = z.object({
  statement: z.string().trim().max(5000, { error: 'error.tooLong' }).default(''),
  reviewOn: z.iso.date({ error: 'error.date' }).nullable().default(null),
});

export const closeRoundInput = decisionRecord.extend({
  /** The outcome and reason of the preview the facilitator confirms: the round closes only if they still hold. */
  expected: z.object({ outcome: z.enum(CLOSING_OUTCOMES, choice), reason: z.enum(CLOSING_REASONS, choice) }).optional(),
});

export const decideInput = decisionRecord.extend({ outcome: z.enum(['adopted', 'rejected'], choice) });

/** During the amendment phase, the facilitator rewrites the proposal so that it integrates the objections heard. */
export const amendInput = z.object({
  wording: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(2000, { error: 'error.tooLong' }),
  context: z.string().trim().max(20000, { error: 'error.tooLong' }).optional(),
});

/**
 * After objections, the facilitator amends the proposal and opens the next round at once, so no
 * round opens on words that were not yet amended, nor an amendment waits without its round.
 */
export const amendAndReopenInput = amendInput.extend({ deadline: phaseInput.shape.deadline });

export const proxyInput = z.object({ holderId: z.uuid({ error: 'error.reference' }) });

/** The answers of the decisions' routes, as the server sends them and the pages read them. */
const named = z.object({ id: z.uuid(), name: z.string() });
const person = z.object({ id: z.uuid(), fullName: z.string() });
const status = z.enum(PROPOSAL_STATUSES);
const phase = z.enum(PHASE_NAMES);
const stance = z.enum(STANCE_VALUES);

/**
 * How a round ends, or would end, and why: the outcome, its reason, what silence counted as under
 * the charter, who was silent, and the voices the quorum counted and needed. `why` says it in the
 * reader's language, as a mail would.
 */
export const roundClosingAnswer = z.object({
  round: z.int(),
  outcome: z.enum(CLOSING_OUTCOMES),
  reason: z.enum(CLOSING_REASONS),
  silence: z.enum(SILENCE_RULES),
  silentCountedAs: z.enum(SILENCE_COUNTS),
  silent: z.array(person),
  members: z.int(),
  expressed: z.int(),
  counted: z.int(),
  needed: z.int(),
  why: z.string(),
});

/** Newest first, 200 at most. */
export const proposalListAnswer = z.array(
  z.object({
    id: z.uuid(),
    wording: z.string(),
    level: z.enum(DECISION_LEVELS),
    topic: z.string(),
    body: named,
    status,
    stage: z.enum(PROPOSAL_STAGES),
    phase,
    round: z.int(),
    createdAt: instant,
    decidedAt: instant.nullable(),
  }),
);

export const proposalDetailAnswer = z.object({
  id: z.uuid(),
  wording: z.string(),
  context: z.string(),
  level: z.enum(DECISION_LEVELS),
  topic: z.string(),
  participationLevel: z.enum(PARTICIPATION_LEVELS),
  body: named,
  method: z.enum(DECISION_METHODS),
  quorumPercent: z.int().nullable(),
  maxRounds: z.int().nullable(),
  /** What a silent member counts as when a round ends. */
  silence: z.enum(SILENCE_RULES),
  /** How the last round closed (or stayed open at its deadline), and why. */
  lastClosing: roundClosingAnswer.nullable(),
  /** The stances the method offers a member. */
  stances: z.array(stance),
  stage: z.enum(PROPOSAL_STAGES),
  phase,
  round: z.int(),
  roundDeadline: instant.nullable(),
  status,
  outcomeStatement: z.string(),
  reviewOn: calendarDate.nullable(),
  decidedAt: instant.nullable(),
  createdAt: instant,
  /** « Décision opérationnelle → Comité de pilotage, par consensus (charte, art. 4) », in the reader's language. */
  routing: z.string(),
  initiator: person,
  facilitator: person,
  /** The charter version that routed the proposal, and its decision matrix's article. */
  charter: z.object({ id: z.uuid(), versionId: z.uuid(), versionNumber: z.int(), article: z.int().nullable() }),
  /** The deciding body's members today, with their stance in the current round. */
  members: z.array(
    z.object({
      personId: z.uuid(),
      fullName: z.string(),
      stance: z.object({ stance, reason: z.string(), postedBy: z.uuid() }).nullable(),
      proxyHolder: z.object({ personId: z.uuid(), fullName: z.string() }).nullable(),
    }),
  ),
  /** The charter draft this proposal would adopt. */
  amends: z.object({ charterId: z.uuid(), versionId: z.uuid(), number: z.int(), status: z.enum(VERSION_STATUSES) }).nullable(),
  /** What the common fund pays if the proposal is adopted, in cents; null when it spends nothing of the fund. */
  fundSpendingCents: z.int().nullable(),
  /** The request to join a circle this proposal decides (circles/), whose page part says who would join. */
  circleJoinId: z.uuid().nullable(),
  informed: z.array(z.object({ body: named, recipients: z.int(), sentAt: instant })),
  /** Stances of earlier rounds and of the body that decided before arbitration. */
  history: z.array(z.object({ body: z.string(), round: z.int(), fullName: z.string(), stance, reason: z.string() })),
  can: z.object({
    viewerId: z.uuid(),
    facilitate: z.boolean(),
    /** The viewer, and the members whose proxy they hold. */
    speakFor: z.array(z.uuid()),
    giveProxy: z.boolean(),
    /** The members the viewer may hand their voice to: those of the body who share one of their organizations. */
    proxyHolders: z.array(z.uuid()),
    decide: z.boolean(),
    lacksDelegatedScope: z.boolean(),
  }),
});

const matrixRows = z.array(z.object({ level: z.enum(DECISION_LEVELS), topic: z.string(), bodyId: z.uuid().nullable(), method: z.enum(DECISION_METHODS) }));
const matrixCharter = z.object({ id: z.uuid(), title: z.string(), versionId: z.uuid(), versionNumber: z.int(), article: z.int().nullable() });

/**
 * Where a new proposal would go, before it is sent: the decision matrix of the charter of its
 * scope (the partnership charter in force, or the project charter asked for by `?charterId=`;
 * empty, and no charter, before one is adopted), its article, and the bodies it names. Under a
 * project charter, `fallback` is the partnership charter in force, which routes what the project's
 * matrix has no row for. `scopes`: the charters in force the viewer may propose under.
 */
export const decisionMatrixAnswer = z.object({
  charter: matrixCharter.nullable(),
  decisionMatrix: matrixRows,
  fallback: z.object({ charter: matrixCharter, decisionMatrix: matrixRows }).nullable(),
  bodies: z.array(named),
  scopes: z.object({ partnership: z.boolean(), projects: z.array(z.object({ id: z.uuid(), title: z.string() })) }),
});

/** A page of a register: `next` is the `before` of the following page, null on the last. */
const registerPage = z.object({ search: z.string(), next: z.string().nullable() });

export const decisionRegisterAnswer = registerPage.extend({
  body: named,
  decisions: z.array(
    z.object({
      id: z.uuid(),
      wording: z.string(),
      level: z.enum(DECISION_LEVELS),
      status,
      method: z.enum(DECISION_METHODS),
      statement: z.string(),
      reviewOn: calendarDate.nullable(),
      decidedAt: instant,
      /** Who took a stance in the final round. */
      participants: z.array(z.string()),
      reservations: z.int(),
    }),
  ),
});

export const agreementRegisterAnswer = registerPage.extend({
  entries: z.array(
    z.object({
      proposalId: z.uuid(),
      wording: z.string(),
      body: z.string(),
      status,
      agreement: z.enum(AGREEMENTS).nullable(),
      statement: z.string(),
      decidedAt: instant,
      dissent: z.array(z.object({ fullName: z.string(), stance, reason: z.string(), body: z.string(), round: z.int() })),
    }),
  ),
});

export const phaseAnswer = z.object({ phase, round: z.int() });

/** changed: false when the request was seen before (its idempotency key), and nothing was written. */
export const stanceTakenAnswer = z.object({ memberId: z.uuid(), round: z.int(), changed: z.boolean() });

const settled = status.exclude(['open', 'lapsed']);
/** What a closed round gave: settled, or back to amendment, or blocked (the charter then says where the matter goes). */
export const roundClosedAnswer = z.object({ outcome: z.union([settled, z.enum(['amend', 'blocked'])]), reason: z.enum(CLOSING_REASONS) });
/** A blocked matter lapses, or goes up to the arbitrating body. */
export const blockedAnswer = z.object({ outcome: z.enum(['lapsed', 'escalated']) });
export const decisionRecordedAnswer = z.object({ outcome: settled });
