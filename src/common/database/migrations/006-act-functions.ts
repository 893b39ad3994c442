/**
 * The two acts a partnership repeats most, seating someone and taking a stance, as one function
 * call each. PostgreSQL keeps a PL/pgSQL function's plans for the connection's life, where the
 * same statements sent as SQL are planned on every act; planning was most of their cost.
 *
 * The functions hold integrity checks only (same partnership, membership, seat, phase); who may
 * act and what the process allows are decided in TypeScript beforehand. Each writes its row and
 * its journal entry, or writes nothing and answers null; the caller then finds out why.
 */
export const actFunctions: readonly string[] = [
  `create function seat_start(
     p_partnership uuid, p_seat uuid, p_body uuid, p_person uuid, p_organization uuid, p_capacity text,
     p_mandate_source text, p_starts_on date, p_ends_on date, p_actor uuid, p_recorded_at timestamptz, p_payload jsonb
   ) returns uuid language plpgsql as $$
   begin
     insert into body_member (id, body_id, person_id, organization_id, capacity, mandate_source, starts_on, ends_on)
     select p_seat, b.id, p.id, p_organization, p_capacity, p_mandate_source, p_starts_on, p_ends_on
       from body b, person p
      where b.id = p_body and b.partnership_id = p_partnership
        and p.id = p_person and p.partnership_id = p_partnership
        and (p_organization is null or exists (
              select 1 from membership m join organization o on o.id = m.organization_id
               where m.person_id = p.id and m.organization_id = p_organization and o.partnership_id = p_partnership));
     if not found then
       return null;
     end if;
     insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
     values (p_partnership, p_recorded_at, p_actor, 'mandate.started', p_payload);
     return p_seat;
   end
   $$`,
  // p_openings lists the 'method:phase' pairs in which the domain accepts this stance; the round
  // and body come from the proposal row, read under the proposal's shared advisory lock so that a
  // round cannot close under it (see lockedProposal in decisions/acts.ts).
  `create function stance_take(
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
     -- The key is recorded first: a request seen before, even one since overtaken, writes nothing.
     insert into stance_request (proposal_id, idempotency_key) values (p_proposal, p_idempotency_key)
     on conflict do nothing;
     if not found then
       return null;
     end if;
     insert into stance (id, proposal_id, body_id, round, member_id, posted_by, stance, reason, idempotency_key, updated_at)
     values (p_stance_id, p_proposal, v_body, v_round, p_member, p_member, p_stance, p_reason, p_idempotency_key, p_now)
     on conflict (proposal_id, body_id, round, member_id) do update
       set stance = excluded.stance, reason = excluded.reason, posted_by = excluded.posted_by,
           idempotency_key = excluded.idempotency_key, updated_at = excluded.updated_at;
     v_payload := p_payload || jsonb_build_object('bodyId', v_body, 'round', v_round);
     insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
     values (p_partnership, p_now, p_member, 'stance.taken', v_payload);
     return v_payload;
   end
   $$`,
];
