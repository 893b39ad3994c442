import { describe, expect, it } from 'vitest';
import {
  answerProblems,
  answerRefusal,
  changeRefusal,
  keptAnswers,
  questionnaireState,
  templateContent,
  TEMPLATES,
  withChoiceIds,
  type QuestionShape,
} from '../../src/questionnaires/rules.js';

const choices = [
  { id: 'a', label: 'A' },
  { id: 'b', label: 'B' },
  { id: 'c', label: 'C' },
];
const questions: QuestionShape[] = [
  { id: 'short', kind: 'short_text', required: true, choices: [], scaleMin: null, scaleMax: null },
  { id: 'long', kind: 'long_text', required: false, choices: [], scaleMin: null, scaleMax: null },
  { id: 'one', kind: 'single_choice', required: true, choices, scaleMin: null, scaleMax: null },
  { id: 'many', kind: 'multiple_choice', required: false, choices, scaleMin: null, scaleMax: null },
  { id: 'scale', kind: 'scale', required: false, choices: [], scaleMin: 1, scaleMax: 5 },
  { id: 'rank', kind: 'ranking', required: false, choices, scaleMin: null, scaleMax: null },
];

describe('answers to a questionnaire', () => {
  it('accept a value of each kind as the format says', () => {
    expect(answerProblems(questions, { short: 'Nord', long: 'Texte', one: 'b', many: ['a', 'c'], scale: 5, rank: ['c', 'a', 'b'] }, true)).toEqual([]);
  });

  it('name each wrong value by its field', () => {
    const problems = answerProblems(questions, { short: 3, one: 'z', many: ['a', 'a'], scale: 2.5, rank: ['a', 'b'], ghost: 'x' }, false);
    expect(Object.fromEntries(problems.map((problem) => [problem.path, problem.messageKey]))).toEqual({
      'answers.ghost': 'questionnaire.answer.unknownQuestion',
      'answers.short': 'questionnaire.answer.text',
      'answers.one': 'error.choice',
      'answers.many': 'questionnaire.answer.twice',
      'answers.scale': 'questionnaire.answer.scale',
      'answers.rank': 'questionnaire.answer.ranking',
    });
    expect(answerProblems(questions, { scale: 0 }, false)).toEqual([{ path: 'answers.scale', messageKey: 'questionnaire.answer.scale' }]);
    expect(answerProblems(questions, { rank: ['a', 'b', 'z'] }, false)).toEqual([{ path: 'answers.rank', messageKey: 'error.choice' }]);
    expect(answerProblems(questions, { short: 'x'.repeat(301) }, false)).toEqual([{ path: 'answers.short', messageKey: 'error.tooLong' }]);
  });

  it('ask required questions only once sent, a blank value being no answer', () => {
    expect(answerProblems(questions, { short: '  ', many: [] }, false)).toEqual([]);
    expect(answerProblems(questions, { short: '  ' }, true)).toEqual([
      { path: 'answers.short', messageKey: 'error.required' },
      { path: 'answers.one', messageKey: 'error.required' },
    ]);
    expect(keptAnswers({ short: ' Nord ', long: '', many: [], scale: 3 })).toEqual({ short: 'Nord', scale: 3 });
  });
});

describe('a questionnaire’s life', () => {
  const now = new Date('2026-04-01T10:00:00Z');
  const before = new Date('2026-03-01T10:00:00Z');
  const after = new Date('2026-05-01T10:00:00Z');
  it('goes from draft or scheduled to open once sent, then closed at its close', () => {
    expect(questionnaireState({ sentAt: null, opensAt: null, closesAt: null, spaceArchivedAt: null }, now)).toBe('draft');
    expect(questionnaireState({ sentAt: null, opensAt: after, closesAt: null, spaceArchivedAt: null }, now)).toBe('scheduled');
    expect(questionnaireState({ sentAt: before, opensAt: before, closesAt: after, spaceArchivedAt: null }, now)).toBe('open');
    expect(questionnaireState({ sentAt: before, opensAt: before, closesAt: null, spaceArchivedAt: null }, now)).toBe('open');
    expect(questionnaireState({ sentAt: before, opensAt: before, closesAt: now, spaceArchivedAt: null }, now)).toBe('closed');
  });
  it('reads as not sent, never as scheduled, once its close passed before it left', () => {
    expect(questionnaireState({ sentAt: null, opensAt: before, closesAt: now, spaceArchivedAt: null }, now)).toBe('lapsed');
    expect(questionnaireState({ sentAt: null, opensAt: null, closesAt: before, spaceArchivedAt: null }, now)).toBe('lapsed');
    expect(answerRefusal('lapsed')).toBe('questionnaire.refusal.closed');
    expect(changeRefusal('lapsed')).toBeNull();
  });
  it('reads as not sent, never as scheduled, once its space is archived before it left; as closed once sent', () => {
    expect(questionnaireState({ sentAt: null, opensAt: after, closesAt: null, spaceArchivedAt: before }, now)).toBe('lapsed');
    expect(questionnaireState({ sentAt: null, opensAt: null, closesAt: null, spaceArchivedAt: before }, now)).toBe('lapsed');
    expect(questionnaireState({ sentAt: before, opensAt: before, closesAt: after, spaceArchivedAt: before }, now)).toBe('closed');
    expect(questionnaireState({ sentAt: before, opensAt: before, closesAt: null, spaceArchivedAt: before }, now)).toBe('closed');
  });
  it('is answered only while open, and built only until sent', () => {
    expect(answerRefusal('open')).toBeNull();
    expect(answerRefusal('closed')).toBe('questionnaire.refusal.closed');
    expect(answerRefusal('draft')).toBe('questionnaire.refusal.notOpen');
    expect(changeRefusal('scheduled')).toBeNull();
    expect(changeRefusal('open')).toBe('questionnaire.refusal.alreadySent');
  });
});

describe('choices', () => {
  it('keep their ids and give new ones the next free', () => {
    expect(withChoiceIds([{ id: 'c2', label: 'B' }, { label: 'New' }, { id: null, label: 'Other' }, { id: 'c1', label: 'A' }])).toEqual([
      { id: 'c2', label: 'B' },
      { id: 'c3', label: 'New' },
      { id: 'c4', label: 'Other' },
      { id: 'c1', label: 'A' },
    ]);
  });
});

describe('templates', () => {
  it('give the same questions in French and English, feedback anonymous, with valid choices', () => {
    for (const template of TEMPLATES) {
      const fr = templateContent(template, 'fr');
      const en = templateContent(template, 'en');
      expect(fr.questions.map((question) => [question.kind, question.choices.map((choice) => choice.id)])).toEqual(en.questions.map((question) => [question.kind, question.choices.map((choice) => choice.id)]));
      expect(fr.title).not.toBe(en.title);
      for (const question of fr.questions) if (['single_choice', 'multiple_choice', 'ranking'].includes(question.kind)) expect(question.choices.length).toBeGreaterThanOrEqual(2);
    }
    expect(templateContent('before_day', 'fr')).toMatchObject({ title: 'Avant la journée', anonymous: false });
    expect(templateContent('hot_feedback', 'fr')).toMatchObject({ title: 'Retours à chaud', anonymous: true });
    expect(templateContent('cold_evaluation', 'fr')).toMatchObject({ title: 'Évaluation à froid', anonymous: true });
  });
});
