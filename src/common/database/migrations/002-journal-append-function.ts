/**
 * Appending to the journal as a function: PostgreSQL keeps the plans of a PL/pgSQL function's
 * statements for the connection's life, where the same statements sent as SQL are planned on
 * every act. The hash formula is the one chainHash() checks in TypeScript.
 */
export const journalAppendFunction: readonly string[] = [
  `create function journal_append(
     p_partnership uuid, p_actor uuid, p_kind text, p_payload jsonb, p_canonical text, p_recorded_at timestamptz
   ) returns integer language plpgsql as $$
   declare
     v_seq integer;
     v_prev text;
     v_hash text;
   begin
     update journal_head
        set seq = seq + 1,
            prev_hash = hash,
            hash = encode(sha256(convert_to(hash || E'\\n' || (seq + 1)::text || E'\\n' || p_canonical, 'UTF8')), 'hex')
      where partnership_id = p_partnership
      returning seq, prev_hash, hash into v_seq, v_prev, v_hash;
     if v_seq is null then
       raise exception 'partnership % has no journal head', p_partnership;
     end if;
     insert into journal_entry (partnership_id, seq, recorded_at, actor_id, kind, payload, prev_hash, hash)
     values (p_partnership, v_seq, p_recorded_at, p_actor, p_kind, p_payload, v_prev, v_hash);
     return v_seq;
   end
   $$`,
];
