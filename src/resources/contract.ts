import { z } from 'zod';
import { LICENCES } from '../charters/rules/enums.js';
import { instant } from '../common/contract.js';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, normalizedTag, normalizedTags, RESOURCE_KINDS } from './rules.js';

/** The inputs of a resource's acts, validated by the server and published as OpenAPI. */
const choice = { error: 'error.choice' } as const;
const text = (max: number) => z.string().trim().max(max, { error: 'error.tooLong' });
const requiredText = (max: number) => z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(max, { error: 'error.tooLong' });

/** A web address the group points to: http or https only. */
const webAddress = z.url({ protocol: /^https?$/, error: 'error.url' }).max(2000, { error: 'error.tooLong' });
/** A short article, in Markdown. */
const articleBody = requiredText(20000);
const tags = z
  .array(text(50), { error: 'resource.error.tags' })
  .max(20, { error: 'resource.error.tooManyTags' })
  .default([])
  .transform((value) => normalizedTags(value));

/** A document, in base64 (4 characters for 3 bytes): its type is checked against its content by the act. */
export const documentInput = z.object({
  fileName: requiredText(200),
  contentType: z.enum(DOCUMENT_TYPES, { error: 'resource.error.fileType' }),
  contentBase64: z.base64({ error: 'resource.error.fileContent' }).max(Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4, { error: 'resource.error.fileTooLarge' }),
});

/** What every resource carries; its licence defaults to the accompaniment's. */
const describedResource = {
  title: requiredText(300),
  summary: text(2000).default(''),
  tags,
  licence: z.enum(LICENCES, choice).optional(),
  confidential: z.boolean().default(false),
  /** The charter's output to publish this resource answers, if any. */
  outputTitle: requiredText(300).nullable().default(null),
  /** Its author agrees that it be published under its licence, with their name. */
  publishable: z.boolean().default(false),
};

/** A resource shared in an accompaniment: a document, a link or a short article. */
export const resourceInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('file'), ...describedResource, file: documentInput }),
    z.object({ kind: z.literal('link'), ...describedResource, url: webAddress }),
    z.object({ kind: z.literal('article'), ...describedResource, body: articleBody }),
  ],
  { error: 'resource.error.kind' },
);

/** A resource changed: its description, licence and confidentiality; a link's address or an article's text (a document is replaced by sharing it again). */
export const resourceChangeInput = z.object({
  title: requiredText(300),
  summary: text(2000).default(''),
  tags,
  licence: z.enum(LICENCES, choice),
  confidential: z.boolean(),
  outputTitle: requiredText(300).nullable().default(null),
  /** Its author agrees (or no longer agrees) that it be published with their name; only the author's word counts, and withdrawing takes a published resource back. */
  publishable: z.boolean().optional(),
  url: webAddress.optional(),
  body: articleBody.optional(),
});

/** Searching the space's resources: words in French (accents and endings ignored), and a tag. */
export const resourcesQuery = z.object({
  q: z.string().trim().max(200, { error: 'error.tooLong' }).optional(),
  tag: z.string().max(50, { error: 'error.tooLong' }).transform(normalizedTag).optional(),
});

/** The answers of the resources' routes: what leaves the server, and what the pages read. */
const licenceAnswer = z.enum(LICENCES);

export const resourceSummary = z.object({
  id: z.uuid(),
  kind: z.enum(RESOURCE_KINDS),
  title: z.string(),
  summary: z.string(),
  url: z.string().nullable(),
  file: z.object({ fileName: z.string(), contentType: z.string(), sizeBytes: z.int() }).nullable(),
  author: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  tags: z.array(z.string()),
  licence: licenceAnswer,
  confidential: z.boolean(),
  outputTitle: z.string().nullable(),
  /** Its author agreed that it be published with their name. */
  publishable: z.boolean(),
  publishedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  can: z.object({ change: z.boolean(), publish: z.boolean(), unpublish: z.boolean() }),
});

export const resourcesAnswer = z.object({
  accompaniment: z.object({ id: z.uuid(), title: z.string(), licence: licenceAnswer, archived: z.boolean() }),
  resources: z.array(resourceSummary),
  /** Every tag of the resources the viewer sees, with how many carry it, most used first. */
  tags: z.array(z.object({ tag: z.string(), count: z.int() })),
  /** The charter's outputs to publish, each with the published resources of the partnership that answer it. */
  outputs: z.array(z.object({ title: z.string(), resources: z.array(z.object({ id: z.uuid(), title: z.string(), accompanimentId: z.uuid() })) })),
  can: z.object({ add: z.boolean() }),
});

export const resourceAnswer = resourceSummary.extend({
  accompaniment: z.object({ id: z.uuid(), title: z.string(), archived: z.boolean() }),
  /** An article's Markdown, which the page renders as a charter's articles are. */
  body: z.string().nullable(),
  /** The charter's outputs to publish, for the form that changes the resource. */
  outputs: z.array(z.string()),
});
