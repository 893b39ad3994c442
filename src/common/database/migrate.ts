import { sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import { foundation } from './migrations/001-foundation.js';
import { journalAppendFunction } from './migrations/002-journal-append-function.js';
import { charters } from './migrations/003-charters.js';
import { decisions } from './migrations/004-decisions.js';
import { journalSealing } from './migrations/005-journal-sealing.js';
import { actFunctions } from './migrations/006-act-functions.js';
import { elections } from './migrations/007-elections.js';
import { meetings } from './migrations/008-meetings.js';
import { datePolls } from './migrations/009-date-polls.js';
import { meetingConduct } from './migrations/010-meeting-conduct.js';
import { roleLinks } from './migrations/011-role-links.js';
import { electionDeadlines } from './migrations/012-election-deadlines.js';
import { erasure } from './migrations/013-erasure.js';
import { noSeatForTheErased } from './migrations/014-no-seat-for-the-erased.js';
import { restorableMeetings } from './migrations/015-restorable-meetings.js';
import { registerIndexes } from './migrations/016-register-indexes.js';
import { journalBody } from './migrations/017-journal-body.js';
import { peopleSearch } from './migrations/018-people-search.js';
import { personalLinks } from './migrations/019-personal-links.js';
import { bodyFounding } from './migrations/020-body-founding.js';
import { agreementRegister } from './migrations/021-agreement-register.js';
import { roleHoldersAndMembershipRequests } from './migrations/022-role-holders-and-membership-requests.js';
import { printedDocuments } from './migrations/023-printed-documents.js';
import { callsToAct } from './migrations/024-calls-to-act.js';
import { toDoIndexes } from './migrations/026-to-do-indexes.js';
import { discussions } from './migrations/027-discussions.js';
import { roundClosing } from './migrations/028-round-closing.js';
import { personLinkAddress } from './migrations/029-person-link-address.js';
import { outboxClaims } from './migrations/030-outbox-claims.js';
import { outboxUnsentByPartnership } from './migrations/031-outbox-unsent-by-partnership.js';
import { projects } from './migrations/032-projects.js';
import { meetingGuests } from './migrations/033-meeting-guests.js';
import { actionPlans } from './migrations/034-action-plans.js';
import { projectLeadRefusal } from './migrations/035-project-lead-refusal.js';
import { projectEvaluationReminder } from './migrations/036-project-evaluation-reminder.js';
import { money } from './migrations/037-money.js';
import { budgetReportedAt } from './migrations/038-budget-reported-at.js';
import { teamsDisputesCircles } from './migrations/039-teams-disputes-circles.js';
import { confidentialMail } from './migrations/042-confidential-mail.js';
import { tensionErasedWords } from './migrations/041-tension-erased-words.js';
import { disputeMediation } from './migrations/040-dispute-mediation.js';
import { accompaniments } from './migrations/043-accompaniments.js';
import { anonymousParticipation } from './migrations/044-anonymous-participation.js';
import { resourcePublicationConsent } from './migrations/045-resource-publication-consent.js';
import { journalPendingSince } from './migrations/046-pending-since.js';
import { stanceKeysInRow } from './migrations/047-stance-keys-in-row.js';
import { sessionViewerFunction } from './migrations/048-session-viewer-function.js';
import { journalColumnsChecked } from './migrations/049-journal-columns-checked.js';
import { actsTogether } from './migrations/050-acts-together.js';
import type { Database } from './schema.js';

const statementsMigration = (statements: readonly string[]): Migration => ({
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
});

export const migrations: Record<string, Migration> = {
  '001-foundation': statementsMigration(foundation),
  '002-journal-append-function': statementsMigration(journalAppendFunction),
  '003-charters': statementsMigration(charters),
  '004-decisions': statementsMigration(decisions),
  '005-journal-sealing': statementsMigration(journalSealing),
  '006-act-functions': statementsMigration(actFunctions),
  '007-elections': statementsMigration(elections),
  '008-meetings': statementsMigration(meetings),
  '009-date-polls': statementsMigration(datePolls),
  '010-meeting-conduct': statementsMigration(meetingConduct),
  '011-role-links': statementsMigration(roleLinks),
  '012-election-deadlines': statementsMigration(electionDeadlines),
  '013-erasure': statementsMigration(erasure),
  '014-no-seat-for-the-erased': statementsMigration(noSeatForTheErased),
  '015-restorable-meetings': statementsMigration(restorableMeetings),
  '016-register-indexes': statementsMigration(registerIndexes),
  '017-journal-body': journalBody,
  '018-people-search': statementsMigration(peopleSearch),
  '019-personal-links': statementsMigration(personalLinks),
  '020-body-founding': statementsMigration(bodyFounding),
  '021-agreement-register': statementsMigration(agreementRegister),
  '022-role-holders-and-membership-requests': statementsMigration(roleHoldersAndMembershipRequests),
  '023-printed-documents': statementsMigration(printedDocuments),
  '024-calls-to-act': statementsMigration(callsToAct),
  '026-to-do-indexes': statementsMigration(toDoIndexes),
  '027-discussions': statementsMigration(discussions),
  '028-round-closing': statementsMigration(roundClosing),
  '029-person-link-address': statementsMigration(personLinkAddress),
  '030-outbox-claims': statementsMigration(outboxClaims),
  '031-outbox-unsent-by-partnership': statementsMigration(outboxUnsentByPartnership),
  '032-projects': statementsMigration(projects),
  '033-meeting-guests': statementsMigration(meetingGuests),
  '034-action-plans': statementsMigration(actionPlans),
  '035-project-lead-refusal': statementsMigration(projectLeadRefusal),
  '036-project-evaluation-reminder': statementsMigration(projectEvaluationReminder),
  '037-money': statementsMigration(money),
  '038-budget-reported-at': statementsMigration(budgetReportedAt),
  '039-teams-disputes-circles': statementsMigration(teamsDisputesCircles),
  '040-dispute-mediation': statementsMigration(disputeMediation),
  '041-tension-erased-words': statementsMigration(tensionErasedWords),
  '042-confidential-mail': statementsMigration(confidentialMail),
  '043-accompaniments': statementsMigration(accompaniments),
  '044-anonymous-participation': statementsMigration(anonymousParticipation),
  '045-resource-publication-consent': statementsMigration(resourcePublicationConsent),
  '046-pending-since': statementsMigration(journalPendingSince),
  '047-stance-keys-in-row': statementsMigration(stanceKeysInRow),
  '048-session-viewer-function': statementsMigration(sessionViewerFunction),
  '049-journal-columns-checked': statementsMigration(journalColumnsChecked),
  '050-acts-together': statementsMigration(actsTogether),
};

/** The schema a database has once migrated; a backup records it and is restored only into the same. */
export const LATEST_MIGRATION = Object.keys(migrations).at(-1)!;

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Every migration not run yet. Numbers are handed out ahead of landing (033 landed after 034): a
 * database that has run a higher number holds a lower one still pending, which migrating *to* the
 * last one would leave out, since that one has run.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  reportFailure(await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest());
}

/** Up to the named migration only: how a test writes rows as an older schema held them. */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<void> {
  // Numbers are handed out ahead of landing, and main landed 022 and 023 before 020 and 021: a
  // database migrated in between has run them out of order, and an ordered Migrator would refuse
  // to bring it up to date. A fresh database still runs them in number order (the list is sorted).
  reportFailure(await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateTo(name));
}

function reportFailure({ error, results }: MigrationResultSet): void {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed`, { cause: error });
  }
}
