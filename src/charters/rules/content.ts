import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { CharterContent } from './types.js';

/** The package is CommonJS typed as an ES default export; at run time the default is the function. */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * The SHA-256 of a version's RFC 8785 canonical JSON: what a signatory signs. Any change to a
 * word, an article's place or a rule changes it; the order of keys in storage does not.
 */
export function charterContentHash(content: CharterContent): string {
  const text = canonicalize({ title: content.title, articles: content.articles, rules: content.rules });
  if (text === undefined) throw new TypeError('charter content cannot be encoded');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
