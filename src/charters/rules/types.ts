import { z } from 'zod';
import { ARTICLE_KINDS, DECISION_LEVELS, DECISION_METHODS, DEFAULT_SILENCE, LICENCES, PARTICIPATION_LEVELS, REVISION_REQUESTERS, SILENCE_RULES, type SilenceRule } from './enums.js';

export * from './enums.js';

/**
 * A charter version is data: ordered articles a person reads, and rules the software obeys.
 * The schemas here validate both what the API receives and what the database holds.
 */

const choice = { error: 'error.choice' } as const;
const reference = z.uuid({ error: 'error.reference' });
const line = z.string({ error: 'error.required' }).trim().max(300, { error: 'error.tooLong' });
const requiredLine = line.min(1, { error: 'error.required' });
const isoDate = z.iso.date({ error: 'error.date' });
const listOfLines = z.array(requiredLine).max(50, { error: 'error.tooMany' });

export const decisionRuleSchema = z.object({
  id: reference,
  level: z.enum(DECISION_LEVELS, choice),
  /** Empty: the rule for every topic of its level that no other row names. */
  topic: line,
  bodyId: reference.nullable(),
  method: z.enum(DECISION_METHODS, choice),
  /** Share of the body's members who must take part, in percent. */
  quorumPercent: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(100, { error: 'error.percent' }).nullable(),
  /**
   * What a silent member counts as when a round ends. Absent from versions written before the
   * charter said it (their hash is what was signed, so they are never rewritten): see silenceOf.
   */
  silence: z.enum(SILENCE_RULES, choice).optional(),
  /** Rounds without agreement after which the matter is blocked. */
  maxRounds: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(10, { error: 'error.tooLarge' }).nullable(),
  onBlock: z.discriminatedUnion(
    'kind',
    [z.object({ kind: z.literal('arbitration'), bodyId: reference.nullable() }), z.object({ kind: z.literal('lapse') })],
    choice,
  ),
  /** Bodies that receive an information note with each decision taken under this row. */
  informBodyIds: z.array(reference).max(20, { error: 'error.tooMany' }),
});
export type DecisionRule = z.infer<typeof decisionRuleSchema>;

/** Euro cents, so that sums are exact. */
const cents = z.int({ error: (issue) => (issue.input === null || issue.input === undefined ? 'error.required' : 'error.integer') }).min(0, { error: 'error.negative' }).max(100_000_000_000, { error: 'error.tooLarge' });

export const budgetPostSchema = z.object({
  id: reference,
  label: requiredLine,
  percent: z.number({ error: 'error.number' }).min(0, { error: 'error.negative' }).max(100, { error: 'error.percent' }).nullable(),
  amountCents: cents.nullable(),
  /**
   * The sum the percent is a share of, when it is not the budget's total: seed 000's association
   * takes 10 % (712 €) of another sum than the 8,272 € of the split. Absent: the total.
   */
  percentOf: z.object({ label: requiredLine, amountCents: cents }).optional(),
});
export type BudgetPost = z.infer<typeof budgetPostSchema>;

export const signatorySchema = z.object({
  id: reference,
  personId: reference.nullable(),
  organizationId: reference.nullable(),
  capacity: line,
});
export type Signatory = z.infer<typeof signatorySchema>;

const matterSchema = z.object({ level: z.enum(DECISION_LEVELS, choice), topic: line });

/**
 * How a common project is born and led (seed 001's nine steps): which matter of the decision
 * matrix presents it (the body that row names validates or refuses it, and later decides to renew,
 * adjust or close it after an evaluation), how many referents each participating organization
 * names, which body names its lead (null: the body that validated it), and who confirms that
 * nomination (null: nobody, the lead starts at once). Steps 1, 2 and 5 are taken by the carriers
 * and by the validating body; the working group is created by the validation itself.
 */
export const projectRulesSchema = z.object({
  presentation: matterSchema,
  referentsPerOrganization: z.int({ error: 'error.integer' }).min(0, { error: 'error.negative' }).max(5, { error: 'error.tooLarge' }),
  leadNamedBy: reference.nullable(),
  leadConfirmedBy: z.discriminatedUnion('kind', [z.object({ kind: z.literal('body'), bodyId: reference }), z.object({ kind: z.literal('role'), roleId: reference })], choice).nullable(),
  evaluation: matterSchema.extend({
    everyMonths: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(60, { error: 'error.tooLarge' }),
  }),
  /** How long a step may wait on someone (a referent, a nomination, its confirmation) before the compliance view says so. */
  waitingDays: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(365, { error: 'error.tooLarge' }),
});
export type ProjectRules = z.infer<typeof projectRulesSchema>;

/**
 * How the partnership handles money (issue 19). Revisions of a project's forecast budget go to
 * the matter `budgetRevision` names (seed 001: « Gestion du budget du projet »); a settlement of
 * accounts, at closing or on an exit plan, to `settlement`. The treasurer role, when named, records
 * entries, payments and the common fund's ledger with each project's lead; `deficitGuidance` is
 * what the charter says to do when a budget is in deficit. The common fund (seed 003's « 1 % »),
 * when there is one, calls each organization for a share of its declared annual budget or a
 * fixed amount, on a year that starts in `yearStartsMonth`, and is spent only by a decision on
 * the `spending` matter.
 */
export const moneyRulesSchema = z.object({
  budgetRevision: matterSchema,
  settlement: matterSchema,
  treasurerRoleId: reference.nullable(),
  deficitGuidance: line,
  commonFund: z
    .object({
      contribution: z.discriminatedUnion(
        'kind',
        [
          z.object({ kind: z.literal('percent'), percent: z.number({ error: 'error.number' }).gt(0, { error: 'error.aboveZero' }).max(100, { error: 'error.percent' }) }),
          z.object({ kind: z.literal('fixed'), amountCents: cents.min(1, { error: 'error.aboveZero' }) }),
        ],
        choice,
      ),
      yearStartsMonth: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(12, { error: 'error.tooLarge' }),
      /** Days after the call is issued that a contribution falls due. */
      dueWithinDays: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(365, { error: 'error.tooLarge' }),
      spending: matterSchema,
    })
    .nullable(),
});
export type MoneyRules = z.infer<typeof moneyRulesSchema>;

export const charterRulesSchema = z.object({
  bodyIds: z.array(reference).max(50, { error: 'error.tooMany' }),
  decisionMatrix: z.array(decisionRuleSchema).max(100, { error: 'error.tooMany' }),
  participationLevels: z.array(z.enum(PARTICIPATION_LEVELS, choice)).max(3),
  revision: z.object({
    requestedBy: z.enum(REVISION_REQUESTERS, choice),
    bodyId: reference.nullable(),
    method: z.enum(DECISION_METHODS, choice),
    silence: z.enum(SILENCE_RULES, choice).optional(),
  }),
  dispute: z.object({
    crisisMeetingWithinDays: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(365, { error: 'error.tooLarge' }).nullable(),
    mediationProvider: line,
    exitPlanObjectives: listOfLines,
    /**
     * The body a mediation is asked of (seed 000: « un membre du Cœur de l'association »); its
     * members name the mediator, who may come from outside. Null: the parties name one themselves.
     * This and the next two are absent from versions written before disputes were run: see disputeRulesOf.
     */
    mediationBodyId: reference.nullable().optional(),
    /** A body whose members see every dispute beside its parties and mediator; null: nobody else. */
    confidantBodyId: reference.nullable().optional(),
    /** Whether the partnership's other members see that a dispute exists (never what, nor between whom). */
    existenceVisible: z.boolean({ error: 'error.choice' }).optional(),
  }),
  duration: z.object({ startsOn: isoDate.nullable(), endsOn: isoDate.nullable() }),
  budget: z.object({
    totalCents: cents.nullable(),
    posts: z.array(budgetPostSchema).max(50, { error: 'error.tooMany' }),
  }),
  licence: z.object({ licence: z.enum(LICENCES, choice), outputs: listOfLines }),
  confidentialData: listOfLines,
  signatories: z.array(signatorySchema).max(100, { error: 'error.tooMany' }),
  /** Absent from versions written before projects were governed (their hash was signed): see projectRulesOf. */
  projects: projectRulesSchema.optional(),
  /** Absent from versions written before money was governed (their hash was signed): see moneyRulesOf. */
  money: moneyRulesSchema.optional(),
});
export type CharterRules = z.infer<typeof charterRulesSchema>;

export const articleSchema = z.object({
  /** Stays with the article across versions, so a diff can follow it when it moves or is renamed. */
  key: reference,
  kind: z.enum(ARTICLE_KINDS, choice),
  title: requiredLine,
  body: z.string({ error: 'error.required' }).max(50_000, { error: 'error.tooLong' }),
});
export type Article = z.infer<typeof articleSchema>;

/** What a version says: the text and the rules. Its hash is what signatories sign. */
export const charterContentSchema = z
  .object({
    title: requiredLine,
    articles: z.array(articleSchema).max(100, { error: 'error.tooMany' }),
    rules: charterRulesSchema,
  })
  .superRefine((content, context) => {
    // Rows are told apart by their ids (signatures, diffs, the editor): two rows may not share one.
    const lists: [readonly { readonly id?: string; readonly key?: string }[], (string | number)[], 'id' | 'key'][] = [
      [content.articles, ['articles'], 'key'],
      [content.rules.decisionMatrix, ['rules', 'decisionMatrix'], 'id'],
      [content.rules.budget.posts, ['rules', 'budget', 'posts'], 'id'],
      [content.rules.signatories, ['rules', 'signatories'], 'id'],
    ];
    for (const [rows, path, field] of lists) {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        const value = row[field]!;
        if (seen.has(value)) context.addIssue({ code: 'custom', path: [...path, index, field], message: 'error.duplicateId' });
        seen.add(value);
      });
    }
  });
export type CharterContent = z.infer<typeof charterContentSchema>;

/** What silence counts as under a rule, whether or not its version says it. */
export function silenceOf(rule: { readonly silence?: SilenceRule | undefined }): SilenceRule {
  return rule.silence ?? DEFAULT_SILENCE;
}

/**
 * A charter's project rules, whether or not its version says them: one that does not presents
 * projects as its general strategic matter, has the validating body name their lead with nobody
 * to confirm, asks one referent per organization and an evaluation every year.
 */
export function projectRulesOf(rules: Pick<CharterRules, 'projects'>): ProjectRules {
  return (
    rules.projects ?? {
      presentation: { level: 'strategic', topic: '' },
      referentsPerOrganization: 1,
      leadNamedBy: null,
      leadConfirmedBy: null,
      evaluation: { level: 'strategic', topic: '', everyMonths: 12 },
      waitingDays: 30,
    }
  );
}

/**
 * A charter's money rules, whether or not its version says them: one that does not sends budget
 * revisions to its general functional matter and settlements to its general strategic one, names
 * no treasurer (partnership administrators keep the books) and has no common fund.
 */
export function moneyRulesOf(rules: Pick<CharterRules, 'money'>): MoneyRules {
  return (
    rules.money ?? {
      budgetRevision: { level: 'functional', topic: '' },
      settlement: { level: 'strategic', topic: '' },
      treasurerRoleId: null,
      deficitGuidance: '',
      commonFund: null,
    }
  );
}

export type DisputeRules = Required<CharterRules['dispute']>;

/**
 * A charter's dispute rules, whether or not its version says them all: one written before
 * disputes were run asks its parties to name their mediator, tells no body, and keeps even a
 * dispute's existence to those in it.
 */
export function disputeRulesOf(rules: Pick<CharterRules, 'dispute'>): DisputeRules {
  return {
    ...rules.dispute,
    mediationBodyId: rules.dispute.mediationBodyId ?? null,
    confidantBodyId: rules.dispute.confidantBodyId ?? null,
    existenceVisible: rules.dispute.existenceVisible ?? false,
  };
}

/** Whether a charter has dispute rules at all: a delay for the crisis meeting, or an exit plan. */
export function hasDisputeRules(rules: Pick<CharterRules, 'dispute'>): boolean {
  return rules.dispute.crisisMeetingWithinDays !== null || rules.dispute.exitPlanObjectives.length > 0;
}

export function emptyRules(): CharterRules {
  return {
    bodyIds: [],
    decisionMatrix: [],
    participationLevels: [],
    revision: { requestedBy: 'any_signatory', bodyId: null, method: 'consent', silence: DEFAULT_SILENCE },
    dispute: { crisisMeetingWithinDays: null, mediationProvider: '', exitPlanObjectives: [], mediationBodyId: null, confidantBodyId: null, existenceVisible: false },
    duration: { startsOn: null, endsOn: null },
    budget: { totalCents: null, posts: [] },
    licence: { licence: 'CC-BY-SA-4.0', outputs: [] },
    confidentialData: [],
    signatories: [],
  };
}
