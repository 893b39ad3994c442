import { randomUUID } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { ActError, conflict, conflictAt, forbidden, invalid, notFound, type FieldProblem } from '../common/errors.js';
import type { Locale } from '../i18n/server-messages.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { questionsFingerprint } from '../journal/state-proof.js';
import { openAccompanimentForAct, type InAccompaniments } from '../accompaniments/access.js';
import { mayContribute, mayFacilitate } from '../accompaniments/rules.js';
import type { questionnaireInput, responseInput, templateInput } from './contract.js';
import {
  answerProblems,
  answerRefusal,
  changeRefusal,
  COLD_EVALUATION_OPEN_WEEKS,
  COLD_EVALUATION_WEEKS,
  DEFAULT_OPEN_WEEKS,
  keptAnswers,
  questionnaireState,
  templateContent,
  withChoiceIds,
  type QuestionKind,
  type QuestionShape,
} from './rules.js';

type Trx = Transaction<Database>;
type QuestionnaireInput = z.infer<typeof questionnaireInput>;

/** The package is CommonJS typed as an ES default export; at run time the default is the function. */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

const inAccompaniments = (ctx: ActContext): InAccompaniments => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

/**
 * The questionnaire an act works on, locked (FOR UPDATE for the builder's acts, FOR SHARE for an
 * answer, so a close waits for the answers under way), with its space opened for the act: 404
 * outside this partnership, for an outsider the space does not name, or for a draft to anyone but
 * its facilitators; 409 once archived.
 */
async function questionnaireForAct(trx: Trx, ctx: ActContext, questionnaireId: string, lock: 'update' | 'share') {
  let query = trx
    .selectFrom('questionnaire as q')
    .innerJoin('accompaniment as a', 'a.id', 'q.accompaniment_id')
    .select(['q.id', 'q.accompaniment_id', 'q.anonymous', 'q.opens_at', 'q.closes_at', 'q.sent_at', 'q.title'])
    .where('q.id', '=', questionnaireId)
    .where('a.partnership_id', '=', ctx.partnershipId);
  query = lock === 'update' ? query.forUpdate('q') : query.forShare('q');
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), row.accompaniment_id);
  const state = questionnaireState({ sentAt: row.sent_at, opensAt: row.opens_at, closesAt: row.closes_at, spaceArchivedAt: accompaniment.archivedAt }, ctx.now);
  // Until it leaves, a questionnaire is its facilitators' alone, as its page is.
  if (row.sent_at === null && !mayFacilitate(accompaniment.reach)) throw notFound();
  return { ...row, accompaniment, state };
}

/**
 * The opening of a questionnaire `weeks` weeks after a day of this space, computed by the
 * database; 400 on `dayId` for a day of another space.
 */
async function openingAfterDay(trx: Trx, accompanimentId: string, dayId: string, weeks: number): Promise<Date> {
  const day = await trx
    .selectFrom('accompaniment_day')
    .select(sql<Date>`starts_at + make_interval(weeks => ${weeks}::integer)`.as('opens_at'))
    .where('id', '=', dayId)
    .where('accompaniment_id', '=', accompanimentId)
    .executeTakeFirst();
  if (!day) throw invalid('dayId', 'error.reference');
  return day.opens_at;
}

/** The close a number of weeks after an opening, computed by the database. */
async function weeksAfter(trx: Trx, from: Date, weeks: number): Promise<Date> {
  const { at } = await sql<{ at: Date }>`select ${from}::timestamptz + make_interval(weeks => ${weeks}::integer) as at`.execute(trx).then((result) => result.rows[0]!);
  return at;
}

/**
 * The opening and close a builder's input comes to, checked against each other and, when typed in
 * the builder, against `typedAt` (the act's instant; null for the dates a template computes): an
 * opening typed is to come (a passed one would have the clock send it at its next turn,
 * unannounced), and so is a close (a passed one would leave it never sent). The close comes after
 * the opening, strictly: a questionnaire closing as it opens would take no answer.
 */
async function schedule(trx: Trx, accompanimentId: string, input: Pick<QuestionnaireInput, 'dayId' | 'weeksAfterDay' | 'opensAt' | 'closesAt'>, typedAt: Date | null) {
  if (input.dayId !== null && input.weeksAfterDay === null) {
    const day = await trx.selectFrom('accompaniment_day').select('id').where('id', '=', input.dayId).where('accompaniment_id', '=', accompanimentId).executeTakeFirst();
    if (!day) throw invalid('dayId', 'error.reference');
  }
  const afterDay = input.dayId !== null && input.weeksAfterDay !== null;
  const opensAt = afterDay ? await openingAfterDay(trx, accompanimentId, input.dayId!, input.weeksAfterDay!) : input.opensAt;
  const problems: FieldProblem[] = [];
  if (typedAt !== null && !afterDay && input.opensAt !== null && input.opensAt.getTime() <= typedAt.getTime()) problems.push({ path: 'opensAt', messageKey: 'questionnaire.field.opensInPast' });
  if (typedAt !== null && input.closesAt !== null && input.closesAt.getTime() <= typedAt.getTime()) problems.push({ path: 'closesAt', messageKey: 'questionnaire.field.closesInPast' });
  else if (opensAt !== null && input.closesAt !== null && input.closesAt.getTime() <= opensAt.getTime()) problems.push({ path: 'closesAt', messageKey: 'questionnaire.field.closesAfterOpening' });
  if (problems.length > 0) throw new ActError({ kind: 'invalid', fields: problems });
  return { opensAt, closesAt: input.closesAt };
}

/**
 * The questions as saved, in their order: a question the builder already knew keeps its id (and
 * so its answers' key), a new one gets one; choices keep theirs (`withChoiceIds`). The builder only
 * writes before the questionnaire leaves, so no answer names a question removed here.
 */
async function writeQuestions(trx: Trx, questionnaireId: string, questions: QuestionnaireInput['questions']): Promise<void> {
  const known = new Set((await trx.selectFrom('questionnaire_question').select('id').where('questionnaire_id', '=', questionnaireId).execute()).map((row) => row.id));
  const seen = new Set<string>();
  questions.forEach((question, index) => {
    if (question.id === null) return;
    if (!known.has(question.id) || seen.has(question.id)) throw invalid(`questions.${index}.id`, 'error.reference');
    seen.add(question.id);
  });
  await trx.deleteFrom('questionnaire_question').where('questionnaire_id', '=', questionnaireId).execute();
  await trx
    .insertInto('questionnaire_question')
    .values(
      questions.map((question, position) => {
        const scale = question.kind === 'scale';
        const choosing = question.kind === 'single_choice' || question.kind === 'multiple_choice' || question.kind === 'ranking';
        return {
          id: question.id ?? randomUUID(),
          questionnaire_id: questionnaireId,
          position,
          kind: question.kind,
          label: question.label,
          help: question.help,
          required: question.required,
          choices: JSON.stringify(choosing ? withChoiceIds(question.choices) : []),
          scale_min: scale ? question.scaleMin : null,
          scale_max: scale ? question.scaleMax : null,
          scale_min_label: scale ? question.scaleMinLabel : '',
          scale_max_label: scale ? question.scaleMaxLabel : '',
        };
      }),
    )
    .execute();
}

/** The fingerprint of its questions as just written, which its entry keeps for the state proof. */
async function questionsHashOf(trx: Trx, questionnaireId: string): Promise<string> {
  const { rows } = await sql<{ hash: string }>`select ${questionsFingerprint(sql`${questionnaireId}::uuid`)} as hash`.execute(trx);
  return rows[0]!.hash;
}

/** An instant as entries write it. */
const instantOf = (at: Date | null): string | null => at?.toISOString() ?? null;

async function insertQuestionnaire(trx: Trx, ctx: ActContext, accompanimentId: string, template: string | null, input: QuestionnaireInput) {
  // A template's dates are computed from its day, not typed: a cold evaluation of a day long past is not refused here.
  const { opensAt, closesAt } = await schedule(trx, accompanimentId, input, template === null ? ctx.now : null);
  const id = randomUUID();
  await trx
    .insertInto('questionnaire')
    .values({
      id,
      accompaniment_id: accompanimentId,
      title: input.title,
      intro: input.intro,
      template,
      anonymous: input.anonymous,
      day_id: input.dayId,
      weeks_after_day: input.weeksAfterDay,
      opens_at: opensAt,
      closes_at: closesAt,
      created_by: ctx.viewer.personId,
      created_at: ctx.now,
    })
    .execute();
  await writeQuestions(trx, id, input.questions);
  const events: JournalEvent[] = [
    {
      kind: 'questionnaire.created',
      payload: { questionnaireId: id, accompanimentId, template, anonymous: input.anonymous, opensAt: instantOf(opensAt), closesAt: instantOf(closesAt), questionsHash: await questionsHashOf(trx, id) },
    },
  ];
  return { result: { id }, events };
}

/** A facilitator writes a questionnaire in the builder. */
export async function createQuestionnaire(ctx: ActContext, accompanimentId: string, input: QuestionnaireInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    return insertQuestionnaire(trx, ctx, accompanimentId, null, input);
  });
}

/**
 * A facilitator starts from a template, worded in their language, to adjust in the builder. The
 * cold evaluation of a day opens some weeks after it (six unless said) and closes two weeks
 * later: the clock sends it, with no one to remember it.
 */
export async function createFromTemplate(ctx: ActContext, accompanimentId: string, input: z.infer<typeof templateInput>, locale: Locale) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    const content = templateContent(input.template, locale);
    const weeksAfterDay = input.template === 'cold_evaluation' && input.dayId !== null ? (input.weeksAfterDay ?? COLD_EVALUATION_WEEKS) : null;
    const opensAt = weeksAfterDay !== null ? await openingAfterDay(trx, accompanimentId, input.dayId!, weeksAfterDay) : null;
    const closesAt = opensAt !== null ? await weeksAfter(trx, opensAt, COLD_EVALUATION_OPEN_WEEKS) : null;
    return insertQuestionnaire(trx, ctx, accompanimentId, input.template, {
      title: content.title,
      intro: content.intro,
      anonymous: content.anonymous,
      dayId: input.dayId,
      weeksAfterDay,
      opensAt: null,
      closesAt,
      questions: content.questions.map((question) => ({ ...question, id: null, choices: question.choices.map((choice) => ({ id: choice.id, label: choice.label })) })),
    });
  });
}

/** A facilitator saves the builder again, until the questionnaire leaves: then its questions and anonymity are fixed. */
export async function changeQuestionnaire(ctx: ActContext, questionnaireId: string, input: QuestionnaireInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const questionnaire = await questionnaireForAct(trx, ctx, questionnaireId, 'update');
    if (!mayFacilitate(questionnaire.accompaniment.reach)) throw forbidden();
    const refusal = changeRefusal(questionnaire.state);
    if (refusal !== null) throw conflict(refusal);
    const { opensAt, closesAt } = await schedule(trx, questionnaire.accompaniment_id, input, ctx.now);
    await trx
      .updateTable('questionnaire')
      .set({ title: input.title, intro: input.intro, anonymous: input.anonymous, day_id: input.dayId, weeks_after_day: input.weeksAfterDay, opens_at: opensAt, closes_at: closesAt })
      .where('id', '=', questionnaireId)
      .execute();
    await writeQuestions(trx, questionnaireId, input.questions);
    const payload = { questionnaireId, anonymous: input.anonymous, opensAt: instantOf(opensAt), closesAt: instantOf(closesAt), questionsHash: await questionsHashOf(trx, questionnaireId) };
    return { result: undefined, events: [{ kind: 'questionnaire.changed', payload }] };
  });
}

/**
 * Sends a questionnaire now: it opens (its opening becomes now when it was later), closes two
 * weeks later unless a close was set, and every member of the space is mailed a button that opens the form signed in (questionnaires/notices.ts).
 * Used by the facilitator, and by the clock once a scheduled opening passed.
 */
export async function sendInTransaction(trx: Trx, now: Date, questionnaire: { readonly id: string; readonly accompaniment_id: string; readonly opens_at: Date | null; readonly closes_at: Date | null }): Promise<JournalEvent[]> {
  // The page that sends has no close to show a field's message by: the refusal's own message says it.
  if (questionnaire.closes_at !== null && questionnaire.closes_at.getTime() <= now.getTime()) {
    throw conflictAt('questionnaire.refusal.closedBeforeSent', [{ path: 'closesAt', messageKey: 'questionnaire.field.closesInPast' }]);
  }
  const opensAt = questionnaire.opens_at === null || questionnaire.opens_at.getTime() > now.getTime() ? now : questionnaire.opens_at;
  // Without a close, nobody would be reminded: it closes two weeks after it is sent.
  const closesAt = questionnaire.closes_at ?? (await weeksAfter(trx, now, DEFAULT_OPEN_WEEKS));
  await trx.updateTable('questionnaire').set({ sent_at: now, opens_at: opensAt, closes_at: closesAt }).where('id', '=', questionnaire.id).execute();
  return [{ kind: 'questionnaire.sent', payload: { questionnaireId: questionnaire.id, accompanimentId: questionnaire.accompaniment_id, opensAt: instantOf(opensAt), closesAt: instantOf(closesAt) } }];
}

export async function sendQuestionnaire(ctx: ActContext, questionnaireId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const questionnaire = await questionnaireForAct(trx, ctx, questionnaireId, 'update');
    if (!mayFacilitate(questionnaire.accompaniment.reach)) throw forbidden();
    const refusal = changeRefusal(questionnaire.state);
    if (refusal !== null) throw conflict(refusal);
    return { result: undefined, events: await sendInTransaction(trx, ctx.now, questionnaire) };
  });
}

/** A facilitator closes an open questionnaire now: no answer is taken from then on. */
export async function closeQuestionnaire(ctx: ActContext, questionnaireId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const questionnaire = await questionnaireForAct(trx, ctx, questionnaireId, 'update');
    if (!mayFacilitate(questionnaire.accompaniment.reach)) throw forbidden();
    if (questionnaire.state !== 'open') throw conflict(questionnaire.state === 'closed' ? 'questionnaire.refusal.closed' : 'questionnaire.refusal.notOpen');
    await trx.updateTable('questionnaire').set({ closes_at: ctx.now }).where('id', '=', questionnaireId).execute();
    return { result: undefined, events: [{ kind: 'questionnaire.closed', payload: { questionnaireId, closesAt: instantOf(ctx.now) } }] };
  });
}

/**
 * A member answers an open questionnaire.
 *
 * - Named: the answers are saved on the server as they go (`submit: false`, no journal entry: a
 *   draft decides nothing), then sent (`submit: true`), and may be sent again until the close; the
 *   entry keeps the response's id and its answers' hash.
 * - Anonymous: the draft stays in the browser, and the answers are sent once. The response names
 *   no one and keeps no time; who took part is written apart (`questionnaire_participation`, with
 *   no time either), and the entry carries the questionnaire's id only and no actor, so nothing
 *   leads from a person to what they said.
 */
export async function answerQuestionnaire(ctx: ActContext, questionnaireId: string, input: z.infer<typeof responseInput>) {
  // An anonymous answer's entry names no actor: the journal, readable by the partnership, would
  // otherwise tie the person to the moment their answer changed the live results. Anonymity is
  // fixed once sent, and only a sent questionnaire takes answers; the act checks it again.
  const anonymous = (await ctx.db.selectFrom('questionnaire').select('anonymous').where('id', '=', questionnaireId).executeTakeFirst())?.anonymous ?? false;
  return recordAct({ ...ctx, actorId: anonymous ? null : ctx.viewer.personId }, async (trx) => {
    const questionnaire = await questionnaireForAct(trx, ctx, questionnaireId, 'share');
    if (questionnaire.anonymous !== anonymous) throw conflict('questionnaire.refusal.notOpen');
    if (!mayContribute(questionnaire.accompaniment.reach)) throw forbidden();
    const refusal = answerRefusal(questionnaire.state);
    if (refusal !== null) throw conflict(refusal);
    const questions = await trx
      .selectFrom('questionnaire_question')
      .select(['id', 'kind', 'required', 'choices', 'scale_min', 'scale_max'])
      .where('questionnaire_id', '=', questionnaireId)
      .execute();
    const shapes: QuestionShape[] = questions.map((q) => ({
      id: q.id,
      kind: q.kind as QuestionKind,
      required: q.required,
      choices: q.choices as { id: string; label: string }[],
      scaleMin: q.scale_min,
      scaleMax: q.scale_max,
    }));
    const problems = answerProblems(shapes, input.answers, input.submit);
    if (problems.length > 0) throw new ActError({ kind: 'invalid', fields: problems.map((problem) => ({ path: problem.path, messageKey: problem.messageKey })) });
    const answers = keptAnswers(input.answers);
    const personId = ctx.viewer.personId;

    if (questionnaire.anonymous) {
      if (!input.submit) throw conflict('questionnaire.refusal.anonymousDraft');
      const took = await trx
        .insertInto('questionnaire_participation')
        .values({ questionnaire_id: questionnaireId, person_id: personId, answered_at: null })
        .onConflict((oc) => oc.doNothing())
        .returning('person_id')
        .executeTakeFirst();
      if (!took) throw conflict('questionnaire.refusal.alreadyAnswered');
      await trx.insertInto('questionnaire_response').values({ id: randomUUID(), questionnaire_id: questionnaireId, person_id: null, updated_at: null, answers: JSON.stringify(answers), submitted: true }).execute();
      return { result: undefined, events: [{ kind: 'questionnaire.answered', payload: { questionnaireId } }] };
    }

    const before = await trx.selectFrom('questionnaire_response').select('submitted').where('questionnaire_id', '=', questionnaireId).where('person_id', '=', personId).executeTakeFirst();
    if (before?.submitted === true && !input.submit) throw conflict('questionnaire.refusal.answerSent');
    const saved = await trx
      .insertInto('questionnaire_response')
      .values({ id: randomUUID(), questionnaire_id: questionnaireId, person_id: personId, updated_at: ctx.now, answers: JSON.stringify(answers), submitted: input.submit })
      .onConflict((oc) => oc.columns(['questionnaire_id', 'person_id']).doUpdateSet({ answers: JSON.stringify(answers), submitted: input.submit, updated_at: ctx.now }))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!input.submit) return { result: undefined, events: [] };
    await trx
      .insertInto('questionnaire_participation')
      .values({ questionnaire_id: questionnaireId, person_id: personId, answered_at: ctx.now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const answersHash = textHash(canonicalize(answers)!);
    return { result: undefined, events: [{ kind: 'questionnaire.answered', payload: { questionnaireId, responseId: saved.id, answersHash } }] };
  });
}
