import { z } from 'zod';
import { charterDocumentSchema } from './rules/exchange.js';
import { TEMPLATE_IDS } from './rules/templates.js';
import { CHARTER_KINDS, charterContentSchema } from './rules/types.js';

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
