import { z } from 'zod';
import { instant, longText, name } from '../common/contract.js';
import { LONG_TEXT_MAX, QUESTION_KINDS, TEMPLATES } from './rules.js';

/** The inputs of a questionnaire's acts, validated by the server and published as OpenAPI. */
const choice = { error: 'error.choice' } as const;
const reference = { error: 'error.reference' } as const;
const tooLong = { error: 'error.tooLong' } as const;
const required = { error: 'error.required' } as const;

const questionInput = z
  .object({
    /** The id of a question already saved, kept so its answers stay attached; absent for a new one. */
    id: z.uuid(reference).nullable().default(null),
    kind: z.enum(QUESTION_KINDS, choice),
    label: z.string(required).trim().min(1, required).max(500, tooLong),
    help: z.string().trim().max(1000, tooLong).default(''),
    required: z.boolean().default(false),
    /** The choices in their order; a saved choice keeps its id, a new one gets the next free. */
    choices: z
      .array(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, reference).nullable().default(null), label: z.string(required).trim().min(1, required).max(300, tooLong) }))
      .max(30, { error: 'error.tooLarge' })
      .default([]),
    scaleMin: z.int({ error: 'error.integer' }).min(0, { error: 'questionnaire.field.scaleRange' }).max(9, { error: 'questionnaire.field.scaleRange' }).nullable().default(null),
    scaleMax: z.int({ error: 'error.integer' }).min(1, { error: 'questionnaire.field.scaleRange' }).max(10, { error: 'questionnaire.field.scaleRange' }).nullable().default(null),
    scaleMinLabel: z.string().trim().max(100, tooLong).default(''),
    scaleMaxLabel: z.string().trim().max(100, tooLong).default(''),
  })
  .superRefine((question, ctx) => {
    const choosing = question.kind === 'single_choice' || question.kind === 'multiple_choice' || question.kind === 'ranking';
    if (choosing && question.choices.length < 2) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'questionnaire.field.twoChoices' });
    const ids = question.choices.flatMap((c) => (c.id === null ? [] : [c.id]));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'questionnaire.field.twoChoicesSameId' });
    if (question.kind === 'scale' && (question.scaleMin === null || question.scaleMax === null || question.scaleMax <= question.scaleMin)) {
      ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: 'questionnaire.field.scaleRange' });
    }
  });

/**
 * What the builder saves, whole: the questions in their order (reordering is saving them in
 * another order). An opening makes it scheduled (the clock sends it then); a cold evaluation opens
 * `weeksAfterDay` weeks after its day, computed by the database.
 */
export const questionnaireInput = z
  .object({
    title: name,
    intro: longText.default(''),
    anonymous: z.boolean(),
    dayId: z.uuid(reference).nullable().default(null),
    weeksAfterDay: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(52, { error: 'error.tooLarge' }).nullable().default(null),
    opensAt: instant.nullable().default(null),
    closesAt: instant.nullable().default(null),
    questions: z.array(questionInput).min(1, { error: 'questionnaire.field.oneQuestion' }).max(60, { error: 'error.tooLarge' }),
  })
  .superRefine((input, ctx) => {
    if (input.weeksAfterDay !== null && input.dayId === null) ctx.addIssue({ code: 'custom', path: ['dayId'], message: 'questionnaire.field.dayForWeeks' });
    if (input.opensAt !== null && input.closesAt !== null && input.closesAt <= input.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'questionnaire.field.closesAfterOpening' });
  });

/** A questionnaire started from one of the three templates, in the facilitator's language; a cold evaluation may name its day. */
export const templateInput = z.object({
  template: z.enum(TEMPLATES, choice),
  dayId: z.uuid(reference).nullable().default(null),
  weeksAfterDay: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(52, { error: 'error.tooLarge' }).nullable().default(null),
});

/** A respondent's answers (`{ [questionId]: value }`): saved as they go (named), or sent (`submit`). */
export const responseInput = z.object({
  answers: z.record(z.string().max(60), z.union([z.string().max(LONG_TEXT_MAX + 1000), z.array(z.string().max(60)).max(30), z.number()])),
  submit: z.boolean(),
});

/** The answers of the questionnaires' routes: what leaves the server, and what the pages read. */
const stateAnswer = z.enum(['draft', 'scheduled', 'lapsed', 'open', 'closed']);
const answerValue = z.union([z.string(), z.array(z.string()), z.number()]);

export const questionnaireSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  template: z.enum(TEMPLATES).nullable(),
  anonymous: z.boolean(),
  state: stateAnswer,
  opensAt: instant.nullable(),
  closesAt: instant.nullable(),
  sentAt: instant.nullable(),
  /** How many sent their answers (who did, for an anonymous one, is never said). */
  answerCount: z.int(),
  answeredByMe: z.boolean(),
});

export const questionnairesAnswer = z.object({
  questionnaires: z.array(questionnaireSummary),
  can: z.object({ create: z.boolean() }),
});

export const questionAnswer = z.object({
  id: z.uuid(),
  kind: z.enum(QUESTION_KINDS),
  label: z.string(),
  help: z.string(),
  required: z.boolean(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
  scaleMin: z.int().nullable(),
  scaleMax: z.int().nullable(),
  scaleMinLabel: z.string(),
  scaleMaxLabel: z.string(),
});

export const questionnaireAnswer = questionnaireSummary.extend({
  accompaniment: z.object({ id: z.uuid(), title: z.string() }),
  intro: z.string(),
  day: z.object({ id: z.uuid(), title: z.string(), startsAt: instant }).nullable(),
  weeksAfterDay: z.int().nullable(),
  questions: z.array(questionAnswer),
  /** The viewer's own named response (a draft or sent); never any response of an anonymous questionnaire. */
  myResponse: z.object({ answers: z.record(z.string(), answerValue), submitted: z.boolean() }).nullable(),
  can: z.object({ change: z.boolean(), send: z.boolean(), close: z.boolean(), answer: z.boolean() }),
});
