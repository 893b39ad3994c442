import { z } from 'zod';
import { MEMBERSHIP_KINDS, ORGANIZATION_KINDS } from '../common/structure.js';
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
