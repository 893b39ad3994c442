/**
 * Tensions (seed 004, « la gestion ouverte et responsable des tensions »): a member of a body says
 * what they feel is missing or in the way; it goes to the body's next meeting's agenda, where
 * whoever runs the meeting turns it into a proposal, a task or closes it with a word. Outside a
 * meeting, whoever raised it may withdraw it. Pure: the acts read the rows and ask these rules.
 */

export const TENSION_STATUSES = ['open', 'proposal', 'task', 'closed'] as const;
export type TensionStatus = (typeof TENSION_STATUSES)[number];

/** The lengths the table allows (migration 039). */
export const TENSION_TEXT_MAX_LENGTH = 2000;
export const TASK_TITLE_MAX_LENGTH = 300;
export const CLOSING_WORD_MAX_LENGTH = 2000;

/** What can be done to a tension: the meeting's three outcomes, the raiser's withdrawal, the task's owner marking it done. */
export type TensionMove = 'propose' | 'task' | 'close' | 'withdraw' | 'task_done';

export interface TensionState {
  readonly status: TensionStatus;
  /** It sits on the agenda of a meeting, whose runner may settle it there. */
  readonly placed: boolean;
  readonly taskDone: boolean;
}

/** Why a move is refused, as the server's catalogue key of the 409's message; null when it is allowed. */
export type TensionRefusal = 'tension.error.settled' | 'tension.error.notPlaced' | 'tension.error.noTask' | 'tension.error.taskDone';

export function tensionMoveRefusal(state: TensionState, move: TensionMove): TensionRefusal | null {
  if (move === 'task_done') {
    if (state.status !== 'task') return 'tension.error.noTask';
    return state.taskDone ? 'tension.error.taskDone' : null;
  }
  if (state.status !== 'open') return 'tension.error.settled';
  // A meeting settles what its agenda holds; the raiser may withdraw their tension wherever it waits.
  if (move !== 'withdraw' && !state.placed) return 'tension.error.notPlaced';
  return null;
}

/** The status a tension takes by each outcome. */
export function statusAfter(move: Exclude<TensionMove, 'task_done'>): Exclude<TensionStatus, 'open'> {
  switch (move) {
    case 'propose':
      return 'proposal';
    case 'task':
      return 'task';
    case 'close':
    case 'withdraw':
      return 'closed';
  }
}

/** How much of the tension's words the agenda item's title keeps. */
export const AGENDA_TITLE_TEXT_LENGTH = 80;
const AGENDA_TITLE_PREFIX = 'Tension : ';
/** The title an item keeps once its raiser is erased (personal-data/acts.ts): their words go. */
export const TENSION_AGENDA_TITLE = 'Tension';

/**
 * The agenda item's title: « Tension : » and the beginning of the words, on one line, cut at a
 * word's end when there is one close enough, then an ellipsis.
 */
export function tensionAgendaTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= AGENDA_TITLE_TEXT_LENGTH) return AGENDA_TITLE_PREFIX + line;
  const cut = line.slice(0, AGENDA_TITLE_TEXT_LENGTH);
  const space = cut.lastIndexOf(' ');
  const kept = space >= AGENDA_TITLE_TEXT_LENGTH / 2 ? cut.slice(0, space) : cut;
  return `${AGENDA_TITLE_PREFIX}${kept.replace(/[\s,;:.!?-]+$/, '')}…`;
}

/** Whether a tension still waits for a meeting: open, and on no agenda, or on that of a meeting over. */
export function waitsForAMeeting(tension: { readonly status: TensionStatus; readonly placedOnMeetingOver: boolean | null }): boolean {
  return tension.status === 'open' && (tension.placedOnMeetingOver === null || tension.placedOnMeetingOver);
}
