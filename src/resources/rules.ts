import type { Licence } from '../charters/rules/enums.js';
import { mayContribute, mayFacilitate, type AccompanimentReach } from '../accompaniments/rules.js';

/**
 * A group's resources (seed 002): documents, links and short articles shared in an accompaniment,
 * each under a licence, some of them confidential to the group, some published for everyone.
 */
export const RESOURCE_KINDS = ['file', 'link', 'article'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A document is kept in the database: 10 MB at most (migration 043 says the same). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The documents a group may share, by the type their sender declares, and the type their first
 * bytes must show (`file-type`'s answer). Text has no signature: it must be valid UTF-8 without a
 * NUL byte, and show no other type. Nothing here runs in a browser (no SVG, no HTML), and every
 * download leaves as an attachment anyway.
 */
const SIGNED_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;
const TEXT_TYPES = ['text/plain', 'text/csv', 'text/markdown'] as const;
export const DOCUMENT_TYPES = [...SIGNED_TYPES, ...TEXT_TYPES] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const isTextType = (type: DocumentType): type is (typeof TEXT_TYPES)[number] => (TEXT_TYPES as readonly string[]).includes(type);

/** Valid UTF-8 without a NUL byte: what a text document is, whatever its name says. */
export function isPlainText(content: Uint8Array): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

export type DocumentRefusal = 'resource.error.fileType' | 'resource.error.fileMismatch';

/**
 * Whether a document may be kept: its declared type is one of the list, and its content shows
 * that same type (`detected`: the type its magic bytes show, undefined when they show none).
 * A program renamed `.pdf`, or a PDF declared as text, is refused.
 */
export function documentRefusal(declared: string, detected: string | undefined, content: Uint8Array): DocumentRefusal | null {
  if (!(DOCUMENT_TYPES as readonly string[]).includes(declared)) return 'resource.error.fileType';
  const type = declared as DocumentType;
  if (isTextType(type)) return detected === undefined && isPlainText(content) ? null : 'resource.error.fileMismatch';
  return detected === type ? null : 'resource.error.fileMismatch';
}

/** The type a download is sent with: text says its encoding, so a browser never guesses it. */
export const servedType = (type: string): string => (type.startsWith('text/') ? `${type}; charset=utf-8` : type);

/** An open licence lets anyone reuse the work: every licence but « tous droits réservés ». */
export const isOpenLicence = (licence: Licence): boolean => licence !== 'all_rights_reserved';

export type PublicationRefusal = 'resource.refusal.notOpen' | 'resource.refusal.confidential' | 'resource.refusal.authorConsent';

/**
 * Only what the group may share with everyone is published: open and not confidential (the
 * database checks it too), and, since the public pages name its author, with their consent: the
 * facilitator who publishes is its author, or its author agreed. A resource whose author was
 * erased has no one left to agree.
 */
export function publicationRefusal(
  resource: { readonly licence: Licence; readonly confidential: boolean; readonly authorId: string | null; readonly authorConsents: boolean },
  publisherId: string,
): PublicationRefusal | null {
  if (resource.confidential) return 'resource.refusal.confidential';
  if (!isOpenLicence(resource.licence)) return 'resource.refusal.notOpen';
  if (resource.authorId === null || (resource.authorId !== publisherId && !resource.authorConsents)) return 'resource.refusal.authorConsent';
  return null;
}

/** Who sees a resource: confidential ones stay with the group's facilitators and participants. */
export const seesResource = (reach: AccompanimentReach, confidential: boolean): boolean => reach !== 'none' && (!confidential || mayContribute(reach));

/** Its author, while still in the group, changes or removes it; so do the facilitators. */
export const mayChangeResource = (reach: AccompanimentReach, viewerId: string, authorId: string | null): boolean =>
  mayFacilitate(reach) || (mayContribute(reach) && authorId === viewerId);

/** The facilitators publish what the group produced, and take it back. */
export const mayPublishResource = mayFacilitate;

/**
 * The charter's outputs to publish (`rules.licence.outputs`), each with the published resources
 * that answer it: an output nobody answered yet is still due.
 */
export function outputsDue<R extends { readonly outputTitle: string | null }>(outputs: readonly string[], published: readonly R[]) {
  return outputs.map((title) => ({ title, resources: published.filter((resource) => resource.outputTitle === title) }));
}

/** Tags as a group finds them: trimmed, in lower case (so « Agenda » and « agenda » are one), each said once, in the order given. */
export const normalizedTag = (tag: string): string => tag.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');

export function normalizedTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizedTag).filter((tag) => tag !== ''))];
}
