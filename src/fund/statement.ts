import { stringify } from 'csv-stringify/sync';
import type { Content } from 'pdfmake/interfaces.js';
import type { z } from 'zod';
import { spreadsheetText } from '../common/spreadsheet-text.js';
import { anchorLine, pageFooter, type PrintAnchor, type PrintJob } from '../documents/pdf.js';
import { translator, type Locale } from '../i18n/server-messages.js';
import type { fundStatementAnswer } from './contract.js';

type Statement = z.output<typeof fundStatementAnswer>;

const euros = (locale: Locale) => {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  return (cents: number) => format.format(cents / 100);
};

/**
 * The fund's yearly statement as CSV: one line per call, then one per spending, then the
 * balances. Amounts travel as integer cents (`montant_centimes`), with the euros formatted in the
 * reader's language beside them for whoever reads the file by eye.
 */
export function fundStatementCsv(statement: Statement, locale: Locale): string {
  const t = translator(locale);
  const eur = euros(locale);
  const line = (kind: string, label: string, day: string, cents: number, extra: { paid?: number; remaining?: number; behind?: boolean } = {}) => [
    kind,
    spreadsheetText(label),
    day,
    cents,
    eur(cents),
    extra.paid ?? '',
    extra.remaining ?? '',
    extra.behind === undefined ? '' : extra.behind ? t('fund.statement.yes') : t('fund.statement.no'),
  ];
  const rows = [
    ...statement.calls.map((call) => line(t('fund.statement.kindCall'), call.organization.name, call.dueOn, call.amountCents, { paid: call.paidCents, remaining: call.remainingCents, behind: call.behind })),
    ...statement.spendings.map((spending) => line(t('fund.statement.kindSpending'), spending.wording, spending.occurredOn, spending.amountCents)),
    line(t('fund.statement.kindOpening'), '', statement.startsOn, statement.openingBalanceCents),
    line(t('fund.statement.kindClosing'), '', statement.today < statement.endsOn ? statement.today : statement.endsOn, statement.closingBalanceCents),
  ];
  return stringify(rows, {
    header: true,
    columns: ['type', 'libelle', 'date', 'montant_centimes', t('fund.statement.amountColumn'), 'verse_centimes', 'reste_du_centimes', 'en_retard'],
  });
}

/** The yearly statement as an A4 PDF, ending with the journal's head when it was printed. */
export function fundStatementPrintJob(statement: Statement, partnershipName: string, locale: Locale, anchor: PrintAnchor): PrintJob {
  const t = translator(locale);
  const eur = euros(locale);
  const title = t('fund.statement.title', { year: statement.year });
  const subtitle = `${partnershipName} — ${t('fund.statement.span', { startsOn: statement.startsOn, endsOn: statement.endsOn })}`;
  const cell = (text: string, bold = false) => ({ text, bold });
  const amount = (cents: number, bold = false) => ({ text: eur(cents), alignment: 'right' as const, bold });
  const content: Content[] = [
    { text: title, style: 'title' },
    { text: subtitle, style: 'subtitle' },
    { text: t('fund.statement.calls'), style: 'section' },
    statement.calls.length === 0
      ? { text: t('fund.statement.noCalls') }
      : {
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto', 'auto', 'auto'],
            body: [
              [cell(t('fund.statement.organization'), true), cell(t('fund.statement.called'), true), cell(t('fund.statement.paid'), true), cell(t('fund.statement.remaining'), true), cell(t('fund.statement.dueOn'), true)],
              ...statement.calls.map((call) => [cell(call.behind ? `${call.organization.name} (${t('fund.statement.behind')})` : call.organization.name), amount(call.amountCents), amount(call.paidCents), amount(call.remainingCents), cell(call.dueOn)]),
              [cell(t('fund.statement.total'), true), amount(statement.calledCents, true), amount(statement.paidCents, true), cell(''), cell('')],
            ],
          },
          layout: 'lightHorizontalLines',
        },
    { text: t('fund.statement.spendings'), style: 'section' },
    statement.spendings.length === 0
      ? { text: t('fund.statement.noSpendings') }
      : {
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto'],
            body: [
              [cell(t('fund.statement.decision'), true), cell(t('fund.statement.day'), true), cell(t('fund.statement.amount'), true)],
              ...statement.spendings.map((spending) => [cell(spending.wording), cell(spending.occurredOn), amount(spending.amountCents)]),
            ],
          },
          layout: 'lightHorizontalLines',
        },
    { text: t('fund.statement.balances'), style: 'section' },
    {
      table: {
        widths: ['*', 'auto'],
        body: [
          [cell(t('fund.statement.opening')), amount(statement.openingBalanceCents)],
          [cell(t('fund.statement.received')), amount(statement.paidCents)],
          [cell(t('fund.statement.spent')), amount(-statement.spentCents)],
          [cell(t('fund.statement.closing'), true), amount(statement.closingBalanceCents, true)],
        ],
      },
      layout: 'lightHorizontalLines',
    },
    anchorLine(locale, anchor),
  ];
  return {
    definition: {
      pageSize: 'A4',
      pageMargins: [48, 48, 48, 56],
      info: { title, subject: subtitle, creator: 'Entente' },
      defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
      styles: {
        title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
        subtitle: { color: '#555555', margin: [0, 0, 0, 12] },
        section: { fontSize: 13, bold: true, margin: [0, 12, 0, 6], color: '#1a4f8b' },
      },
      content,
    },
    footer: pageFooter(t, [48, 20, 48, 0]),
  };
}
