import canonicalizeModule from 'canonicalize';
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Each journal entry keeps the exact text its hash covers (`body`, RFC 8785 JSON), and what the
 * pages read of it (kind, payload, actor, and the partnership and time it names) is generated from
 * that text by the database. Verification then needs no JSON serializer: it hashes the stored
 * text and compares two columns, in SQL (journal/verify.ts), and anyone can check a chain with a
 * SHA-256 tool. Existing entries get their text from the columns, exactly as they were hashed.
 */
const BATCH = 5000;

/** The package is CommonJS typed as an ES default export; at run time the default is the function. */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * The text the entries' hashes were computed over when this migration was written: a copy of
 * journal/chain.ts's canonicalBody as it stood, kept here so that changing the live code never
 * changes what this migration writes into a database it has yet to run on.
 */
function canonicalBody(body: { partnershipId: string; recordedAt: Date; actorId: string | null; kind: string; payload: Record<string, unknown> }): string {
  const text = canonicalize({
    partnershipId: body.partnershipId,
    recordedAt: body.recordedAt.toISOString(),
    actorId: body.actorId,
    kind: body.kind,
    payload: body.payload,
  });
  if (text === undefined) throw new TypeError('journal entry body cannot be encoded');
  return text;
}

async function writeBodies(db: Kysely<any>): Promise<void> {
  let after = { partnershipId: '00000000-0000-0000-0000-000000000000', seq: 0 };
  for (;;) {
    const { rows } = await sql<{ partnership_id: string; seq: number; recorded_at: Date; actor_id: string | null; kind: string; payload: Record<string, unknown> }>`
      select partnership_id, seq, recorded_at, actor_id, kind, payload from journal_entry
       where (partnership_id, seq) > (${after.partnershipId}::uuid, ${after.seq})
       order by partnership_id, seq limit ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    const bodies = rows.map((row) => ({
      partnership_id: row.partnership_id,
      seq: row.seq,
      body: canonicalBody({ partnershipId: row.partnership_id, recordedAt: row.recorded_at, actorId: row.actor_id, kind: row.kind, payload: row.payload }),
    }));
    await sql`update journal_entry j set body = b.body
      from jsonb_to_recordset(${JSON.stringify(bodies)}::jsonb) as b(partnership_id uuid, seq integer, body text)
     where j.partnership_id = b.partnership_id and j.seq = b.seq`.execute(db);
    const last = rows[rows.length - 1]!;
    after = { partnershipId: last.partnership_id, seq: last.seq };
  }
}

export const journalBody: Migration = {
  async up(db) {
    await sql`alter table journal_entry add column body text`.execute(db);
    await sql`alter table journal_entry disable trigger journal_append_only`.execute(db);
    await writeBodies(db);
    await sql`alter table journal_entry enable trigger journal_append_only`.execute(db);
    for (const statement of [
      `alter table journal_entry alter column body set not null`,
      `alter table journal_entry drop column actor_id, drop column kind, drop column payload`,
      `alter table journal_entry
         add column actor_id uuid generated always as ((body::jsonb ->> 'actorId')::uuid) stored,
         add column kind text generated always as (body::jsonb ->> 'kind') stored,
         add column payload jsonb generated always as (body::jsonb -> 'payload') stored,
         add column body_partnership_id uuid generated always as ((body::jsonb ->> 'partnershipId')::uuid) stored,
         add column body_recorded_at text generated always as (body::jsonb ->> 'recordedAt') stored`,
    ]) {
      await sql.raw(statement).execute(db);
    }
  },
};
