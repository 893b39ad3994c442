import { z } from 'zod';
import { BODY_KINDS, MANDATE_SOURCES, MEMBERSHIP_KINDS, ORGANIZATION_KINDS, SEAT_CAPACITIES } from '../common/structure.js';

/**
 * The inputs of the structure's acts. The server validates requests with them and publishes
 * them as OpenAPI; error messages are keys of the server catalogue.
 */
const required = { error: 'error.required' } as const;
const name = z.string({ error: 'error.required' }).trim().min(1, required).max(200, { error: 'error.tooLong' });
const longText = z.string().trim().max(5000, { error: 'error.tooLong' });
const optionalLine = z.string().trim().max(200, { error: 'error.tooLong' }).nullable().optional();
const email = z.email({ error: 'error.email' }).max(254).transform((value) => value.toLowerCase());
export const isoDate = z.iso.date({ error: 'error.date' });
export const id = z.uuid({ error: 'error.reference' });
const count = (max: number) => z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(max, { error: 'error.tooLarge' });

const endsAfterStart = (value: { startsOn: string; endsOn?: string | null | undefined }) =>
  value.endsOn === undefined || value.endsOn === null || value.endsOn >= value.startsOn;
const endsAfterStartMessage = { error: 'error.endsBeforeStart', path: ['endsOn'] };

export const organizationInput = z.object({
  name,
  kind: z.enum(ORGANIZATION_KINDS, { error: 'error.choice' }),
  contactEmail: email.nullable().optional(),
  contactPhone: optionalLine,
  address: optionalLine,
});
export const organizationPatch = organizationInput.partial();

export const personInput = z.object({
  fullName: name,
  email: email.nullable().optional(),
  phone: optionalLine,
  isPartnershipAdmin: z.boolean().optional(),
  memberships: z
    .array(
      z.object({
        organizationId: id,
        kind: z.enum(MEMBERSHIP_KINDS, { error: 'error.choice' }),
        isOrganizationAdmin: z.boolean().optional(),
      }),
    )
    .max(20)
    .optional(),
});
export const personPatch = personInput.omit({ memberships: true }).partial();

export const membershipInput = z.object({
  personId: id,
  kind: z.enum(MEMBERSHIP_KINDS, { error: 'error.choice' }),
  isOrganizationAdmin: z.boolean().optional(),
});

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

export const endInput = z.object({ endsOn: isoDate.optional() });

export const roleInput = z.object({
  name,
  purpose: longText.optional(),
  accountabilities: z.array(z.string().trim().min(1, required).max(500, { error: 'error.tooLong' })).max(30).optional(),
  termMonths: count(120).nullable().optional(),
  bodyId: id.nullable().optional(),
  /** The holder also sits in the body above the role's body, as a circle's second link (seed 004). */
  sitsInParent: z.boolean({ error: 'error.choice' }).optional(),
  /** How many people may hold the role at once: one more ends the earliest-begun term. */
  maxHolders: count(50).optional(),
});
export const rolePatch = roleInput.partial();

export const assignmentInput = z
  .object({ personId: id, startsOn: isoDate, endsOn: isoDate.nullable().optional() })
  .refine(endsAfterStart, endsAfterStartMessage);

export const delegationInput = z
  .object({
    fromPersonId: id,
    toPersonId: id,
    bodyId: id,
    scope: z.string().trim().min(1, required).max(2000, { error: 'error.tooLong' }),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
  })
  .refine(endsAfterStart, endsAfterStartMessage)
  .refine((value) => value.fromPersonId !== value.toPersonId, { error: 'error.delegateToSelf', path: ['toPersonId'] });

export type OrganizationInput = z.infer<typeof organizationInput>;
export type PersonInput = z.infer<typeof personInput>;
export type BodyInput = z.infer<typeof bodyInput>;
export type BodyPatch = z.infer<typeof bodyPatch>;
export type SeatInput = z.infer<typeof seatInput>;
export type RoleInput = z.infer<typeof roleInput>;
export type AssignmentInput = z.infer<typeof assignmentInput>;
export type DelegationInput = z.infer<typeof delegationInput>;
