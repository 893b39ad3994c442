import { z } from 'zod';
import { BODY_KINDS, MANDATE_SOURCES, SEAT_CAPACITIES } from '../common/structure.js';
import { count, endsAfterStart, endsAfterStartMessage, id, isoDate, longText, name } from '../common/contract.js';

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
