import { z } from 'zod';
import { instant } from '../common/contract.js';

/**
 * The answers of the public pages (issue 21): what a partnership publishes under an open licence,
 * read without signing in. They carry the partnership's name and the published things only: no
 * member, no address, no id of anything unpublished; an author is named by their full name alone.
 */
const openLicence = z.enum(['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0']);

const publicResourceSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['file', 'link', 'article']),
  title: z.string(),
  summary: z.string(),
  tags: z.array(z.string()),
  licence: openLicence,
  /** The author's full name; null once erased or when nobody is named. */
  author: z.string().nullable(),
  publishedAt: instant,
});

const publicArticleSummary = z.object({
  id: z.uuid(),
  /** A nugget (what worked) or a pebble (what did not). */
  kind: z.enum(['nugget', 'pebble']),
  title: z.string().nullable(),
  licence: openLicence,
  author: z.string().nullable(),
  publishedAt: instant,
});

const publicPartnership = z.object({ id: z.uuid(), name: z.string() });

/** A partnership's public page: what it published, latest first. */
export const publicPageAnswer = z.object({
  partnership: publicPartnership,
  resources: z.array(publicResourceSummary),
  articles: z.array(publicArticleSummary),
});

/** One published resource: an article's Markdown, a link's address, or a file to download. */
export const publicResourceAnswer = publicResourceSummary.extend({
  partnership: publicPartnership,
  body: z.string().nullable(),
  url: z.string().nullable(),
  file: z.object({ name: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
});

/** One experience article of the harvest, its text in Markdown. */
export const publicArticleAnswer = publicArticleSummary.extend({
  partnership: publicPartnership,
  text: z.string(),
});
