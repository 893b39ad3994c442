import { z } from 'zod';
import { BODY_KINDS, MANDATE_SOURCES, SEAT_MANDATE_SOURCES, SEAT_CAPACITIES } from '../common/structure.js';
import { calendarDate, count, endsAfterStart, endsAfterStartMessage, id, isoDate, longText, name } from '../common/contract.js';
import { COMPOSITION_GAP_CODES } from './rules.js';
import { delegationAnswer } from '../delegations/contract.js';

/** The inputs of the bodies' acts, validated by the server and published as OpenAPI. */
const compositionFields = {
  delegatesPerOrganization: count(50).nullable().optional(),
  minReferentsPerOrganization: count(50).nullable().optional(),
  minSize: count(10000).nullable().optional(),
  maxSize: count(10000).nullable().optional(),
};

/** How often the body meets at least, as its charter sets it (seed 004: a circle six times a year). */
const meetingsPerYear = count(52).nullable().optional();

/** The day the body began, which may be long before Entente knew it; its cadence counts from there. */
const foundedOn = isoDate.optional();

const sizeInOrder = (value: { minSize?: number | null | undefined; maxSize?: number | null | undefined }) =>
  value.minSize == null || value.maxSize == null || value.minSize <= value.maxSize;

const sizeInOrderMessage = { error: 'error.sizeRange', path: ['maxSize'] };

export const bodyInput = z
  .object({
    name,
    kind: z.enum(BODY_KINDS, { error: 'error.choice' }),
    parentBodyId: id.nullable().optional(),
    purpose: longText.optional(),
    ...compositionFields,
    meetingsPerYear,
    foundedOn,
  })
  .refine(sizeInOrder, sizeInOrderMessage);

export const bodyPatch = z
  .object({
    name: name.optional(),
    parentBodyId: id.nullable().optional(),
    purpose: longText.optional(),
    ...compositionFields,
    meetingsPerYear,
    foundedOn,
  })
  .refine(sizeInOrder, sizeInOrderMessage);

export const seatInput = z
  .object({
    personId: id,
    organizationId: id.nullable(),
    capacity: z.enum(SEAT_CAPACITIES, { error: 'error.choice' }),
    mandateSource: z.enum(MANDATE_SOURCES, { error: 'error.choice' }),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
  })
  .refine(endsAfterStart, endsAfterStartMessage);

export type BodyInput = z.infer<typeof bodyInput>;
export type BodyPatch = z.infer<typeof bodyPatch>;
export type SeatInput = z.infer<typeof seatInput>;

/** A body's composition rule, and how often it meets at least, as its charter sets it. */
export const ruleAnswer = z.object({
  delegatesPerOrganization: z.int().nullable(),
  minReferentsPerOrganization: z.int().nullable(),
  minSize: z.int().nullable(),
  maxSize: z.int().nullable(),
  meetingsPerYear: z.int().nullable(),
});

/** Where a body departs from its composition rule today, with a sentence in the reader's language. */
export const gapAnswer = z.object({
  code: z.enum(COMPOSITION_GAP_CODES),
  organizationId: z.uuid().optional(),
  actual: z.int(),
  expected: z.int(),
  message: z.string(),
});

export const seatAnswer = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  personId: z.uuid(),
  fullName: z.string(),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
  capacity: z.enum(SEAT_CAPACITIES),
  mandateSource: z.enum(SEAT_MANDATE_SOURCES),
  startsOn: calendarDate,
  endsOn: calendarDate.nullable(),
  current: z.boolean(),
});

const named = z.object({ id: z.uuid(), name: z.string() });

export const bodyDetailAnswer = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(BODY_KINDS),
  purpose: z.string(),
  /** The day the body began, perhaps before Entente knew it. */
  foundedOn: calendarDate,
  rule: ruleAnswer,
  parent: named.nullable(),
  children: z.array(named.extend({ kind: z.enum(BODY_KINDS) })),
  members: z.array(seatAnswer),
  gaps: z.array(gapAnswer),
  organizations: z.array(named),
  roles: z.array(named),
  delegations: z.array(delegationAnswer),
  can: z.object({ edit: z.boolean(), manageSeatsOf: z.array(z.uuid()), manageUnaffiliatedSeats: z.boolean(), openElection: z.boolean() }),
});
