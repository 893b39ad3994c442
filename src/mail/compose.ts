import markdownIt from 'markdown-it';
import type { z } from 'zod';
import { translator } from '../i18n/server-messages.js';
import type { mailContent, mailSecrets } from './contract.js';

export type MailContent = z.infer<typeof mailContent>;
export type MailSection = MailContent['sections'][number];
export type MailSecrets = z.infer<typeof mailSecrets>;

export interface RenderedMail {
  readonly text: string;
  readonly html: string;
  /** RFC 2369 and RFC 8058: mail clients offer one-click unsubscription. */
  readonly listUnsubscribe?: { readonly url: string; readonly post: string } | undefined;
}

/** Where the person chooses which messages they receive; POST there unsubscribes in one click. */
export const MAIL_SETTINGS_PAGE = '/reglages-des-messages';
export const mailSettingsPath = (token: string) => `${MAIL_SETTINGS_PAGE}#${token}`;
export const unsubscribeApiPath = (token: string) => `/api/v1/mail-settings/unsubscribe?token=${encodeURIComponent(token)}`;
/**
 * The button opens the form; the token rides in the fragment, which no server log records, with
 * the anchor of the form on its page (`ancre`), which the page follows once signed in.
 */
export function actionUrl(baseUrl: string, path: string, token: string): string {
  const [pathname, anchor] = path.split('#', 2) as [string, string | undefined];
  const fragment = new URLSearchParams({ lien: token, ...(anchor ? { ancre: anchor } : {}) });
  return `${baseUrl}${pathname}#${fragment.toString()}`;
}

const { escapeHtml } = markdownIt().utils;

/**
 * Without secrets, the mail as anyone who may read the outbox reads it: buttons name their page
 * but carry no link, which went to the addressee alone.
 */
export function renderMail(content: MailContent, baseUrl: string, secrets?: MailSecrets): RenderedMail {
  const t = translator(content.locale);
  let tokenIndex = 0;
  const sections = content.sections.map((section) => {
    if (!section.action) return { section, url: undefined };
    const token = secrets?.actionTokens[tokenIndex++];
    return { section, url: token === undefined ? undefined : actionUrl(baseUrl, section.action.path, token) };
  });
  const settingsUrl = secrets ? `${baseUrl}${mailSettingsPath(secrets.settingsToken)}` : undefined;
  return {
    text: renderText(content, sections, settingsUrl, t),
    html: renderHtml(content, sections, settingsUrl, t),
    listUnsubscribe: secrets ? { url: `${baseUrl}${unsubscribeApiPath(secrets.settingsToken)}`, post: 'List-Unsubscribe=One-Click' } : undefined,
  };
}

type RenderedSection = { readonly section: MailSection; readonly url: string | undefined };
type Translate = ReturnType<typeof translator>;

function renderText(content: MailContent, sections: readonly RenderedSection[], settingsUrl: string | undefined, t: Translate): string {
  const blocks = [content.greeting];
  for (const { section, url } of sections) {
    const lines: string[] = [];
    if (section.heading) lines.push(section.heading.toUpperCase());
    lines.push(...section.paragraphs.flatMap((paragraph) => [paragraph, '']).slice(0, -1));
    if (section.facts.length > 0) lines.push('', ...section.facts.map((fact) => `${t('participation.mail.factLabel', { label: fact.label })} ${fact.value}`));
    if (section.action) lines.push('', t('participation.mail.factLabel', { label: section.action.label }), url ?? t('mail.linkForAddresseeOnly'));
    blocks.push(lines.join('\n'));
  }
  const footer = [content.reason];
  if (settingsUrl) footer.push(t('participation.mail.settingsLine', { url: settingsUrl }));
  blocks.push(`—\n${footer.join('\n')}`);
  return `${blocks.join('\n\n')}\n`;
}

const STYLE = {
  body: 'margin:0;padding:0;background:#f4f4f1;',
  frame: 'max-width:560px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff;',
  heading: 'font-size:18px;margin:24px 0 8px;',
  facts: 'margin:12px 0;padding:0;list-style:none;',
  button: 'display:inline-block;padding:12px 20px;background:#1d4e89;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;',
  footer: 'margin-top:32px;font-size:14px;color:#4a4a4a;',
} as const;

function renderHtml(content: MailContent, sections: readonly RenderedSection[], settingsUrl: string | undefined, t: Translate): string {
  const parts = [`<p>${escapeHtml(content.greeting)}</p>`];
  for (const { section, url } of sections) {
    if (section.heading) parts.push(`<h2 style="${STYLE.heading}">${escapeHtml(section.heading)}</h2>`);
    for (const paragraph of section.paragraphs) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
    if (section.facts.length > 0) {
      const facts = section.facts.map((fact) => `<li><strong>${escapeHtml(t('participation.mail.factLabel', { label: fact.label }))}</strong> ${escapeHtml(fact.value)}</li>`);
      parts.push(`<ul style="${STYLE.facts}">${facts.join('')}</ul>`);
    }
    if (section.action) {
      parts.push(
        url === undefined
          ? `<p><strong>${escapeHtml(section.action.label)}</strong> ${escapeHtml(t('mail.linkForAddresseeOnly'))}</p>`
          : `<p><a href="${escapeHtml(url)}" style="${STYLE.button}">${escapeHtml(section.action.label)}</a></p>`,
      );
    }
  }
  const footer = [`<p>${escapeHtml(content.reason)}</p>`];
  if (settingsUrl) footer.push(`<p><a href="${escapeHtml(settingsUrl)}">${escapeHtml(t('participation.mail.settingsLink'))}</a></p>`);
  return [
    '<!doctype html>',
    `<html lang="${content.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.frame}">`,
    ...parts,
    `<div style="${STYLE.footer}">${footer.join('')}</div>`,
    '</div></body></html>',
  ].join('\n');
}
