import { z } from 'zod';
import { calendarDate, instant } from '../common/contract.js';
import { ELECTION_PHASES, ELECTION_STANCES } from './rules.js';

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

/** The answers of the elections' routes: what leaves the server, and what the pages read. */
const named = z.object({ id: z.uuid(), name: z.string() });
const person = z.object({ id: z.uuid(), fullName: z.string() });
const phase = z.enum(ELECTION_PHASES);

export const electionListAnswer = z.array(
  z.object({
    id: z.uuid(),
    phase,
    round: z.int(),
    body: named,
    role: named,
    /** The name of whoever was elected, once someone is. */
    elected: z.string().nullable(),
    createdAt: instant,
    endedAt: instant.nullable(),
  }),
);

export const electionDetailAnswer = z.object({
  id: z.uuid(),
  phase,
  round: z.int(),
  termMonths: z.int(),
  qualities: z.string(),
  body: named,
  role: named.extend({ purpose: z.string(), accountabilities: z.array(z.string()) }),
  facilitator: person,
  candidate: person.nullable(),
  /** The term the elected person holds: its days, unknown only if the role's assignment was since removed. */
  elected: person.extend({ startsOn: calendarDate.nullable(), endsOn: calendarDate.nullable() }).nullable(),
  createdAt: instant,
  endedAt: instant.nullable(),
  deadline: instant.nullable(),
  members: z.array(person.extend({ nominated: z.boolean(), stance: z.object({ stance: z.enum(ELECTION_STANCES), reason: z.string() }).nullable() })),
  ownNomination: z.object({ nominee: person, reason: z.string() }).nullable(),
  nominations: z.array(
    z.object({
      member: person,
      nominee: person,
      reason: z.string(),
      changedFrom: z.object({ nominee: person, reason: z.string() }).nullable(),
    }),
  ),
  objections: z.array(z.object({ round: z.int(), member: person, reason: z.string() })),
  can: z.object({ nominate: z.boolean(), facilitate: z.boolean(), takeStance: z.boolean() }),
});

/** A nomination written, or changed in the change round. */
export const nominationAnswer = z.object({ changed: z.boolean() });
/** The step the election has moved to; an election won names the role assignment it became. */
export const electionStepAnswer = z.object({ phase, assignmentId: z.uuid().optional() });
/** The consent round the proposal or the stance belongs to. */
export const consentRoundAnswer = z.object({ round: z.int() });
