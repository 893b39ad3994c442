/**
 * seat_start (migration 006) seats no erased person: erasure ends a person's seats, and no later
 * act may give them one back.
 */
export const noSeatForTheErased: readonly string[] = [
  `create or replace function seat_start(
     p_partnership uuid, p_seat uuid, p_body uuid, p_person uuid, p_organization uuid, p_capacity text,
     p_mandate_source text, p_starts_on date, p_ends_on date, p_actor uuid, p_recorded_at timestamptz, p_payload jsonb
   ) returns uuid language plpgsql as $$
   begin
     insert into body_member (id, body_id, person_id, organization_id, capacity, mandate_source, starts_on, ends_on)
     select p_seat, b.id, p.id, p_organization, p_capacity, p_mandate_source, p_starts_on, p_ends_on
       from body b, person p
      where b.id = p_body and b.partnership_id = p_partnership
        and p.id = p_person and p.partnership_id = p_partnership and p.erased_at is null
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
];
