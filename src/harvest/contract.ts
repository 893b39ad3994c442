import { z } from 'zod';
import { LICENCES } from '../charters/rules/enums.js';
import { instant } from '../common/contract.js';
import { PROJECT_STAGES } from '../projects/rules.js';
import { HARVEST_KINDS, PUBLICATION_STATES } from './rules.js';

/** The inputs of the harvest's acts, validated by the server and published as OpenAPI. */
const reference = { error: 'error.reference' } as const;
const choice = { error: 'error.choice' } as const;

/**
 * A nugget or a pebble, in its author's words, tied to a day of the space or to a stage of its
 * project (one of the two).
 */
export const harvestInput = z
  .object({
    kind: z.enum(HARVEST_KINDS, choice),
    text: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(5000, { error: 'error.tooLong' }),
    dayId: z.uuid(reference).nullable().default(null),
    projectStage: z.enum(PROJECT_STAGES, choice).nullable().default(null),
  })
  .refine((input) => (input.dayId === null) !== (input.projectStage === null), { error: 'harvest.field.tiedTo', path: ['dayId'] });

/** A facilitator asks the author to publish an item as an experience article, under this title. */
export const publicationAskInput = z.object({
  title: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(300, { error: 'error.tooLong' }),
});

/** The author's answer. */
export const publicationAnswerInput = z.object({ consents: z.boolean({ error: 'error.choice' }) });

/** The answers of the harvest's routes: what leaves the server, and what the pages read. */
export const harvestItemAnswer = z.object({
  id: z.uuid(),
  kind: z.enum(HARVEST_KINDS),
  text: z.string(),
  /** Null once its author was erased: the words stay, nobody's. */
  author: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  day: z.object({ id: z.uuid(), title: z.string(), startsAt: instant }).nullable(),
  projectStage: z.enum(PROJECT_STAGES).nullable(),
  createdAt: instant,
  publication: z.enum(PUBLICATION_STATES),
  publicationTitle: z.string().nullable(),
  publishedAt: instant.nullable(),
  can: z.object({ askPublication: z.boolean(), answerPublication: z.boolean() }),
});

export const harvestAnswer = z.object({
  accompaniment: z.object({ id: z.uuid(), title: z.string(), licence: z.enum(LICENCES) }),
  items: z.array(harvestItemAnswer),
  /** What an item may be tied to: the space's days, and the stages of its project when it has one. */
  days: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: instant })),
  projectStages: z.array(z.enum(PROJECT_STAGES)),
  can: z.object({ add: z.boolean() }),
});
