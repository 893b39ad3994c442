/**
 * What pages read of a journal entry (its actor, kind and payload) is written beside the text its
 * hash covers and checked against it once, by one constraint, where migration 017 generated five
 * columns from that text, each parsing it anew (issue 22: 35 µs an entry on PostgreSQL under the
 * stance load, 65 µs on the embedded database). The constraint also holds the row's partnership
 * and time to those the text names, which verification used to check at every pass. A CHECK
 * constraint cannot be turned off as a trigger can: a row whose columns say something else than
 * its text cannot be stored while it is there, and `journal verify` checks that it is, with its
 * function as written here (journal/verify.ts).
 */
export const JOURNAL_COLUMNS_CONSTRAINT = 'journal_entry_columns_from_body';

/** The constraint's expression, compared by verification with what the catalogue holds. */
export const JOURNAL_COLUMNS_CHECK = 'journal_body_agrees(body, partnership_id, recorded_at, actor_id, kind, payload)';

/** The body of `journal_body_agrees`, compared by verification with what the catalogue holds. */
export const JOURNAL_BODY_AGREES_SOURCE = `
   declare
     parsed jsonb := p_body::jsonb;
   begin
     return parsed = jsonb_build_object(
         'actorId', p_actor_id, 'kind', p_kind, 'partnershipId', p_partnership_id, 'payload', p_payload,
         'recordedAt', parsed -> 'recordedAt')
       and (parsed ->> 'recordedAt')::timestamptz = p_recorded_at;
   end
   `;

export const journalColumnsChecked: readonly string[] = [
  `create function journal_body_agrees(
     p_body text, p_partnership_id uuid, p_recorded_at timestamptz, p_actor_id uuid, p_kind text, p_payload jsonb
   ) returns boolean language plpgsql stable as $$${JOURNAL_BODY_AGREES_SOURCE}$$`,
  `alter table journal_entry
     alter column actor_id drop expression,
     alter column kind drop expression,
     alter column payload drop expression`,
  `alter table journal_entry
     drop column body_partnership_id,
     drop column body_recorded_at,
     alter column kind set not null,
     alter column payload set not null,
     add constraint ${JOURNAL_COLUMNS_CONSTRAINT} check (${JOURNAL_COLUMNS_CHECK})`,
];
