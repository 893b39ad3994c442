/**
 * Questionnaires of an accompaniment (issue 21, seed 002): the kinds of questions, what an answer
 * to each must be, the life of a questionnaire between its opening and its close, and the three
 * templates of a group's journey. Pure: no I/O, no clock (the instant is passed in).
 */

export const QUESTION_KINDS = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'scale', 'ranking'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const TEMPLATES = ['before_day', 'hot_feedback', 'cold_evaluation'] as const;
export type QuestionnaireTemplate = (typeof TEMPLATES)[number];

/** The kinds whose answers are picked among the question's choices. */
export const CHOICE_KINDS: readonly QuestionKind[] = ['single_choice', 'multiple_choice', 'ranking'];
export const hasChoices = (kind: QuestionKind): boolean => CHOICE_KINDS.includes(kind);

export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 5000;

export interface Choice {
  readonly id: string;
  readonly label: string;
}

/** A question as the builder shapes it and answers are checked against it. */
export interface QuestionShape {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly required: boolean;
  readonly choices: readonly Choice[];
  readonly scaleMin: number | null;
  readonly scaleMax: number | null;
}

/**
 * The choices as saved: a choice the builder already knew keeps its id (answers name it), a new
 * one takes the next short id free in this question (`c1`, `c2`…), so ids stay stable as the
 * facilitator edits, reorders or removes choices.
 */
export function withChoiceIds(choices: readonly { readonly id?: string | null | undefined; readonly label: string }[]): Choice[] {
  const taken = new Set(choices.flatMap((choice) => (choice.id ? [choice.id] : [])));
  let next = 1;
  return choices.map((choice) => {
    if (choice.id) return { id: choice.id, label: choice.label };
    while (taken.has(`c${next}`)) next += 1;
    const id = `c${next}`;
    taken.add(id);
    return { id, label: choice.label };
  });
}

/** A problem with one answer: the path of its field (`answers.<questionId>`) and the message key. */
export interface AnswerProblem {
  readonly path: string;
  readonly messageKey: string;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Whether a question is left unanswered by this value (an empty text or an empty pick). */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (isString(value)) return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function valueProblem(question: QuestionShape, value: unknown): string | null {
  const choiceIds = new Set(question.choices.map((choice) => choice.id));
  switch (question.kind) {
    case 'short_text':
    case 'long_text':
      if (!isString(value)) return 'questionnaire.answer.text';
      return value.length > (question.kind === 'short_text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX) ? 'error.tooLong' : null;
    case 'single_choice':
      return isString(value) && choiceIds.has(value) ? null : 'error.choice';
    case 'multiple_choice':
      if (!Array.isArray(value) || !value.every((id) => isString(id) && choiceIds.has(id))) return 'error.choice';
      return new Set(value).size === value.length ? null : 'questionnaire.answer.twice';
    case 'scale':
      return Number.isInteger(value) && (value as number) >= question.scaleMin! && (value as number) <= question.scaleMax! ? null : 'questionnaire.answer.scale';
    case 'ranking':
      if (!Array.isArray(value) || !value.every((id) => isString(id) && choiceIds.has(id))) return 'error.choice';
      return new Set(value).size === value.length && value.length === choiceIds.size ? null : 'questionnaire.answer.ranking';
  }
}

/**
 * What is wrong with these answers to these questions: an answer to no question of it, a value
 * that does not fit its question's kind (a text, a choice's id, ids among its choices, an integer
 * within the scale, every choice ranked once). A blank answer is no answer; once `complete` (the
 * answers are sent), a required question must have one.
 */
export function answerProblems(questions: readonly QuestionShape[], answers: Readonly<Record<string, unknown>>, complete: boolean): AnswerProblem[] {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const problems: AnswerProblem[] = [];
  for (const questionId of Object.keys(answers)) {
    if (!byId.has(questionId)) problems.push({ path: `answers.${questionId}`, messageKey: 'questionnaire.answer.unknownQuestion' });
  }
  for (const question of questions) {
    const value = answers[question.id];
    if (isBlank(value)) {
      if (complete && question.required) problems.push({ path: `answers.${question.id}`, messageKey: 'error.required' });
      continue;
    }
    const problem = valueProblem(question, value);
    if (problem !== null) problems.push({ path: `answers.${question.id}`, messageKey: problem });
  }
  return problems;
}

/** The answers kept: blank ones dropped, texts trimmed, so a response holds what was said only. */
export function keptAnswers(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [questionId, value] of Object.entries(answers)) {
    if (isBlank(value)) continue;
    kept[questionId] = isString(value) ? value.trim() : value;
  }
  return kept;
}

/**
 * - `draft`: written, neither opening nor sent (the builder's);
 * - `scheduled`: its opening is set and to come, the clock sends it then;
 * - `lapsed`: never sent, and its close passed (the clock sends nothing past its close: an opening
 *   set in the past, a day moved back); its facilitators may set new dates, which schedule it
 *   again. Never sent in an archived space too: the clock sends nothing there, and the space takes
 *   no new dates;
 * - `open`: sent, answered until its close;
 * - `closed`: sent, and its close passed or its space was archived (an archived space takes no
 *   answer).
 */
export type QuestionnaireState = 'draft' | 'scheduled' | 'lapsed' | 'open' | 'closed';

export function questionnaireState(
  questionnaire: { readonly sentAt: Date | null; readonly opensAt: Date | null; readonly closesAt: Date | null; readonly spaceArchivedAt: Date | null },
  now: Date,
): QuestionnaireState {
  const closed = questionnaire.closesAt !== null && questionnaire.closesAt.getTime() <= now.getTime();
  if (questionnaire.sentAt === null) return closed || questionnaire.spaceArchivedAt !== null ? 'lapsed' : questionnaire.opensAt === null ? 'draft' : 'scheduled';
  return closed || questionnaire.spaceArchivedAt !== null ? 'closed' : 'open';
}

/** What keeps a questionnaire from being answered now, as a message key, or null. */
export function answerRefusal(state: QuestionnaireState): string | null {
  if (state === 'closed' || state === 'lapsed') return 'questionnaire.refusal.closed';
  if (state !== 'open') return 'questionnaire.refusal.notOpen';
  return null;
}

/** The builder writes until it leaves: once sent, its questions and its anonymity are fixed. */
export function changeRefusal(state: QuestionnaireState): string | null {
  return state === 'open' || state === 'closed' ? 'questionnaire.refusal.alreadySent' : null;
}

/** A question a template proposes, in the facilitator's language. */
export interface TemplateQuestion {
  readonly kind: QuestionKind;
  readonly label: string;
  readonly help: string;
  readonly required: boolean;
  readonly choices: readonly Choice[];
  readonly scaleMin: number | null;
  readonly scaleMax: number | null;
  readonly scaleMinLabel: string;
  readonly scaleMaxLabel: string;
}

export interface TemplateContent {
  readonly title: string;
  readonly intro: string;
  /** Feedback is franker without a name: the hot and cold evaluations start anonymous. */
  readonly anonymous: boolean;
  readonly questions: readonly TemplateQuestion[];
}

/** How many weeks after its day the cold evaluation opens, unless the facilitator says otherwise. */
export const COLD_EVALUATION_WEEKS = 6;

type Locale = 'fr' | 'en';

const text = (kind: 'short_text' | 'long_text', label: string, required = false, help = ''): TemplateQuestion => ({
  kind, label, help, required, choices: [], scaleMin: null, scaleMax: null, scaleMinLabel: '', scaleMaxLabel: '',
});
const picked = (kind: 'single_choice' | 'multiple_choice' | 'ranking', label: string, choices: readonly string[], required = false): TemplateQuestion => ({
  kind, label, help: '', required, choices: withChoiceIds(choices.map((choice) => ({ label: choice }))), scaleMin: null, scaleMax: null, scaleMinLabel: '', scaleMaxLabel: '',
});
const scale = (label: string, minLabel: string, maxLabel: string, required = true): TemplateQuestion => ({
  kind: 'scale', label, help: '', required, choices: [], scaleMin: 1, scaleMax: 5, scaleMinLabel: minLabel, scaleMaxLabel: maxLabel,
});

const TEMPLATE_CONTENT: Readonly<Record<Locale, Readonly<Record<QuestionnaireTemplate, TemplateContent>>>> = {
  fr: {
    before_day: {
      title: 'Avant la journée',
      intro: 'Quelques questions pour préparer ensemble la journée. Vos réponses seront partagées avec le groupe au fur et à mesure.',
      anonymous: false,
      questions: [
        text('short_text', 'Quelle structure représentez-vous ?', true),
        picked('multiple_choice', 'Avec qui coopérez-vous déjà ?', ['Collectivités', 'Associations', 'Habitants', 'Entreprises', 'Services de l’État']),
        text('long_text', 'Quelle coopération réussie aimeriez-vous partager ?', false, 'Racontez en quelques lignes ce qui a bien marché.'),
        text('long_text', 'Quels obstacles rencontrez-vous pour coopérer ?'),
        picked('ranking', 'Classez ces sujets, du plus important au moins important pour vous', ['Partager nos expériences', 'Monter des projets communs', 'Mieux nous connaître', 'Peser auprès des institutions'], true),
        text('long_text', 'Qu’attendez-vous de la journée ?'),
      ],
    },
    hot_feedback: {
      title: 'Retours à chaud',
      intro: 'Vos impressions à la fin de la journée, en deux minutes. Ce questionnaire est anonyme.',
      anonymous: true,
      questions: [
        scale('Dans l’ensemble, comment avez-vous trouvé la journée ?', 'Décevante', 'Excellente'),
        picked('single_choice', 'La journée a-t-elle répondu à vos attentes ?', ['Oui', 'En partie', 'Non'], true),
        text('long_text', 'Qu’est-ce qui vous a le plus marqué ?'),
        text('long_text', 'Qu’est-ce qu’il faudrait améliorer ?'),
        text('short_text', 'Un mot pour résumer la journée'),
      ],
    },
    cold_evaluation: {
      title: 'Évaluation à froid',
      intro: 'Quelques semaines ont passé depuis la journée : qu’en reste-t-il ? Ce questionnaire est anonyme.',
      anonymous: true,
      questions: [
        scale('Avec le recul, quelle utilité a eue la journée pour vous ?', 'Aucune', 'Très grande'),
        picked('single_choice', 'Avez-vous engagé une nouvelle coopération depuis la journée ?', ['Oui', 'C’est en projet', 'Non'], true),
        text('long_text', 'Qu’avez-vous mis en pratique depuis ?'),
        picked('multiple_choice', 'De quoi le groupe aurait-il besoin maintenant ?', ['Une nouvelle journée', 'Des échanges à distance', 'Un accompagnement individuel', 'Des ressources partagées']),
        text('long_text', 'Que souhaitez-vous partager avec le groupe ?'),
      ],
    },
  },
  en: {
    before_day: {
      title: 'Before the day',
      intro: 'A few questions to prepare the day together. Your answers will be shared with the group as they come.',
      anonymous: false,
      questions: [
        text('short_text', 'Which organization do you represent?', true),
        picked('multiple_choice', 'Whom do you already cooperate with?', ['Local authorities', 'Associations', 'Residents', 'Businesses', 'State services']),
        text('long_text', 'Which successful cooperation would you like to share?', false, 'Tell in a few lines what worked well.'),
        text('long_text', 'Which obstacles do you meet when cooperating?'),
        picked('ranking', 'Rank these subjects, from most to least important to you', ['Sharing our experiences', 'Building common projects', 'Knowing each other better', 'Having a say with institutions'], true),
        text('long_text', 'What do you expect from the day?'),
      ],
    },
    hot_feedback: {
      title: 'Hot feedback',
      intro: 'Your impressions at the end of the day, in two minutes. This questionnaire is anonymous.',
      anonymous: true,
      questions: [
        scale('Overall, how did you find the day?', 'Disappointing', 'Excellent'),
        picked('single_choice', 'Did the day meet your expectations?', ['Yes', 'Partly', 'No'], true),
        text('long_text', 'What struck you most?'),
        text('long_text', 'What should be improved?'),
        text('short_text', 'One word to sum up the day'),
      ],
    },
    cold_evaluation: {
      title: 'Cold evaluation',
      intro: 'A few weeks have passed since the day: what is left of it? This questionnaire is anonymous.',
      anonymous: true,
      questions: [
        scale('Looking back, how useful was the day to you?', 'Not at all', 'Very'),
        picked('single_choice', 'Have you started a new cooperation since the day?', ['Yes', 'It is planned', 'No'], true),
        text('long_text', 'What have you put into practice since?'),
        picked('multiple_choice', 'What would the group need now?', ['Another day together', 'Exchanges at a distance', 'Individual support', 'Shared resources']),
        text('long_text', 'What would you like to share with the group?'),
      ],
    },
  },
};

/** A template's title, introduction, anonymity and questions, in the facilitator's language. */
export function templateContent(template: QuestionnaireTemplate, locale: Locale): TemplateContent {
  return TEMPLATE_CONTENT[locale][template];
}

/** How many weeks a cold evaluation stays open once sent. */
export const COLD_EVALUATION_OPEN_WEEKS = 2;

/** How many weeks a questionnaire sent without a close stays open: a close gives the to-do list its deadline, and so the reminder. */
export const DEFAULT_OPEN_WEEKS = 2;
