/* `entente serve`: the server and the work its clock triggers, which the other commands never load. */
import { fileURLToPath } from 'node:url';
import { demoDoorOpens, readEnvironment, type Environment } from '../config.js';
import { createDemoPartnership, DEMO_NAME, DEMO_SIGN_IN, hasAnyPartnership } from '../demo/demo-partnership.js';
import { sealAllPending } from '../journal/journal-store.js';
import { buildApp, type AppConfig } from '../server/app.js';
import { closeRoundsPastDeadline } from '../decisions/acts.js';
import { sendDueReviewReminders } from '../decisions/review-reminders.js';
import { sendDeadlineReminders, sendDigests } from '../participation/digest.js';
import { sendTermEndingReminders } from '../roles/term-reminders.js';
import { sendEvaluationReminders } from '../projects/evaluation-reminders.js';
import { sendDueQuestionnaires } from '../questionnaires/clock.js';
import { openStore } from '../common/database/database.js';
import { migrateToLatest } from '../common/database/migrate.js';
import { tidyEmbeddedDatabase } from '../common/database/upkeep.js';
import { forgetExpiredCredentials } from '../accounts/acts.js';

const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));

const where = (env: Environment) => (env.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env.dataDir}`);

/** What `serve` builds its app with, from the environment and its options. */
export function serveConfig(env: Environment, options: { readonly demo: boolean }): AppConfig {
  return {
    publicUrl: env.publicUrl,
    smtpUrl: env.smtpUrl,
    mailFrom: env.mailFrom,
    webRoot: WEB_ROOT,
    signInAttemptsPerMinute: 10,
    secureCookies: env.publicUrl.startsWith('https://'),
    trustProxy: env.trustProxy,
    demoDoor: demoDoorOpens(options, env),
    logger: { level: env.logLevel },
  };
}

export async function serve(options: { demo: boolean }): Promise<void> {
  const env = readEnvironment();
  const store = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  await migrateToLatest(store.db);
  if (options.demo && !(await hasAnyPartnership(store.db))) {
    await createDemoPartnership(store.db, new Date(), { history: true });
    console.log(`Partenariat de démonstration « ${DEMO_NAME} » créé.`);
  }
  const app = await buildApp(store, serveConfig(env, options));
  const stopRetrying = app.mailer.startRetrying();
  const stopClockWork = startClockWork(app);
  const stop = async () => {
    stopRetrying();
    stopClockWork();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: env.port, host: env.host });
  console.log(`\nEntente est prêt : ${env.publicUrl}  (base : ${where(env)})`);
  if (options.demo) console.log(`Connexion de démonstration : ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}\n`);
  if (app.config.demoDoor) console.log('La page de connexion propose aussi d’entrer comme cinq personnes du partenariat de démonstration (NODE_ENV=production la ferme).\n');
}

/**
 * Work the clock triggers: journal entries left unsealed are sealed, rounds past their
 * deadline close and questionnaires whose opening passed are sent every minute; review dates, terms ending within a month, deadlines of tomorrow
 * and the daily digests are looked for, and expired credentials forgotten, every hour. All also run at start, but the embedded
 * database's upkeep, which holds its thread a moment, first runs an hour after.
 */
function startClockWork(app: Awaited<ReturnType<typeof buildApp>>): () => void {
  const every = (minutes: number, work: () => Promise<unknown>, what: string, atStart = true) => {
    const run = () => work().catch((error: unknown) => app.log.error({ err: error }, `${what} failed`));
    if (atStart) void run();
    const timer = setInterval(run, minutes * 60_000);
    timer.unref();
    return () => clearInterval(timer);
  };
  const stops = [
    every(1, () => sealAllPending(app.store.db), 'sealing the journal'),
    every(
      1,
      () =>
        closeRoundsPastDeadline(
          app.store.db,
          app.now(),
          app.afterCommit,
          (proposalId, error) => app.log.error({ err: error, proposalId }, 'a round past its deadline could not close'),
        ),
      'closing rounds past their deadline',
    ),
    every(1, () => sendDueQuestionnaires(app.store.db, app.now(), app.afterCommit), 'questionnaires whose opening passed'),
    every(60, () => sendDueReviewReminders(app.store.db, app.now(), app.afterCommit), 'review reminders'),
    every(60, () => sendTermEndingReminders(app.store.db, app.now(), app.afterCommit), 'term-ending reminders'),
    every(60, () => sendEvaluationReminders(app.store.db, app.now(), app.afterCommit), 'project evaluation reminders'),
    every(60, () => sendDeadlineReminders(app.store.db, app.now(), app.afterCommit, (personId, error) => app.log.error({ err: error, personId }, 'a reminder could not leave')), 'reminders the day before a deadline'),
    every(60, () => sendDigests(app.store.db, app.now(), app.afterCommit, (personId, error) => app.log.error({ err: error, personId }, 'a digest could not leave')), 'daily digests'),
    every(60, () => forgetExpiredCredentials(app.store.db, app.now()), 'forgetting expired credentials'),
    every(60, () => tidyEmbeddedDatabase(app.store), 'tidying the embedded database', false),
  ];
  return () => stops.forEach((stop) => stop());
}
