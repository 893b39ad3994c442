import { z } from 'zod';
import { calendarDate, instant } from '../../common/contract.js';
import { MEANS_KINDS, PROJECT_STAGES, SMART_GAPS } from '../rules.js';

/**
 * The inputs and the answer of an active project's conduct (issue 18): the diagnosis of the
 * public's needs, purposes, objectives, indicators of success and their measurements, the means
 * each participating organization provides, and the lead's mission sheet. The project page's
 * conduct sections read `conductAnswer`.
 */
const choice = { error: 'error.choice' } as const;
const reference = z.uuid({ error: 'error.reference' });
const text = (max: number) => z.string({ error: 'error.required' }).trim().max(max, { error: 'error.tooLong' });
const requiredText = (max: number) => text(max).min(1, { error: 'error.required' });
/** What numeric(14, 2) holds: amounts and counts, two decimals kept. */
const quantity = z
  .number({ error: 'error.number' })
  .min(-999_999_999_999, { error: 'error.tooLarge' })
  .max(999_999_999_999, { error: 'error.tooLarge' });

/** The diagnosis of the public's needs on the territories, and where it comes from; the group refines it. */
export const diagnosisInput = z.object({ diagnosis: text(50000), sources: text(5000).default('') });

/** A purpose (finalité), added last; `position` (0 first) moves it when it is rewritten. */
export const purposeInput = z.object({ statement: requiredText(1000) });
export const purposeUpdateInput = purposeInput.extend({ position: z.int({ error: 'error.integer' }).min(0, { error: 'error.negative' }).max(1000, { error: 'error.tooLarge' }).optional() });

/** An objective: what will be done, measured how, up to what, by when, carried by whom (SMART, as a hint). */
export const objectiveInput = z.object({
  statement: requiredText(1000),
  metric: text(300).default(''),
  target: text(300).default(''),
  deadline: z.iso.date({ error: 'error.date' }).nullable().default(null),
  ownerId: reference.nullable().default(null),
});

/** An indicator of success, tied to one of the project's objectives, with its numeric target. */
export const indicatorInput = z.object({
  objectiveId: reference,
  label: requiredText(300),
  unit: text(50).default(''),
  target: quantity,
});

/** A dated reading of an indicator, for one participating organization (registrations per house) or the whole project. */
export const measurementInput = z.object({
  measuredOn: z.iso.date({ error: 'error.date' }),
  value: quantity,
  organizationId: reference.nullable().default(null),
  note: text(1000).default(''),
});

/** What a participating organization provides: a room, equipment, staff or volunteer time, a speaker… */
export const meansInput = z.object({
  organizationId: reference,
  kind: z.enum(MEANS_KINDS, choice),
  description: requiredText(1000),
});

/** The lead's mission sheet: what to accomplish, the time allotted, the training needed. */
export const missionSheetInput = z.object({
  missionGoals: requiredText(10000),
  missionTime: text(300).default(''),
  missionTraining: text(5000).default(''),
});

const named = z.object({ id: z.uuid(), name: z.string() });
const person = z.object({ id: z.uuid(), fullName: z.string() });

export const conductAnswer = z.object({
  stage: z.enum(PROJECT_STAGES),
  diagnosis: z.object({ text: z.string(), sources: z.string() }),
  /** In their order. */
  purposes: z.array(z.object({ id: z.uuid(), statement: z.string() })),
  /** In their order, each with the SMART letters it lacks (a hint, never a refusal). */
  objectives: z.array(
    z.object({
      id: z.uuid(),
      statement: z.string(),
      metric: z.string(),
      target: z.string(),
      deadline: calendarDate.nullable(),
      owner: person.nullable(),
      smartGaps: z.array(z.enum(SMART_GAPS)),
    }),
  ),
  /** In their order; `progress` adds each series' latest reading against the target; measurements newest first. */
  indicators: z.array(
    z.object({
      id: z.uuid(),
      objectiveId: z.uuid(),
      label: z.string(),
      unit: z.string(),
      target: z.number(),
      progress: z.object({ value: z.number().nullable(), percent: z.number().nullable() }),
      measurements: z.array(
        z.object({ id: z.uuid(), measuredOn: calendarDate, value: z.number(), organization: named.nullable(), note: z.string(), recordedAt: instant }),
      ),
    }),
  ),
  /** Oldest first; `directorsInformedAt` says when the directors' body was sent its information note. */
  means: z.array(
    z.object({ id: z.uuid(), organization: named, kind: z.enum(MEANS_KINDS), description: z.string(), directorsInformedAt: instant.nullable(), createdAt: instant }),
  ),
  missionSheet: z.object({ goals: z.string(), time: z.string(), training: z.string() }),
  /** The lead named (step 8), confirmed or not yet. */
  lead: person.nullable(),
  /** The participating organizations: those that provide means, and whose measurements may be apart. */
  organizations: z.array(named),
  /** What this viewer may do here, by the same rules as the acts. */
  can: z.object({
    write: z.boolean(),
    setIndicators: z.boolean(),
    measure: z.boolean(),
    writeMissionSheet: z.boolean(),
  }),
});
