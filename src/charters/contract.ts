import { z } from 'zod';
import { calendarDate, createdId, instant } from '../common/contract.js';
import { CHARTER_ISSUE_CODES } from './rules/check.js';
import { ARTICLE_CHANGES } from './rules/diff.js';
import { charterDocumentSchema } from './rules/exchange.js';
import { TEMPLATE_IDS } from './rules/templates.js';
import { ARTICLE_KINDS, CHARTER_KINDS, VERSION_STATUSES, charterContentSchema, charterRulesSchema } from './rules/types.js';
import { PROPOSAL_STATUSES } from '../decisions/rules.js';

/** The inputs of the charter's acts, validated by the server and published as OpenAPI. */
export const createCharterInput = z.object({
  template: z.enum(TEMPLATE_IDS, { error: 'error.choice' }).nullable(),
  /** A blank charter's kind; a template has its own. */
  kind: z.enum(CHARTER_KINDS, { error: 'error.choice' }).optional(),
  /** A blank charter's title; a template brings its own. */
  title: z.string().trim().min(1, { error: 'error.required' }).max(300, { error: 'error.tooLong' }).optional(),
});

export const saveDraftInput = charterContentSchema;

export const importCharterInput = charterDocumentSchema;

export const adoptInput = z.object({
  bodyId: z.uuid({ error: 'error.reference' }),
  adoptedOn: z.iso.date({ error: 'error.date' }),
  /** The hash of the text the body adopted, as the person recording it was shown it. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'error.reference' }),
});

export const signInput = z.object({
  signatoryId: z.uuid({ error: 'error.reference' }),
  typedName: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(200, { error: 'error.tooLong' }),
  /** The signatory ticks « Lu et approuvé »; nothing else counts as consent. */
  readAndApproved: z.literal(true, { error: 'error.readAndApproved' }),
  /** The hash of the text the signatory was shown: a signature never covers a text they did not see. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'error.reference' }),
});

export const diffQuery = z.object({
  from: z.uuid({ error: 'error.reference' }),
  to: z.uuid({ error: 'error.reference' }),
});

/** The answers of the charters' routes, as the server sends them and the pages read them. */
const named = z.object({ id: z.uuid(), name: z.string() });
const versionStatus = z.enum(VERSION_STATUSES);

export const charterListAnswer = z.object({
  charters: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(CHARTER_KINDS),
      title: z.string(),
      inForce: z
        .object({ versionId: z.uuid(), number: z.int(), adoptedOn: calendarDate, signed: z.int(), expectedSignatures: z.int() })
        .nullable(),
      draft: z.object({ versionId: z.uuid(), number: z.int(), updatedAt: instant }).nullable(),
    }),
  ),
  can: z.object({ manage: z.boolean() }),
});

/** A new charter and its first version. */
export const charterCreatedAnswer = createdId.extend({ versionId: z.uuid() });

export const charterDetailAnswer = z.object({
  id: z.uuid(),
  kind: z.enum(CHARTER_KINDS),
  title: z.string(),
  /** Newest first. */
  versions: z.array(
    z.object({
      id: z.uuid(),
      number: z.int(),
      status: versionStatus,
      title: z.string(),
      contentHash: z.string(),
      adoptedOn: calendarDate.nullable(),
      adoptedBy: named.nullable(),
      createdAt: instant,
      updatedAt: instant,
    }),
  ),
  /** A project charter's proposals: those it routed (its versions'), newest first, 100 at most; empty for the partnership charter, whose proposals are the partnership's list. */
  proposals: z.array(z.object({ id: z.uuid(), wording: z.string(), status: z.enum(PROPOSAL_STATUSES), body: named, createdAt: instant, decidedAt: instant.nullable() })),
  /** manage: write charters and record a first adoption; amend: start, edit or discard the next version's draft. */
  can: z.object({ manage: z.boolean(), amend: z.boolean() }),
});

/** What the check of a version's rules finds, in the reader's language, at its field (a dotted path into the content). */
export const charterIssueAnswer = z.object({ path: z.string(), code: z.enum(CHARTER_ISSUE_CODES), message: z.string() });

/** The names a version's rules refer to, by id. */
export const charterNamesAnswer = z.object({
  bodies: z.record(z.uuid(), z.string()),
  roles: z.record(z.uuid(), z.string()),
  organizations: z.record(z.uuid(), z.string()),
  people: z.record(z.uuid(), z.string()),
});

export const signatoryAnswer = z.object({
  signatoryId: z.uuid(),
  personId: z.uuid().nullable(),
  fullName: z.string().nullable(),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
  capacity: z.string(),
  signature: z.object({ typedName: z.string(), statement: z.string(), signedAt: instant, contentHash: z.string() }).nullable(),
});

export const versionDetailAnswer = z.object({
  charterId: z.uuid(),
  kind: z.enum(CHARTER_KINDS),
  id: z.uuid(),
  number: z.int(),
  status: versionStatus,
  contentHash: z.string(),
  adoptedOn: calendarDate.nullable(),
  adoptedBy: named.nullable(),
  updatedAt: instant,
  content: charterContentSchema,
  issues: z.array(charterIssueAnswer),
  names: charterNamesAnswer,
  signatories: z.array(signatoryAnswer),
  /** signAs: the signatories the viewer may sign as, of a version in force. */
  can: z.object({ manage: z.boolean(), amend: z.boolean(), recordAdoption: z.boolean(), signAs: z.array(z.uuid()) }),
});

/** A saved draft: its new hash, and what the check finds in it. */
export const draftSavedAnswer = z.object({ id: z.uuid(), contentHash: z.string(), issues: z.array(charterIssueAnswer) });

const textChange = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });
const diffSide = z.object({ id: z.uuid(), number: z.int(), status: versionStatus, rules: charterRulesSchema });

export const charterDiffAnswer = z.object({
  from: diffSide,
  to: diffSide,
  diff: z.object({
    title: z.array(textChange),
    articles: z.array(
      z.object({
        key: z.uuid(),
        status: z.enum(ARTICLE_CHANGES),
        numberBefore: z.int().nullable(),
        numberAfter: z.int().nullable(),
        kindBefore: z.enum(ARTICLE_KINDS).nullable(),
        kindAfter: z.enum(ARTICLE_KINDS).nullable(),
        title: z.array(textChange),
        body: z.array(textChange),
      }),
    ),
    changedRules: z.array(charterRulesSchema.keyof()),
  }),
});

/** The charter file another partnership imports. */
export const charterExportAnswer = charterDocumentSchema;

export const complianceAnswer = z.object({
  findings: z.array(
    z.object({
      /** A code of the charters' findings or of the bodies' composition gaps. */
      code: z.string(),
      /** A house behind with its fund contribution links to the fund page (`fund`, the house's id). */
      link: z.object({ kind: z.enum(['body', 'charter', 'role', 'project', 'fund']), id: z.uuid() }).nullable(),
      message: z.string(),
    }),
  ),
});
