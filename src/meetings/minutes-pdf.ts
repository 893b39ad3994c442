import type { Content } from 'pdfmake/interfaces.js';
import { translator, type Locale } from '../i18n/server-messages.js';
import type { MeetingDetail } from './queries.js';
import { formatSignedAt } from '../charters/print/blocks.js';
import { markdownToPdf } from '../charters/print/pdf.js';
import { anchorLine, pageFooter, type PrintAnchor, type PrintJob } from '../documents/pdf.js';

/** A meeting's minutes as an A4 PDF: when and where, who was there, the agenda, the decisions taken, the text. */
export function minutesPrintJob(meeting: MeetingDetail, locale: Locale, anchor: PrintAnchor): PrintJob {
  const t = translator(locale);
  const heading = (text: string): Content => ({ text, fontSize: 13, bold: true, margin: [0, 14, 0, 4] });
  const status = (a: MeetingDetail['attendance'][number]) =>
    a.status === null ? t('minutes.status.unknown') : t(`minutes.status.${a.status}`, { name: a.representedBy?.fullName ?? '' });
  const content: Content[] = [
    { text: t('minutes.title', { title: meeting.title }), fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
    { text: t('minutes.when', { body: meeting.body.name, date: formatSignedAt(locale, meeting.startsAt) }) },
    ...(meeting.place ? [{ text: t('minutes.where', { place: meeting.place }) }] : []),
    { text: t('minutes.facilitator', { name: meeting.facilitator.fullName }) },
    ...(meeting.secretary ? [{ text: t('minutes.secretary', { name: meeting.secretary.fullName }) }] : []),
    {
      text: meeting.minutesPublishedAt ? t('minutes.published', { date: formatSignedAt(locale, meeting.minutesPublishedAt) }) : t('minutes.draft'),
      color: '#555555',
      margin: [0, 4, 0, 0],
    },
    heading(t('minutes.attendance')),
    { ul: meeting.attendance.map((a) => `${a.fullName} — ${status(a)}`) },
    // Guests are listed apart: they attended, they were not the body.
    ...(meeting.guests.length > 0
      ? [heading(t('minutes.guests')), { ul: meeting.guests.map((g) => `${g.fullName}${g.reason ? ` (${g.reason})` : ''} — ${t(`minutes.status.${g.attendance ?? 'unknown'}`)}`) }]
      : []),
    heading(t('minutes.agenda')),
    { ol: meeting.agenda.map((item) => `${item.title} (${t(`minutes.agendaKind.${item.kind}`)})`) },
    ...(meeting.decisions.length > 0
      ? [
          heading(t('minutes.decisions')),
          {
            ul: meeting.decisions.map((d) => ({
              stack: [{ text: `${d.wording} — ${t(`minutes.decisionStatus.${d.status}`)}`, bold: true }, ...(d.outcomeStatement ? [{ text: d.outcomeStatement }] : [])],
            })),
          },
        ]
      : []),
    heading(t('minutes.text')),
    ...markdownToPdf(meeting.minutes),
    anchorLine(locale, anchor),
  ];
  return {
    definition: {
      pageSize: 'A4',
      pageMargins: [48, 48, 48, 56],
      info: { title: t('minutes.title', { title: meeting.title }), creator: 'Entente' },
      defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
      content,
    },
    footer: pageFooter(t, [48, 20, 48, 0]),
  };
}
