import { z } from 'zod';
import { endsAfterStart, endsAfterStartMessage, id, isoDate, required } from '../common/contract.js';

/** The inputs of the delegations' acts, validated by the server and published as OpenAPI. */
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

export type DelegationInput = z.infer<typeof delegationInput>;
