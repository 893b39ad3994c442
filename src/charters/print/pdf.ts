import type { Token } from 'markdown-it';
import type { Content, ContentText } from 'pdfmake/interfaces.js';
import { markdown } from '../rules/markdown.js';
import { translator, type Locale } from '../../i18n/server-messages.js';
import type { VersionDetail } from '../queries.js';
import { ruleBlocks, signatoriesTable, versionLine, type RuleBlock } from './blocks.js';
import { anchorLine, pageFooter, type PrintAnchor, type PrintJob } from '../../documents/pdf.js';

type Inline = string | ContentText;

/** Inline Markdown (emphasis, links, code) as pdfmake text runs. */
function inlineRuns(children: readonly Token[]): Inline[] {
  const runs: Inline[] = [];
  let bold = 0;
  let italics = 0;
  let link: string | null = null;
  for (const token of children) {
    switch (token.type) {
      case 'strong_open':
        bold += 1;
        break;
      case 'strong_close':
        bold -= 1;
        break;
      case 'em_open':
        italics += 1;
        break;
      case 'em_close':
        italics -= 1;
        break;
      case 'link_open':
        const href = token.attrGet('href');
        link = href === null ? null : String(href);
        break;
      case 'link_close':
        link = null;
        break;
      case 'softbreak':
        runs.push(' ');
        break;
      case 'hardbreak':
        runs.push('\n');
        break;
      case 'text':
      case 'code_inline':
        runs.push({
          text: token.content,
          ...(bold > 0 && { bold: true }),
          ...(italics > 0 && { italics: true }),
          ...(token.type === 'code_inline' && { background: '#eeeeee' }),
          ...(link !== null && { link, color: '#1a4f8b', decoration: 'underline' as const }),
        });
        break;
      default:
        break;
    }
  }
  return runs;
}

interface Frame {
  readonly kind: 'root' | 'bullet' | 'ordered' | 'item' | 'quote';
  readonly items: Content[];
}

/** An article's Markdown as pdfmake blocks, following markdown-it's token stream. */
export function markdownToPdf(source: string): Content[] {
  const stack: Frame[] = [{ kind: 'root', items: [] }];
  const top = () => stack[stack.length - 1]!;
  let headingLevel = 0;
  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case 'bullet_list_open':
        stack.push({ kind: 'bullet', items: [] });
        break;
      case 'ordered_list_open':
        stack.push({ kind: 'ordered', items: [] });
        break;
      case 'list_item_open':
        stack.push({ kind: 'item', items: [] });
        break;
      case 'blockquote_open':
        stack.push({ kind: 'quote', items: [] });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close': {
        const list = stack.pop()!;
        top().items.push(list.kind === 'bullet' ? { ul: list.items, margin: [0, 0, 0, 6] } : { ol: list.items, margin: [0, 0, 0, 6] });
        break;
      }
      case 'list_item_close': {
        const item = stack.pop()!;
        top().items.push(item.items.length === 1 ? item.items[0]! : { stack: item.items });
        break;
      }
      case 'blockquote_close': {
        const quote = stack.pop()!;
        top().items.push({ stack: quote.items, margin: [16, 0, 0, 6], italics: true, color: '#444444' });
        break;
      }
      case 'heading_open':
        headingLevel = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        headingLevel = 0;
        break;
      case 'inline': {
        const runs = inlineRuns(token.children ?? []);
        const inItem = top().kind === 'item';
        top().items.push(
          headingLevel > 0
            ? { text: runs, bold: true, fontSize: headingLevel <= 2 ? 12 : 11, margin: [0, 4, 0, 4] }
            : { text: runs, margin: [0, 0, 0, inItem ? 2 : 6] },
        );
        break;
      }
      case 'fence':
      case 'code_block':
        top().items.push({ text: token.content, fontSize: 9, background: '#eeeeee', margin: [0, 0, 0, 6] });
        break;
      case 'hr':
        top().items.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 483, y2: 0, lineWidth: 0.5, lineColor: '#999999' }], margin: [0, 4, 0, 8] });
        break;
      default:
        break;
    }
  }
  return stack[0]!.items;
}

/** A neutral block as pdfmake content; the project sheet lays its blocks out the same way. */
export function blockToPdf(block: RuleBlock): Content {
  switch (block.type) {
    case 'paragraph':
      return { text: block.text, margin: [0, 0, 0, 6] };
    case 'list':
      return { stack: [{ text: block.title, margin: [0, 0, 0, 2] }, { ul: [...block.items], margin: [0, 0, 0, 6] }] };
    case 'table': {
      const header = block.header.map((text) => ({ text, style: 'tableHeader' }));
      const footer = block.footer ? [block.footer.map((text) => ({ text, bold: true }))] : [];
      return {
        table: { headerRows: 1, dontBreakRows: true, widths: block.header.map(() => '*'), body: [header, ...block.rows.map((row) => [...row]), ...footer] },
        layout: 'lightHorizontalLines',
        fontSize: 9,
        margin: [0, 2, 0, 10],
      };
    }
  }
}

/**
 * The version as an A4 PDF a partnership can print and sign: title and status, numbered
 * articles each followed by the rules of its kind (budget table, decision matrix…), the
 * signatories table with « Lu et approuvé », and the licence and page numbers in the footer.
 */
export function charterPrintJob(version: VersionDetail, locale: Locale, anchor: PrintAnchor): PrintJob {
  const t = translator(locale);
  const { content } = version;
  const body: Content[] = [
    { text: content.title, style: 'title' },
    { text: versionLine(version, locale), style: 'subtitle' },
  ];
  content.articles.forEach((article, index) => {
    body.push({ text: `${t('print.article', { number: index + 1 })} — ${article.title}`, style: 'article', headlineLevel: 1 });
    body.push(...markdownToPdf(article.body));
    body.push(...ruleBlocks(article.kind, version, locale).map(blockToPdf));
  });
  if (!content.articles.some((article) => article.kind === 'signatories') && version.signatories.length > 0) {
    body.push({ text: t('print.signatoryName'), style: 'article' }, blockToPdf(signatoriesTable(version, locale)));
  }
  body.push({ text: t('print.contentHash', { hash: version.contentHash }), style: 'fingerprint' });
  body.push(anchorLine(locale, anchor));
  return {
    definition: {
      pageSize: 'A4',
      pageMargins: [56, 56, 56, 60],
      info: { title: content.title, subject: versionLine(version, locale), creator: 'Entente' },
      defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25, color: '#1a1a1a' },
      styles: {
        title: { fontSize: 22, bold: true, margin: [0, 0, 0, 4] },
        subtitle: { fontSize: 11, color: '#555555', margin: [0, 0, 0, 18] },
        article: { fontSize: 13, bold: true, margin: [0, 12, 0, 6], color: '#1a4f8b' },
        tableHeader: { bold: true },
        fingerprint: { fontSize: 7.5, color: '#666666', margin: [0, 18, 0, 0] },
      },
      content: body,
    },
    footer: pageFooter(t, [56, 20, 56, 0], t('print.licenceFooter', { licence: t(`licence.${content.rules.licence.licence}`) })),
    keepHeadlinesWithText: true,
  };
}
