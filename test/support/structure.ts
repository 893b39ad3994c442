import { sql } from 'kysely';
import { expect } from 'vitest';
import { chainHolding, journalAnchor, type JournalAnchor } from '../../src/journal/anchor.js';
import { sealJournal } from '../../src/journal/journal-store.js';
import { verifyJournal } from '../../src/journal/verify.js';
import type { Client, PartnershipFixture, Response, TestApp } from './test-app.js';

/** The test clock's day (see TestClock): seats starting today are current. */
export const TODAY = '2026-03-10';

let counter = 0;
/** A name no other test uses, so files can share one PostgreSQL database. */
export const uniqueName = (prefix: string) => `${prefix} ${process.pid}-${++counter}`;

export function expectCreated(response: Response, what: string): string {
  if (response.status !== 201) throw new Error(`${what} not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export interface Membership {
  readonly organizationId: string;
  readonly kind: 'volunteer' | 'staff' | 'board';
  readonly isOrganizationAdmin?: boolean;
}

/** Shortcuts to build a structure through the API, as a given client (the admin by default). */
export function builder(f: PartnershipFixture, client: Client = f.admin) {
  return {
    organization: async (name = uniqueName('Maison'), kind = 'association') =>
      expectCreated(await client.post(`${f.base}/organizations`, { name, kind }), 'organization'),
    person: async (input: { fullName?: string; email?: string | null; memberships?: Membership[] } = {}) =>
      expectCreated(
        await client.post(`${f.base}/people`, { fullName: input.fullName ?? uniqueName('Personne'), email: input.email ?? null, memberships: input.memberships ?? [] }),
        'person',
      ),
    body: async (input: Record<string, unknown> = {}) =>
      expectCreated(await client.post(`${f.base}/bodies`, { name: uniqueName('Instance'), kind: 'steering', ...input }), 'body'),
    seat: async (bodyId: string, input: { personId: string; organizationId: string | null; capacity?: string; mandateSource?: string; startsOn?: string; endsOn?: string | null }) =>
      expectCreated(
        await client.post(`${f.base}/bodies/${bodyId}/members`, {
          capacity: input.organizationId ? 'delegate' : 'member',
          mandateSource: 'board',
          startsOn: TODAY,
          ...input,
        }),
        'seat',
      ),
    role: async (input: Record<string, unknown> = {}) => expectCreated(await client.post(`${f.base}/roles`, { name: uniqueName('Rôle'), ...input }), 'role'),
    assign: async (roleId: string, personId: string, startsOn = TODAY) =>
      expectCreated(await client.post(`${f.base}/roles/${roleId}/assignments`, { personId, startsOn }), 'assignment'),
    delegation: async (input: { fromPersonId: string; toPersonId: string; bodyId: string; scope?: string; startsOn?: string }) =>
      expectCreated(await client.post(`${f.base}/delegations`, { scope: 'Représenter la maison', startsOn: TODAY, ...input }), 'delegation'),
  };
}

/**
 * Rows of one partnership in every table an act may write, and its journal: entries are append-only
 * (journal_append_only), so their count and the head's hash, which chains every entry's text, tell
 * the whole journal apart in the same single statement.
 */
export async function countRows(t: Pick<TestApp, 'store'>, partnershipId: string): Promise<Record<string, number | string>> {
  // Acts answer at commit and are chained just after: counted once chained, the same acts give the
  // same counts. With nothing pending, a seal (which waits a timer's turn) would change nothing.
  const counts = await countOnce(t, partnershipId);
  if (counts['journal_pending'] === 0) return counts;
  await sealJournal(t.store.db, partnershipId);
  return countOnce(t, partnershipId);
}

async function countOnce(t: Pick<TestApp, 'store'>, partnershipId: string): Promise<Record<string, number | string>> {
  // Each table's rows are found from its parents' ids, gathered once: joins made this statement's
  // plan cost more than its run (4.5 ms of 12 on PGlite), and the matrix counts before and after
  // every request.
  const result = await sql<Record<string, string | number>>`
    with parents as materialized (
      select
        array(select id from person where partnership_id = ${partnershipId}) as person,
        array(select id from body where partnership_id = ${partnershipId}) as body,
        array(select id from role where partnership_id = ${partnershipId}) as role,
        array(select id from charter where partnership_id = ${partnershipId}) as charter,
        array(select id from proposal where partnership_id = ${partnershipId}) as proposal,
        array(select id from election where partnership_id = ${partnershipId}) as election,
        array(select id from meeting where partnership_id = ${partnershipId}) as meeting,
        array(select id from date_poll where partnership_id = ${partnershipId}) as date_poll,
        array(select id from project where partnership_id = ${partnershipId}) as project,
        array(select id from action_plan where partnership_id = ${partnershipId}) as action_plan,
        array(select id from pooled_mean where partnership_id = ${partnershipId}) as pooled_mean
    ), ids as materialized (
      select parents.*,
        array(select id from charter_version where charter_id = any(parents.charter)) as charter_version,
        array(select id from date_poll_slot where poll_id = any(parents.date_poll)) as date_poll_slot,
        array(select id from project_indicator where project_id = any(parents.project)) as project_indicator,
        array(select id from action_plan_subject where plan_id = any(parents.action_plan)) as action_plan_subject
        from parents
    )
    select
      (select count(*) from organization where partnership_id = ${partnershipId}) as organization,
      cardinality(ids.person) as person,
      (select count(*) from membership where person_id = any(ids.person)) as membership,
      (select count(*) from membership_request where person_id = any(ids.person)) as membership_request,
      cardinality(ids.body) as body,
      (select count(*) from body_member where body_id = any(ids.body)) as body_member,
      cardinality(ids.role) as role,
      (select count(*) from role_assignment where role_id = any(ids.role)) as role_assignment,
      (select count(*) from delegation where partnership_id = ${partnershipId}) as delegation,
      (select count(*) from outbox_message where partnership_id = ${partnershipId}) as outbox_message,
      (select count(*) from invitation where person_id = any(ids.person)) as invitation,
      (select count(*) from information_note where proposal_id = any(ids.proposal)) as information_note,
      (select count(*) from discussion_message where proposal_id = any(ids.proposal)) as discussion_message,
      cardinality(ids.date_poll_slot) as date_poll_slot,
      cardinality(ids.charter) as charter,
      cardinality(ids.charter_version) as charter_version,
      (select count(*) from charter_signature where version_id = any(ids.charter_version)) as charter_signature,
      cardinality(ids.proposal) as proposal,
      (select count(*) from stance where proposal_id = any(ids.proposal)) as stance,
      (select count(*) from proxy where proposal_id = any(ids.proposal)) as proxy,
      cardinality(ids.election) as election,
      (select count(*) from nomination where election_id = any(ids.election)) as nomination,
      (select count(*) from election_stance where election_id = any(ids.election)) as election_stance,
      cardinality(ids.meeting) as meeting,
      (select count(*) from agenda_item where meeting_id = any(ids.meeting)) as agenda_item,
      (select count(*) from attendance where meeting_id = any(ids.meeting)) as attendance,
      (select count(*) from meeting_round_word where meeting_id = any(ids.meeting)) as meeting_round_word,
      (select count(*) from minutes_review where meeting_id = any(ids.meeting)) as minutes_review,
      cardinality(ids.date_poll) as date_poll,
      (select count(*) from date_poll_answer where slot_id = any(ids.date_poll_slot)) as date_poll_answer,
      (select count(*) from project_purpose where project_id = any(ids.project)) as project_purpose,
      (select count(*) from project_objective where project_id = any(ids.project)) as project_objective,
      cardinality(ids.project_indicator) as project_indicator,
      (select count(*) from project_measurement where indicator_id = any(ids.project_indicator)) as project_measurement,
      (select count(*) from project_means where project_id = any(ids.project)) as project_means,
      cardinality(ids.action_plan) as action_plan,
      (select count(*) from action_plan_action where subject_id = any(ids.action_plan_subject)) as action_plan_action,
      cardinality(ids.pooled_mean) as pooled_mean,
      (select count(*) from pooled_mean_booking where mean_id = any(ids.pooled_mean)) as pooled_mean_booking,
      (select count(*) from pooled_mean_booking where mean_id = any(ids.pooled_mean) and status <> 'informed') as pooled_mean_booking_settled,
      (select count(*) from tension where partnership_id = ${partnershipId}) as tension,
      (select count(*) from tension where partnership_id = ${partnershipId} and (status <> 'open' or task_done_at is not null)) as tension_settled,
      (select count(*) from journal_entry where partnership_id = ${partnershipId}) as journal_entry,
      (select count(*) from journal_pending where partnership_id = ${partnershipId}) as journal_pending,
      (select seq from journal_head where partnership_id = ${partnershipId}) as journal_head,
      (select hash from journal_head where partnership_id = ${partnershipId}) as journal_head_hash
      from ids`.execute(t.store.db);
  const { journal_head_hash: headHash, ...counts } = result.rows[0]!;
  return { ...Object.fromEntries(Object.entries(counts).map(([key, value]) => [key, Number(value)])), journal_head_hash: String(headHash) };
}

/** The partnership's chain verified as its readers see it: once the acts committed before are sealed. */
export async function verifiedChain(t: Pick<TestApp, 'store'>, partnershipId: string) {
  await sealJournal(t.store.db, partnershipId);
  return verifyJournal(t.store.db, { partnershipId });
}

/** The journal of one partnership, oldest first, straight from the table. */
export async function journalOf(t: TestApp, partnershipId: string) {
  await sealJournal(t.store.db, partnershipId);
  return t.store.db.selectFrom('journal_entry').selectAll().where('partnership_id', '=', partnershipId).orderBy('seq').execute();
}

/** Kinds of the entries added after `afterSeq`. */
export async function kindsAfter(t: TestApp, partnershipId: string, afterSeq: number): Promise<string[]> {
  await sealJournal(t.store.db, partnershipId);
  const rows = await t.store.db
    .selectFrom('journal_entry')
    .select('kind')
    .where('partnership_id', '=', partnershipId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.kind);
}

/**
 * The journal anchor a document or mail carries (« acte n° N, code de contrôle … » or its English), which
 * must name an entry of this partnership's chain.
 */
export async function anchorIn(t: TestApp, partnershipId: string, text: string): Promise<JournalAnchor> {
  const found = /(?:acte n°|act No\.) (\d+), (?:code de contrôle|check code) ([0-9a-f]{64})/.exec(text);
  expect(found, 'no journal anchor in the text').not.toBeNull();
  const anchor = { seq: Number(found![1]), hash: found![2]! };
  expect(await chainHolding(t.store.db, anchor)).toBe(partnershipId);
  return anchor;
}

/** The partnership's journal head now, as documents print it: once the acts committed before are chained. */
export async function headOf(t: TestApp, partnershipId: string): Promise<JournalAnchor> {
  await sealJournal(t.store.db, partnershipId);
  return journalAnchor(t.store.db, partnershipId);
}

export async function journalLength(t: TestApp, partnershipId: string): Promise<number> {
  await sealJournal(t.store.db, partnershipId);
  const head = await t.store.db.selectFrom('journal_head').select('seq').where('partnership_id', '=', partnershipId).executeTakeFirstOrThrow();
  return head.seq;
}

/** Messages of the outbox page, as the partnership's administrator reads them. */
export async function outboxMessages(f: PartnershipFixture): Promise<{ recipient: string; subject: string; body: string }[]> {
  const response = await f.admin.get(`${f.base}/outbox`);
  if (response.status !== 200) throw new Error(`outbox: ${response.status}`);
  // One message per recipient, as the outbox keeps them.
  return (response.body.messages as { recipients: string[]; subject: string; body: string }[]).flatMap(({ recipients, ...message }) =>
    recipients.map((recipient) => ({ recipient, ...message })),
  );
}

/** The last link of the given shape in the messages sent to this address. */
export async function linkSentTo(f: PartnershipFixture, recipient: string, pattern: RegExp): Promise<string> {
  const message = (await outboxMessages(f)).find((m) => m.recipient === recipient && pattern.test(m.body));
  if (!message) throw new Error(`no message to ${recipient} matching ${pattern}`);
  return pattern.exec(message.body)![1]!;
}
