import { z } from 'zod';
import { MEMBERSHIP_KINDS, SEAT_CAPACITIES, SEAT_MANDATE_SOURCES } from '../common/structure.js';
import { calendarDate, email, id, instant, name, optionalLine } from '../common/contract.js';
import { delegationAnswer } from '../delegations/contract.js';

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

const membershipOf = z.object({ organizationId: z.uuid(), organizationName: z.string(), kind: z.enum(MEMBERSHIP_KINDS) });

/** A page of the people list: `next` is where the following page starts, null on the last. */
export const peopleListAnswer = z.object({
  total: z.int(),
  next: z.uuid().nullable(),
  people: z.array(z.object({ id: z.uuid(), fullName: z.string(), memberships: z.array(membershipOf) })),
});

export const membershipRequestAnswer = membershipOf.extend({
  id: z.uuid(),
  isOrganizationAdmin: z.boolean(),
  /** Who asked, unless erased since. */
  requestedBy: z.string().nullable(),
  requestedAt: instant,
  canAnswer: z.boolean(),
});

export const personDetailAnswer = z.object({
  id: z.uuid(),
  fullName: z.string(),
  isPartnershipAdmin: z.boolean(),
  /** Only for those who may manage the person. */
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  account: z.object({ active: z.boolean(), invitationExpiresAt: instant.nullable() }).nullable(),
  memberships: z.array(membershipOf.extend({ id: z.uuid(), isOrganizationAdmin: z.boolean() })),
  membershipRequests: z.array(membershipRequestAnswer),
  seats: z.array(
    z.object({
      id: z.uuid(),
      bodyId: z.uuid(),
      bodyName: z.string(),
      organizationName: z.string().nullable(),
      capacity: z.enum(SEAT_CAPACITIES),
      mandateSource: z.enum(SEAT_MANDATE_SOURCES),
      startsOn: calendarDate,
      endsOn: calendarDate.nullable(),
      current: z.boolean(),
    }),
  ),
  roles: z.array(z.object({ id: z.uuid(), roleId: z.uuid(), roleName: z.string(), startsOn: calendarDate, endsOn: calendarDate.nullable(), current: z.boolean() })),
  delegations: z.array(delegationAnswer.extend({ bodyId: z.uuid(), bodyName: z.string() })),
  erasedAt: instant.nullable(),
  can: z.object({ edit: z.boolean(), setAdmin: z.boolean(), delegate: z.boolean(), erase: z.boolean() }),
});

/** An invitation sent: until when its link opens an account. */
export const invitationSentAnswer = z.object({ expiresAt: instant });
