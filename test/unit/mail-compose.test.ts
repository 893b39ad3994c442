import { describe, expect, it } from 'vitest';
import { renderMail, type MailContent } from '../../src/mail/compose.js';
import { digestDue, mailsNow, parisDayAndHour } from '../../src/mail/rules.js';

const call = (locale: 'fr' | 'en'): MailContent => ({
  locale,
  greeting: locale === 'fr' ? 'Bonjour Nadia Benali,' : 'Hello Nadia Benali,',
  sections: [
    {
      paragraphs: [locale === 'fr' ? 'Le tour de réponses est ouvert sur la proposition « Ouvrir le jardin <le samedi> & le dimanche ».' : 'The round is open on “Open the garden <on Saturday> & Sunday”.'],
      facts: [{ label: locale === 'fr' ? 'À faire avant le' : 'To do by', value: locale === 'fr' ? 'vendredi 13 mars 2026 à 18:00' : 'Friday 13 March 2026 at 18:00' }],
      action: { label: locale === 'fr' ? 'Donner ma réponse' : 'Give my answer', path: '/p/partnership/propositions/proposal' },
    },
  ],
  reason: locale === 'fr' ? 'Vous recevez ce message parce que vous siégez dans « Comité de pilotage ».' : 'You receive this message because you sit on “Comité de pilotage”.',
});

const secrets = { actionTokens: ['action-secret-0123456789'], settingsToken: 'settings-secret-0123456789' };

describe('a mail rendered for its addressee', () => {
  for (const locale of ['fr', 'en'] as const) {
    it(`reads the same as text and as HTML (${locale})`, async () => {
      const mail = renderMail(call(locale), 'https://entente.example', secrets);
      await expect(mail.text).toMatchFileSnapshot(`__snapshots__/call.${locale}.txt`);
      await expect(mail.html).toMatchFileSnapshot(`__snapshots__/call.${locale}.html`);
    });
  }

  it('puts the button’s secret in the fragment and escapes every word in the HTML', () => {
    const mail = renderMail(call('fr'), 'https://entente.example', secrets);
    expect(mail.text).toContain('https://entente.example/p/partnership/propositions/proposal#lien=action-secret-0123456789');
    expect(mail.html).toContain('href="https://entente.example/p/partnership/propositions/proposal#lien=action-secret-0123456789"');
    expect(mail.html).toContain('&lt;le samedi&gt; &amp; le dimanche');
    expect(mail.html).not.toContain('<le samedi>');
    expect(mail.listUnsubscribe).toEqual({ url: 'https://entente.example/api/v1/mail-settings/unsubscribe?token=settings-secret-0123456789', post: 'List-Unsubscribe=One-Click' });
  });

  it('keeps the anchor of the form beside the secret in the fragment', () => {
    const content = call('fr');
    const anchored = { ...content, sections: [{ ...content.sections[0]!, action: { label: 'Donner ma réponse', path: '/p/a/propositions/b#prendre-position' } }] };
    expect(renderMail(anchored, 'https://entente.example', secrets).text).toContain('https://entente.example/p/a/propositions/b#lien=action-secret-0123456789&ancre=prendre-position');
  });

  it('holds no secret as others read it: the button is named, its link went to the addressee alone', () => {
    const mail = renderMail(call('fr'), 'https://entente.example');
    expect(mail.text).not.toContain('secret');
    expect(mail.text).toContain('Donner ma réponse :\n[lien personnel, envoyé à la seule personne destinataire]');
    expect(mail.html).not.toContain('href=');
    expect(mail.listUnsubscribe).toBeUndefined();
  });
});

describe('mail preferences', () => {
  it('sends at once every message or only deadlines; a digest waits', () => {
    expect([mailsNow('each'), mailsNow('deadlines'), mailsNow('digest'), mailsNow('none')]).toEqual([true, true, false, false]);
  });

  it('reads the day and hour in Paris, summer and winter', () => {
    expect(parisDayAndHour(new Date('2026-01-15T23:30:00Z'))).toEqual({ day: '2026-01-16', hour: 0 });
    expect(parisDayAndHour(new Date('2026-07-15T05:10:00Z'))).toEqual({ day: '2026-07-15', hour: 7 });
  });

  it('sends one digest a day, from seven in the morning in Paris', () => {
    const morning = new Date('2026-03-10T06:05:00Z');
    expect(digestDue(new Date('2026-03-10T05:59:00Z'), null)).toBe(false);
    expect(digestDue(morning, null)).toBe(true);
    expect(digestDue(morning, new Date('2026-03-09T06:00:00Z'))).toBe(true);
    expect(digestDue(new Date('2026-03-10T15:00:00Z'), morning)).toBe(false);
    expect(digestDue(new Date('2026-03-11T06:00:00Z'), morning)).toBe(true);
  });
});
