import { z } from 'zod';
import { MEMBERSHIP_KINDS, ORGANIZATION_KINDS, SEAT_CAPACITIES } from '../common/structure.js';
import { email, id, name, optionalLine } from '../common/contract.js';

/** The inputs of the organizations' acts, validated by the server and published as OpenAPI. */
export const organizationInput = z.object({
  name,
  kind: z.enum(ORGANIZATION_KINDS, { error: 'error.choice' }),
  contactEmail: email.nullable().optional(),
  contactPhone: optionalLine,
  address: optionalLine,
});

export const organizationPatch = organizationInput.partial();

export const membershipInput = z.object({
  personId: id,
  kind: z.enum(MEMBERSHIP_KINDS, { error: 'error.choice' }),
  isOrganizationAdmin: z.boolean().optional(),
});

export type OrganizationInput = z.infer<typeof organizationInput>;

export const organizationDetailAnswer = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  members: z.array(z.object({ id: z.uuid(), personId: z.uuid(), fullName: z.string(), kind: z.enum(MEMBERSHIP_KINDS), isOrganizationAdmin: z.boolean() })),
  /** The seats its people hold today for it. */
  seats: z.array(z.object({ id: z.uuid(), bodyId: z.uuid(), bodyName: z.string(), personId: z.uuid(), fullName: z.string(), capacity: z.enum(SEAT_CAPACITIES) })),
  can: z.object({ manage: z.boolean() }),
});

/** A person's answer to a request to join an organization; accepted, it names the membership made. */
export const membershipRequestAnsweredAnswer = z.object({ id: z.uuid(), answer: z.enum(['accepted', 'declined']), membershipId: z.uuid().nullable() });
