import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { readEnvironment, type Environment } from '../config.js';
import { createDemoPartnership, DEMO_SIGN_IN } from '../demo/demo-partnership.js';
import { overduePendingEntries, pendingEntryCount, PENDING_BOUND_SECONDS } from '../journal/journal-store.js';
import { checkStateOfEveryPartnership, describeDisagreement } from '../journal/state-proof.js';
import { chainHolding, parseAnchor } from '../journal/anchor.js';
import { verifyJournal } from '../journal/verify.js';
import { BackupRefused, exportPartnership, restorePartnership } from '../backup/backup.js';
import { createPartnership } from '../partnerships/acts.js';
import { DataDirInUseError, openStore, type Store } from '../common/database/database.js';
import { migrateToLatest } from '../common/database/migrate.js';

async function withStore<T>(env: Environment, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  try {
    await migrateToLatest(store.db);
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Every command `entente` knows; the container recipe's test checks its command against it. */
export function commandLine(): Command {
  const program = new Command('entente').description('Entente: the charter that governs');

  program
    .command('serve')
    .description('migrate, create the demo partnership on first run, and serve the UI and API')
    .option('--no-demo', 'do not create the demo partnership')
    // The server and its clock load only to serve: the other commands start in a second less.
    .action(async (options: { demo: boolean }) => (await import('./serve.js')).serve(options));

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(() => withStore(readEnvironment(), async () => console.log('Schema up to date.')));

  program
    .command('demo')
    .description('create the demo partnership')
    .action(() =>
      withStore(readEnvironment(), async (store) => {
        await createDemoPartnership(store.db, new Date(), { history: true });
        console.log(`Demo partnership created. Sign in: ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}`);
      }),
    );

  program
    .command('create-admin')
    .description('create a partnership and its first administrator')
    .requiredOption('--partnership <name>', 'name of the partnership')
    .requiredOption('--name <full name>', 'name of the administrator')
    .requiredOption('--email <address>', 'e-mail address used to sign in')
    .option('--password-env <variable>', 'environment variable holding the password', 'ENTENTE_ADMIN_PASSWORD')
    .action((options: { partnership: string; name: string; email: string; passwordEnv: string }) =>
      withStore(readEnvironment(), async (store) => {
        const password = process.env[options.passwordEnv];
        if (!password || password.length < 12) {
          console.error(`Set ${options.passwordEnv} to a password of at least 12 characters.`);
          process.exitCode = 2;
          return;
        }
        const { partnershipId, accountCreated } = await createPartnership(
          store.db,
          { name: options.partnership, admin: { fullName: options.name, email: options.email, password } },
          new Date(),
        );
        console.log(
          `Partnership ${partnershipId} created; ${options.email} is its administrator` +
            (accountCreated ? '.' : ' (this address already had an account: its password is unchanged).'),
        );
      }),
    );

  const journal = program.command('journal').description('the tamper-evident journal');
  journal
    .command('verify')
    .description('check every hash chain, then that every governing row agrees with it; exit 0 and print each chain’s length and head when both hold')
    .option('--anchor <seq:hash>', 'a head once seen (printed on every document and mail): exit 0 only if it still lies on a chain')
    .action((options: { anchor?: string }) => {
      const anchor = options.anchor === undefined ? undefined : parseAnchor(options.anchor);
      if (options.anchor !== undefined && anchor === undefined) {
        console.error('--anchor takes a position and a hash as documents print them: 42:3f5a… (the hash in 64 hexadecimal characters).');
        process.exitCode = 2;
        return;
      }
      return withStore(readEnvironment(), async (store) => {
        const outcome = await verifyJournal(store.db);
        if (!outcome.ok) {
          console.error(
            outcome.partnershipId === null
              ? 'Journal broken: the columns of journal_entry that pages read are no longer held to each entry’s text: the constraint of migration 049 or its function journal_body_agrees was dropped or changed.'
              : `Journal broken: partnership ${outcome.partnershipId}, entry ${outcome.broken.seq} (${outcome.broken.reason}); ${outcome.count} entries of its chain verified before it.`,
          );
          process.exitCode = 1;
          return;
        }
        console.log(`Journal intact: ${outcome.chains.length} chain(s).`);
        for (const chain of outcome.chains) console.log(`Partnership ${chain.partnershipId}: ${chain.entries} entries, head ${chain.entries}:${chain.hash}.`);
        const pending = await pendingEntryCount(store.db);
        const overdue = await overduePendingEntries(store.db);
        const sealing = pending - overdue.length;
        if (sealing > 0) console.log(`${sealing === 1 ? '1 entry' : `${sealing} entries`} committed in the last ${PENDING_BOUND_SECONDS} s ${sealing === 1 ? 'is' : 'are'} being sealed.`);
        if (overdue.length > 0) {
          console.error(`Not sealed: ${overdue.length} committed ${overdue.length === 1 ? 'entry has' : 'entries have'} waited longer than ${PENDING_BOUND_SECONDS} s to be chained (a seal failed, or the server stopped before sealing; it seals them at its start and every minute).`);
          for (const entry of overdue) console.error(`partnership ${entry.partnershipId}, pending entry ${entry.id} (${entry.kind}), waiting since ${entry.pendingSince.toISOString()}`);
          process.exitCode = 1;
        }
        const disagreements = await checkStateOfEveryPartnership(store.db);
        if (disagreements.length > 0) {
          console.error(`State not proven: ${disagreements.length} row(s) disagree with the journal.`);
          for (const { partnershipId, disagreement } of disagreements) console.error(`partnership ${partnershipId}, ${describeDisagreement(disagreement)}`);
          process.exitCode = 1;
        }
        if (anchor === undefined) return;
        const holder = await chainHolding(store.db, anchor);
        if (holder !== undefined) {
          console.log(`Anchor ${anchor.seq}:${anchor.hash} lies on the chain of partnership ${holder}.`);
          return;
        }
        console.error(`Anchor ${anchor.seq}:${anchor.hash} lies on no chain: the journal was cut or rewritten after this head was seen.`);
        process.exitCode = 1;
      });
    });

  const backup = program.command('backup').description('a whole partnership in one file');
  backup
    .command('export')
    .description('write a partnership, its journal and its people’s accounts to one JSON file (gzipped if it ends in .gz)')
    .requiredOption('--partnership <id>', 'id of the partnership')
    .requiredOption('--out <file>', 'file to write')
    .action((options: { partnership: string; out: string }) =>
      withStore(readEnvironment(), async (store) => {
        const exists = await store.db.selectFrom('partnership').select('id').where('id', '=', options.partnership).executeTakeFirst();
        if (!exists) {
          console.error(`No partnership ${options.partnership} in this database.`);
          process.exitCode = 2;
          return;
        }
        const content = JSON.stringify(await exportPartnership(store.db, options.partnership, new Date(), { withPasswordHashes: true }));
        await writeFile(options.out, options.out.endsWith('.gz') ? gzipSync(content) : content, { mode: 0o600 });
        console.log(`Partnership ${options.partnership} written to ${options.out}.`);
      }),
    );
  backup
    .command('restore')
    .description('restore a partnership from a backup file into this database, which must not hold it; its journal is verified first')
    .argument('<file>', 'backup file (.json or .json.gz)')
    .action((file: string) =>
      withStore(readEnvironment(), async (store) => {
        try {
          const raw = await readFile(file);
          const outcome = await restorePartnership(store.db, JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')));
          console.log(`Partnership ${outcome.partnershipId} restored: ${outcome.rows} rows, journal intact (${outcome.journalEntries} entries).`);
        } catch (error) {
          // A refused backup, a file that is not JSON, or one that cannot be read or unzipped.
          const fileProblem = error instanceof BackupRefused || error instanceof SyntaxError || typeof (error as NodeJS.ErrnoException).code === 'string';
          if (!fileProblem) throw error;
          console.error(`Nothing restored. ${(error as Error).message}`);
          process.exitCode = 2;
        }
      }),
    );

  return program;
}

export async function run(argv: readonly string[]): Promise<void> {
  try {
    await commandLine().parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
