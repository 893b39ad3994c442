import type { Content } from 'pdfmake/interfaces.js';
import { formatCalendarDate, translator, type Locale } from '../i18n/server-messages.js';
import type { DecisionRegister } from './queries.js';
import { formatSignedAt } from '../charters/print/blocks.js';
import { anchorLine, pageFooter, type PrintAnchor, type PrintJob } from '../documents/pdf.js';

/** A body's decision register as an A4 PDF: one row per decision, with its record and who took part. */
export function registerPrintJob(register: DecisionRegister, locale: Locale, anchor: PrintAnchor): PrintJob {
  const t = translator(locale);
  const header = [t('register.date'), t('register.decision'), t('register.how'), t('register.participants')].map((text) => ({ text, bold: true }));
  const rows = register.decisions.map((decision) => [
    formatSignedAt(locale, decision.decidedAt),
    {
      stack: [
        { text: decision.wording, bold: true },
        ...(decision.statement ? [{ text: decision.statement }] : []),
        ...(decision.reviewOn ? [{ text: t('register.reviewOn', { date: formatCalendarDate(locale, decision.reviewOn) }), color: '#555555' }] : []),
      ],
    },
    `${t(`register.status.${decision.status}`)}, ${t(`decisionMethod.${decision.method}`)}${decision.reservations > 0 ? ` — ${t('register.reservations', { count: decision.reservations })}` : ''}`,
    decision.participants.join(', '),
  ]);
  const content: Content[] = [
    { text: t('register.title', { body: register.body.name }), fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
    { text: t('register.printed', { date: formatSignedAt(locale, anchor.printedAt), count: register.decisions.length }), color: '#555555', margin: [0, 0, 0, 4] },
    ...(register.search ? [{ text: t('register.searched', { search: register.search }), color: '#555555', margin: [0, 0, 0, 4] as [number, number, number, number] }] : []),
    // Rows may break across pages: pdfmake would cut a long decision record kept on one page.
    register.decisions.length === 0
      ? { text: t('register.none'), margin: [0, 12, 0, 0] }
      : { table: { headerRows: 1, widths: [70, '*', 110, 110], body: [header, ...rows] }, layout: 'lightHorizontalLines', fontSize: 9, margin: [0, 12, 0, 0] },
    anchorLine(locale, anchor),
  ];
  return {
    definition: {
      pageSize: 'A4',
      pageMargins: [48, 48, 48, 56],
      info: { title: t('register.title', { body: register.body.name }), creator: 'Entente' },
      defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
      content,
    },
    footer: pageFooter(t, [48, 20, 48, 0]),
  };
}
