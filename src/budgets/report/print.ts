import type { Content } from 'pdfmake/interfaces.js';
import { blockToPdf } from '../../charters/print/pdf.js';
import { anchorLine, pageFooter, type PrintAnchor, type PrintJob } from '../../documents/pdf.js';
import { translator, type Locale } from '../../i18n/server-messages.js';
import { reportHeading, reportSections, type BudgetReport } from './blocks.js';

/** The financial report as an A4 PDF, ending with the journal's head when it was printed. */
export function budgetReportPrintJob(report: BudgetReport, locale: Locale, anchor: PrintAnchor): PrintJob {
  const t = translator(locale);
  const { title, subtitle } = reportHeading(report, locale);
  const content: Content[] = [
    { text: title, style: 'title' },
    { text: subtitle, style: 'subtitle' },
    ...reportSections(report, locale).flatMap((section): Content[] => [{ text: section.title, style: 'section', headlineLevel: 1 }, ...section.blocks.map(blockToPdf)]),
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
        tableHeader: { bold: true },
      },
      content,
    },
    footer: pageFooter(t, [48, 20, 48, 0]),
    keepHeadlinesWithText: true,
  };
}
