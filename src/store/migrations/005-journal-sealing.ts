/**
 * The journal is sealed after commit, in batches. An act inserts its entries into journal_pending
 * in its own transaction, with no lock; journal_seal() then chains every pending entry of a
 * partnership into journal_entry under the head lock, in one statement. Acts of a partnership no
 * longer wait for each other's commit, and one WAL flush seals many entries.
 *
 * Until it is sealed an entry has no place in the chain; the sealer runs right after each act's
 * commit (the act answers once its entries are sealed) and again at start and every minute for
 * entries left by a process that stopped in between.
 */
export const journalSealing: readonly string[] = [
  `create table journal_pending (
    id bigint generated always as identity primary key,
    partnership_id uuid not null references partnership(id),
    recorded_at timestamptz not null,
    actor_id uuid,
    kind text not null,
    payload jsonb not null,
    canonical text not null
  )`,
  `create index journal_pending_partnership on journal_pending (partnership_id, id)`,
  // The hash formula is the one chainHash() checks in TypeScript.
  `create function journal_seal(p_partnership uuid) returns integer language plpgsql as $$
   declare
     v_seq integer;
     v_prev text;
     v_hash text;
     v_sealed bigint[] := '{}';
     v_entry record;
   begin
     select seq, prev_hash, hash into v_seq, v_prev, v_hash
       from journal_head where partnership_id = p_partnership for update;
     if v_seq is null then
       raise exception 'partnership % has no journal head', p_partnership;
     end if;
     for v_entry in
       select id, recorded_at, actor_id, kind, payload, canonical
         from journal_pending where partnership_id = p_partnership order by id
     loop
       v_seq := v_seq + 1;
       v_prev := v_hash;
       v_hash := encode(sha256(convert_to(v_prev || E'\\n' || v_seq::text || E'\\n' || v_entry.canonical, 'UTF8')), 'hex');
       insert into journal_entry (partnership_id, seq, recorded_at, actor_id, kind, payload, prev_hash, hash)
       values (p_partnership, v_seq, v_entry.recorded_at, v_entry.actor_id, v_entry.kind, v_entry.payload, v_prev, v_hash);
       v_sealed := v_sealed || v_entry.id;
     end loop;
     if cardinality(v_sealed) > 0 then
       delete from journal_pending where id = any(v_sealed);
       update journal_head set seq = v_seq, prev_hash = v_prev, hash = v_hash where partnership_id = p_partnership;
     end if;
     return cardinality(v_sealed);
   end
   $$`,
  `drop function journal_append(uuid, uuid, text, jsonb, text, timestamptz)`,
];
