import { z } from 'zod';
import { calendarDate, endsAfterStart, endsAfterStartMessage, id, isoDate, required } from '../common/contract.js';

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

/** A delegation as the pages of its body and of the people concerned show it. */
export const delegationAnswer = z.object({
  id: z.uuid(),
  fromPersonId: z.uuid(),
  fromName: z.string(),
  toPersonId: z.uuid(),
  toName: z.string(),
  scope: z.string(),
  startsOn: calendarDate,
  endsOn: calendarDate.nullable(),
  current: z.boolean(),
  canEnd: z.boolean(),
});
