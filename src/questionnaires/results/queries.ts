import { sql, type Kysely } from 'kysely';
import type { Database } from '../../common/database/schema.js';
import { conflict, forbidden, notFound } from '../../common/errors.js';
import { accompanimentInView, type AccompanimentInView, type InAccompaniments } from '../../accompaniments/access.js';
import { mayContribute, mayFacilitate } from '../../accompaniments/rules.js';
import { mayExportAnswers, resultsWithheld, tally, type Answers, type Choice, type QuestionKind, type QuestionToTally } from './rules.js';

type Db = Kysely<Database>;

export interface QuestionnaireHeading {
  readonly id: string;
  readonly title: string;
  readonly anonymous: boolean;
  readonly template: 'before_day' | 'hot_feedback' | 'cold_evaluation' | null;
  readonly opensAt: Date | null;
  readonly closesAt: Date | null;
  readonly sentAt: Date | null;
}

/**
 * The questionnaire, and the accompaniment it belongs to as the viewer reaches it; 404 when it is
 * not of this partnership, when the space does not name this outsider, and, until it is sent,
 * for anyone but its facilitators (a draft is theirs).
 */
export async function questionnaireInView(db: Db, scope: InAccompaniments, questionnaireId: string) {
  const row = await db
    .selectFrom('questionnaire as q')
    .innerJoin('accompaniment as a', 'a.id', 'q.accompaniment_id')
    .select(['q.id', 'q.title', 'q.anonymous', 'q.template', 'q.opens_at', 'q.closes_at', 'q.sent_at', 'q.accompaniment_id'])
    .where('q.id', '=', questionnaireId)
    .where('a.partnership_id', '=', scope.partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const accompaniment = await accompanimentInView(db, scope, row.accompaniment_id);
  if (row.sent_at === null && !mayFacilitate(accompaniment.reach)) throw notFound();
  const questionnaire: QuestionnaireHeading = {
    id: row.id,
    title: row.title,
    anonymous: row.anonymous,
    template: row.template as QuestionnaireHeading['template'],
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    sentAt: row.sent_at,
  };
  return { questionnaire, accompaniment };
}

/** A questionnaire's questions in their order, as the tally reads them. */
async function questionsOf(db: Db, questionnaireId: string): Promise<QuestionToTally[]> {
  const rows = await db
    .selectFrom('questionnaire_question')
    .select(['id', 'kind', 'label', 'choices', 'scale_min', 'scale_max'])
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as QuestionKind,
    label: row.label,
    choices: row.choices as unknown as Choice[],
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
  }));
}

/**
 * The answers sent (a named respondent's draft is still theirs), in the order of their ids: an
 * anonymous response's id is random and it keeps no time, so that order says nothing of who
 * answered when.
 */
async function submittedAnswers(db: Db, questionnaireId: string): Promise<Answers[]> {
  const rows = await db
    .selectFrom('questionnaire_response')
    .select('answers')
    .where('questionnaire_id', '=', questionnaireId)
    .where('submitted', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.answers as Answers);
}

/**
 * The questionnaire whose results the viewer reads: the same 404s as `questionnaireInView`, then
 * 403 for a reader of the partnership, who knows the space but is not of its group.
 */
export async function questionnaireOfGroup(db: Db, scope: InAccompaniments, questionnaireId: string) {
  const found = await questionnaireInView(db, scope, questionnaireId);
  if (!mayContribute(found.accompaniment.reach)) throw forbidden();
  return found;
}

/** The results the group reads, live: every question's figures and texts, never a name. */
export async function questionnaireResults(db: Db, scope: InAccompaniments, questionnaireId: string) {
  const { questionnaire, accompaniment } = await questionnaireOfGroup(db, scope, questionnaireId);
  return resultsOf(db, questionnaire, accompaniment);
}

/** The results of a questionnaire already found in a space the viewer reaches (the final report reads them too). */
export async function resultsOf(db: Db, questionnaire: QuestionnaireHeading, accompaniment: AccompanimentInView) {
  // Asked: every member of the space, facilitators too (all are mailed and have it to do), and
  // whoever answered before leaving the space, so the answers never outnumber the people asked.
  const [questions, answers, asked] = await Promise.all([
    questionsOf(db, questionnaire.id),
    submittedAnswers(db, questionnaire.id),
    sql<{ n: string }>`
      select count(*) as n from (
        select person_id from accompaniment_member where accompaniment_id = ${accompaniment.id}
        union
        select person_id from questionnaire_participation where questionnaire_id = ${questionnaire.id}) asked`
      .execute(db)
      .then((result) => Number(result.rows[0]!.n)),
  ]);
  const withheld = resultsWithheld(questionnaire.anonymous, answers.length);
  return {
    ...questionnaire,
    accompaniment: { id: accompaniment.id, title: accompaniment.title },
    respondents: answers.length,
    asked,
    withheld,
    questions: withheld ? [] : tally(questions, answers),
    can: { exportAnswers: mayExportAnswers(accompaniment.reach) },
  };
}

export type QuestionnaireResults = Awaited<ReturnType<typeof questionnaireResults>>;

export interface AnswersSheet {
  readonly anonymous: boolean;
  readonly questions: readonly QuestionToTally[];
  /** Named: the respondent, by name. Anonymous: no one, in the order of the responses' random ids. */
  readonly rows: readonly { readonly respondent: string | null; readonly answers: Answers }[];
}

/** Every answer sent, for the CSV export: its facilitators' alone (403 for anyone else who reaches the space). */
export async function answersSheet(db: Db, scope: InAccompaniments, questionnaireId: string): Promise<AnswersSheet> {
  const { questionnaire, accompaniment } = await questionnaireInView(db, scope, questionnaireId);
  if (!mayExportAnswers(accompaniment.reach)) throw forbidden();
  const questions = await questionsOf(db, questionnaireId);
  if (questionnaire.anonymous) {
    // No join to a person, not even to drop it: an anonymous response names nobody.
    const answers = await submittedAnswers(db, questionnaireId);
    if (resultsWithheld(true, answers.length)) throw conflict('questionnaireResults.refusal.tooFewAnswers');
    return { anonymous: true, questions, rows: answers.map((answers) => ({ respondent: null, answers })) };
  }
  const rows = await db
    .selectFrom('questionnaire_response as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['p.full_name', 'r.answers'])
    .where('r.questionnaire_id', '=', questionnaireId)
    .where('r.submitted', '=', true)
    .orderBy('p.full_name')
    .orderBy('r.id')
    .execute();
  return { anonymous: false, questions, rows: rows.map((row) => ({ respondent: row.full_name, answers: row.answers as Answers })) };
}
