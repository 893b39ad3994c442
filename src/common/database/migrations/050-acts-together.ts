/**
 * Stances and seats sent together (issue 22, `common/database/together.ts`): one statement takes
 * several stances, each by stance_take (migrations 006 and 047), or starts several seats, each by
 * seat_start (migration 014), in one transaction. Stances are taken in the order of their proposal
 * and member, seats in that of their body and person, so that two such statements lock the rows they
 * share in the same order and never wait for each other in a circle. Each answer is at its call's
 * place in the list.
 */
export const actsTogether: readonly string[] = [
  `create function stance_take_together(p_takes jsonb)
   returns table (at integer, payload jsonb) language plpgsql as $$
   declare
     v_take record;
   begin
     for v_take in
       select (t.ordinality - 1)::integer as at, t.value as take
         from jsonb_array_elements(p_takes) with ordinality t
        order by t.value ->> 'proposalId', t.value ->> 'memberId', t.ordinality
     loop
       at := v_take.at;
       payload := stance_take(
         (v_take.take ->> 'partnershipId')::uuid, (v_take.take ->> 'proposalId')::uuid,
         array(select jsonb_array_elements_text(v_take.take -> 'openings')),
         (v_take.take ->> 'now')::timestamptz, (v_take.take ->> 'today')::date, (v_take.take ->> 'memberId')::uuid,
         v_take.take ->> 'idempotencyKey', (v_take.take ->> 'stanceId')::uuid, v_take.take ->> 'stance',
         v_take.take ->> 'reason', v_take.take -> 'payload');
       return next;
     end loop;
   end
   $$`,
  `create function seat_start_together(p_seats jsonb)
   returns table (at integer, seat uuid) language plpgsql as $$
   declare
     v_start record;
     v_seat jsonb;
   begin
     for v_start in
       select (t.ordinality - 1)::integer as at, t.value as start
         from jsonb_array_elements(p_seats) with ordinality t
        order by t.value -> 'seat' ->> 'bodyId', t.value -> 'seat' ->> 'personId', t.ordinality
     loop
       at := v_start.at;
       -- The seat is its journal entry's payload: the row is written from the values the entry keeps.
       v_seat := v_start.start -> 'seat';
       seat := seat_start(
         (v_start.start ->> 'partnershipId')::uuid, (v_seat ->> 'seatId')::uuid, (v_seat ->> 'bodyId')::uuid,
         (v_seat ->> 'personId')::uuid, (v_seat ->> 'organizationId')::uuid, v_seat ->> 'capacity',
         v_seat ->> 'mandateSource', (v_seat ->> 'startsOn')::date, (v_seat ->> 'endsOn')::date,
         (v_start.start ->> 'actorId')::uuid, (v_start.start ->> 'recordedAt')::timestamptz, v_seat);
       return next;
     end loop;
   end
   $$`,
];
