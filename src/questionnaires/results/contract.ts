import { z } from 'zod';
import { instant } from '../../common/contract.js';

/** A questionnaire's results as they leave the server: figures and texts, never a name. */
const answered = { questionId: z.uuid(), label: z.string(), answered: z.int() };
const choiceCount = z.object({ id: z.string(), label: z.string(), count: z.int(), percent: z.number() });

export const questionResult = z.discriminatedUnion('kind', [
  z.object({ ...answered, kind: z.enum(['short_text', 'long_text']), texts: z.array(z.string()) }),
  z.object({ ...answered, kind: z.enum(['single_choice', 'multiple_choice']), choices: z.array(choiceCount) }),
  z.object({
    ...answered,
    kind: z.literal('scale'),
    min: z.int(),
    max: z.int(),
    distribution: z.array(z.object({ value: z.int(), count: z.int(), percent: z.number() })),
    mean: z.number().nullable(),
  }),
  z.object({ ...answered, kind: z.literal('ranking'), choices: z.array(z.object({ id: z.string(), label: z.string(), averagePosition: z.number(), points: z.int() })) }),
]);

export const questionnaireResultsAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  anonymous: z.boolean(),
  template: z.enum(['before_day', 'hot_feedback', 'cold_evaluation']).nullable(),
  opensAt: instant.nullable(),
  closesAt: instant.nullable(),
  sentAt: instant.nullable(),
  accompaniment: z.object({ id: z.uuid(), title: z.string() }),
  /** The answers sent so far. */
  respondents: z.int(),
  /** The people it asks: the space's members, facilitators included, and any who answered before leaving it. */
  asked: z.int(),
  /** An anonymous questionnaire's figures wait for enough answers that nobody is recognized: `questions` is then empty. */
  withheld: z.boolean(),
  questions: z.array(questionResult),
  can: z.object({ exportAnswers: z.boolean() }),
});
