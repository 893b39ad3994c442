import { describe, expect, it } from 'vitest';
import { documentRefusal, isOpenLicence, isPlainText, normalizedTags, outputsDue, publicationRefusal, seesResource, mayChangeResource, servedType } from '../../src/resources/rules.js';

const bytes = (text: string, encoding: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(text, encoding));

describe('a shared document’s type', () => {
  it('is accepted when the content shows the declared type of the list', () => {
    expect(documentRefusal('application/pdf', 'application/pdf', bytes('%PDF-'))).toBeNull();
    expect(documentRefusal('image/webp', 'image/webp', bytes('RIFF'))).toBeNull();
    expect(documentRefusal('application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.spreadsheet', bytes('PK'))).toBeNull();
    expect(documentRefusal('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', bytes('PK'))).toBeNull();
  });

  it('is refused when the content shows another type, or none where a signature is due', () => {
    expect(documentRefusal('application/pdf', 'application/x-msdownload', bytes('MZ'))).toBe('resource.error.fileMismatch');
    expect(documentRefusal('image/png', 'application/pdf', bytes('%PDF-'))).toBe('resource.error.fileMismatch');
    expect(documentRefusal('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/zip', bytes('PK'))).toBe('resource.error.fileMismatch');
    expect(documentRefusal('application/pdf', undefined, bytes('bonjour'))).toBe('resource.error.fileMismatch');
  });

  it('takes text only as UTF-8 without a NUL byte nor any signature', () => {
    expect(documentRefusal('text/csv', undefined, bytes('nom;ville\nÉlodie;Nîmes\n'))).toBeNull();
    expect(documentRefusal('text/markdown', undefined, bytes('# Titre'))).toBeNull();
    expect(documentRefusal('text/plain', undefined, bytes('R\xe9sum\xe9', 'latin1'))).toBe('resource.error.fileMismatch');
    expect(documentRefusal('text/plain', undefined, bytes('a\u0000b'))).toBe('resource.error.fileMismatch');
    expect(documentRefusal('text/plain', 'application/x-elf', bytes('\u007fELF'))).toBe('resource.error.fileMismatch');
    expect(isPlainText(bytes(''))).toBe(true);
  });

  it('refuses what is not in the list, active content first', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/javascript', 'application/zip', 'application/x-msdownload']) expect(documentRefusal(type, undefined, bytes('x'))).toBe('resource.error.fileType');
  });

  it('is sent with its encoding when it is text', () => {
    expect(servedType('text/csv')).toBe('text/csv; charset=utf-8');
    expect(servedType('application/pdf')).toBe('application/pdf');
  });
});

describe('a resource’s licence and publication', () => {
  it('is open under every licence but all rights reserved', () => {
    expect(['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0'].every((licence) => isOpenLicence(licence as never))).toBe(true);
    expect(isOpenLicence('all_rights_reserved')).toBe(false);
  });

  it('is published only when open, not confidential, and by its author or with their consent', () => {
    const shared = { licence: 'CC-BY-SA-4.0', confidential: false, authorId: 'amina', authorConsents: true } as const;
    expect(publicationRefusal(shared, 'claire')).toBeNull();
    expect(publicationRefusal({ ...shared, licence: 'CC0-1.0', confidential: true }, 'claire')).toBe('resource.refusal.confidential');
    expect(publicationRefusal({ ...shared, licence: 'all_rights_reserved' }, 'claire')).toBe('resource.refusal.notOpen');
    expect(publicationRefusal({ ...shared, authorConsents: false }, 'claire')).toBe('resource.refusal.authorConsent');
    expect(publicationRefusal({ ...shared, authorConsents: false }, 'amina')).toBeNull();
    expect(publicationRefusal({ ...shared, authorId: null }, 'claire')).toBe('resource.refusal.authorConsent');
  });

  it('says which of the charter’s outputs are published and which are still due', () => {
    const published = [{ id: 'a', outputTitle: 'Guide' }, { id: 'b', outputTitle: null }, { id: 'c', outputTitle: 'Guide' }];
    expect(outputsDue(['Guide', 'Carte'], published)).toEqual([
      { title: 'Guide', resources: [published[0], published[2]] },
      { title: 'Carte', resources: [] },
    ]);
  });
});

describe('who sees and changes a resource', () => {
  it('shows confidential ones to the group only', () => {
    expect(seesResource('reader', false)).toBe(true);
    expect(seesResource('reader', true)).toBe(false);
    expect(seesResource('participant', true)).toBe(true);
    expect(seesResource('facilitator', true)).toBe(true);
    expect(seesResource('none', false)).toBe(false);
  });

  it('lets its author, while in the group, and the facilitators change it', () => {
    expect(mayChangeResource('participant', 'p1', 'p1')).toBe(true);
    expect(mayChangeResource('participant', 'p1', 'p2')).toBe(false);
    expect(mayChangeResource('reader', 'p1', 'p1')).toBe(false);
    expect(mayChangeResource('facilitator', 'p1', null)).toBe(true);
  });

  it('keeps tags in lower case, each once', () => {
    expect(normalizedTags([' Été ', 'été', 'Agenda  local', '', 'agenda local'])).toEqual(['été', 'agenda local']);
  });
});
