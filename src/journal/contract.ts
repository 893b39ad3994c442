import { z } from 'zod';
import { instant } from '../common/contract.js';

/** A page of the journal, newest first: each entry with what it records and its link in the chain. */
export const journalAnswer = z.array(
  z.object({
    seq: z.int(),
    recordedAt: instant,
    actorId: z.uuid().nullable(),
    kind: z.string(),
    payload: z.record(z.string(), z.unknown()),
    hash: z.string(),
  }),
);
