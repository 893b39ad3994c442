import { describe, expect, it } from 'vitest';
import { isLocale, isMessageKey, translator } from '../../src/i18n/server-messages.js';

describe('server catalogue', () => {
  it('translates the same key in French and in English', () => {
    expect(translator('fr')('error.signInFailed')).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(translator('en')('error.signInFailed')).toBe('Wrong e-mail address or password.');
  });

  it('fills the composition messages with names and counts', () => {
    const params = { body: 'Comité de pilotage', organization: 'MJC des Tilleuls', count: 3, actual: 3, expected: 4 };
    expect(translator('fr')('composition.delegates_missing', params)).toBe('Comité de pilotage : MJC des Tilleuls a 3 personnes déléguées sur 4');
    expect(translator('en')('composition.delegates_missing', params)).toBe('Comité de pilotage: MJC des Tilleuls has 3 delegates out of 4');
  });

  it('has an English text for every French key, with the same placeholders', () => {
    const keys = [
      'error.required', 'error.tooLong', 'error.email', 'error.date', 'error.reference', 'error.choice', 'error.endsBeforeStart',
      'error.sizeRange', 'error.delegateToSelf', 'error.passwordTooShort', 'error.notFound', 'error.forbidden', 'error.csrf',
      'error.tooManyRequests', 'error.bodyTooLarge', 'error.linkExpired', 'error.parentCycle', 'error.seatNeedsOrganization', 'error.notAMemberOfOrganization',
      'error.alreadySeated', 'error.alreadyEnded', 'error.endBeforeStart', 'error.nameTaken', 'error.lastAdmin', 'error.internal',
      'composition.delegates_missing_one', 'composition.delegates_missing_other', 'composition.delegates_excess_one', 'composition.delegates_excess_other',
      'composition.referents_missing', 'composition.too_few_members_one', 'composition.too_few_members_other',
      'composition.too_many_members', 'mail.invitationBody', 'mail.magicLinkBody', 'mail.linkForAddresseeOnly', 'mail.delegationSubject', 'mail.delegationBody',
    ];
    // A prefix that appears nowhere keeps the {{placeholders}} as written in the catalogue.
    const raw = (locale: 'fr' | 'en', key: string): string => String(translator(locale)(key, { interpolation: { prefix: '<<<', suffix: '>>>' } } as never));
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys) {
      expect(isMessageKey(key), key).toBe(true);
      // i18next answers the key itself when a text is missing, and must not fall back to French.
      expect(raw('en', key), key).not.toBe(key);
      expect(raw('en', key), key).not.toBe(raw('fr', key));
      expect(placeholders(raw('en', key)), key).toEqual(placeholders(raw('fr', key)));
    }
  });

  it('says one and several in words, never « (s) »', () => {
    const gap = (locale: 'fr' | 'en', count: number) => translator(locale)('composition.too_few_members', { body: 'Cercle', count, expected: 3 });
    expect(gap('fr', 1)).toBe('Cercle : 1 membre, il en faut au moins 3');
    expect(gap('fr', 2)).toBe('Cercle : 2 membres, il en faut au moins 3');
    expect(gap('en', 1)).toBe('Cercle: 1 member, at least 3 needed');
    expect(gap('en', 2)).toBe('Cercle: 2 members, at least 3 needed');
    // French counts none as one.
    expect(gap('fr', 0)).toBe('Cercle : 0 membre, il en faut au moins 3');
  });

  it('counts the answers and the people asked of a questionnaire in the final report each with its own plural', () => {
    const line = (locale: 'fr' | 'en', count: number, asked: number) => translator(locale)('accompanimentReport.respondents', { count, asked });
    expect(line('fr', 1, 1)).toBe('1 réponse sur 1 personne interrogée');
    expect(line('fr', 2, 2)).toBe('2 réponses sur 2 personnes interrogées');
    expect(line('fr', 1, 2)).toBe('1 réponse sur 2 personnes interrogées');
    expect(line('fr', 0, 1)).toBe('0 réponse sur 1 personne interrogée');
    expect(line('en', 1, 1)).toBe('1 answer out of 1 person asked');
    expect(line('en', 2, 2)).toBe('2 answers out of 2 people asked');
    expect(line('en', 2, 1)).toBe('2 answers out of 1 person asked');
    expect(translator('fr')('accompanimentReport.answered', { count: 1 })).toBe('1 réponse à cette question');
    expect(translator('en')('accompanimentReport.answered', { count: 1 })).toBe('1 answer to this question');
    expect(translator('en')('accompanimentReport.answered', { count: 2 })).toBe('2 answers to this question');
  });

  it('knows which locales exist', () => {
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(isMessageKey('error.doesNotExist')).toBe(false);
  });
});
