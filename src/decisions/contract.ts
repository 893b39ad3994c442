import { z } from 'zod';
import { DECISION_LEVELS, PARTICIPATION_LEVELS } from '../charters/rules/enums.js';

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
});

export const STANCE_VALUES = ['agree', 'agree_with_reservation', 'object', 'consent', 'advice', 'for', 'against', 'abstain'] as const;

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

export const closeRoundInput = z.object({
  statement: z.string().trim().max(5000, { error: 'error.tooLong' }).default(''),
  reviewOn: z.iso.date({ error: 'error.date' }).nullable().default(null),
});

export const decideInput = closeRoundInput.extend({ outcome: z.enum(['adopted', 'rejected'], choice) });

/** During the amendment phase, the facilitator rewrites the proposal so that it integrates the objections heard. */
export const amendInput = z.object({
  wording: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(2000, { error: 'error.tooLong' }),
  context: z.string().trim().max(20000, { error: 'error.tooLong' }).optional(),
});

export const proxyInput = z.object({ holderId: z.uuid({ error: 'error.reference' }) });
