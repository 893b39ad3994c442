import { z } from 'zod';
import { calendarDate, instant } from '../common/contract.js';
import { PROPOSAL_STATUSES } from '../decisions/rules.js';
import { EVALUATION_OUTCOMES, PROJECT_ORIGINS, PROJECT_STAGES, PROJECT_STEPS } from './rules.js';

/**
 * The inputs and answers of a common project's lifecycle (issue 18, steps 1 to 9 and its
 * evaluation), validated by the server and published as OpenAPI; the pages read the answers.
 *
 * The forms of the project page carry these anchors (`TO_DO_ANCHORS` in participation/rules.ts),
 * which the « À faire pour vous » links and mails land on:
 *   `nommer-referent`        the form naming a participating organization's referent (step 7)
 *   `nommer-chef-de-projet`  the form naming the lead with the mission sheet (step 8)
 *   `valider-nomination`     the confirmers' approve / refuse form (step 9)
 *   `evaluer`                the evaluation report form
 */
const choice = { error: 'error.choice' } as const;
const reference = z.uuid({ error: 'error.reference' });
const text = (max: number) => z.string().trim().max(max, { error: 'error.tooLong' });
const requiredText = (max: number) => z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(max, { error: 'error.tooLong' });

/** Step 1: anyone of the partnership records an idea; whoever records it is one of its carriers. */
export const createProjectInput = z.object({
  title: requiredText(200),
  summary: text(5000).default(''),
  origin: z.enum(PROJECT_ORIGINS, choice),
  originDetail: text(300).default(''),
  /** Other carriers: people and organizations of the partnership. */
  carrierPersonIds: z.array(reference).max(50, { error: 'error.tooMany' }).default([]),
  carrierOrganizationIds: z.array(reference).max(50, { error: 'error.tooMany' }).default([]),
});

/** Step 2: the needs seen, their analysis, and the organizations that would take part (rewritable until presented). */
export const formalizationInput = z.object({
  needs: requiredText(20000),
  analysis: text(20000).default(''),
  organizationIds: z.array(reference).max(50, { error: 'error.tooMany' }),
});

/** Step 3: the proposal that presents the project; its wording defaults to « Valider le projet commun … ». */
export const presentationInput = z.object({
  facilitatorId: reference.optional(),
  wording: text(2000).optional(),
  context: text(20000).optional(),
});

/** Step 5: the validating body's recommendations and points of vigilance, told to the carriers. */
export const carriersToldInput = z.object({
  recommendations: text(10000).default(''),
  vigilance: text(10000).default(''),
});

/** Step 7: an organization's referent in the working group. */
export const referentInput = z.object({ organizationId: reference, personId: reference });

/** Step 8: the lead and their mission sheet. */
export const leadInput = z.object({
  personId: reference,
  missionGoals: requiredText(10000),
  missionTime: text(300).default(''),
  missionTraining: text(5000).default(''),
});

/** Step 9 refused: the nomination falls, with the confirmer's reason. */
export const leadRefusalInput = z.object({ reason: requiredText(5000) });

/** The working group's report, which goes to the body the charter names to renew, adjust or close the project. */
export const evaluationInput = z.object({
  periodEndsOn: z.iso.date({ error: 'error.date' }),
  analysis: requiredText(20000),
  emergingNeeds: text(10000).default(''),
  proposedOutcome: z.enum(EVALUATION_OUTCOMES, choice),
});

/** The portfolio's filters and its cursor (the `next` of the page before). */
export const portfolioQuery = z.object({
  stage: z.enum(PROJECT_STAGES, choice).optional(),
  organizationId: reference.optional(),
  /** A subject of the partnership's action plan the projects serve (project_subject). */
  subjectId: reference.optional(),
  cursor: z.string().max(500, { error: 'error.tooLong' }).optional(),
});

/** The answers. */
const named = z.object({ id: z.uuid(), name: z.string() });
const person = z.object({ id: z.uuid(), fullName: z.string() });
const stage = z.enum(PROJECT_STAGES);
const step = z.enum(PROJECT_STEPS);

/**
 * What the project waits for, from whom, since when: `from.kind` says who (`rules.ts` `Awaited`),
 * `body` names the body concerned (the deciding, validating, lead-naming body or the working group),
 * `organization` the house whose referent is awaited, `people` the confirmers still to approve.
 */
export const expectedAnswer = z.object({
  step: z.enum([...PROJECT_STEPS, 'evaluation', 'evaluation_decision']),
  from: z.object({
    kind: z.enum(['carriers', 'decision', 'validating_body', 'organization', 'lead_namer', 'confirmers', 'working_group']),
    body: named.nullable(),
    organization: named.nullable(),
    people: z.array(person),
  }),
  since: instant,
});

const proposalSummary = z.object({
  id: z.uuid(),
  matter: z.enum(['presentation', 'evaluation']),
  status: z.enum(PROPOSAL_STATUSES),
  body: named,
  createdAt: instant,
  decidedAt: instant.nullable(),
});

export const projectPageAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  origin: z.enum(PROJECT_ORIGINS),
  originDetail: z.string(),
  stage,
  stageSince: instant,
  needs: z.string(),
  analysis: z.string(),
  refusalReason: z.string(),
  recommendations: z.string(),
  vigilance: z.string(),
  missionGoals: z.string(),
  missionTime: z.string(),
  missionTraining: z.string(),
  evaluationEveryMonths: z.int().nullable(),
  evaluationDueOn: calendarDate.nullable(),
  createdAt: instant,
  createdBy: person,
  carriers: z.object({ people: z.array(person), organizations: z.array(named) }),
  /** The houses taking part. */
  organizations: z.array(named),
  /** The steps this charter asks for, in its order; `doneAt` null for those still to come. */
  steps: z.array(z.object({ step, doneAt: instant.nullable(), doneBy: person.nullable() })),
  expected: z.array(expectedAnswer),
  /** The body that validates (the matrix row presenting projects), and the one naming the lead. */
  validatingBody: named.nullable(),
  leadNamingBody: named.nullable(),
  workingGroup: z
    .object({
      id: z.uuid(),
      name: z.string(),
      /** Referents in force, by participating organization (an organization with none is listed with none). */
      referents: z.array(z.object({ organization: named, people: z.array(person) })),
    })
    .nullable(),
  lead: z.object({
    role: named.nullable(),
    nominee: person.nullable(),
    /** Approvals of the current nominee. */
    approvals: z.array(z.object({ person, approvedAt: instant })),
    /** Those whose approval the charter asks today (holders of the role or members of the body it names). */
    confirmers: z.array(person),
  }),
  proposals: z.array(proposalSummary),
  /** The meetings of its working group and those that heard its proposals, the latest 20, latest first. */
  meetings: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: instant, body: named })),
  evaluations: z.array(
    z.object({
      id: z.uuid(),
      periodEndsOn: calendarDate,
      analysis: z.string(),
      emergingNeeds: z.string(),
      proposedOutcome: z.enum(EVALUATION_OUTCOMES).nullable(),
      outcome: z.enum(EVALUATION_OUTCOMES).nullable(),
      reportedBy: person,
      reportedAt: instant,
      proposalId: z.uuid().nullable(),
      decidedAt: instant.nullable(),
    }),
  ),
  /** What this viewer may do here, by the same rules as the acts. */
  can: z.object({
    formalize: z.boolean(),
    present: z.boolean(),
    tellCarriers: z.boolean(),
    /** The participating organizations whose referent this viewer may name now. */
    nameReferentFor: z.array(z.uuid()),
    nameLead: z.boolean(),
    approveLead: z.boolean(),
    refuseLead: z.boolean(),
    reportEvaluation: z.boolean(),
  }),
});

/**
 * Every project of the partnership, 50 a page in title order: `next` is the `cursor` of the
 * following page, null on the last. `nextDeadline` is the next evaluation's day or the open
 * proposal's round deadline; `indicators` how many the project set and how many reached their target.
 */
export const portfolioAnswer = z.object({
  rows: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      stage,
      stageSince: instant,
      organizations: z.array(named),
      expected: z.array(expectedAnswer),
      nextDeadline: z.discriminatedUnion('kind', [z.object({ kind: z.literal('evaluation'), on: calendarDate }), z.object({ kind: z.literal('round'), at: instant })]).nullable(),
      indicators: z.object({ count: z.int(), onTarget: z.int() }),
    }),
  ),
  next: z.string().nullable(),
});
