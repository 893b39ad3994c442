import { z } from 'zod';
import { ELECTION_STANCES } from './rules.js';

/** The inputs of an election's acts, validated by the server and published as OpenAPI. */
const reference = { error: 'error.reference' } as const;

export const electionInput = z.object({
  bodyId: z.uuid(reference),
  roleId: z.uuid(reference),
  /** Months the elected person holds the role; the role's own term when left out. */
  termMonths: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(120, { error: 'error.tooLarge' }).optional(),
  /** The qualities sought, said before anyone nominates. */
  qualities: z.string().trim().max(5000, { error: 'error.tooLong' }).default(''),
  facilitatorId: z.uuid(reference).optional(),
  /** For an election held at a distance: nominations are written until then. */
  nominationDeadline: z.iso.datetime({ offset: true, error: 'error.dateTime' }).optional(),
});

export const nominationInput = z.object({
  nomineeId: z.uuid(reference),
  reason: z.string({ error: 'error.required' }).trim().max(2000, { error: 'error.tooLong' }),
});

export const candidateInput = z.object({
  candidateId: z.uuid(reference),
  /** For a consent round held at a distance: members answer until then. */
  deadline: z.iso.datetime({ offset: true, error: 'error.dateTime' }).optional(),
});

export const electionStanceInput = z.object({
  stance: z.enum(ELECTION_STANCES, { error: 'error.choice' }),
  reason: z.string().trim().max(2000, { error: 'error.tooLong' }).default(''),
});
