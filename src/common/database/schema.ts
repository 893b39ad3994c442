import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/** Columns the database fills on insert and nobody writes afterwards. */
type CreatedAt = ColumnType<Date, never, never>;
type Json<T> = ColumnType<T, string, string>;

export interface PartnershipTable {
  id: string;
  name: string;
  description: Generated<string>;
  created_at: CreatedAt;
}

export interface OrganizationTable {
  id: string;
  partnership_id: string;
  name: string;
  kind: string;
  contact_email: string | null;
  contact_phone: string | null;
  address: string | null;
  created_at: CreatedAt;
}

export interface AccountTable {
  id: string;
  email: string;
  password_hash: string | null;
  locale: string | null;
  created_at: CreatedAt;
}

export interface PersonTable {
  id: string;
  partnership_id: string;
  account_id: string | null;
  full_name: string;
  email: string | null;
  phone: string | null;
  is_partnership_admin: Generated<boolean>;
  created_at: CreatedAt;
  erased_at: Generated<Date | null>;
}

export interface MembershipTable {
  id: string;
  person_id: string;
  organization_id: string;
  kind: string;
  is_organization_admin: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MembershipRequestTable {
  id: string;
  person_id: string;
  organization_id: string;
  kind: string;
  is_organization_admin: boolean;
  requested_by: string | null;
  requested_at: Date;
  answer: 'accepted' | 'declined' | null;
  answered_at: Date | null;
  membership_id: string | null;
}

export interface BodyTable {
  id: string;
  partnership_id: string;
  parent_body_id: string | null;
  name: string;
  kind: string;
  purpose: Generated<string>;
  delegates_per_organization: number | null;
  min_referents_per_organization: number | null;
  min_size: number | null;
  max_size: number | null;
  meetings_per_year: number | null;
  /** The day the body began, before Entente knew it perhaps: its cadence counts from there. */
  founded_on: Generated<string>;
  created_at: CreatedAt;
}

export interface BodyMemberTable {
  id: string;
  body_id: string;
  person_id: string;
  organization_id: string | null;
  capacity: string;
  mandate_source: string;
  starts_on: string;
  ends_on: string | null;
  role_assignment_id: Generated<string | null>;
  created_at: CreatedAt;
}

export interface RoleTable {
  id: string;
  partnership_id: string;
  body_id: string | null;
  name: string;
  purpose: Generated<string>;
  accountabilities: Json<string[]>;
  term_months: number | null;
  sits_in_parent: Generated<boolean>;
  max_holders: Generated<number>;
  created_at: CreatedAt;
}

export interface RoleAssignmentTable {
  id: string;
  role_id: string;
  person_id: string;
  starts_on: string;
  ends_on: string | null;
  created_at: CreatedAt;
  term_reminded_at: Generated<Date | null>;
}

export interface DelegationTable {
  id: string;
  partnership_id: string;
  from_person_id: string;
  to_person_id: string;
  body_id: string;
  scope: string;
  starts_on: string;
  ends_on: string | null;
  created_at: CreatedAt;
}

export interface InvitationTable {
  token_hash: string;
  person_id: string;
  /** The address the invitation was sent to: accepting requires the person still to have it. */
  email: string;
  expires_at: Date;
  accepted_at: Date | null;
  created_at: CreatedAt;
}

export interface MagicLinkTable {
  token_hash: string;
  account_id: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface SessionTable {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface OutboxMessageTable {
  id: string;
  partnership_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  /** An iCalendar event sent along, for a meeting's invitation. */
  calendar: Generated<string | null>;
  sent_at: Date | null;
  created_at: CreatedAt;
}

/** The text of a mail as its addressee reads it, with a link that opens an account; gone once the mail is delivered. */
export interface OutboxPersonalBodyTable {
  message_id: string;
  body: string;
  /** Set for an invitation, whose text those who may invite the person may read while it is open. */
  invitation_token_hash: string | null;
}

export interface JournalHeadTable {
  partnership_id: string;
  seq: number;
  prev_hash: string;
  hash: string;
}

/** A sealed entry: `body` is the text its hash covers; the generated columns are read from it. */
export interface JournalEntryTable {
  partnership_id: string;
  seq: number;
  recorded_at: Date;
  body: string;
  prev_hash: string;
  hash: string;
  actor_id: GeneratedAlways<string | null>;
  kind: GeneratedAlways<string>;
  payload: GeneratedAlways<Record<string, unknown>>;
  body_partnership_id: GeneratedAlways<string>;
  body_recorded_at: GeneratedAlways<string>;
}

/** An entry an act committed, until the sealer chains it into journal_entry. */
export interface JournalPendingTable {
  id: Generated<string>;
  partnership_id: string;
  recorded_at: Date;
  actor_id: string | null;
  kind: string;
  payload: Json<Record<string, unknown>>;
}

export interface CharterTable {
  id: string;
  partnership_id: string;
  kind: string;
  created_at: CreatedAt;
}

export interface CharterVersionTable {
  id: string;
  charter_id: string;
  number: number;
  status: string;
  title: string;
  articles: Json<unknown>;
  rules: Json<unknown>;
  content_hash: string;
  adopted_on: string | null;
  adopted_by_body_id: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CharterSignatureTable {
  id: string;
  version_id: string;
  signatory_id: string;
  person_id: string;
  organization_id: string | null;
  capacity: string;
  typed_name: string;
  statement: string;
  content_hash: string;
  signed_at: Date;
}

export interface ProposalTable {
  id: string;
  partnership_id: string;
  charter_version_id: string;
  level: string;
  topic: string;
  wording: string;
  context: string;
  participation_level: string;
  initiator_id: string;
  facilitator_id: string;
  body_id: string;
  rule: Json<unknown>;
  stage: string;
  phase: string;
  round: number;
  round_deadline: ColumnType<Date | null, Date | null | undefined, Date | null>;
  status: string;
  outcome_statement: Generated<string>;
  review_on: string | null;
  decided_at: Date | null;
  charter_draft_version_id: string | null;
  charter_draft_hash: string | null;
  review_reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
}

export interface StanceTable {
  id: string;
  proposal_id: string;
  body_id: string;
  round: number;
  member_id: string;
  posted_by: string;
  stance: string;
  reason: string;
  idempotency_key: string;
  updated_at: Date;
}

export interface ElectionTable {
  id: string;
  partnership_id: string;
  body_id: string;
  role_id: string;
  term_months: number;
  qualities: string;
  facilitator_id: string;
  phase: string;
  round: number;
  candidate_id: string | null;
  assignment_id: string | null;
  created_by: string;
  created_at: Date;
  ended_at: Date | null;
  deadline: Generated<Date | null>;
}

export interface NominationTable {
  election_id: string;
  member_id: string;
  nominee_id: string;
  reason: string;
  first_nominee_id: string;
  first_reason: string;
  updated_at: Date;
}

export interface ElectionStanceTable {
  election_id: string;
  round: number;
  member_id: string;
  stance: string;
  reason: string;
  updated_at: Date;
}

export interface MeetingTable {
  id: string;
  partnership_id: string;
  body_id: string;
  title: string;
  starts_at: Date;
  duration_minutes: number;
  place: string;
  online_url: string | null;
  facilitator_id: string;
  secretary_id: string | null;
  minutes: Generated<string>;
  minutes_published_at: Generated<Date | null>;
  created_by: string;
  created_at: Date;
  opened_at: Generated<Date | null>;
  current_item_id: Generated<string | null>;
  closing_at: Generated<Date | null>;
  ended_at: Generated<Date | null>;
  minutes_version: Generated<number>;
  review_until: Generated<Date | null>;
  /** Held before or outside Entente and recorded afterwards, its minutes published as written. */
  recorded_afterwards: Generated<boolean>;
}

export interface AgendaItemTable {
  id: string;
  meeting_id: string;
  position: number;
  kind: string;
  title: string;
  proposal_id: string | null;
  minutes_allotted: number | null;
  proposed_by: string;
  created_at: Date;
  started_at: Generated<Date | null>;
  ended_at: Generated<Date | null>;
}

export interface MeetingRoundWordTable {
  meeting_id: string;
  round: string;
  person_id: string;
  word: string;
  said_at: Date;
}

export interface MinutesReviewTable {
  meeting_id: string;
  person_id: string;
  minutes_version: number;
  verdict: string;
  remark: string;
  answered_at: Date;
}

export interface AttendanceTable {
  meeting_id: string;
  person_id: string;
  status: string;
  represented_by: string | null;
}

export interface DatePollTable {
  id: string;
  partnership_id: string;
  body_id: string;
  title: string;
  duration_minutes: number;
  created_by: string;
  created_at: Date;
  meeting_id: string | null;
  closed_at: Date | null;
}

export interface DatePollSlotTable {
  id: string;
  poll_id: string;
  starts_at: Date;
}

export interface DatePollAnswerTable {
  slot_id: string;
  member_id: string;
  answer: string;
}

export interface StanceRequestTable {
  proposal_id: string;
  idempotency_key: string;
}

export interface ProxyTable {
  id: string;
  proposal_id: string;
  body_id: string;
  giver_id: string;
  holder_id: string;
  created_at: Date;
}

export interface InformationNoteTable {
  id: string;
  proposal_id: string;
  body_id: string;
  recipients: number;
  created_at: Date;
}

/** The PDF of a frozen document as first printed (migration 023). */
export interface PrintedDocumentTable {
  subject_id: string;
  edition: string;
  locale: string;
  partnership_id: string;
  pdf: Uint8Array;
  printed_at: Generated<Date>;
}

export interface Database {
  partnership: PartnershipTable;
  organization: OrganizationTable;
  account: AccountTable;
  person: PersonTable;
  membership: MembershipTable;
  membership_request: MembershipRequestTable;
  body: BodyTable;
  body_member: BodyMemberTable;
  role: RoleTable;
  role_assignment: RoleAssignmentTable;
  delegation: DelegationTable;
  invitation: InvitationTable;
  magic_link: MagicLinkTable;
  session: SessionTable;
  outbox_message: OutboxMessageTable;
  outbox_personal_body: OutboxPersonalBodyTable;
  journal_head: JournalHeadTable;
  journal_entry: JournalEntryTable;
  journal_pending: JournalPendingTable;
  election: ElectionTable;
  nomination: NominationTable;
  election_stance: ElectionStanceTable;
  meeting: MeetingTable;
  agenda_item: AgendaItemTable;
  attendance: AttendanceTable;
  meeting_round_word: MeetingRoundWordTable;
  minutes_review: MinutesReviewTable;
  date_poll: DatePollTable;
  date_poll_slot: DatePollSlotTable;
  date_poll_answer: DatePollAnswerTable;
  charter: CharterTable;
  charter_version: CharterVersionTable;
  charter_signature: CharterSignatureTable;
  proposal: ProposalTable;
  stance: StanceTable;
  proxy: ProxyTable;
  stance_request: StanceRequestTable;
  information_note: InformationNoteTable;
  printed_document: PrintedDocumentTable;
}
