import { translator, type Locale } from '../../i18n/server-messages.js';
import type { VersionDetail } from '../queries.js';
import { ruleBlocks, signatoriesTable, versionLine, type RuleBlock } from './blocks.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A neutral block as Markdown; the project sheet writes its blocks the same way. */
export function blockToMarkdown(block: RuleBlock): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'list':
      return [block.title, '', ...block.items.map((item) => `- ${item}`)].join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
      return [row(block.header), row(block.header.map(() => '---')), ...block.rows.map(row), ...(block.footer ? [row(block.footer.map((c) => (c ? `**${c}**` : '')))] : [])].join('\n');
    }
  }
}

/** The version as one Markdown file: numbered articles, each followed by the rules of its kind. */
export function renderCharterMarkdown(version: VersionDetail, locale: Locale): string {
  const t = translator(locale);
  const { content } = version;
  const parts = [`# ${content.title}`, `_${versionLine(version, locale)}_`];
  content.articles.forEach((article, index) => {
    parts.push(`## ${t('print.article', { number: index + 1 })} — ${article.title}`);
    if (article.body.trim() !== '') parts.push(article.body.trim());
    for (const block of ruleBlocks(article.kind, version, locale)) parts.push(blockToMarkdown(block));
  });
  if (!content.articles.some((article) => article.kind === 'signatories') && version.signatories.length > 0) {
    parts.push(`## ${t('print.signatoryName')}`, blockToMarkdown(signatoriesTable(version, locale)));
  }
  parts.push('---', t('print.licenceFooter', { licence: t(`licence.${content.rules.licence.licence}`) }), t('print.contentHash', { hash: version.contentHash }));
  return `${parts.join('\n\n')}\n`;
}
