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

export type ElectionPhase = 'nomination' | 'reveal' | 'change' | 'proposal' | 'consent' | 'elected' | 'abandoned';

export interface ElectionSummary {
  id: string;
  phase: ElectionPhase;
  round: number;
  body: { id: string; name: string };
  role: { id: string; name: string };
  elected: string | null;
  createdAt: string;
  endedAt: string | null;
}

interface Named {
  id: string;
  fullName: string;
}

export interface ElectionDetail {
  id: string;
  phase: ElectionPhase;
  round: number;
  termMonths: number;
  qualities: string;
  body: { id: string; name: string };
  role: { id: string; name: string; purpose: string; accountabilities: string[] };
  facilitator: Named;
  candidate: Named | null;
  elected: (Named & { startsOn: string | null; endsOn: string | null }) | null;
  createdAt: string;
  endedAt: string | null;
  deadline: string | null;
  members: (Named & { nominated: boolean; stance: { stance: 'consent' | 'object'; reason: string } | null })[];
  ownNomination: { nominee: Named; reason: string } | null;
  nominations: { member: Named; nominee: Named; reason: string; changedFrom: { nominee: Named; reason: string } | null }[];
  objections: { round: number; member: Named; reason: string }[];
  can: { nominate: boolean; facilitate: boolean; takeStance: boolean };
}

export type AttendanceStatus = 'present' | 'excused' | 'absent' | 'represented';

export interface BodyMeetings {
  meetings: { id: string; title: string; startsAt: string; place: string; published: boolean; recordedAfterwards: boolean }[];
  openPolls: { id: string; title: string; createdAt: string }[];
  nextFacilitator: { id: string; fullName: string } | null;
  members: { id: string; fullName: string }[];
  can: { call: boolean };
}

export interface MeetingDetail {
  id: string;
  title: string;
  body: { id: string; name: string };
  startsAt: string;
  durationMinutes: number;
  place: string;
  onlineUrl: string | null;
  facilitator: { id: string; fullName: string };
  secretary: { id: string; fullName: string } | null;
  agenda: {
    id: string;
    kind: 'information' | 'discussion' | 'decision';
    title: string;
    minutesAllotted: number | null;
    startedAt: string | null;
    endedAt: string | null;
    minutesSpent: number | null;
    proposedBy: string;
    proposal: { id: string; wording: string; status: string; outcomeStatement: string | null } | null;
  }[];
  attendance: { personId: string; fullName: string; status: AttendanceStatus | null; representedBy: { id: string; fullName: string } | null }[];
  quorum: { rule: 'one_delegate_per_organization' | 'majority'; met: boolean; present: number; members: number; missingOrganizations: string[] };
  decisions: { proposalId: string; wording: string; status: string; outcomeStatement: string | null }[];
  stage: MeetingStage;
  /** Held before or outside Entente: its day and record only. */
  recordedAfterwards: boolean;
  openedAt: string | null;
  endedAt: string | null;
  roundWords: { round: 'opening' | 'closing'; personId: string; fullName: string; word: string }[];
  minutes: string;
  minutesVersion: number;
  minutesPublishedAt: string | null;
  reviewUntil: string | null;
  reviews: { personId: string; fullName: string; verdict: 'approve' | 'amend'; remark: string; answeredAt: string; current: boolean }[];
  openProposals: { id: string; wording: string }[];
  can: { addItem: boolean; changeRoles: boolean; run: boolean; sayWord: boolean; review: boolean };
}

export type MeetingStage = { kind: 'planned' } | { kind: 'opening' } | { kind: 'item'; itemId: string } | { kind: 'closing' } | { kind: 'ended' };

export type PollAnswer = 'yes' | 'if_need_be' | 'no';

export interface DatePollDetail {
  id: string;
  title: string;
  durationMinutes: number;
  body: { id: string; name: string };
  createdBy: { id: string; fullName: string };
  meetingId: string | null;
  slots: { id: string; startsAt: string; yes: number; ifNeedBe: number; no: number }[];
  members: { id: string; fullName: string; answers: Record<string, PollAnswer> }[];
  ownAnswers: Record<string, PollAnswer>;
  bestSlotId: string | null;
  can: { answer: boolean; close: boolean };
}
