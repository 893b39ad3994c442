import type { IsoDate, Period } from './dates.js';

export const ORGANIZATION_KINDS = [
  'association',
  'social_centre',
  'youth_centre',
  'residents_committee',
  'cooperative',
  'public_body',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const MEMBERSHIP_KINDS = ['volunteer', 'staff', 'board'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export const BODY_KINDS = ['plenary', 'steering', 'directors', 'working_group', 'circle'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** How a person sits in a body: delegate of a house, referent of a house, or plain member. */
export const SEAT_CAPACITIES = ['delegate', 'referent', 'member'] as const;
export type SeatCapacity = (typeof SEAT_CAPACITIES)[number];

/** Who gave the mandate: the house's board, its staff body, a general assembly, the partnership, or nobody. */
export const MANDATE_SOURCES = ['board', 'staff_body', 'general_assembly', 'partnership', 'self'] as const;
export type MandateSource = (typeof MANDATE_SOURCES)[number];
/** What a seat may record: a mandate given, or a role that seats its holder in the body above (never chosen by hand). */
export const SEAT_MANDATE_SOURCES = [...MANDATE_SOURCES, 'role'] as const;
export type SeatMandateSource = (typeof SEAT_MANDATE_SOURCES)[number];

export interface CompositionRule {
  readonly delegatesPerOrganization: number | null;
  readonly minReferentsPerOrganization: number | null;
  readonly minSize: number | null;
  readonly maxSize: number | null;
}

export interface Seat extends Period {
  readonly personId: string;
  readonly organizationId: string | null;
  readonly capacity: SeatCapacity;
}

export interface OrganizationRef {
  readonly id: string;
  readonly name: string;
}

export type { IsoDate };
