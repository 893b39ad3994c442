import { describe, expect, it } from 'vitest';
import { isOpenLicence, publicationAnswerRefusal, publicationAskRefusal } from '../../src/harvest/rules.js';

describe('the harvest’s publication', () => {
  const item = { publication: 'private', authorId: 'amina' } as const;

  it('is asked of a living author, once, under an open licence', () => {
    expect(publicationAskRefusal(item, 'CC-BY-SA-4.0')).toBeNull();
    expect(publicationAskRefusal(item, 'CC0-1.0')).toBeNull();
    expect(publicationAskRefusal(item, 'all_rights_reserved')).toBe('harvest.refusal.closedLicence');
    expect(publicationAskRefusal({ ...item, authorId: null }, 'CC-BY-4.0')).toBe('harvest.refusal.noAuthor');
    expect(publicationAskRefusal({ ...item, publication: 'asked' }, 'CC-BY-4.0')).toBe('harvest.refusal.alreadyAsked');
    expect(publicationAskRefusal({ ...item, publication: 'published' }, 'CC-BY-4.0')).toBe('harvest.refusal.alreadyPublished');
  });

  it('is answered only once asked; a consent needs an open licence, a refusal never is refused', () => {
    const asked = { ...item, publication: 'asked' } as const;
    expect(publicationAnswerRefusal(asked, 'CC-BY-4.0', true)).toBeNull();
    expect(publicationAnswerRefusal(asked, 'all_rights_reserved', true)).toBe('harvest.refusal.closedLicence');
    expect(publicationAnswerRefusal(asked, 'all_rights_reserved', false)).toBeNull();
    expect(publicationAnswerRefusal(item, 'CC-BY-4.0', false)).toBe('harvest.refusal.notAsked');
    expect(publicationAnswerRefusal({ ...item, publication: 'published' }, 'CC-BY-4.0', true)).toBe('harvest.refusal.alreadyPublished');
  });

  it('calls every licence but « tous droits réservés » open', () => {
    expect(['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0'].every((licence) => isOpenLicence(licence as 'CC0-1.0'))).toBe(true);
    expect(isOpenLicence('all_rights_reserved')).toBe(false);
  });
});
