/**
 * A questionnaire's results (issue 21): what the group sees live and what the final report
 * prints, tallied from the submitted answers alone. Pure: the answers come in, the figures go out.
 *
 * The answer format (`questionnaire_response.answers`): `{ [questionId]: value }`, where a text is
 * a string, a single choice the choice's id, a multiple choice an array of choice ids, a scale an
 * integer within its bounds, a ranking every choice's id, best first. A value that does not fit
 * its question (a choice since removed, a number out of bounds) is not counted: the question
 * changed after it was answered, and a figure must never count what the question no longer asks.
 */
export const QUESTION_KINDS = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'scale', 'ranking'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export interface QuestionToTally {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly scaleMin: number | null;
  readonly scaleMax: number | null;
}

export type Answers = Readonly<Record<string, unknown>>;

/** A choice's count, and its share of the people who answered the question, in percent to one decimal. */
export interface ChoiceCount extends Choice {
  readonly count: number;
  readonly percent: number;
}

export interface RankedChoice extends Choice {
  /** The average place it was given, 1 being the best, to two decimals. */
  readonly averagePosition: number;
  /** Borda points: among n choices, first place gives n − 1 points, last place none. */
  readonly points: number;
}

interface Answered {
  readonly questionId: string;
  readonly label: string;
  /** The people whose answer to this question counts. */
  readonly answered: number;
}

export type QuestionResult =
  | (Answered & { readonly kind: 'short_text' | 'long_text'; readonly texts: string[] })
  /** A multiple choice's percentages may add up to more than 100: each is the share of the people who answered who ticked it. */
  | (Answered & { readonly kind: 'single_choice' | 'multiple_choice'; readonly choices: ChoiceCount[] })
  | (Answered & {
      readonly kind: 'scale';
      readonly min: number;
      readonly max: number;
      readonly distribution: { readonly value: number; readonly count: number; readonly percent: number }[];
      /** To two decimals; null while nobody answered. */
      readonly mean: number | null;
    })
  /** Best first: most points, then best average place, then the questionnaire's order. */
  | (Answered & { readonly kind: 'ranking'; readonly choices: RankedChoice[] });

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};
const percentOf = (count: number, total: number): number => (total === 0 ? 0 : round((count * 100) / total, 1));

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The ids in a multiple choice's answer that still name a choice, each once; null when it is no such answer. */
function ticked(value: unknown, known: ReadonlySet<string>): ReadonlySet<string> | null {
  if (!Array.isArray(value)) return null;
  const ids = new Set(value.filter((id): id is string => typeof id === 'string' && known.has(id)));
  return ids.size === 0 ? null : ids;
}

/** A ranking counts when it orders every choice of the question, each once. */
function ranking(value: unknown, choices: readonly Choice[]): readonly string[] | null {
  if (!Array.isArray(value) || value.length !== choices.length) return null;
  const ids = new Set(value);
  return ids.size === choices.length && choices.every((choice) => ids.has(choice.id)) ? (value as string[]) : null;
}

/** One question's results over the submitted answers, given in the order they are to be listed. */
export function tallyQuestion(question: QuestionToTally, responses: readonly Answers[]): QuestionResult {
  const values = responses.map((answers) => answers[question.id]);
  const base = { questionId: question.id, label: question.label };
  switch (question.kind) {
    case 'short_text':
    case 'long_text': {
      const texts = values.filter(isText).map((text) => text.trim());
      return { ...base, kind: question.kind, answered: texts.length, texts };
    }
    case 'single_choice':
    case 'multiple_choice': {
      const known = new Set(question.choices.map((choice) => choice.id));
      const answers =
        question.kind === 'single_choice'
          ? values.filter((value): value is string => typeof value === 'string' && known.has(value)).map((id) => new Set([id]))
          : values.map((value) => ticked(value, known)).filter((ids): ids is ReadonlySet<string> => ids !== null);
      const choices = question.choices.map((choice) => {
        const count = answers.filter((ids) => ids.has(choice.id)).length;
        return { id: choice.id, label: choice.label, count, percent: percentOf(count, answers.length) };
      });
      return { ...base, kind: question.kind, answered: answers.length, choices };
    }
    case 'scale': {
      const min = question.scaleMin ?? 0;
      const max = question.scaleMax ?? 0;
      const given = values.filter((value): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max);
      const distribution = Array.from({ length: max - min + 1 }, (_, index) => {
        const count = given.filter((value) => value === min + index).length;
        return { value: min + index, count, percent: percentOf(count, given.length) };
      });
      const mean = given.length === 0 ? null : round(given.reduce((sum, value) => sum + value, 0) / given.length, 2);
      return { ...base, kind: 'scale', answered: given.length, min, max, distribution, mean };
    }
    case 'ranking': {
      const rankings = values.map((value) => ranking(value, question.choices)).filter((order): order is readonly string[] => order !== null);
      const last = question.choices.length - 1;
      const ranked = question.choices.map((choice, order) => {
        const places = rankings.map((ids) => ids.indexOf(choice.id));
        const points = places.reduce((sum, place) => sum + (last - place), 0);
        const averagePosition = rankings.length === 0 ? 0 : round(places.reduce((sum, place) => sum + place + 1, 0) / rankings.length, 2);
        return { id: choice.id, label: choice.label, points, averagePosition, order };
      });
      ranked.sort((a, b) => b.points - a.points || a.averagePosition - b.averagePosition || a.order - b.order);
      return { ...base, kind: 'ranking', answered: rankings.length, choices: ranked.map(({ order: _order, ...choice }) => choice) };
    }
  }
}

/** Every question's results, in the questionnaire's order. */
export const tally = (questions: readonly QuestionToTally[], responses: readonly Answers[]): QuestionResult[] =>
  questions.map((question) => tallyQuestion(question, responses));

/**
 * Who reads a questionnaire's results: the group, its facilitators and its participants (outsiders
 * among them), as seed 002 asks (`mayContribute`); the partnership's other people, who read the
 * space, do not (403). The results are figures and texts without names, anonymous or not. The CSV
 * export is the raw material, with the respondent of a named questionnaire: its facilitators' alone.
 */
export const mayExportAnswers = (reach: 'facilitator' | 'participant' | 'reader'): boolean => reach === 'facilitator';

/**
 * An anonymous questionnaire's results appear once this many answers were sent: with one or two,
 * whoever knows who answered (the count, a reminder not received) reads their answers in the
 * figures.
 */
export const ANONYMOUS_RESULTS_MIN_ANSWERS = 3;

/** Whether the figures are withheld: an anonymous questionnaire's, under the minimum of answers. */
export const resultsWithheld = (anonymous: boolean, respondents: number): boolean => anonymous && respondents < ANONYMOUS_RESULTS_MIN_ANSWERS;
