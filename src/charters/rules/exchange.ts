import { z } from 'zod';
import { CHARTER_KINDS, charterContentSchema, type CharterContent, type CharterKind } from './types.js';

/**
 * The file a charter travels in between partnerships or installations: its kind and one
 * version's content, with a format name and number so a later format can still read it.
 */
export const charterDocumentSchema = z.object({
  format: z.literal('entente-charter', { error: 'error.charterFormat' }),
  formatVersion: z.literal(1, { error: 'error.charterFormat' }),
  kind: z.enum(CHARTER_KINDS, { error: 'error.choice' }),
  content: charterContentSchema,
});
export type CharterDocument = z.infer<typeof charterDocumentSchema>;

export function exportCharterDocument(kind: CharterKind, content: CharterContent): CharterDocument {
  return { format: 'entente-charter', formatVersion: 1, kind, content };
}
