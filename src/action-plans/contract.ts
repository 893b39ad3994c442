import { z } from 'zod';
import { calendarDate, id, isoDate, name } from '../common/contract.js';
import { ACTION_STATUSES, MAX_ACTIONS_PER_SUBJECT, MAX_SUBJECTS, PLAN_STATUSES } from './rules.js';

const choice = { error: 'error.choice' } as const;
const tooMany = { error: 'actionPlan.error.tooMany' } as const;

const actionInput = z.object({
  /** An action of this draft kept as it was; new actions have none. */
  id: id.optional(),
  title: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(300, { error: 'error.tooLong' }),
  ownerId: id.nullable().default(null),
  deadline: isoDate.nullable().default(null),
  status: z.enum(ACTION_STATUSES, choice).default('todo'),
});

const subjectInput = z.object({
  /** A subject of this draft kept as it was (with the projects it takes over); new subjects have none. */
  id: id.optional(),
  title: name,
  description: z.string().trim().max(5000, { error: 'error.tooLong' }).default(''),
  actions: z.array(actionInput).max(MAX_ACTIONS_PER_SUBJECT, tooMany).default([]),
});

/** A draft saved whole, as the editor holds it: its title, period and ordered subjects with their actions. */
export const draftInput = z
  .object({
    title: name,
    startsOn: isoDate,
    endsOn: isoDate,
    subjects: z.array(subjectInput).max(MAX_SUBJECTS, tooMany),
  })
  .refine((value) => value.endsOn > value.startsOn, { error: 'error.endsBeforeStart', path: ['endsOn'] });

/** A new draft: from the plan in force, or the seed's five subjects; titled and dated as given, else three years from today. */
export const newDraftInput = z.object({ title: name.optional() });

/** Put the draft to the decision: the words of the proposal (by default, adopt the plan as written) and who facilitates it. */
export const proposeInput = z.object({
  wording: z.string().trim().min(1, { error: 'error.required' }).max(2000, { error: 'error.tooLong' }).optional(),
  context: z.string().trim().max(20000, { error: 'error.tooLong' }).default(''),
  facilitatorId: id.optional(),
});

export const actionStatusInput = z.object({ status: z.enum(ACTION_STATUSES, choice) });

/** The subjects of the plan in force a project serves, all of them at once (none: it serves none). */
export const projectSubjectsInput = z.object({ subjectIds: z.array(id).max(MAX_SUBJECTS, tooMany) });

const person = z.object({ id: z.uuid(), fullName: z.string() });

const planAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  startsOn: calendarDate,
  endsOn: calendarDate,
  status: z.enum(PLAN_STATUSES),
  adoptedOn: calendarDate.nullable(),
  /** The latest proposal naming this plan: the one under decision, or the one that adopted (or refused) it. */
  proposal: z.object({ id: z.uuid(), status: z.string() }).nullable(),
  subjects: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      description: z.string(),
      actions: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          owner: person.nullable(),
          deadline: calendarDate.nullable(),
          status: z.enum(ACTION_STATUSES),
          /** Whether the viewer may move it now (the plan is in force, and they own it or administer). */
          canSetStatus: z.boolean(),
        }),
      ),
      /** The projects that serve this subject. */
      projects: z.array(z.object({ id: z.uuid(), title: z.string(), stage: z.string() })),
    }),
  ),
});

/** The plan page: the plan in force, the draft being written, the plans before, and what the viewer may do. */
export const actionPlansAnswer = z.object({
  inForce: planAnswer.nullable(),
  draft: planAnswer.nullable(),
  superseded: z.array(z.object({ id: z.uuid(), title: z.string(), startsOn: calendarDate, endsOn: calendarDate, adoptedOn: calendarDate.nullable() })),
  can: z.object({
    /** Start a draft (none being written), edit it and put it to the decision. */
    draft: z.boolean(),
  }),
});

/** The subjects of the plan in force, those a project serves marked, and whether the viewer may change them. */
export const projectSubjectsAnswer = z.object({
  plan: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  subjects: z.array(z.object({ id: z.uuid(), title: z.string(), attached: z.boolean() })),
  can: z.object({ set: z.boolean() }),
});
