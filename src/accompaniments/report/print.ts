import type { Content } from 'pdfmake/interfaces.js';
import { formatSignedAt, withPrintableSpaces } from '../../charters/print/blocks.js';
import { anchorLine, pageFooter, type PrintAnchor, type PrintJob } from '../../documents/pdf.js';
import { translator, type Locale } from '../../i18n/server-messages.js';
import type { QuestionResult } from '../../questionnaires/results/rules.js';
import type { AccompanimentReport } from './queries.js';

const BAR_WIDTH = 180;
const BAR_COLOUR = '#2f6f4f';
const TRACK_COLOUR = '#e6ece8';

/** A bar chart drawn in vectors, its figures beside each bar: the chart and its table at once. */
function barChart(rows: readonly { label: string; share: number; figure: string }[]): Content {
  return {
    table: {
      widths: [150, BAR_WIDTH, '*'],
      body: rows.map((row) => [
        { text: row.label },
        {
          canvas: [
            { type: 'rect', x: 0, y: 2, w: BAR_WIDTH, h: 9, color: TRACK_COLOUR },
            ...(row.share > 0 ? [{ type: 'rect' as const, x: 0, y: 2, w: Math.min(1, row.share) * BAR_WIDTH, h: 9, color: BAR_COLOUR }] : []),
          ],
        },
        { text: row.figure },
      ]),
    },
    layout: 'noBorders',
    margin: [0, 2, 0, 6],
  };
}

/** One question's results: a chart with its figures, or the texts written. */
function questionBlock(question: QuestionResult, locale: Locale): Content[] {
  const t = translator(locale);
  const number = (value: number) => withPrintableSpaces(new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(value));
  const percent = (value: number) => `${number(value)}${locale === 'fr' ? '\u00a0%' : '%'}`;
  const head: Content[] = [
    { text: question.label, bold: true, margin: [0, 8, 0, 2] },
    { text: t('accompanimentReport.answered', { count: question.answered }), fontSize: 8.5, color: '#555555' },
  ];
  switch (question.kind) {
    case 'short_text':
    case 'long_text':
      return [...head, question.texts.length === 0 ? { text: t('accompanimentReport.noText'), italics: true } : { ul: question.texts.map((text) => ({ text })) }];
    case 'single_choice':
    case 'multiple_choice':
      return [...head, barChart(question.choices.map((choice) => ({ label: choice.label, share: choice.percent / 100, figure: `${choice.count} (${percent(choice.percent)})` })))];
    case 'scale':
      return [
        ...head,
        barChart(question.distribution.map((bar) => ({ label: String(bar.value), share: bar.percent / 100, figure: `${bar.count} (${percent(bar.percent)})` }))),
        ...(question.mean === null ? [] : [{ text: t('accompanimentReport.mean', { mean: number(question.mean), min: question.min, max: question.max }) }]),
      ];
    case 'ranking': {
      const most = Math.max(1, ...question.choices.map((choice) => choice.points));
      return [
        ...head,
        barChart(
          question.choices.map((choice) => ({ label: choice.label, share: choice.points / most, figure: t('accompanimentReport.points', { points: choice.points, position: number(choice.averagePosition) }) })),
        ),
      ];
    }
  }
}

/**
 * The final report of an accompaniment as an A4 PDF: the space, its programme held and who came,
 * its participants by organization, each questionnaire's results as bar charts with their figures,
 * the resources produced, the map, the harvest and the decisions of its project.
 */
export function reportPrintJob(report: AccompanimentReport, locale: Locale, anchor: PrintAnchor): PrintJob {
  const t = translator(locale);
  const heading = (text: string): Content => ({ text, fontSize: 14, bold: true, margin: [0, 16, 0, 4], headlineLevel: 1 });
  const subheading = (text: string): Content => ({ text, fontSize: 11.5, bold: true, margin: [0, 8, 0, 2] });
  const none = (text: string): Content => ({ text, italics: true, color: '#555555' });
  const people = (list: readonly { fullName: string; role: string }[]): Content => ({
    ul: list.map((person) => (person.role === 'facilitator' ? `${person.fullName} (${t('accompanimentReport.facilitator')})` : person.fullName)),
  });
  const { participants } = report;
  const mapKinds = ['cooperation', 'obstacle', 'need', 'skill', 'premises', 'equipment'] as const;
  const content: Content[] = [
    { text: t('accompanimentReport.title', { title: report.title }), fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
    ...(report.project ? [{ text: t('accompanimentReport.project', { title: report.project.title }) }] : []),
    ...(report.purpose ? [{ text: report.purpose, margin: [0, 4, 0, 0] as [number, number, number, number] }] : []),
    { text: t('accompanimentReport.licence', { licence: t(`licence.${report.licence}`) }), margin: [0, 4, 0, 0] },
    ...(report.archivedAt ? [{ text: t('accompanimentReport.archived', { date: formatSignedAt(locale, report.archivedAt) }), color: '#555555' }] : []),

    heading(t('accompanimentReport.programme')),
    ...(report.days.length === 0
      ? [none(t('accompanimentReport.noDays'))]
      : report.days.flatMap((day): Content[] => [
          subheading(day.title),
          {
            text:
              day.heldAt === null
                ? t('accompanimentReport.dayNotHeld', { date: formatSignedAt(locale, day.startsAt) })
                : t('accompanimentReport.dayHeld', { date: formatSignedAt(locale, day.startsAt), place: day.place }).replace(/, $/, ''),
            color: '#555555',
          },
          ...(day.items.length > 0 ? [{ ol: day.items.map((item) => (item.minutes === null ? item.title : `${item.title} (${t('accompanimentReport.minutes', { count: item.minutes })})`)) }] : []),
          ...(day.heldAt === null
            ? []
            : [{ text: day.present.length === 0 ? t('accompanimentReport.nobodyNoted') : t('accompanimentReport.present', { names: day.present.join(', ') }), margin: [0, 3, 0, 0] as [number, number, number, number] }]),
        ])),

    heading(t('accompanimentReport.participants')),
    ...participants.organizations.flatMap((organization) => [subheading(organization.name), people(organization.people)]),
    ...(participants.withoutOrganization.length > 0 ? [subheading(t('accompanimentReport.withoutOrganization')), people(participants.withoutOrganization)] : []),
    ...(participants.outsiders.length > 0 ? [subheading(t('accompanimentReport.outsiders')), people(participants.outsiders)] : []),

    heading(t('accompanimentReport.questionnaires')),
    ...(report.questionnaires.length === 0
      ? [none(t('accompanimentReport.noQuestionnaires'))]
      : report.questionnaires.flatMap((questionnaire): Content[] => [
          subheading(questionnaire.anonymous ? `${questionnaire.title} (${t('accompanimentReport.anonymous')})` : questionnaire.title),
          { text: t('accompanimentReport.respondents', { count: questionnaire.respondents, asked: questionnaire.asked }), color: '#555555' },
          ...(questionnaire.withheld ? [none(t('questionnaireResults.refusal.tooFewAnswers'))] : []),
          ...questionnaire.questions.flatMap((question) => questionBlock(question, locale)),
        ])),

    heading(t('accompanimentReport.resources')),
    report.resources.length === 0
      ? none(t('accompanimentReport.noResources'))
      : {
          ul: report.resources.map((resource) => {
            const kind = t(`accompanimentReport.resourceKind.${resource.kind}`);
            const licence = t(`licence.${resource.licence}`);
            const line = resource.author ? t('accompanimentReport.resourceLine', { kind, author: resource.author, licence }) : t('accompanimentReport.resourceLineNoAuthor', { kind, licence });
            return { stack: [{ text: resource.title, bold: true }, { text: resource.confidential ? `${line} (${t('accompanimentReport.confidential')})` : line, fontSize: 9 }] };
          }),
        },

    heading(t('accompanimentReport.map')),
    ...(report.map.length === 0
      ? [none(t('accompanimentReport.noMap'))]
      : mapKinds.flatMap((kind): Content[] => {
          const entries = report.map.filter((entry) => entry.kind === kind);
          if (entries.length === 0) return [];
          return [
            subheading(t(`accompanimentReport.mapKind.${kind}`)),
            {
              ul: entries.map((entry) => {
                const details = [
                  entry.status ? t(`accompanimentReport.status.${entry.status}`) : null,
                  entry.parties.length > 0 ? t('accompanimentReport.joins', { parties: entry.parties.join(', ') }) : null,
                  entry.offeredBy ? t('accompanimentReport.offeredBy', { name: entry.offeredBy }) : null,
                  entry.cooperation ? t('accompanimentReport.about', { title: entry.cooperation }) : null,
                ].filter((detail) => detail !== null);
                return { stack: [{ text: details.length > 0 ? `${entry.title} — ${details.join(', ')}` : entry.title }, ...(entry.description ? [{ text: entry.description, fontSize: 9, color: '#444444' }] : [])] };
              }),
            },
          ];
        })),

    heading(t('accompanimentReport.harvest')),
    ...(report.harvest.length === 0
      ? [none(t('accompanimentReport.noHarvest'))]
      : (['nugget', 'pebble'] as const).flatMap((kind): Content[] => {
          const items = report.harvest.filter((item) => item.kind === kind);
          if (items.length === 0) return [];
          return [
            subheading(t(kind === 'nugget' ? 'accompanimentReport.nuggets' : 'accompanimentReport.pebbles')),
            {
              ul: items.map((item) => {
                const where = [item.author, item.day, item.projectStage].filter((part) => part !== null && part !== '').join(', ');
                return { stack: [{ text: item.text }, ...(where ? [{ text: where, fontSize: 9, color: '#444444' }] : [])] };
              }),
            },
          ];
        })),

    heading(t('accompanimentReport.decisions')),
    report.project === null
      ? none(t('accompanimentReport.noProject'))
      : report.decisions.length === 0
        ? none(t('accompanimentReport.noDecisions'))
        : {
            ul: report.decisions.map((decision) => ({
              stack: [
                { text: `${decision.wording} — ${t(`accompanimentReport.decisionStatus.${decision.status}`)}${decision.decidedAt ? `, ${formatSignedAt(locale, decision.decidedAt)}` : ''}`, bold: true },
                ...(decision.outcomeStatement ? [{ text: decision.outcomeStatement }] : []),
              ],
            })),
          },
    anchorLine(locale, anchor),
  ];
  return {
    definition: {
      pageSize: 'A4',
      pageMargins: [48, 48, 48, 56],
      info: { title: t('accompanimentReport.title', { title: report.title }), creator: 'Entente' },
      defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
      content,
    },
    footer: pageFooter(t, [48, 20, 48, 0]),
    keepHeadlinesWithText: true,
  };
}
