/** Shapes of the API's answers, as the pages use them. */
export interface Gap {
  code: string;
  organizationId?: string;
  actual: number;
  expected: number;
  message: string;
}

export interface Rule {
  delegatesPerOrganization: number | null;
  minReferentsPerOrganization: number | null;
  minSize: number | null;
  maxSize: number | null;
  /** How often the body meets at least, as its charter sets it. */
  meetingsPerYear: number | null;
}

export interface Holder {
  id: string;
  personId: string;
  fullName: string;
  startsOn: string;
  endsOn: string | null;
}

export interface RoleSummary {
  id: string;
  name: string;
  purpose: string;
  accountabilities: string[];
  termMonths: number | null;
  bodyId: string | null;
  sitsInParent: boolean;
  maxHolders: number;
  holders: Holder[];
  assignments: Holder[];
}

export interface Overview {
  partnership: { id: string; name: string; description: string };
  peopleCount: number;
  organizations: { id: string; name: string; kind: string }[];
  bodies: { id: string; name: string; kind: string; parentBodyId: string | null; memberCount: number; rule: Rule; gaps: Gap[] }[];
  roles: RoleSummary[];
  can: { manageStructure: boolean; manageOrganizations: string[] };
}

export interface SeatView {
  id: string;
  personId: string;
  fullName: string;
  organizationId: string | null;
  organizationName: string | null;
  capacity: string;
  mandateSource: string;
  startsOn: string;
  endsOn: string | null;
  current: boolean;
}

export interface DelegationView {
  id: string;
  fromPersonId: string;
  fromName: string;
  toPersonId: string;
  toName: string;
  bodyId?: string;
  bodyName?: string;
  scope: string;
  startsOn: string;
  endsOn: string | null;
  current: boolean;
  canEnd: boolean;
}

export interface BodyDetail {
  id: string;
  name: string;
  kind: string;
  purpose: string;
  /** The day the body began, perhaps before Entente knew it. */
  foundedOn: string;
  rule: Rule;
  parent: { id: string; name: string } | null;
  children: { id: string; name: string; kind: string }[];
  members: SeatView[];
  gaps: Gap[];
  organizations: { id: string; name: string }[];
  roles: { id: string; name: string }[];
  delegations: DelegationView[];
  can: { edit: boolean; manageSeatsOf: string[]; manageUnaffiliatedSeats: boolean; openElection: boolean };
}

export interface OrganizationDetail {
  id: string;
  name: string;
  kind: string;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  members: { id: string; personId: string; fullName: string; kind: string; isOrganizationAdmin: boolean }[];
  seats: { id: string; bodyId: string; bodyName: string; personId: string; fullName: string; capacity: string }[];
  can: { manage: boolean };
}

export interface PersonSummary {
  id: string;
  fullName: string;
  memberships: { organizationId: string; organizationName: string; kind: string }[];
}

/** A page of the people list: `next` is where the following page starts, null on the last. */
export interface PeopleList {
  total: number;
  next: string | null;
  people: PersonSummary[];
}

export interface MembershipRequestView {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: string;
  isOrganizationAdmin: boolean;
  requestedBy: string | null;
  requestedAt: string;
  canAnswer: boolean;
}

export interface PersonDetail {
  id: string;
  fullName: string;
  isPartnershipAdmin: boolean;
  contact: { email: string | null; phone: string | null } | null;
  account: { active: boolean; invitationExpiresAt: string | null } | null;
  memberships: { id: string; organizationId: string; organizationName: string; kind: string; isOrganizationAdmin: boolean }[];
  membershipRequests: MembershipRequestView[];
  seats: (Omit<SeatView, 'personId' | 'fullName' | 'organizationId'> & { bodyId: string; bodyName: string })[];
  roles: { id: string; roleId: string; roleName: string; startsOn: string; endsOn: string | null; current: boolean }[];
  delegations: DelegationView[];
  erasedAt: string | null;
  can: { edit: boolean; setAdmin: boolean; delegate: boolean; erase: boolean };
}

export interface RoleDetail extends RoleSummary {
  body: { id: string; name: string } | null;
  parentBody: { id: string; name: string } | null;
  can: { edit: boolean; assign: boolean };
}

export interface JournalEntry {
  seq: number;
  recordedAt: string;
  actorId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  hash: string;
}

export interface OutboxView {
  deliversByEmail: boolean;
  messages: { id: string; recipient: string; subject: string; body: string; createdAt: string }[];
}
