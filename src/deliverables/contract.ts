import { z } from 'zod';
import { calendarDate, id, isoDate } from '../common/contract.js';
import { LICENCES } from '../charters/rules/enums.js';
import { DELIVERABLE_STATUSES } from './rules.js';

const choice = { error: 'error.choice' } as const;
const title = z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(300, { error: 'error.tooLong' });
const description = z.string().trim().max(5000, { error: 'error.tooLong' }).default('');

/** A new deliverable of the charter: what, who answers for it (nobody yet: « à attribuer ») and by when. */
export const addDeliverableInput = z.object({
  title,
  description,
  ownerId: id.nullable().default(null),
  dueOn: isoDate.nullable().default(null),
});

/** What a deliverable is and by when; who owns it and where it stands have their own acts. */
export const editDeliverableInput = z.object({ title, description, dueOn: isoDate.nullable().default(null) });

/** Who answers for it now; null leaves it to take. */
export const assignDeliverableInput = z.object({ ownerId: id.nullable() });

/** Where it stands; publishing says where it was published. */
export const deliverableStatusInput = z.object({
  status: z.enum(DELIVERABLE_STATUSES, choice),
  publishedUrl: z.url({ protocol: /^https?$/, error: 'error.url' }).max(2000, { error: 'error.tooLong' }).optional(),
});

const person = z.object({ id: z.uuid(), fullName: z.string() });

export const deliverableAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  owner: person.nullable(),
  dueOn: calendarDate.nullable(),
  status: z.enum(DELIVERABLE_STATUSES),
  /** One of the outputs the charter's licence lists, to publish under it. */
  licenceOutput: z.boolean(),
  publishedUrl: z.string().nullable(),
  /** Open after its due day. */
  overdue: z.boolean(),
  /** The statuses the viewer may give it now, its own first; empty when they may not move it. */
  statuses: z.array(z.enum(DELIVERABLE_STATUSES)),
});

/** A charter's deliverables, the outputs its licence lists and where each stands, and what the viewer may do. */
export const charterDeliverablesAnswer = z.object({
  charter: z.object({ id: z.uuid(), title: z.string(), kind: z.string() }),
  /** The licence of the version in force (else the draft's): its outputs are published under it. */
  licence: z.enum(LICENCES),
  /** Whether that licence lets a deliverable be marked published. */
  publishable: z.boolean(),
  today: calendarDate,
  deliverables: z.array(deliverableAnswer),
  outputs: z.array(z.object({ output: z.string(), state: z.enum(['published', 'due', 'dropped', 'missing']), deliverableId: z.uuid().nullable() })),
  can: z.object({
    /** Add, edit, assign and drop deliverables. */
    manage: z.boolean(),
  }),
});
