import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { forbidden } from '../domain/errors.js';
import { may } from '../domain/structure/permissions.js';
import { sealJournal } from '../journal/journal-store.js';
import { verifyJournal } from '../journal/verify.js';
import { LATEST_MIGRATION } from '../store/migrate.js';
import type { Database } from '../store/schema.js';
import { actorOf, recordAct, type ActContext } from './act.js';

/**
 * A whole partnership in one file: every row that belongs to it, table by table, as PostgreSQL
 * writes it as JSON, so that restoring gives back the same values on PGlite or PostgreSQL.
 * Sessions, sign-in links and invitations are left out: they are keys, not the partnership's
 * record, and a restored server asks everyone to sign in again. Accounts come with their password
 * hashes, so the file is as sensitive as the database.
 */
export const BACKUP_FORMAT = 'entente-backup';
export const BACKUP_FORMAT_VERSION = 1;

type Scope = (partnershipId: string) => RawBuilder<unknown>;
const ofPartnership: Scope = (p) => sql`partnership_id = ${p}`;
const within = (column: string, table: string): Scope => (p) => sql`${sql.ref(column)} in (select id from ${sql.table(table)} where partnership_id = ${p})`;

/** In the order they are restored: each table after those it refers to. */
const TABLES: readonly (readonly [keyof Database & string, Scope])[] = [
  ['partnership', (p) => sql`id = ${p}`],
  ['account', (p) => sql`id in (select account_id from person where partnership_id = ${p})`],
  ['organization', ofPartnership],
  ['person', ofPartnership],
  ['membership', within('person_id', 'person')],
  ['body', ofPartnership],
  ['role', ofPartnership],
  ['role_assignment', within('role_id', 'role')],
  ['body_member', within('body_id', 'body')],
  ['delegation', ofPartnership],
  ['charter', ofPartnership],
  ['charter_version', within('charter_id', 'charter')],
  ['charter_signature', (p) => sql`version_id in (select v.id from charter_version v join charter c on c.id = v.charter_id where c.partnership_id = ${p})`],
  ['proposal', ofPartnership],
  ['stance_request', within('proposal_id', 'proposal')],
  ['stance', within('proposal_id', 'proposal')],
  ['proxy', within('proposal_id', 'proposal')],
  ['information_note', within('proposal_id', 'proposal')],
  ['election', ofPartnership],
  ['nomination', within('election_id', 'election')],
  ['election_stance', within('election_id', 'election')],
  ['meeting', ofPartnership],
  ['agenda_item', within('meeting_id', 'meeting')],
  ['attendance', within('meeting_id', 'meeting')],
  ['meeting_round_word', within('meeting_id', 'meeting')],
  ['minutes_review', within('meeting_id', 'meeting')],
  ['date_poll', ofPartnership],
  ['date_poll_slot', within('poll_id', 'date_poll')],
  ['date_poll_answer', (p) => sql`slot_id in (select s.id from date_poll_slot s join date_poll d on d.id = s.poll_id where d.partnership_id = ${p})`],
  ['outbox_message', ofPartnership],
  ['journal_entry', ofPartnership],
  ['journal_head', ofPartnership],
];

/** Tables that hold no partnership's record: credentials that expire, and the migrator's own. */
export const TABLES_LEFT_OUT = ['session', 'magic_link', 'invitation', 'journal_pending', 'kysely_migration', 'kysely_migration_lock'] as const;
export const TABLES_IN_BACKUP = TABLES.map(([table]) => table);

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  schema: z.string(),
  partnershipId: z.uuid(),
  exportedAt: z.string(),
  tables: z.object(Object.fromEntries(TABLES.map(([table]) => [table, z.array(z.record(z.string(), z.unknown()))]))),
});
export type Backup = z.infer<typeof backupSchema>;

/** A backup that cannot be restored here, with the reason an operator can act on. */
export class BackupRefused extends Error {}

/**
 * Reads the partnership in one snapshot in which its journal has nothing pending, so every act in
 * the file has its entry (acts committed meanwhile are sealed and the snapshot taken again).
 * Timestamps are written in UTC whatever the server's zone.
 */
export async function exportPartnership(db: Kysely<Database>, partnershipId: string, now: Date): Promise<Backup> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await sealJournal(db, partnershipId);
    const tables = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const pending = await trx.selectFrom('journal_pending').select('id').where('partnership_id', '=', partnershipId).limit(1).execute();
        if (pending.length > 0) return undefined;
        await sql`set local timezone = 'UTC'`.execute(trx);
        const tables: Record<string, Record<string, unknown>[]> = {};
        for (const [table, scope] of TABLES) {
          const result = await sql<{ rows: Record<string, unknown>[] }>`
            select coalesce(json_agg(t order by t::text), '[]'::json) as rows
              from ${sql.table(table)} t where ${scope(partnershipId)}`.execute(trx);
          tables[table] = result.rows[0]!.rows;
        }
        return tables;
      });
    if (tables) return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, schema: LATEST_MIGRATION, partnershipId, exportedAt: now.toISOString(), tables };
  }
  throw new Error(`The journal of partnership ${partnershipId} kept receiving entries: try the backup again.`);
}

export interface RestoreOutcome {
  readonly partnershipId: string;
  readonly rows: number;
  readonly journalEntries: number;
}

/**
 * Restores a partnership into a database that does not hold it, in one transaction: every row,
 * then the journal is verified, and anything wrong (a row changed in the file, a missing
 * reference) leaves the database as it was. Accounts already here under the same id are kept.
 */
export async function restorePartnership(db: Kysely<Database>, file: unknown): Promise<RestoreOutcome> {
  const parsed = backupSchema.safeParse(file);
  if (!parsed.success) throw new BackupRefused(`This is not an Entente backup of format ${BACKUP_FORMAT_VERSION}.`);
  const backup = parsed.data;
  if (backup.schema !== LATEST_MIGRATION) {
    throw new BackupRefused(`This backup was made with schema ${backup.schema}; this server has ${LATEST_MIGRATION}. Restore it with the same version of Entente.`);
  }
  if (backup.tables['partnership']!.length !== 1 || backup.tables['partnership']![0]!['id'] !== backup.partnershipId) {
    throw new BackupRefused('This backup does not hold the partnership it names.');
  }
  const existing = await db.selectFrom('partnership').select('id').where('id', '=', backup.partnershipId).executeTakeFirst();
  if (existing) throw new BackupRefused(`Partnership ${backup.partnershipId} is already in this database.`);
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`set constraints meeting_current_item_id_fkey deferred`.execute(trx);
      let rows = 0;
      for (const [table] of TABLES) {
        const content = backup.tables[table]!;
        if (content.length === 0) continue;
        const conflict = table === 'account' ? sql` on conflict (id) do nothing` : sql``;
        await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(content)}::json)${conflict}`.execute(trx);
        rows += content.length;
      }
      const verified = await verifyJournal(trx, { partnershipId: backup.partnershipId });
      if (!verified.ok) throw new BackupRefused(`The journal in this backup does not verify (entry ${verified.broken.seq}): the file was changed.`);
      return { partnershipId: backup.partnershipId, rows, journalEntries: verified.count };
    });
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`This backup cannot be restored here: ${(error as Error).message}`);
  }
}

/** An administrator downloads the partnership's backup; the journal keeps who took it and when. */
export async function downloadBackup(ctx: ActContext): Promise<Backup> {
  if (!may.manageStructure(ctx.viewer)) throw forbidden();
  await recordAct({ ...ctx, ...actorOf(ctx) }, async () => ({ result: null, events: [{ kind: 'partnership.backup_downloaded', payload: { partnershipId: ctx.partnershipId } }] }));
  return exportPartnership(ctx.db, ctx.partnershipId, ctx.now);
}
