import { randomBytes, randomUUID } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { sql, type Kysely } from 'kysely';
import { exportPartnership, TABLES_LEFT_OUT } from '../../src/backup/backup.js';
import { charterContentHash } from '../../src/charters/rules/content.js';
import type { CharterContent } from '../../src/charters/rules/types.js';
import type { Database } from '../../src/common/database/schema.js';
import { chainHash, GENESIS_HASH } from '../../src/journal/chain.js';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

type Row = Record<string, unknown>;
type Scope = (partnershipId: string) => ReturnType<typeof sql>;

/**
 * What the backup leaves out, and how a copy treats it: rows of the partnership it copies too, rows
 * that must not be there (their keys cannot be copied), and tables that hold no partnership's rows.
 * Naming every left-out table here makes a new one fail the typecheck until it is placed.
 */
const LEFT_OUT: Record<(typeof TABLES_LEFT_OUT)[number], { copy: Scope; secrets?: readonly string[] } | { absent: Scope } | 'none'> = {
  session: 'none',
  magic_link: 'none',
  kysely_migration: 'none',
  kysely_migration_lock: 'none',
  // The export seals the journal first and reads it with nothing pending.
  journal_pending: 'none',
  invitation: { absent: (p) => sql`person_id in (select id from person where partnership_id = ${p})` },
  // The digest of a secret sent by mail: the copy's links get secrets of their own, which nobody holds either.
  person_link: { copy: (p) => sql`person_id in (select id from person where partnership_id = ${p})`, secrets: ['token_hash'] },
  outbox_personal_body: { absent: (p) => sql`message_id in (select id from outbox_message where partnership_id = ${p})` },
  printed_document: { absent: (p) => sql`partnership_id = ${p}` },
  dispute: { copy: (p) => sql`partnership_id = ${p}` },
  dispute_party: { copy: (p) => sql`dispute_id in (select id from dispute where partnership_id = ${p})` },
  dispute_meeting: { copy: (p) => sql`dispute_id in (select id from dispute where partnership_id = ${p})` },
  dispute_meeting_note: { copy: (p) => sql`meeting_id in (select m.id from dispute_meeting m join dispute d on d.id = m.dispute_id where d.partnership_id = ${p})` },
  dispute_task: { copy: (p) => sql`dispute_id in (select id from dispute where partnership_id = ${p})` },
};

/** Confidential mail, which the backup leaves out with the disputes it speaks of. */
const CONFIDENTIAL: readonly string[] = ['outbox_message', 'mail_notice'];

/** Every row of one partnership, in the order a copy inserts them, read once. */
export interface PartnershipRows {
  readonly partnershipId: string;
  readonly tables: readonly (readonly [string, Row[]])[];
  readonly accountIds: readonly string[];
  readonly columns: ReadonlyMap<string, readonly string[]>;
  /** Columns whose every value is a new random digest in each copy. */
  readonly secrets: ReadonlyMap<string, readonly string[]>;
}

async function rowsOf(db: Kysely<Database>, table: string, where: ReturnType<typeof sql>): Promise<Row[]> {
  const { rows } = await sql<{ rows: Row[] }>`select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) as rows from ${sql.table(table)} t where ${where}`.execute(db);
  return rows[0]!.rows;
}

/** Reads a partnership that nobody acts on any more: its backup, and what the backup leaves out. */
export async function readPartnership(db: Kysely<Database>, partnershipId: string, now: Date): Promise<PartnershipRows> {
  const backup = await exportPartnership(db, partnershipId, now, { withPasswordHashes: false });
  const tables = new Map(Object.entries(backup.tables) as [string, Row[]][]);
  const accountIds = tables.get('account')!.map((account) => String(account['id']));
  tables.delete('account');
  for (const table of CONFIDENTIAL) tables.get(table)!.push(...(await rowsOf(db, table, sql`partnership_id = ${partnershipId} and confidential`)));
  const secrets = new Map<string, readonly string[]>();
  for (const [table, treatment] of Object.entries(LEFT_OUT)) {
    if (treatment === 'none') continue;
    if ('absent' in treatment) {
      const found = await rowsOf(db, table, treatment.absent(partnershipId));
      if (found.length > 0) throw new Error(`${table} holds rows of partnership ${partnershipId}: a copy cannot make them`);
    } else {
      tables.set(table, await rowsOf(db, table, treatment.copy(partnershipId)));
      if (treatment.secrets) secrets.set(table, treatment.secrets);
    }
  }
  const columns = new Map<string, string[]>();
  for (const table of tables.keys()) {
    const { rows } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
       where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' and is_identity = 'NO'
       order by ordinal_position`.execute(db);
    columns.set(table, rows.map((row) => row.name));
  }
  return { partnershipId, tables: [...tables].filter(([, rows]) => rows.length > 0), accountIds, columns, secrets };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A copy of the partnership read, row for row, under new ids: every id of it, wherever it is
 * written (references, charter contents, journal entries, mail), is replaced by a new one, and
 * what hashes ids (charter contents, the journal's chain) is hashed again. Accounts stay shared,
 * but `accounts` replaces one by another (an administrator of the copy only), and `texts` replaces
 * other values (that administrator's address). Answers the replacement, for the ids a test holds.
 */
export async function copyPartnership(
  db: Kysely<Database>,
  original: PartnershipRows,
  replace: { accounts: ReadonlyMap<string, string>; texts: ReadonlyMap<string, string> },
): Promise<(value: unknown) => unknown> {
  const ids = new Map<string, string>(replace.accounts);
  for (const account of original.accountIds) if (!ids.has(account)) ids.set(account, account);
  const hashes = new Map<string, string>();
  const renamed = (text: string) => text.replace(UUID, (id) => ids.get(id) ?? ids.set(id, randomUUID()).get(id)!);
  const replaced = (text: string, pairs: ReadonlyMap<string, string>) => [...pairs].reduce((result, [from, to]) => result.replaceAll(from, to), text);
  let tables = JSON.parse(replaced(renamed(JSON.stringify(original.tables)), replace.texts)) as [string, Row[]][];
  for (const version of tables.find(([table]) => table === 'charter_version')?.[1] ?? []) {
    hashes.set(String(version['content_hash']), charterContentHash(version as unknown as CharterContent));
  }
  tables = JSON.parse(replaced(JSON.stringify(tables), hashes)) as [string, Row[]][];
  for (const [table, rows] of tables) for (const column of original.secrets.get(table) ?? []) for (const row of rows) row[column] = randomBytes(32).toString('hex');
  const entries = tables.find(([table]) => table === 'journal_entry')?.[1] ?? [];
  let hash = GENESIS_HASH;
  for (const entry of entries.sort((a, b) => Number(a['seq']) - Number(b['seq']))) {
    entry['body'] = canonicalize(JSON.parse(String(entry['body'])));
    entry['prev_hash'] = hash;
    hash = chainHash(hash, Number(entry['seq']), String(entry['body']));
    entry['hash'] = hash;
  }
  for (const head of tables.find(([table]) => table === 'journal_head')?.[1] ?? []) {
    head['prev_hash'] = entries.at(-1)?.['prev_hash'] ?? GENESIS_HASH;
    head['hash'] = hash;
  }
  await db.transaction().execute(async (trx) => {
    await sql`set constraints meeting_current_item_id_fkey deferred`.execute(trx);
    for (const [table, rows] of tables) {
      const columns = sql.join(original.columns.get(table)!.map((column) => sql.ref(column)));
      await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(trx);
    }
  });
  return (value) => JSON.parse(replaced(replaced(renamed(JSON.stringify(value)), replace.texts), hashes));
}
