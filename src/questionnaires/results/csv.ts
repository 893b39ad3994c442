import { stringify } from 'csv-stringify/sync';
import { spreadsheetText } from '../../common/spreadsheet-text.js';
import { translator, type Locale } from '../../i18n/server-messages.js';
import type { AnswersSheet } from './queries.js';
import type { QuestionToTally } from './rules.js';

/** One answer as a cell: a choice by its label, a ranking best first, a scale as its number. */
function cell(question: QuestionToTally, value: unknown): string | number {
  const label = (id: unknown) => question.choices.find((choice) => choice.id === id)?.label ?? '';
  switch (question.kind) {
    case 'short_text':
    case 'long_text':
      return typeof value === 'string' ? spreadsheetText(value) : '';
    case 'single_choice':
      return spreadsheetText(label(value));
    case 'multiple_choice':
      return Array.isArray(value) ? spreadsheetText(value.map(label).filter(Boolean).join(' / ')) : '';
    case 'ranking':
      return Array.isArray(value) ? spreadsheetText(value.map(label).filter(Boolean).join(' > ')) : '';
    case 'scale':
      return typeof value === 'number' ? value : '';
  }
}

/**
 * Every answer sent, a row each, a column per question, for a spreadsheet. A named questionnaire
 * opens each row with its respondent; an anonymous one has no such column at all, and its rows
 * come in the order of their random ids.
 */
export function answersCsv(sheet: AnswersSheet, locale: Locale): string {
  const t = translator(locale);
  const header = [...(sheet.anonymous ? [] : [t('questionnaireResults.csv.respondent')]), ...sheet.questions.map((question) => spreadsheetText(question.label))];
  const rows = sheet.rows.map((row) => [
    ...(sheet.anonymous ? [] : [spreadsheetText(row.respondent ?? '')]),
    ...sheet.questions.map((question) => cell(question, row.answers[question.id])),
  ]);
  // A spreadsheet set in French splits columns on semicolons; the byte order mark tells it the text is UTF-8.
  return stringify([header, ...rows], { bom: true, delimiter: locale === 'fr' ? ';' : ',', record_delimiter: 'windows' });
}
