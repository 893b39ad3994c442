/**
 * A stance's idempotency keys move into its own row (issue 22): recording each request's key in a
 * table of its own cost a tenth of the database's stances per second (pgbench, docs/PERFORMANCE.md,
 * 2026-12-06, night). The row keeps the key of the
 * request it holds and those of the EARLIER_KEYS requests it took before, newest first, so that a
 * retry of a request seen before writes nothing even once the member has changed their stance
 * since, up to that many changes later. A key is the member's: another member's request with the
 * same key is another request.
 *
 * The unique key is reordered to (proposal, member, round, body), the same columns, so that one
 * index finds a member's rows of a proposal in every round and body, where a retry is looked for.
 * Keys recorded before cannot be told apart by member: they are dropped with their table, and only
 * a retry sent before the upgrade and arriving after it, of a stance changed since, is not refused.
 */
const EARLIER_KEYS = 16;

export const stanceKeysInRow: readonly string[] = [
  `alter table stance add column earlier_keys text[] not null default '{}'`,
  `alter table stance add constraint stance_member_round unique (proposal_id, member_id, round, body_id)`,
  `alter table stance drop constraint stance_proposal_id_body_id_round_member_id_key`,
  `drop table stance_request`,
  // Both ways of taking a stance (stance_take below, and the transaction of a proxy's stance in
  // decisions/acts.ts) record it here: the retry refused, the key kept, the row written or not.
  `create function stance_record(
     p_stance_id uuid, p_proposal uuid, p_body uuid, p_round integer, p_member uuid, p_posted_by uuid,
     p_stance text, p_reason text, p_idempotency_key text, p_now timestamptz
   ) returns boolean language plpgsql as $$
   begin
     perform 1 from stance
      where proposal_id = p_proposal and member_id = p_member
        and (idempotency_key = p_idempotency_key or p_idempotency_key = any(earlier_keys));
     if found then
       return false;
     end if;
     -- Two requests with the same key at once: the second finds the first's row, and its key.
     insert into stance (id, proposal_id, body_id, round, member_id, posted_by, stance, reason, idempotency_key, updated_at)
     values (p_stance_id, p_proposal, p_body, p_round, p_member, p_posted_by, p_stance, p_reason, p_idempotency_key, p_now)
     on conflict (proposal_id, member_id, round, body_id) do update
       set stance = excluded.stance, reason = excluded.reason, posted_by = excluded.posted_by,
           idempotency_key = excluded.idempotency_key, updated_at = excluded.updated_at,
           earlier_keys = (stance.idempotency_key || stance.earlier_keys)[1:${EARLIER_KEYS}]
       where stance.idempotency_key <> excluded.idempotency_key and excluded.idempotency_key <> all(stance.earlier_keys);
     return found;
   end
   $$`,
  `create or replace function stance_take(
     p_partnership uuid, p_proposal uuid, p_openings text[], p_now timestamptz, p_today date, p_member uuid,
     p_idempotency_key text, p_stance_id uuid, p_stance text, p_reason text, p_payload jsonb
   ) returns jsonb language plpgsql as $$
   declare
     v_body uuid;
     v_round integer;
     v_payload jsonb;
   begin
     perform pg_advisory_xact_lock_shared(hashtextextended(p_proposal::text, 0));
     select body_id, round into v_body, v_round
       from proposal
      where id = p_proposal and partnership_id = p_partnership and status = 'open'
        and (rule ->> 'method') || ':' || phase = any(p_openings)
        and (round_deadline is null or round_deadline > p_now);
     if v_body is null then
       return null;
     end if;
     perform 1 from body_member s
      where s.body_id = v_body and s.person_id = p_member
        and s.starts_on <= p_today and (s.ends_on is null or s.ends_on > p_today);
     if not found then
       return null;
     end if;
     if not stance_record(p_stance_id, p_proposal, v_body, v_round, p_member, p_member, p_stance, p_reason, p_idempotency_key, p_now) then
       return null;
     end if;
     v_payload := p_payload || jsonb_build_object('bodyId', v_body, 'round', v_round);
     insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
     values (p_partnership, p_now, p_member, 'stance.taken', v_payload);
     return v_payload;
   end
   $$`,
];
