import { z } from 'zod';
import { id, instant } from '../common/contract.js';
import { CIRCLE_JOIN_STATUSES, SIZE_STANDINGS } from './rules.js';

/** The inputs and answers of circles people join (seed 004). */
const motivation = z.string({ error: 'error.required' }).trim().max(2000, { error: 'error.tooLong' }).default('');

/** A person asks to join a circle, with a few words of why. */
export const joinRequestInput = z.object({ motivation });

/** A member of the circle invites someone; the invitation is itself the request the circle decides on. */
export const circleInvitationInput = z.object({ personId: id, motivation });

const person = z.object({ id: z.uuid(), fullName: z.string() });

/** A count of members against the circle's range (`standing`: inside it, under its minimum, over its maximum). */
export const circleSizeAnswer = z.object({
  members: z.int(),
  minSize: z.int().nullable(),
  maxSize: z.int().nullable(),
  standing: z.enum(SIZE_STANDINGS),
});

/** A request to join a circle: who, asked by whom, why, its proposal, the size the circle would reach. */
export const circleJoinAnswer = z.object({
  id: z.uuid(),
  circle: z.object({ id: z.uuid(), name: z.string() }),
  person,
  askedBy: person,
  /** Asked by a member of the circle for someone else. */
  invited: z.boolean(),
  motivation: z.string(),
  status: z.enum(CIRCLE_JOIN_STATUSES),
  createdAt: instant,
  settledAt: instant.nullable(),
  /** The proposal the circle decides on (the latest, once settled). */
  proposalId: z.uuid().nullable(),
  /** The circle's size once this person joins, as it stands today. */
  sizeAfter: circleSizeAnswer,
  can: z.object({ withdraw: z.boolean() }),
});

/**
 * A circle's side of its body page: its size against its range, who supervises it (holders of a
 * role supervising circles), who leads it and who links it to the circle above, the open requests
 * to join, and what this viewer may do.
 */
export const circleAnswer = z.object({
  id: z.uuid(),
  name: z.string(),
  size: circleSizeAnswer,
  /** The size once one more person joins, which the request form says before it is sent. */
  sizeAfterOneMore: circleSizeAnswer,
  supervisors: z.array(person.extend({ roleName: z.string() })),
  /** Roles of the circle appointed by the circle above, and roles seating their holder there, with today's holders. */
  officers: z.array(z.object({ roleId: z.uuid(), roleName: z.string(), appointedByParent: z.boolean(), sitsInParent: z.boolean(), holders: z.array(person) })),
  openJoins: z.array(circleJoinAnswer.omit({ can: true })),
  /** The viewer's own open request, if any. */
  viewerJoinId: z.uuid().nullable(),
  viewerIsMember: z.boolean(),
  can: z.object({ ask: z.boolean(), invite: z.boolean() }),
});
