import type { Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import type { ActContext } from '../common/act.js';
import { accompanimentInView } from '../accompaniments/access.js';
import { mayContribute, mayFacilitate } from '../accompaniments/rules.js';
import { answerRefusal, changeRefusal, questionnaireState, type QuestionKind, type QuestionnaireTemplate } from './rules.js';

type Db = Kysely<Database>;
type Scope = Pick<ActContext, 'partnershipId' | 'viewer' | 'now'>;

/**
 * A space's questionnaires, newest first: drafts and scheduled ones for its facilitators only;
 * each with how many sent their answers and whether the viewer did.
 */
export async function questionnaireList(db: Db, scope: Scope, accompanimentId: string) {
  const accompaniment = await accompanimentInView(db, scope, accompanimentId);
  const facilitates = mayFacilitate(accompaniment.reach);
  let query = db
    .selectFrom('questionnaire as q')
    .select((eb) => [
      'q.id',
      'q.title',
      'q.template',
      'q.anonymous',
      'q.opens_at',
      'q.closes_at',
      'q.sent_at',
      eb.selectFrom('questionnaire_participation as p').select((inner) => inner.fn.countAll<string>().as('n')).whereRef('p.questionnaire_id', '=', 'q.id').as('answer_count'),
      eb
        .exists(eb.selectFrom('questionnaire_participation as p').select('p.person_id').whereRef('p.questionnaire_id', '=', 'q.id').where('p.person_id', '=', scope.viewer.personId))
        .as('answered_by_me'),
    ])
    .where('q.accompaniment_id', '=', accompanimentId);
  if (!facilitates) query = query.where('q.sent_at', 'is not', null);
  const rows = await query.orderBy('q.created_at', 'desc').orderBy('q.id').execute();
  return {
    questionnaires: rows.map((row) => ({
      id: row.id,
      title: row.title,
      template: row.template as QuestionnaireTemplate | null,
      anonymous: row.anonymous,
      state: questionnaireState({ sentAt: row.sent_at, opensAt: row.opens_at, closesAt: row.closes_at, spaceArchivedAt: accompaniment.archivedAt }, scope.now),
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      sentAt: row.sent_at,
      answerCount: Number(row.answer_count ?? 0),
      answeredByMe: Boolean(row.answered_by_me),
    })),
    can: { create: accompaniment.archivedAt === null && facilitates },
  };
}

/**
 * One questionnaire with its questions in order, and the viewer's own named response (never a
 * response of an anonymous questionnaire, whoever asks: none names anyone). A draft is its
 * facilitators' alone (404 for others).
 */
export async function questionnairePage(db: Db, scope: Scope, questionnaireId: string) {
  const row = await db
    .selectFrom('questionnaire as q')
    .innerJoin('accompaniment as a', 'a.id', 'q.accompaniment_id')
    .leftJoin('accompaniment_day as d', 'd.id', 'q.day_id')
    .select((eb) => [
      'q.id',
      'q.accompaniment_id',
      'q.title',
      'q.intro',
      'q.template',
      'q.anonymous',
      'q.opens_at',
      'q.closes_at',
      'q.sent_at',
      'q.weeks_after_day',
      'd.id as day_id',
      'd.title as day_title',
      'd.starts_at as day_starts_at',
      eb.selectFrom('questionnaire_participation as p').select((inner) => inner.fn.countAll<string>().as('n')).whereRef('p.questionnaire_id', '=', 'q.id').as('answer_count'),
      eb
        .exists(eb.selectFrom('questionnaire_participation as p').select('p.person_id').whereRef('p.questionnaire_id', '=', 'q.id').where('p.person_id', '=', scope.viewer.personId))
        .as('answered_by_me'),
    ])
    .where('q.id', '=', questionnaireId)
    .where('a.partnership_id', '=', scope.partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const accompaniment = await accompanimentInView(db, scope, row.accompaniment_id);
  const facilitates = mayFacilitate(accompaniment.reach);
  if (row.sent_at === null && !facilitates) throw notFound();
  const [questions, mine] = await Promise.all([
    db.selectFrom('questionnaire_question').selectAll().where('questionnaire_id', '=', questionnaireId).orderBy('position').execute(),
    row.anonymous
      ? Promise.resolve(undefined)
      : db.selectFrom('questionnaire_response').select(['answers', 'submitted']).where('questionnaire_id', '=', questionnaireId).where('person_id', '=', scope.viewer.personId).executeTakeFirst(),
  ]);
  const state = questionnaireState({ sentAt: row.sent_at, opensAt: row.opens_at, closesAt: row.closes_at, spaceArchivedAt: accompaniment.archivedAt }, scope.now);
  const open = accompaniment.archivedAt === null;
  const answeredByMe = Boolean(row.answered_by_me);
  return {
    id: row.id,
    accompaniment: { id: accompaniment.id, title: accompaniment.title },
    title: row.title,
    intro: row.intro,
    template: row.template as QuestionnaireTemplate | null,
    anonymous: row.anonymous,
    state,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    sentAt: row.sent_at,
    day: row.day_id !== null && row.day_title !== null && row.day_starts_at !== null ? { id: row.day_id, title: row.day_title, startsAt: row.day_starts_at } : null,
    weeksAfterDay: row.weeks_after_day,
    answerCount: Number(row.answer_count ?? 0),
    answeredByMe,
    questions: questions.map((question) => ({
      id: question.id,
      kind: question.kind as QuestionKind,
      label: question.label,
      help: question.help,
      required: question.required,
      choices: question.choices as { id: string; label: string }[],
      scaleMin: question.scale_min,
      scaleMax: question.scale_max,
      scaleMinLabel: question.scale_min_label,
      scaleMaxLabel: question.scale_max_label,
    })),
    myResponse: mine ? { answers: mine.answers as Record<string, string | string[] | number>, submitted: mine.submitted } : null,
    can: {
      change: open && facilitates && changeRefusal(state) === null,
      // Past its close, it takes new dates before it can leave (acts.ts sendInTransaction).
      send: open && facilitates && changeRefusal(state) === null && state !== 'lapsed',
      close: open && facilitates && state === 'open',
      answer: open && mayContribute(accompaniment.reach) && answerRefusal(state) === null && !(row.anonymous && answeredByMe),
    },
  };
}
