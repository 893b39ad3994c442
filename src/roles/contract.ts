import { z } from 'zod';
import { calendarDate, count, endsAfterStart, endsAfterStartMessage, id, isoDate, longText, name, required } from '../common/contract.js';

/** The inputs of the roles' acts, validated by the server and published as OpenAPI. */
export const roleInput = z.object({
  name,
  purpose: longText.optional(),
  accountabilities: z.array(z.string().trim().min(1, required).max(500, { error: 'error.tooLong' })).max(30).optional(),
  termMonths: count(120).nullable().optional(),
  bodyId: id.nullable().optional(),
  /** The holder also sits in the body above the role's body, as a circle's second link (seed 004). */
  sitsInParent: z.boolean({ error: 'error.choice' }).optional(),
  /** The holder is appointed by the members of the body above, not by the role's own body: a circle's leader (seed 004). */
  appointedByParent: z.boolean({ error: 'error.choice' }).optional(),
  /** The holders supervise every circle: they are invited as guests to each circle's meetings, and take no stance there (seed 004's sociocracy expert). */
  supervisesCircles: z.boolean({ error: 'error.choice' }).optional(),
  /** How many people may hold the role at once: one more ends the earliest-begun term. */
  maxHolders: count(50).optional(),
});

export const rolePatch = roleInput.partial();

export const assignmentInput = z
  .object({ personId: id, startsOn: isoDate, endsOn: isoDate.nullable().optional() })
  .refine(endsAfterStart, endsAfterStartMessage);

export type RoleInput = z.infer<typeof roleInput>;
export type AssignmentInput = z.infer<typeof assignmentInput>;

/** A term of a role: who held it, from when, until when. */
export const termAnswer = z.object({ id: z.uuid(), personId: z.uuid(), fullName: z.string(), startsOn: calendarDate, endsOn: calendarDate.nullable() });

export const roleSummaryAnswer = z.object({
  id: z.uuid(),
  name: z.string(),
  purpose: z.string(),
  accountabilities: z.array(z.string()),
  termMonths: z.int().nullable(),
  bodyId: z.uuid().nullable(),
  sitsInParent: z.boolean(),
  appointedByParent: z.boolean(),
  supervisesCircles: z.boolean(),
  maxHolders: z.int(),
  /** Today's holders. */
  holders: z.array(termAnswer),
  /** Every term, newest first. */
  assignments: z.array(termAnswer),
});

export const roleDetailAnswer = roleSummaryAnswer.extend({
  body: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Where the holder also sits, for a role that seats its holder in the parent body. */
  parentBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The body whose members appoint the holders: the role's body, or the body above for a role it appoints; null for a role of the partnership. */
  appointingBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  can: z.object({ edit: z.boolean(), assign: z.boolean() }),
});
