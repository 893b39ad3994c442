import { describe, expect, it } from 'vitest';
import { tallyQuestion, type QuestionToTally } from '../../src/questionnaires/results/rules.js';

const question = (kind: QuestionToTally['kind'], more: Partial<QuestionToTally> = {}): QuestionToTally => ({
  id: 'q',
  kind,
  label: 'Question',
  choices: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
    { id: 'c', label: 'C' },
  ],
  scaleMin: null,
  scaleMax: null,
  ...more,
});

describe('the tally of a questionnaire', () => {
  it('lists the texts written, trimmed, without the blank ones', () => {
    expect(tallyQuestion(question('long_text'), [{ q: '  Oui ' }, { q: '   ' }, {}, { q: 3 }, { q: 'Non' }])).toEqual({
      questionId: 'q',
      label: 'Question',
      kind: 'long_text',
      answered: 2,
      texts: ['Oui', 'Non'],
    });
  });

  it('counts a single choice over the people who answered, in percent to one decimal', () => {
    const result = tallyQuestion(question('single_choice'), [{ q: 'a' }, { q: 'a' }, { q: 'b' }, { q: 'removed' }, {}]);
    expect(result).toMatchObject({
      answered: 3,
      choices: [
        { id: 'a', count: 2, percent: 66.7 },
        { id: 'b', count: 1, percent: 33.3 },
        { id: 'c', count: 0, percent: 0 },
      ],
    });
  });

  it('counts each ticked choice once, its share of those who answered (they may add up past 100)', () => {
    const result = tallyQuestion(question('multiple_choice'), [{ q: ['a', 'b', 'a'] }, { q: ['b'] }, { q: [] }, { q: 'a' }]);
    expect(result).toMatchObject({
      answered: 2,
      choices: [
        { id: 'a', count: 1, percent: 50 },
        { id: 'b', count: 2, percent: 100 },
        { id: 'c', count: 0, percent: 0 },
      ],
    });
  });

  it('gives a scale its distribution over every value and its mean, none while nobody answered', () => {
    const scale = question('scale', { scaleMin: 0, scaleMax: 3, choices: [] });
    expect(tallyQuestion(scale, [{ q: 0 }, { q: 3 }, { q: 3 }, { q: 4 }, { q: 1.5 }, { q: '2' }])).toMatchObject({
      answered: 3,
      mean: 2,
      distribution: [
        { value: 0, count: 1, percent: 33.3 },
        { value: 1, count: 0, percent: 0 },
        { value: 2, count: 0, percent: 0 },
        { value: 3, count: 2, percent: 66.7 },
      ],
    });
    expect(tallyQuestion(scale, [])).toMatchObject({ answered: 0, mean: null });
  });

  it('orders a ranking by Borda points, then by average place, counting only complete rankings', () => {
    const result = tallyQuestion(question('ranking'), [{ q: ['b', 'a', 'c'] }, { q: ['a', 'b', 'c'] }, { q: ['c', 'a', 'b'] }, { q: ['a', 'b'] }, { q: ['a', 'a', 'b'] }]);
    expect(result).toEqual({
      questionId: 'q',
      label: 'Question',
      kind: 'ranking',
      answered: 3,
      choices: [
        { id: 'a', label: 'A', points: 4, averagePosition: 1.67 },
        { id: 'b', label: 'B', points: 3, averagePosition: 2 },
        { id: 'c', label: 'C', points: 2, averagePosition: 2.33 },
      ],
    });
    // Equal points and places: the questionnaire's order.
    expect(tallyQuestion(question('ranking'), [])).toMatchObject({ answered: 0, choices: [
      { id: 'a', label: 'A', points: 0, averagePosition: 0 },
      { id: 'b', label: 'B', points: 0, averagePosition: 0 },
      { id: 'c', label: 'C', points: 0, averagePosition: 0 },
    ] });
  });
});
