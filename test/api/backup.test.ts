import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { charterContentHash } from '../../src/charters/rules/content.js';
import type { CharterContent } from '../../src/charters/rules/types.js';
import { textHash } from '../../src/journal/chain.js';
import { verifyJournal } from '../../src/journal/verify.js';
import { buildApp } from '../../src/server/app.js';
import { checkPassword, createAccountWithPassword } from '../../src/accounts/acts.js';
import { BackupRefused, exportPartnership, restorePartnership, TABLES_IN_BACKUP, TABLES_LEFT_OUT, type Backup } from '../../src/backup/backup.js';
import { createPartnership } from '../../src/partnerships/acts.js';
import { LATEST_MIGRATION } from '../../src/common/database/migrate.js';
import { furnishedWithFacilitator, type Furnished } from '../support/partnership-routes.js';
import { countRows } from '../support/structure.js';
import { Client, emptyDatabase, migratedPgliteFolder, newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';
import { createThrowawayDatabase } from '../support/throwaway-database.js';

const onPostgres = process.env['ENTENTE_TEST_DB'] === 'postgres';

let t: TestApp;
let f: PartnershipFixture;
let ids: Furnished;
let member: Awaited<ReturnType<typeof newMember>>;
let backup: Backup;
/** The operator's export, with password hashes. */
let fullBackup: Backup;
/** Another partnership, in which the administrator of the first also has a place. */
let other: PartnershipFixture;
let otherPersonId: string;

/** A partnership that has used every capability: seats, charter signed, a thread, stances, election, meeting, poll, an erased person. */
beforeAll(async () => {
  t = await startTestApp();
  f = await newPartnership(t);
  ({ ids, facilitator: member } = await furnishedWithFacilitator(t, f, 'Nadia Benali'));
  const version = `${f.base}/charters/${ids.charterId}/versions/${ids.versionId}`;
  expect((await member.client.post(`${version}/signatures`, { signatoryId: ids.signatoryId, typedName: 'Samia Haddad', readAndApproved: true, contentHash: ids.contentHash })).status).toBe(201);
  expect((await member.client.post(`${f.base}/proposals/${ids.proposalId}/messages`, { kind: 'answer', body: 'Avant l’été.', replyTo: ids.messageId })).status).toBe(201);
  expect((await member.client.post(`${f.base}/proposals/${ids.proposalId}/messages/${ids.messageId}/answered`)).status).toBe(204);
  for (let move = 0; move < 3; move++) expect((await member.client.post(`${f.base}/proposals/${ids.proposalId}/phase`)).status).toBe(200);
  expect((await member.client.post(`${f.base}/proposals/${ids.proposalId}/stances`, { stance: 'object', reason: 'Trop tôt', idempotencyKey: 'backup-1' })).status).toBe(200);
  expect((await member.client.put(`${f.base}/elections/${ids.electionId}/nomination`, { nomineeId: ids.personId, reason: 'Elle connaît le quartier' })).status).toBe(200);
  expect((await member.client.put(`${f.base}/meetings/${ids.meetingId}/attendance`, { personId: member.personId, status: 'present' })).status).toBe(204);
  expect((await member.client.put(`${f.base}/meetings/${ids.meetingId}/minutes`, { text: '# Relevé\n\nRien à signaler.', basedOn: 0 })).status).toBe(200);
  expect((await member.client.put(`${f.base}/date-polls/${ids.pollId}/answers`, { answers: [{ slotId: ids.slotId, answer: 'yes' }] })).status).toBe(204);
  expect((await f.admin.post(`${f.base}/people/${ids.otherPersonId}/erase`)).status).toBe(200);
  const response = await f.admin.get(`${f.base}/backup`);
  expect(response.status).toBe(200);
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename="sauvegarde-entente-\d{4}-\d{2}-\d{2}\.json"$/);
  backup = response.body;
  fullBackup = await exportPartnership(t.store.db, f.partnershipId, t.clock.now(), { withPasswordHashes: true });
  other = await newPartnership(t);
  const account = await t.store.db.selectFrom('account').select('id').where('email', '=', f.adminEmail.toLowerCase()).executeTakeFirstOrThrow();
  otherPersonId = (await other.admin.post(`${other.base}/people`, { fullName: 'Admin ailleurs', email: null, memberships: [] })).body.id;
  await t.store.db.updateTable('person').set({ account_id: account.id }).where('id', '=', otherPersonId).execute();
});
afterAll(() => t.close());

const withoutDate = ({ exportedAt: _, ...rest }: Backup) => rest;

describe('a backup', () => {
  it('holds every table of the schema, or says why it leaves one out', async () => {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.store.db);
    expect(tables.rows.map((row) => row.name).sort()).toEqual([...TABLES_IN_BACKUP, ...TABLES_LEFT_OUT].sort());
  });

  it('holds what the partnership did, and no session or sign-in link', () => {
    const counts = Object.fromEntries(Object.entries(backup.tables).map(([table, rows]) => [table, rows.length]));
    expect(counts).toMatchObject({ partnership: 1, account: 2, charter_signature: 1, stance: 1, discussion_message: 2, nomination: 1, attendance: 1, date_poll_answer: 1 });
    const entries = backup.tables['journal_entry']!;
    expect(entries.find((entry) => entry['seq'] === entries.length)).toMatchObject({ kind: 'partnership.backup_downloaded', actor_id: f.adminPersonId });
    expect(JSON.stringify(backup)).not.toMatch(/csrf_token|id_hash|token_hash/);
  });

  it('holds nothing of another partnership, even one its administrator belongs to', async () => {
    const again = JSON.stringify(await exportPartnership(t.store.db, f.partnershipId, t.clock.now(), { withPasswordHashes: true }));
    for (const id of [other.partnershipId, other.adminPersonId, otherPersonId]) expect(again).not.toContain(id);
  });

  it('downloaded by an administrator, holds no password hash: an account may open other partnerships', () => {
    expect(backup.tables['account']!.map((account) => account['password_hash'])).toEqual([null, null]);
    expect(fullBackup.tables['account']!.some((account) => typeof account['password_hash'] === 'string')).toBe(true);
  });

  it('is for the partnership’s administrators only', async () => {
    const before = await countRows(t, f.partnershipId);
    const refused = await member.client.get(`${f.base}/backup`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Vous n’avez pas le droit de faire cela.');
    expect(await countRows(t, f.partnershipId)).toEqual(before);
  });
});

describe('restoring a backup into an empty database', () => {
  let target: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    target = await emptyDatabase();
  });
  afterAll(() => target.drop());

  it('gives back the same partnership, row for row, and its journal verifies', async () => {
    const outcome = await restorePartnership(target.store.db, fullBackup);
    expect(outcome).toEqual({ partnershipId: f.partnershipId, rows: Object.values(fullBackup.tables).flat().length, journalEntries: fullBackup.tables['journal_entry']!.length });
    expect(await verifyJournal(target.store.db)).toMatchObject({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: fullBackup.tables['journal_entry']!.length }] });
    const again = await exportPartnership(target.store.db, f.partnershipId, new Date(), { withPasswordHashes: true });
    expect(withoutDate(again)).toEqual(withoutDate(fullBackup));
  });

  it('serves it: the administrator signs in with the same password and finds the same pages', async () => {
    const app = await buildApp(target.store, { publicUrl: 'http://restored.test', signInAttemptsPerMinute: 1000, secureCookies: false, now: t.clock.now });
    try {
      const admin = new Client(app);
      expect((await admin.signIn(f.adminEmail, TEST_PASSWORD)).status).toBe(200);
      for (const path of ['', `/people/${ids.personId}`, `/proposals/${ids.proposalId}`, `/proposals/${ids.proposalId}/messages`, `/meetings/${ids.meetingId}`, `/charters/${ids.charterId}/versions/${ids.versionId}`]) {
        const restored = await admin.get(`${f.base}${path}`);
        const original = await f.admin.get(`${f.base}${path}`);
        expect(restored.status, path).toBe(200);
        expect(restored.body, path).toEqual(original.body);
      }
    } finally {
      await app.close();
    }
  });

  it('refuses it a second time, and changes nothing', async () => {
    const before = await countRows(target, f.partnershipId);
    await expect(restorePartnership(target.store.db, fullBackup)).rejects.toThrow(new BackupRefused(`Partnership ${f.partnershipId} is already in this database.`));
    expect(await countRows(target, f.partnershipId)).toEqual(before);
  });
});

describe('a backup that cannot be restored', () => {
  let target: Awaited<ReturnType<typeof emptyDatabase>>;
  /** A partnership the target server already holds. */
  let stranger: { partnershipId: string; adminPersonId: string };
  let before: unknown;
  const everything = async () => [
    await target.store.db.selectFrom('partnership').select('id').orderBy('id').execute(),
    await target.store.db.selectFrom('account').select('id').orderBy('id').execute(),
    await target.store.db.selectFrom('person').select('id').orderBy('id').execute(),
  ];
  beforeAll(async () => {
    target = await emptyDatabase();
    stranger = await createPartnership(target.store.db, { name: 'Ailleurs', admin: { fullName: 'Quelqu’un d’ailleurs', email: 'ailleurs@example.org' } }, t.clock.now());
    before = await everything();
  });
  afterAll(() => target.drop());

  const expectNothingRestored = async () => expect(await everything()).toEqual(before);

  it('is refused whole when its journal was changed, the text an entry’s hash covers alone or with what pages read of it', async () => {
    for (const withColumns of [false, true]) {
      const changed = structuredClone(backup);
      const entry = changed.tables['journal_entry']!.find((row) => row['kind'] === 'stance.taken')!;
      entry['body'] = String(entry['body']).replace('"stance":"object"', '"stance":"consent"');
      expect(entry['body']).toContain('"stance":"consent"');
      if (withColumns) entry['payload'] = { ...(entry['payload'] as object), stance: 'consent' };
      await expect(restorePartnership(target.store.db, changed)).rejects.toThrow(`The journal in this backup does not verify (entry ${String(entry['seq'])}): the file was changed.`);
      await expectNothingRestored();
    }
  });

  it('is refused whole when its journal was taken out', async () => {
    const emptied = structuredClone(backup);
    emptied.tables['journal_entry'] = [];
    emptied.tables['journal_head'] = [];
    await expect(restorePartnership(target.store.db, emptied)).rejects.toThrow('The journal in this backup does not verify: the file was changed.');
    await expectNothingRestored();
  });

  /** The lines of the refusal: its reason, then one per row that disagrees with the journal. */
  const refusal = async (file: Backup): Promise<string[]> => {
    const refused = await restorePartnership(target.store.db, file).then(
      () => new Error('restored'),
      (error: unknown) => error as Error,
    );
    expect(refused).toBeInstanceOf(BackupRefused);
    await expectNothingRestored();
    return refused.message.split('\n');
  };
  const DISAGREES = 'These rows of this backup disagree with its journal: the file was changed, nothing was restored.';
  const rowOf = (file: Backup, table: string, id: string) => file.tables[table]!.find((row) => row['id'] === id)!;

  it('is refused whole, naming the version and each signature, when an adopted article was rewritten under its hash', async () => {
    const rewritten = structuredClone(backup);
    const version = rowOf(rewritten, 'charter_version', ids.versionId);
    const articles = version['articles'] as { body: string }[];
    articles[0]!.body = 'Chaque maison cède ses locaux au partenariat.';
    const hashOfText = charterContentHash({ title: version['title'], articles, rules: version['rules'] } as CharterContent);
    const signatureId = String(rewritten.tables['charter_signature']![0]!['id']);
    expect(await refusal(rewritten)).toEqual([
      DISAGREES,
      `charter_version ${ids.versionId}: keeps the hash ${ids.contentHash}, but its content hashes to ${hashOfText}`,
      `charter_signature ${signatureId}: keeps the hash ${ids.contentHash}, but the content of the version it signs hashes to ${hashOfText}`,
    ]);
    // Hashed again, the version and its signature agree with each other, not with the journal.
    version['content_hash'] = hashOfText;
    rewritten.tables['charter_signature']![0]!['content_hash'] = hashOfText;
    expect(await refusal(rewritten)).toEqual([
      DISAGREES,
      `charter_signature ${signatureId}: contentHash is "${hashOfText}", the journal says "${ids.contentHash}"`,
      `charter_version ${ids.versionId}: contentHash is "${hashOfText}", the journal says "${ids.contentHash}"`,
    ]);
  });

  it('is refused whole, naming the person, when a member was made administrator', async () => {
    const promoted = structuredClone(backup);
    rowOf(promoted, 'person', ids.personId)['is_partnership_admin'] = true;
    expect(await refusal(promoted)).toEqual([DISAGREES, `person ${ids.personId}: isPartnershipAdmin is true, the journal says false`]);
  });

  it('is refused whole, naming the stance, when a stance or its reason was changed', async () => {
    const changed = structuredClone(backup);
    const stance = changed.tables['stance']![0]!;
    stance['stance'] = 'consent';
    stance['reason'] = '';
    expect(await refusal(changed)).toEqual([
      DISAGREES,
      `stance ${String(stance['id'])}: stance is "consent", the journal says "object"; reasonHash is "${textHash('')}", the journal says "${textHash('Trop tôt')}"`,
    ]);
  });

  it('is refused whole, naming the proposal, when its words were changed', async () => {
    const reworded = structuredClone(backup);
    rowOf(reworded, 'proposal', ids.proposalId)['wording'] = 'Une autre proposition';
    expect(await refusal(reworded)).toEqual([DISAGREES, `proposal ${ids.proposalId}: wordingHash is "${textHash('Une autre proposition')}", the journal says "${textHash('Une proposition')}"`]);
  });

  it('is refused whole when a governing row was added that no act made, or one the journal records was taken out', async () => {
    const seatId = String(backup.tables['body_member']![0]!['id']);
    const added = structuredClone(backup);
    added.tables['body_member']!.push({ ...added.tables['body_member']![0]!, id: randomUUID(), starts_on: '2020-01-01', ends_on: '2020-06-30' });
    const addedId = String(added.tables['body_member']!.at(-1)!['id']);
    const removed = structuredClone(backup);
    removed.tables['body_member'] = removed.tables['body_member']!.filter((seat) => seat['id'] !== seatId);
    expect(await refusal(added)).toEqual([DISAGREES, `body_member ${addedId}: no journal entry made this row`]);
    expect(await refusal(removed)).toEqual([DISAGREES, `body_member ${seatId}: the journal records this row, which is missing`]);
  });

  it('is refused whole when a row belongs to another partnership, or refers to one', async () => {
    const intruder = structuredClone(backup);
    intruder.tables['person']!.push({ ...intruder.tables['person']![0]!, id: randomUUID(), partnership_id: stranger.partnershipId, email: null, is_partnership_admin: true });
    await expect(restorePartnership(target.store.db, intruder)).rejects.toThrow(`This backup's person rows do not all belong to partnership ${f.partnershipId}: nothing was restored.`);
    const reaching = structuredClone(backup);
    reaching.tables['body_member']![0]!['person_id'] = stranger.adminPersonId;
    await expect(restorePartnership(target.store.db, reaching)).rejects.toThrow('This backup\'s body_member rows refer to person rows of another partnership: nothing was restored.');
    const stray = structuredClone(backup);
    stray.tables['account']!.push({ id: randomUUID(), email: 'personne@example.org', password_hash: null, locale: null, created_at: '2026-03-10T09:00:00+00:00' });
    await expect(restorePartnership(target.store.db, stray)).rejects.toThrow(`This backup's account rows do not all belong to partnership ${f.partnershipId}: nothing was restored.`);
    await expectNothingRestored();
  });

  it('uses the account already here for the same address, whose password stays', async () => {
    const separate = await emptyDatabase();
    try {
      const existingId = await createAccountWithPassword(separate.store.db, f.adminEmail, 'un autre mot de passe');
      await restorePartnership(separate.store.db, fullBackup);
      const admin = await separate.store.db.selectFrom('person').select('account_id').where('id', '=', f.adminPersonId).executeTakeFirstOrThrow();
      expect(admin.account_id).toBe(existingId);
      expect(await checkPassword(separate.store.db, f.adminEmail, 'un autre mot de passe')).toBe(existingId);
      expect(await checkPassword(separate.store.db, f.adminEmail, TEST_PASSWORD)).toBeUndefined();
    } finally {
      await separate.drop();
    }
  });

  it('is refused when made with another schema, or when it is not a backup', async () => {
    await expect(restorePartnership(target.store.db, { ...backup, schema: '099-future' })).rejects.toThrow(
      `This backup was made with schema 099-future; this server has ${LATEST_MIGRATION}. Restore it with the same version of Entente.`,
    );
    await expect(restorePartnership(target.store.db, { format: 'entente-charter' })).rejects.toThrow('This is not an Entente backup of format 1.');
    await expectNothingRestored();
  });
});

describe('npx entente backup export and restore', () => {
  const ROOT = process.cwd();
  const run = promisify(execFile);
  const cli = (args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, [join(ROOT, 'bin', 'entente.js'), ...args], { env: { ...process.env, ...env }, cwd: ROOT, timeout: 60_000 });

  it('carry a partnership from one server to another through a gzipped file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-backup-'));
    const databases = onPostgres ? [await createThrowawayDatabase(inject('postgresUrl'), 'entente_source'), await createThrowawayDatabase(inject('postgresUrl'), 'entente_target')] : [];
    try {
      const where = (index: 0 | 1): NodeJS.ProcessEnv => (onPostgres ? { DATABASE_URL: databases[index]!.url, DATA_DIR: '' } : { DATA_DIR: join(dir, `data-${index}`), DATABASE_URL: '' });
      const [sourceEnv, targetEnv] = [where(0), where(1)];
      // The source is a server already set up; the target, a new one the restore sets up.
      if (!onPostgres) await migratedPgliteFolder(sourceEnv['DATA_DIR']!);
      const created = await cli(['create-admin', '--partnership', 'Les Trois Rives', '--name', 'Nadia Benali', '--email', 'nadia@example.org'], { ...sourceEnv, ENTENTE_ADMIN_PASSWORD: TEST_PASSWORD });
      const partnershipId = /Partnership ([0-9a-f-]{36}) created/.exec(created.stdout)![1]!;
      const file = join(dir, 'sauvegarde.json.gz');
      expect((await cli(['backup', 'export', '--partnership', partnershipId, '--out', file], sourceEnv)).stdout.trim()).toBe(`Partnership ${partnershipId} written to ${file}.`);
      expect(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).tables.partnership).toMatchObject([{ id: partnershipId, name: 'Les Trois Rives' }]);
      expect((await cli(['backup', 'restore', file], targetEnv)).stdout.trim()).toBe(`Partnership ${partnershipId} restored: 6 rows, journal intact (2 entries).`);
      const twice = await cli(['backup', 'restore', file], targetEnv).catch((error: { code: number; stderr: string }) => error);
      expect(twice).toMatchObject({ code: 2, stderr: `Nothing restored. Partnership ${partnershipId} is already in this database.\n` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      for (const database of databases) await database.drop();
    }
  }, 120_000);
});
