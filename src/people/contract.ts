import { z } from 'zod';
import { MEMBERSHIP_KINDS } from '../common/structure.js';
import { email, id, name, optionalLine } from '../common/contract.js';

/** The inputs of the people's acts, validated by the server and published as OpenAPI. */
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

export type PersonInput = z.infer<typeof personInput>;
