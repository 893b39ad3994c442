/** The tables as the migrations leave them, written by `npm run db:types` (kysely-codegen): do not edit. */

import type { ColumnType } from "kysely";

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Numeric = ColumnType<string, number | string, number | string>;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface Accompaniment {
  archived_at: Timestamp | null;
  archived_by: string | null;
  created_at: Timestamp;
  created_by: string | null;
  id: string;
  licence: string;
  partnership_id: string;
  project_id: string | null;
  purpose: Generated<string>;
  title: string;
}

export interface AccompanimentDay {
  accompaniment_id: string;
  created_at: Timestamp;
  created_by: string | null;
  ends_at: Timestamp;
  held_at: Timestamp | null;
  id: string;
  place: Generated<string>;
  starts_at: Timestamp;
  title: string;
}

export interface AccompanimentDayItem {
  day_id: string;
  id: string;
  minutes: number | null;
  position: number;
  title: string;
}

export interface AccompanimentDayPresence {
  day_id: string;
  person_id: string;
}

export interface AccompanimentMember {
  accompaniment_id: string;
  added_at: Timestamp;
  added_by: string | null;
  person_id: string;
  role: string;
}

export interface Account {
  created_at: Generated<Timestamp>;
  email: string;
  id: string;
  locale: string | null;
  password_hash: string | null;
}

export interface ActionPlan {
  adopted_on: string | null;
  created_at: Timestamp;
  created_by: string | null;
  ends_on: string;
  id: string;
  partnership_id: string;
  starts_on: string;
  status: string;
  title: string;
  updated_at: Timestamp;
}

export interface ActionPlanAction {
  deadline: string | null;
  id: string;
  owner_id: string | null;
  position: number;
  status: string;
  status_since: Timestamp;
  subject_id: string;
  title: string;
}

export interface ActionPlanSubject {
  carried_from: string | null;
  description: Generated<string>;
  id: string;
  plan_id: string;
  position: number;
  title: string;
}

export interface AgendaItem {
  created_at: Timestamp;
  ended_at: Timestamp | null;
  id: string;
  kind: string;
  meeting_id: string;
  minutes_allotted: number | null;
  position: number;
  proposal_id: string | null;
  proposed_by: string;
  started_at: Timestamp | null;
  title: string;
}

export interface Attendance {
  meeting_id: string;
  person_id: string;
  represented_by: string | null;
  status: string;
}

export interface Body {
  created_at: Generated<Timestamp>;
  delegates_per_organization: number | null;
  founded_on: Generated<string>;
  id: string;
  kind: string;
  max_size: number | null;
  meetings_per_year: number | null;
  min_referents_per_organization: number | null;
  min_size: number | null;
  name: string;
  parent_body_id: string | null;
  partnership_id: string;
  purpose: Generated<string>;
}

export interface BodyMember {
  body_id: string;
  capacity: string;
  created_at: Generated<Timestamp>;
  ends_on: string | null;
  id: string;
  mandate_source: string;
  organization_id: string | null;
  person_id: string;
  role_assignment_id: string | null;
  starts_on: string;
}

export interface Budget {
  charter_id: string | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  id: string;
  partnership_id: string;
  project_id: string | null;
  reported_at: Timestamp | null;
  status: string;
}

export interface BudgetEntry {
  amount_cents: number;
  attachment_id: string | null;
  budget_id: string;
  counterparty: Generated<string>;
  id: string;
  line_key: string;
  note: Generated<string>;
  occurred_on: string;
  organization_id: string | null;
  person_id: string | null;
  recorded_at: Timestamp;
  recorded_by: string | null;
  reverses: string | null;
}

export interface BudgetLine {
  amount_cents: number | null;
  category: string;
  grant_status: string | null;
  id: string;
  internal: boolean;
  kind: string;
  label: string;
  line_key: string;
  organization_id: string | null;
  position: number;
  version_id: string;
}

export interface BudgetVersion {
  budget_id: string;
  created_at: Timestamp;
  created_by: string | null;
  id: string;
  number: number;
  status: string;
  updated_at: Timestamp;
  validated_on: string | null;
}

export interface Charter {
  created_at: Generated<Timestamp>;
  id: string;
  kind: string;
  partnership_id: string;
}

export interface CharterSignature {
  capacity: string;
  content_hash: string;
  id: string;
  organization_id: string | null;
  person_id: string;
  signatory_id: string;
  signed_at: Timestamp;
  statement: string;
  typed_name: string;
  version_id: string;
}

export interface CharterVersion {
  adopted_by_body_id: string | null;
  adopted_on: string | null;
  articles: Json;
  charter_id: string;
  content_hash: string;
  created_at: Generated<Timestamp>;
  id: string;
  number: number;
  rules: Json;
  status: string;
  title: string;
  updated_at: Generated<Timestamp>;
}

export interface CircleJoin {
  asked_by: string;
  body_id: string;
  created_at: Timestamp;
  id: string;
  motivation: Generated<string>;
  partnership_id: string;
  person_id: string;
  settled_at: Timestamp | null;
  status: string;
}

export interface DatePoll {
  body_id: string;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string;
  duration_minutes: number;
  id: string;
  meeting_id: string | null;
  partnership_id: string;
  title: string;
}

export interface DatePollAnswer {
  answer: string;
  member_id: string;
  slot_id: string;
}

export interface DatePollSlot {
  id: string;
  poll_id: string;
  starts_at: Timestamp;
}

export interface Delegation {
  body_id: string;
  created_at: Generated<Timestamp>;
  ends_on: string | null;
  from_person_id: string;
  id: string;
  partnership_id: string;
  scope: string;
  starts_on: string;
  to_person_id: string;
}

export interface Deliverable {
  charter_id: string;
  created_at: Timestamp;
  created_by: string | null;
  description: Generated<string>;
  due_on: string | null;
  id: string;
  licence_output: Generated<boolean>;
  owner_id: string | null;
  partnership_id: string;
  published_url: string | null;
  status: string;
  status_since: Timestamp;
  title: string;
}

export interface DiscussionMessage {
  answered_at: Timestamp | null;
  answered_by: string | null;
  author_id: string;
  body: string;
  created_at: Timestamp;
  id: string;
  kind: string;
  phase: string;
  proposal_id: string;
  reply_to: string | null;
  round: number;
}

export interface Dispute {
  agreed_at: Timestamp | null;
  agreement: string | null;
  charter_id: string;
  charter_version_id: string;
  closed_at: Timestamp | null;
  closed_how: string | null;
  crisis_due_at: Timestamp;
  existence_visible: boolean;
  id: string;
  mediation_ended_at: Timestamp | null;
  mediation_requested_at: Timestamp | null;
  mediator_body_id: string | null;
  mediator_id: string | null;
  opened_at: Timestamp;
  opened_by: string;
  partnership_id: string;
  stage: string;
  subject: string;
  write_up: string | null;
  write_up_published_at: Timestamp | null;
}

export interface DisputeMeeting {
  called_at: Timestamp;
  called_by: string;
  dispute_id: string;
  held_at: Timestamp | null;
  id: string;
  kind: string;
  online_url: string | null;
  outcome: string | null;
  place: Generated<string>;
  round: string | null;
  starts_at: Timestamp;
}

export interface DisputeMeetingNote {
  meeting_id: string;
  round: string;
  text: Generated<string>;
  written_at: Timestamp;
  written_by: string | null;
}

export interface DisputeParty {
  consents_to_publish: boolean | null;
  dispute_id: string;
  person_id: string;
}

export interface DisputeTask {
  dispute_id: string;
  done_at: Timestamp | null;
  due_on: string | null;
  id: string;
  objective: string;
  owner_id: string | null;
  position: number;
  settlement_id: string | null;
  status: string;
}

export interface Election {
  assignment_id: string | null;
  body_id: string;
  candidate_id: string | null;
  created_at: Timestamp;
  created_by: string;
  deadline: Timestamp | null;
  ended_at: Timestamp | null;
  facilitator_id: string;
  id: string;
  partnership_id: string;
  phase: string;
  qualities: Generated<string>;
  role_id: string;
  round: Generated<number>;
  term_months: number;
}

export interface ElectionStance {
  election_id: string;
  member_id: string;
  reason: Generated<string>;
  round: number;
  stance: string;
  updated_at: Timestamp;
}

export interface FundCall {
  amount_cents: number;
  declared_budget_cents: number | null;
  due_on: string;
  id: string;
  issued_at: Timestamp;
  issued_by: string | null;
  organization_id: string;
  partnership_id: string;
  percent: Numeric | null;
  year: number;
}

export interface FundDeclaration {
  budget_cents: number;
  declared_at: Timestamp;
  declared_by: string | null;
  organization_id: string;
  partnership_id: string;
  year: number;
}

export interface FundLedger {
  amount_cents: number;
  call_id: string | null;
  id: string;
  kind: string;
  occurred_on: string;
  organization_id: string | null;
  partnership_id: string;
  proposal_id: string | null;
  recorded_at: Timestamp;
  recorded_by: string | null;
  reverses: string | null;
  year: number;
}

export interface HarvestItem {
  accompaniment_id: string;
  author_id: string | null;
  created_at: Timestamp;
  day_id: string | null;
  id: string;
  kind: string;
  partnership_id: string;
  project_id: string | null;
  project_stage: string | null;
  publication: Generated<string>;
  publication_asked_at: Timestamp | null;
  publication_asked_by: string | null;
  publication_title: string | null;
  published_at: Timestamp | null;
  text: string;
}

export interface InformationNote {
  body_id: string;
  created_at: Timestamp;
  id: string;
  proposal_id: string;
  recipients: number;
}

export interface Invitation {
  accepted_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  email: string;
  expires_at: Timestamp;
  person_id: string;
  token_hash: string;
}

export interface JournalEntry {
  actor_id: string | null;
  body: string;
  hash: string;
  kind: string;
  partnership_id: string;
  payload: JsonObject;
  prev_hash: string;
  recorded_at: Timestamp;
  seq: number;
}

export interface JournalHead {
  hash: string;
  partnership_id: string;
  prev_hash: string;
  seq: number;
}

export interface JournalPending {
  actor_id: string | null;
  id: Generated<number>;
  kind: string;
  partnership_id: string;
  payload: Json;
  pending_since: Generated<Timestamp>;
  recorded_at: Timestamp;
}

export interface MagicLink {
  account_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  token_hash: string;
  used_at: Timestamp | null;
}

export interface MailNotice {
  confidential: Generated<boolean>;
  created_at: Timestamp;
  deadline: Timestamp | null;
  id: string;
  kind: string;
  mailed_at: Timestamp | null;
  partnership_id: string;
  person_id: string;
  reminded_at: Timestamp | null;
  section: Json;
  subject: string;
  target: Json | null;
}

export interface MapCooperationParty {
  entry_id: string;
  organization_id: string | null;
  person_id: string | null;
  position: number;
}

export interface MapEntry {
  accompaniment_id: string;
  cooperation_id: string | null;
  created_at: Timestamp;
  created_by: string | null;
  description: Generated<string>;
  id: string;
  kind: string;
  organization_id: string | null;
  partnership_id: string;
  person_id: string | null;
  search: Generated<string | null>;
  status: string | null;
  title: string;
}

export interface Meeting {
  body_id: string;
  closing_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string;
  current_item_id: string | null;
  duration_minutes: number;
  ended_at: Timestamp | null;
  facilitator_id: string;
  id: string;
  minutes: Generated<string>;
  minutes_published_at: Timestamp | null;
  minutes_version: Generated<number>;
  online_url: string | null;
  opened_at: Timestamp | null;
  partnership_id: string;
  place: Generated<string>;
  recorded_afterwards: Generated<boolean>;
  review_until: Timestamp | null;
  secretary_id: string | null;
  starts_at: Timestamp;
  title: string;
}

export interface MeetingGuest {
  attendance: string | null;
  invited_at: Timestamp;
  invited_by: string;
  meeting_id: string;
  person_id: string;
  reason: Generated<string>;
}

export interface MeetingRoundWord {
  meeting_id: string;
  person_id: string;
  round: string;
  said_at: Timestamp;
  word: string;
}

export interface Membership {
  created_at: Generated<Timestamp>;
  id: string;
  is_organization_admin: Generated<boolean>;
  kind: string;
  organization_id: string;
  person_id: string;
}

export interface MembershipRequest {
  answer: string | null;
  answered_at: Timestamp | null;
  id: string;
  is_organization_admin: Generated<boolean>;
  kind: string;
  membership_id: string | null;
  organization_id: string;
  person_id: string;
  requested_at: Timestamp;
  requested_by: string | null;
}

export interface MinutesReview {
  answered_at: Timestamp;
  meeting_id: string;
  minutes_version: number;
  person_id: string;
  remark: Generated<string>;
  verdict: string;
}

export interface MoneyAttachment {
  content: Uint8Array;
  content_type: string;
  file_name: string;
  id: string;
  partnership_id: string;
  sha256: string;
  size_bytes: number;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
}

export interface Nomination {
  election_id: string;
  first_nominee_id: string;
  first_reason: string;
  member_id: string;
  nominee_id: string;
  reason: string;
  updated_at: Timestamp;
}

export interface Organization {
  address: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: Generated<Timestamp>;
  id: string;
  kind: string;
  name: string;
  partnership_id: string;
}

export interface OutboxMessage {
  body: string;
  calendar: string | null;
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  confidential: Generated<boolean>;
  content: Json | null;
  created_at: Generated<Timestamp>;
  id: string;
  partnership_id: string | null;
  recipient: string;
  sent_at: Timestamp | null;
  subject: string;
}

export interface OutboxPersonalBody {
  body: string | null;
  invitation_token_hash: string | null;
  message_id: string;
  tokens: Json | null;
}

export interface Partnership {
  created_at: Generated<Timestamp>;
  description: Generated<string>;
  id: string;
  name: string;
}

export interface Person {
  account_id: string | null;
  created_at: Generated<Timestamp>;
  digest_sent_at: Timestamp | null;
  email: string | null;
  erased_at: Timestamp | null;
  full_name: string;
  id: string;
  is_partnership_admin: Generated<boolean>;
  mail_preference: Generated<string>;
  outsider: Generated<boolean>;
  partnership_id: string;
  phone: string | null;
}

export interface PersonLink {
  created_at: Generated<Timestamp>;
  email: string;
  expires_at: Timestamp;
  path: string;
  person_id: string;
  purpose: string;
  token_hash: string;
  used_at: Timestamp | null;
}

export interface PooledMean {
  conditions: Generated<string>;
  created_at: Timestamp;
  created_by: string | null;
  id: string;
  kind: string;
  label: string;
  organization_id: string;
  partnership_id: string;
  withdrawn_at: Timestamp | null;
}

export interface PooledMeanBooking {
  decided_at: Timestamp | null;
  decided_by: string | null;
  decline_reason: Generated<string>;
  ends_at: Timestamp;
  id: string;
  mean_id: string;
  project_id: string;
  purpose: Generated<string>;
  requested_at: Timestamp;
  requested_by: string | null;
  starts_at: Timestamp;
  status: string;
}

export interface PrintedDocument {
  edition: string;
  locale: string;
  partnership_id: string;
  pdf: Uint8Array;
  printed_at: Generated<Timestamp>;
  subject_id: string;
}

export interface Project {
  analysis: Generated<string>;
  created_at: Timestamp;
  created_by: string;
  diagnosis: Generated<string>;
  diagnosis_sources: Generated<string>;
  evaluation_due_on: string | null;
  evaluation_every_months: number | null;
  evaluation_reminded_at: Timestamp | null;
  id: string;
  lead_nominee_id: string | null;
  lead_refusal_reason: Generated<string>;
  lead_role_id: string | null;
  mission_goals: Generated<string>;
  mission_time: Generated<string>;
  mission_training: Generated<string>;
  needs: Generated<string>;
  origin: string;
  origin_detail: Generated<string>;
  partnership_id: string;
  recommendations: Generated<string>;
  refusal_reason: Generated<string>;
  stage: string;
  stage_since: Timestamp;
  summary: Generated<string>;
  title: string;
  vigilance: Generated<string>;
  working_group_id: string | null;
}

export interface ProjectCarrier {
  id: string;
  organization_id: string | null;
  person_id: string | null;
  project_id: string;
}

export interface ProjectEvaluation {
  analysis: string;
  decided_at: Timestamp | null;
  emerging_needs: Generated<string>;
  id: string;
  outcome: string | null;
  period_ends_on: string;
  project_id: string;
  proposal_id: string | null;
  proposed_outcome: string | null;
  reported_at: Timestamp;
  reported_by: string;
}

export interface ProjectIndicator {
  id: string;
  label: string;
  objective_id: string;
  position: number;
  project_id: string;
  target: Numeric;
  unit: Generated<string>;
}

export interface ProjectLeadApproval {
  approved_at: Timestamp;
  nominee_id: string;
  person_id: string;
  project_id: string;
}

export interface ProjectMeans {
  created_at: Timestamp;
  description: string;
  directors_informed_at: Timestamp | null;
  id: string;
  kind: string;
  organization_id: string;
  project_id: string;
}

export interface ProjectMeasurement {
  id: string;
  indicator_id: string;
  measured_on: string;
  note: Generated<string>;
  organization_id: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
  value: Numeric;
}

export interface ProjectObjective {
  deadline: string | null;
  id: string;
  metric: Generated<string>;
  owner_id: string | null;
  position: number;
  project_id: string;
  statement: string;
  target: Generated<string>;
}

export interface ProjectOrganization {
  organization_id: string;
  project_id: string;
}

export interface ProjectPurpose {
  id: string;
  position: number;
  project_id: string;
  statement: string;
}

export interface ProjectStep {
  done_at: Timestamp;
  done_by: string | null;
  project_id: string;
  step: string;
}

export interface ProjectSubject {
  project_id: string;
  subject_id: string;
}

export interface Proposal {
  action_plan_id: string | null;
  body_id: string;
  budget_version_id: string | null;
  charter_draft_hash: string | null;
  charter_draft_version_id: string | null;
  charter_version_id: string;
  circle_join_id: string | null;
  context: Generated<string>;
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  facilitator_id: string;
  fund_spending_cents: number | null;
  id: string;
  initiator_id: string;
  level: string;
  outcome_statement: Generated<string>;
  participation_level: string;
  partnership_id: string;
  phase: string;
  project_id: string | null;
  project_matter: string | null;
  review_on: string | null;
  review_reminded_at: Timestamp | null;
  round: number;
  round_closing: Json | null;
  round_deadline: Timestamp | null;
  rule: Json;
  settlement_id: string | null;
  stage: string;
  status: string;
  topic: Generated<string>;
  wording: string;
}

export interface Proxy {
  body_id: string;
  created_at: Timestamp;
  giver_id: string;
  holder_id: string;
  id: string;
  proposal_id: string;
}

export interface Questionnaire {
  accompaniment_id: string;
  anonymous: boolean;
  closes_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string | null;
  day_id: string | null;
  id: string;
  intro: Generated<string>;
  opens_at: Timestamp | null;
  reminded_at: Timestamp | null;
  sent_at: Timestamp | null;
  template: string | null;
  title: string;
  weeks_after_day: number | null;
}

export interface QuestionnaireParticipation {
  answered_at: Timestamp | null;
  person_id: string;
  questionnaire_id: string;
}

export interface QuestionnaireQuestion {
  choices: Generated<Json>;
  help: Generated<string>;
  id: string;
  kind: string;
  label: string;
  position: number;
  questionnaire_id: string;
  required: Generated<boolean>;
  scale_max: number | null;
  scale_max_label: Generated<string>;
  scale_min: number | null;
  scale_min_label: Generated<string>;
}

export interface QuestionnaireResponse {
  answers: Generated<Json>;
  id: string;
  person_id: string | null;
  questionnaire_id: string;
  submitted: Generated<boolean>;
  updated_at: Timestamp | null;
}

export interface Resource {
  accompaniment_id: string;
  author_consents: Generated<boolean>;
  author_id: string | null;
  body: string | null;
  confidential: Generated<boolean>;
  created_at: Timestamp;
  created_by: string | null;
  file_id: string | null;
  id: string;
  kind: string;
  licence: string;
  output_title: string | null;
  partnership_id: string;
  published_at: Timestamp | null;
  search: Generated<string | null>;
  summary: Generated<string>;
  tags: Generated<string[]>;
  title: string;
  updated_at: Timestamp;
  url: string | null;
}

export interface Role {
  accountabilities: Generated<Json>;
  appointed_by_parent: Generated<boolean>;
  body_id: string | null;
  created_at: Generated<Timestamp>;
  id: string;
  max_holders: Generated<number>;
  name: string;
  partnership_id: string;
  purpose: Generated<string>;
  sits_in_parent: Generated<boolean>;
  supervises_circles: Generated<boolean>;
  term_months: number | null;
}

export interface RoleAssignment {
  created_at: Generated<Timestamp>;
  ends_on: string | null;
  id: string;
  person_id: string;
  role_id: string;
  starts_on: string;
  term_reminded_at: Timestamp | null;
}

export interface Session {
  account_id: string;
  created_at: Generated<Timestamp>;
  csrf_token: string;
  expires_at: Timestamp;
  id_hash: string;
  partnership_scope: string | null;
}

export interface Settlement {
  approved_on: string | null;
  budget_id: string;
  created_at: Timestamp;
  created_by: string | null;
  id: string;
  reason: string;
  received_cents: number;
  spent_cents: number;
  status: string;
}

export interface SettlementLine {
  delivered_cents: number;
  due_cents: number;
  label: string;
  owed_cents: number;
  paid_cents: number;
  planned_cents: number;
  position: number;
  post_id: string;
  refund_cents: number;
  settlement_id: string;
}

export interface SplitPayment {
  amount_cents: number;
  budget_id: string;
  id: string;
  organization_id: string | null;
  paid_on: string;
  person_id: string | null;
  post_id: string;
  recorded_at: Timestamp;
  recorded_by: string | null;
  reverses: string | null;
}

export interface Stance {
  body_id: string;
  earlier_keys: Generated<string[]>;
  id: string;
  idempotency_key: string;
  member_id: string;
  posted_by: string;
  proposal_id: string;
  reason: Generated<string>;
  round: number;
  stance: string;
  updated_at: Timestamp;
}

export interface Tension {
  agenda_item_id: string | null;
  body_id: string;
  closing_word: string | null;
  id: string;
  partnership_id: string;
  proposal_id: string | null;
  raised_at: Timestamp;
  raised_by: string | null;
  settled_at: Timestamp | null;
  settled_in_meeting_id: string | null;
  status: string;
  task_done_at: Timestamp | null;
  task_due_on: string | null;
  task_owner_id: string | null;
  task_title: string | null;
  text: string;
}

export interface WorkspaceFile {
  content: Uint8Array;
  content_type: string;
  file_name: string;
  id: string;
  partnership_id: string;
  sha256: string;
  size_bytes: number;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
}

export interface DB {
  accompaniment: Accompaniment;
  accompaniment_day: AccompanimentDay;
  accompaniment_day_item: AccompanimentDayItem;
  accompaniment_day_presence: AccompanimentDayPresence;
  accompaniment_member: AccompanimentMember;
  account: Account;
  action_plan: ActionPlan;
  action_plan_action: ActionPlanAction;
  action_plan_subject: ActionPlanSubject;
  agenda_item: AgendaItem;
  attendance: Attendance;
  body: Body;
  body_member: BodyMember;
  budget: Budget;
  budget_entry: BudgetEntry;
  budget_line: BudgetLine;
  budget_version: BudgetVersion;
  charter: Charter;
  charter_signature: CharterSignature;
  charter_version: CharterVersion;
  circle_join: CircleJoin;
  date_poll: DatePoll;
  date_poll_answer: DatePollAnswer;
  date_poll_slot: DatePollSlot;
  delegation: Delegation;
  deliverable: Deliverable;
  discussion_message: DiscussionMessage;
  dispute: Dispute;
  dispute_meeting: DisputeMeeting;
  dispute_meeting_note: DisputeMeetingNote;
  dispute_party: DisputeParty;
  dispute_task: DisputeTask;
  election: Election;
  election_stance: ElectionStance;
  fund_call: FundCall;
  fund_declaration: FundDeclaration;
  fund_ledger: FundLedger;
  harvest_item: HarvestItem;
  information_note: InformationNote;
  invitation: Invitation;
  journal_entry: JournalEntry;
  journal_head: JournalHead;
  journal_pending: JournalPending;
  magic_link: MagicLink;
  mail_notice: MailNotice;
  map_cooperation_party: MapCooperationParty;
  map_entry: MapEntry;
  meeting: Meeting;
  meeting_guest: MeetingGuest;
  meeting_round_word: MeetingRoundWord;
  membership: Membership;
  membership_request: MembershipRequest;
  minutes_review: MinutesReview;
  money_attachment: MoneyAttachment;
  nomination: Nomination;
  organization: Organization;
  outbox_message: OutboxMessage;
  outbox_personal_body: OutboxPersonalBody;
  partnership: Partnership;
  person: Person;
  person_link: PersonLink;
  pooled_mean: PooledMean;
  pooled_mean_booking: PooledMeanBooking;
  printed_document: PrintedDocument;
  project: Project;
  project_carrier: ProjectCarrier;
  project_evaluation: ProjectEvaluation;
  project_indicator: ProjectIndicator;
  project_lead_approval: ProjectLeadApproval;
  project_means: ProjectMeans;
  project_measurement: ProjectMeasurement;
  project_objective: ProjectObjective;
  project_organization: ProjectOrganization;
  project_purpose: ProjectPurpose;
  project_step: ProjectStep;
  project_subject: ProjectSubject;
  proposal: Proposal;
  proxy: Proxy;
  questionnaire: Questionnaire;
  questionnaire_participation: QuestionnaireParticipation;
  questionnaire_question: QuestionnaireQuestion;
  questionnaire_response: QuestionnaireResponse;
  resource: Resource;
  role: Role;
  role_assignment: RoleAssignment;
  session: Session;
  settlement: Settlement;
  settlement_line: SettlementLine;
  split_payment: SplitPayment;
  stance: Stance;
  tension: Tension;
  workspace_file: WorkspaceFile;
}
