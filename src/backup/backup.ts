import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupAnswer } from './contract.js';
import { forbidden } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { sealJournal } from '../journal/journal-store.js';
import { checkStateAgainstJournal, describeDisagreement } from '../journal/state-proof.js';
import { verifyJournal } from '../journal/verify.js';
import { LATEST_MIGRATION } from '../common/database/migrate.js';
import type { Database } from '../common/database/schema.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';

/**
 * A whole partnership in one file: every row that belongs to it, table by table, as PostgreSQL
 * writes it as JSON, so that restoring gives back the same values on PGlite or PostgreSQL.
 * Sessions, sign-in links and invitations are left out: they are keys, not the partnership's
 * record; so is the text of a mail that carries such a link (its message is in, the link left out). Password hashes travel only in the operator's export (`entente backup export`): an
 * account may open other partnerships too, and an administrator of this one must never hold a key
 * to them. After restoring an administrator's download, people sign in by e-mailed link.
 */

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
  ['membership_request', within('person_id', 'person')],
  ['body', ofPartnership],
  ['role', ofPartnership],
  ['role_assignment', within('role_id', 'role')],
  ['body_member', within('body_id', 'body')],
  ['delegation', ofPartnership],
  ['charter', ofPartnership],
  ['charter_version', within('charter_id', 'charter')],
  ['charter_signature', (p) => sql`version_id in (select v.id from charter_version v join charter c on c.id = v.charter_id where c.partnership_id = ${p})`],
  ['deliverable', ofPartnership],
  // A proposal may name the common project whose presentation or evaluation it decides.
  ['project', ofPartnership],
  ['project_carrier', within('project_id', 'project')],
  ['project_organization', within('project_id', 'project')],
  ['project_step', within('project_id', 'project')],
  ['project_lead_approval', within('project_id', 'project')],
  ['project_purpose', within('project_id', 'project')],
  ['project_objective', within('project_id', 'project')],
  ['project_indicator', within('project_id', 'project')],
  ['project_measurement', (p) => sql`indicator_id in (select i.id from project_indicator i join project j on j.id = i.project_id where j.partnership_id = ${p})`],
  ['project_means', within('project_id', 'project')],
  // A proposal may name the action plan it adopts.
  ['action_plan', ofPartnership],
  ['action_plan_subject', within('plan_id', 'action_plan')],
  ['action_plan_action', (p) => sql`subject_id in (select s.id from action_plan_subject s join action_plan a on a.id = s.plan_id where a.partnership_id = ${p})`],
  ['project_subject', (p) => sql`subject_id in (select s.id from action_plan_subject s join action_plan a on a.id = s.plan_id where a.partnership_id = ${p})`],
  // A proposal may name the budget version it validates or the settlement it approves.
  ['money_attachment', ofPartnership],
  ['budget', ofPartnership],
  ['budget_version', within('budget_id', 'budget')],
  ['budget_line', (p) => sql`version_id in (select v.id from budget_version v join budget b on b.id = v.budget_id where b.partnership_id = ${p})`],
  ['budget_entry', within('budget_id', 'budget')],
  ['split_payment', within('budget_id', 'budget')],
  ['settlement', within('budget_id', 'budget')],
  ['settlement_line', (p) => sql`settlement_id in (select s.id from settlement s join budget b on b.id = s.budget_id where b.partnership_id = ${p})`],
  ['fund_declaration', ofPartnership],
  ['fund_call', ofPartnership],
  ['pooled_mean', ofPartnership],
  ['pooled_mean_booking', within('mean_id', 'pooled_mean')],
  // A proposal may name the request to join a circle that it decides.
  ['circle_join', ofPartnership],
  ['proposal', ofPartnership],
  ['stance', within('proposal_id', 'proposal')],
  ['proxy', within('proposal_id', 'proposal')],
  ['information_note', within('proposal_id', 'proposal')],
  ['discussion_message', within('proposal_id', 'proposal')],
  // After the proposal that decides it.
  ['project_evaluation', within('project_id', 'project')],
  // A spending of the common fund is written by the decision that adopts it.
  ['fund_ledger', ofPartnership],
  ['election', ofPartnership],
  ['nomination', within('election_id', 'election')],
  ['election_stance', within('election_id', 'election')],
  ['meeting', ofPartnership],
  ['agenda_item', within('meeting_id', 'meeting')],
  ['attendance', within('meeting_id', 'meeting')],
  ['meeting_guest', within('meeting_id', 'meeting')],
  ['meeting_round_word', within('meeting_id', 'meeting')],
  ['minutes_review', within('meeting_id', 'meeting')],
  // After the meeting, the agenda item and the proposal a tension may have become.
  ['tension', ofPartnership],
  ['date_poll', ofPartnership],
  ['date_poll_slot', within('poll_id', 'date_poll')],
  ['date_poll_answer', (p) => sql`slot_id in (select s.id from date_poll_slot s join date_poll d on d.id = s.poll_id where d.partnership_id = ${p})`],
  // An accompaniment's workspace (issue 21). An anonymous questionnaire's responses name nobody,
  // and rows leave in the order of their random ids, so neither their place nor a column links a
  // response to whoever took part.
  ['accompaniment', ofPartnership],
  ['accompaniment_member', within('accompaniment_id', 'accompaniment')],
  ['accompaniment_day', within('accompaniment_id', 'accompaniment')],
  ['accompaniment_day_item', (p) => sql`day_id in (select d.id from accompaniment_day d join accompaniment a on a.id = d.accompaniment_id where a.partnership_id = ${p})`],
  ['accompaniment_day_presence', (p) => sql`day_id in (select d.id from accompaniment_day d join accompaniment a on a.id = d.accompaniment_id where a.partnership_id = ${p})`],
  ['questionnaire', within('accompaniment_id', 'accompaniment')],
  ['questionnaire_question', (p) => sql`questionnaire_id in (select q.id from questionnaire q join accompaniment a on a.id = q.accompaniment_id where a.partnership_id = ${p})`],
  ['questionnaire_response', (p) => sql`questionnaire_id in (select q.id from questionnaire q join accompaniment a on a.id = q.accompaniment_id where a.partnership_id = ${p})`],
  ['questionnaire_participation', (p) => sql`questionnaire_id in (select q.id from questionnaire q join accompaniment a on a.id = q.accompaniment_id where a.partnership_id = ${p})`],
  ['workspace_file', ofPartnership],
  ['resource', ofPartnership],
  ['map_entry', ofPartnership],
  ['map_cooperation_party', within('entry_id', 'map_entry')],
  ['harvest_item', ofPartnership],
  // A confidential mail (a dispute's) is its addressee's alone, like the dispute it speaks of.
  ['outbox_message', (p) => sql`partnership_id = ${p} and not confidential`],
  ['mail_notice', (p) => sql`partnership_id = ${p} and not confidential`],
  ['journal_entry', ofPartnership],
  ['journal_head', ofPartnership],
];

/**
 * A dispute is confidential to its parties, its mediator and the body its charter names (seed 000,
 * art. 7): an administrator's backup must not carry it, and a restore starts without it. Its
 * journal entries, ids only, stay and still verify; the state proof checks its rows only where
 * they are.
 */
const DISPUTE_TABLES = ['dispute', 'dispute_party', 'dispute_meeting', 'dispute_meeting_note', 'dispute_task'] as const;

/**
 * Tables that hold no partnership's record: credentials that expire, the migrator's own, the
 * PDFs of frozen documents, printed again from the restored rows, and disputes.
 */
export const TABLES_LEFT_OUT = [
  'session',
  'magic_link',
  'invitation',
  'person_link',
  'outbox_personal_body',
  'journal_pending',
  'printed_document',
  'kysely_migration',
  'kysely_migration_lock',
  ...DISPUTE_TABLES,
] as const;
export const TABLES_IN_BACKUP = TABLES.map(([table]) => table);

/** A file restored holds every table of a backup. */
const backupSchema = backupAnswer.extend({
  tables: z.object(Object.fromEntries(TABLES.map(([table]) => [table, z.array(z.record(z.string(), z.unknown()))]))),
});
export type Backup = z.infer<typeof backupSchema>;

/** A backup that cannot be restored here, with the reason an operator can act on. */
export class BackupRefused extends Error {}

export interface ExportOptions {
  /** Only for the operator, who holds the database anyway. */
  readonly withPasswordHashes: boolean;
}

/**
 * Reads the partnership in one snapshot in which its journal has nothing pending, so every act in
 * the file has its entry (acts committed meanwhile are sealed and the snapshot taken again).
 * Timestamps are written in UTC whatever the server's zone.
 */
export async function exportPartnership(db: Kysely<Database>, partnershipId: string, now: Date, options: ExportOptions): Promise<Backup> {
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
          const row = table === 'account' && !options.withPasswordHashes ? sql`to_jsonb(t) || '{"password_hash": null}'::jsonb` : sql`to_jsonb(t)`;
          const result = await sql<{ rows: Record<string, unknown>[] }>`
            select coalesce(jsonb_agg(${row} order by t::text), '[]'::jsonb) as rows
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

/** The columns a restore writes: any the database generates, it computes again. */
async function writableColumns(trx: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
     where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'
     order by ordinal_position`.execute(trx);
  return rows.map((row) => row.name);
}

/**
 * An entry whose columns say something else than the text its hash covers is refused by the
 * journal's constraint (migration 049); asked first with the constraint's own function, the
 * refusal names the entry, as verification would.
 */
async function refuseEntriesApartFromTheirText(trx: Kysely<Database>, entries: readonly Record<string, unknown>[]): Promise<void> {
  const { rows } = await sql<{ seq: number }>`
    select e.seq from json_populate_recordset(null::journal_entry, ${JSON.stringify(entries)}::json) e
     where not journal_body_agrees(e.body, e.partnership_id, e.recorded_at, e.actor_id, e.kind, e.payload)
     order by e.seq limit 1`.execute(trx);
  if (rows[0]) throw new BackupRefused(`The journal in this backup does not verify (entry ${rows[0].seq}): the file was changed.`);
}

/**
 * An account whose address is already known here is that person's account: the restored people
 * use it, and its password stays as it is. Answers the ids to replace in the file.
 */
async function accountsAlreadyHere(trx: Kysely<Database>, accounts: readonly Record<string, unknown>[]): Promise<Map<string, string>> {
  const emails = accounts.map((account) => String(account['email']).toLowerCase());
  if (emails.length === 0) return new Map();
  const known = await trx.selectFrom('account').select(['id', 'email']).where('email', 'in', emails).execute();
  const idOf = new Map(known.map((account) => [account.email, account.id]));
  return new Map(accounts.flatMap((account) => {
    const here = idOf.get(String(account['email']).toLowerCase());
    return here === undefined ? [] : [[String(account['id']), here] as const];
  }));
}

/**
 * A restored row may refer only to rows of the same partnership: a seat in this partnership's
 * body for a person of another, say, would pass every foreign key. Each reference between tables
 * of the backup is checked from the catalogue, so a table or a reference added later is checked too.
 */
async function refuseReferencesOutside(trx: Kysely<Database>, partnershipId: string): Promise<void> {
  const scopeOf = new Map(TABLES);
  const { rows: references } = await sql<{ child: string; column: string; parent: string; parent_column: string }>`
    select c.conrelid::regclass::text as child, a.attname as column, c.confrelid::regclass::text as parent, pa.attname as parent_column
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
     where c.contype = 'f' and cardinality(c.conkey) = 1 and c.connamespace = current_schema()::regnamespace`.execute(trx);
  for (const reference of references) {
    const childScope = scopeOf.get(reference.child as keyof Database & string);
    const parentScope = scopeOf.get(reference.parent as keyof Database & string);
    if (!childScope || !parentScope) continue;
    const { rows } = await sql<{ outside: number }>`
      select count(*)::integer as outside from ${sql.table(reference.child)}
       where ${childScope(partnershipId)} and ${sql.ref(reference.column)} is not null
         and ${sql.ref(reference.column)} not in (select ${sql.ref(reference.parent_column)} from ${sql.table(reference.parent)} where ${parentScope(partnershipId)})`.execute(trx);
    if (rows[0]!.outside > 0) {
      throw new BackupRefused(`This backup's ${reference.child} rows refer to ${reference.parent} rows of another partnership: nothing was restored.`);
    }
  }
}

/**
 * Restores a partnership into a database that does not hold it, in one transaction, and refuses
 * the whole file when anything in it reaches outside that partnership: every table must hold, once
 * restored, exactly the file's rows for it (a row naming another partnership, or an account no
 * restored person uses, would not be counted), every reference must stay inside the partnership,
 * and its journal must verify, head included, and prove every governing row (journal/state-proof.ts).
 */
export async function restorePartnership(db: Kysely<Database>, file: unknown): Promise<RestoreOutcome> {
  const parsed = backupSchema.safeParse(file);
  if (!parsed.success) throw new BackupRefused(`This is not an Entente backup of format ${BACKUP_FORMAT_VERSION}.`);
  const backup = parsed.data;
  const partnershipId = backup.partnershipId;
  if (backup.schema !== LATEST_MIGRATION) {
    throw new BackupRefused(`This backup was made with schema ${backup.schema}; this server has ${LATEST_MIGRATION}. Restore it with the same version of Entente.`);
  }
  if (backup.tables['partnership']!.length !== 1 || backup.tables['partnership']![0]!['id'] !== partnershipId) {
    throw new BackupRefused('This backup does not hold the partnership it names.');
  }
  const existing = await db.selectFrom('partnership').select('id').where('id', '=', partnershipId).executeTakeFirst();
  if (existing) throw new BackupRefused(`Partnership ${partnershipId} is already in this database.`);
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`set constraints meeting_current_item_id_fkey deferred`.execute(trx);
      const replaced = await accountsAlreadyHere(trx, backup.tables['account']!);
      const content = (table: string) => {
        const rows = backup.tables[table]!;
        if (table === 'account') return rows.filter((account) => !replaced.has(String(account['id'])));
        if (table === 'person') return rows.map((person) => ({ ...person, account_id: replaced.get(String(person['account_id'])) ?? person['account_id'] }));
        return rows;
      };
      let rows = 0;
      for (const [table] of TABLES) {
        const restored = content(table);
        if (restored.length === 0) continue;
        if (table === 'journal_entry') await refuseEntriesApartFromTheirText(trx, restored);
        const columns = sql.join((await writableColumns(trx, table)).map((column) => sql.ref(column)));
        await sql`insert into ${sql.table(table)} (${columns})
          select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(restored)}::json)`.execute(trx);
        rows += restored.length;
      }
      for (const [table, scope] of TABLES) {
        const { rows: counted } = await sql<{ count: number }>`select count(*)::integer as count from ${sql.table(table)} where ${scope(partnershipId)}`.execute(trx);
        if (counted[0]!.count !== backup.tables[table]!.length) {
          throw new BackupRefused(`This backup's ${table} rows do not all belong to partnership ${partnershipId}: nothing was restored.`);
        }
      }
      await refuseReferencesOutside(trx, partnershipId);
      const verified = await verifyJournal(trx, { partnershipId });
      if (!verified.ok || verified.chains.length !== 1) throw new BackupRefused(`The journal in this backup does not verify${verified.ok ? '' : ` (entry ${verified.broken.seq})`}: the file was changed.`);
      const disagreements = await checkStateAgainstJournal(trx, partnershipId);
      if (disagreements.length > 0) {
        throw new BackupRefused(`These rows of this backup disagree with its journal: the file was changed, nothing was restored.\n${disagreements.map(describeDisagreement).join('\n')}`);
      }
      return { partnershipId, rows, journalEntries: verified.chains[0]!.entries };
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
  return exportPartnership(ctx.db, ctx.partnershipId, ctx.now, { withPasswordHashes: false });
}
