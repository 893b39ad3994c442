/**
 * The dispute chain of seed 000 (art. 7) as pure rules: a crisis meeting within the charter's
 * delay looks for a consensual solution; failing that, a mediation; failing that, an exit plan
 * whose objectives are the charter's list, ended by a restorative circle and a write-up without
 * personal details, published only if every party consents; then closure. No I/O, no clock: the
 * acts pass the instant in.
 */

export const DISPUTE_STAGES = ['crisis', 'mediation', 'exit_plan', 'restorative_circle', 'write_up', 'closed'] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];

/** A mediation is the dispute's meeting with its mediator: opened when the mediator is named, it carries their notes. */
export const DISPUTE_MEETING_KINDS = ['crisis', 'mediation', 'restorative_circle'] as const;
export type DisputeMeetingKind = (typeof DISPUTE_MEETING_KINDS)[number];

/**
 * The rounds of each kind of meeting, in order. A restorative circle follows the three moments
 * of its practice: each says what they live now and is heard (mutual understanding), each says
 * what they sought by their acts (self-responsibility), then the circle agrees on actions.
 */
export const DISPUTE_MEETING_ROUNDS = {
  crisis: ['facts', 'needs', 'options'],
  mediation: ['listening', 'options'],
  restorative_circle: ['understanding', 'responsibility', 'actions'],
} as const satisfies Record<DisputeMeetingKind, readonly string[]>;
export type DisputeMeetingRound = (typeof DISPUTE_MEETING_ROUNDS)[DisputeMeetingKind][number];

/**
 * The crisis meeting's delay when the charter has dispute rules but names none (only an exit
 * plan): the cooperation template's fortnight.
 */
export const CRISIS_MEETING_DEFAULT_DAYS = 15;

/** What a crisis meeting or a mediation ends on. */
export const CRISIS_OUTCOMES = ['agreement', 'mediation', 'exit_plan'] as const;
export type CrisisOutcome = (typeof CRISIS_OUTCOMES)[number];

/** What a mediation ends on: an agreement closes the dispute, a failure leads to the exit plan. */
export const MEDIATION_OUTCOMES = ['agreement', 'failure'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

/** The moves of a dispute, each one act. */
export type DisputeMove =
  /** A consensual solution is recorded (at the crisis meeting or in mediation): the dispute closes. */
  | 'agree'
  /** The crisis meeting found no solution: a mediation is asked of whom the charter names. */
  | 'ask_mediation'
  /** No solution, and no (more) mediation: the parties define the exit plan. */
  | 'plan_exit'
  /** The restorative circle is called, once every objective of the plan has an owner and a day. */
  | 'call_circle'
  /** The restorative circle was held: the write-up follows. */
  | 'circle_held'
  /** The write-up is done, published or not: the dispute closes once every task is done. */
  | 'close';

export type DisputeRefusal = 'not_at_this_stage' | 'crisis_meeting_not_held' | 'no_mediation_named' | 'plan_incomplete' | 'tasks_open' | 'write_up_missing';

export interface DisputeFacts {
  readonly stage: DisputeStage;
  /** A crisis meeting was held (its outcome noted). */
  readonly crisisMeetingHeld: boolean;
  /** The charter names whom to ask for a mediation: a body, or words saying who provides one. */
  readonly mediationAvailable: boolean;
  readonly tasks: readonly { readonly ownerId: string | null; readonly dueOn: string | null; readonly done: boolean }[];
  readonly writeUp: string | null;
}

const FROM: Record<DisputeMove, readonly DisputeStage[]> = {
  agree: ['crisis', 'mediation'],
  ask_mediation: ['crisis'],
  plan_exit: ['crisis', 'mediation'],
  call_circle: ['exit_plan'],
  circle_held: ['restorative_circle'],
  close: ['write_up'],
};

const TO: Record<DisputeMove, DisputeStage> = {
  agree: 'closed',
  ask_mediation: 'mediation',
  plan_exit: 'exit_plan',
  call_circle: 'restorative_circle',
  circle_held: 'write_up',
  close: 'closed',
};

/** Where a move leads from these facts, or why it may not be made. */
export function nextDisputeStage(facts: DisputeFacts, move: DisputeMove): { ok: true; stage: DisputeStage } | { ok: false; refusal: DisputeRefusal } {
  if (!FROM[move].includes(facts.stage)) return { ok: false, refusal: 'not_at_this_stage' };
  // Seed 000 goes to mediation, or to the end of the project, only once the crisis meeting has sought a solution.
  if (facts.stage === 'crisis' && move !== 'agree' && !facts.crisisMeetingHeld) return { ok: false, refusal: 'crisis_meeting_not_held' };
  if (move === 'ask_mediation' && !facts.mediationAvailable) return { ok: false, refusal: 'no_mediation_named' };
  if (move === 'call_circle' && facts.tasks.some((task) => task.ownerId === null || task.dueOn === null)) return { ok: false, refusal: 'plan_incomplete' };
  if (move === 'close') {
    if (facts.writeUp === null || facts.writeUp.trim() === '') return { ok: false, refusal: 'write_up_missing' };
    if (facts.tasks.some((task) => !task.done)) return { ok: false, refusal: 'tasks_open' };
  }
  return { ok: true, stage: TO[move] };
}

/** How a dispute that closes by this move is said to have ended. */
export function closedHow(move: DisputeMove): 'agreement' | 'exit_plan' | null {
  if (move === 'agree') return 'agreement';
  if (move === 'close') return 'exit_plan';
  return null;
}

/**
 * The crisis meeting is late when the dispute still waits for it past its due instant: none was
 * held, and the dispute has not ended by an agreement reached without one.
 */
export function crisisMeetingLate(dispute: { readonly stage: DisputeStage; readonly crisisDueAt: Date; readonly crisisMeetingHeld: boolean }, now: Date): boolean {
  return dispute.stage === 'crisis' && !dispute.crisisMeetingHeld && now.getTime() > dispute.crisisDueAt.getTime();
}

/** A write-up is published only when every party has said yes; one no, or one silence, keeps it inside. */
export function writeUpPublishable(parties: readonly { readonly consentsToPublish: boolean | null }[]): boolean {
  return parties.length > 0 && parties.every((party) => party.consentsToPublish === true);
}

/** What a viewer may know of a dispute. */
export type DisputeReach = 'full' | 'existence' | 'none';

export function disputeReach(
  viewer: { readonly personId: string; readonly memberOfBodies: ReadonlySet<string> },
  dispute: {
    readonly partyIds: readonly string[];
    readonly mediatorId: string | null;
    readonly confidantBodyId: string | null;
    /** Set when a mediation is asked of a body: its members learn of the dispute then, to name the mediator. */
    readonly mediatorBodyId: string | null;
    readonly existenceVisible: boolean;
  },
): DisputeReach {
  if (dispute.partyIds.includes(viewer.personId) || dispute.mediatorId === viewer.personId) return 'full';
  if (dispute.confidantBodyId !== null && viewer.memberOfBodies.has(dispute.confidantBodyId)) return 'full';
  if (dispute.mediatorBodyId !== null && viewer.memberOfBodies.has(dispute.mediatorBodyId)) return 'full';
  return dispute.existenceVisible ? 'existence' : 'none';
}

/* ---- The ending of a dispute: exit plan, restorative circle, write-up (disputes/ending). ---- */

/** Who a dispute's ending lets act: its parties and its mediator; the bodies that know of it only read. */
export type DisputeActorKind = 'party' | 'mediator' | 'reader';

export function disputeActorOf(personId: string, dispute: { readonly partyIds: readonly string[]; readonly mediatorId: string | null }): DisputeActorKind {
  if (dispute.partyIds.includes(personId)) return 'party';
  if (dispute.mediatorId === personId) return 'mediator';
  return 'reader';
}

/** The exit plan's tasks, one per objective of the charter's list, in its order. */
export function exitPlanTasks(objectives: readonly string[]): { readonly position: number; readonly objective: string }[] {
  return objectives.map((objective, position) => ({ position, objective: objective.trim().slice(0, 300) })).filter((task) => task.objective !== '');
}

/** A task of the plan may be owned by a party or by the mediator, nobody else. */
export function mayOwnTask(personId: string, dispute: { readonly partyIds: readonly string[]; readonly mediatorId: string | null }): boolean {
  return disputeActorOf(personId, dispute) !== 'reader';
}

/** The plan is complete when every task has an owner and a due day: then the restorative circle may be called. */
export function exitPlanComplete(tasks: readonly { readonly ownerId: string | null; readonly dueOn: string | null }[]): boolean {
  return tasks.every((task) => task.ownerId !== null && task.dueOn !== null);
}

export type TaskDoneRefusal = 'already_done' | 'not_owner' | 'waits_for_settlement';

/**
 * Whether this person may mark the task done by hand. Its owner does; a task linked to a
 * settlement statement is done by that statement's approval, not by hand (the charter's budget
 * settles the accounts and refunds what was not delivered).
 */
export function taskDoneRefusal(personId: string, task: { readonly ownerId: string | null; readonly done: boolean; readonly settlementId: string | null }): TaskDoneRefusal | null {
  if (task.done) return 'already_done';
  if (task.ownerId !== personId) return 'not_owner';
  if (task.settlementId !== null) return 'waits_for_settlement';
  return null;
}

/** The circle went through its rounds when each one has its notes. */
export function circleRoundsMissing(notes: readonly { readonly round: string; readonly text: string }[]): string[] {
  const written = new Set(notes.filter((note) => note.text.trim() !== '').map((note) => note.round));
  return DISPUTE_MEETING_ROUNDS.restorative_circle.filter((round) => !written.has(round));
}

/** Text as the privacy check compares it: no accents, lower case. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text as written (letters with their accents, digits), each beside its folded form. */
function wordsOf(text: string): { readonly written: string; readonly folded: string }[] {
  return (text.normalize('NFD').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map((word) => ({ written: word.normalize('NFC'), folded: folded(word) })).filter((word) => word.folded !== '');
}

/** Where `needle` (a run of folded words) first appears, word for word, in `haystack`, or -1. */
function indexOfWords(haystack: readonly { readonly folded: string }[], needle: readonly string[]): number {
  if (needle.length === 0) return -1;
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    if (needle.every((word, offset) => haystack[start + offset]?.folded === word)) return start;
  }
  return -1;
}

/**
 * What a write-up must lose before it may be published « sans détails personnels »: each name or
 * address of a party or of the mediator found in it, whatever its case and accents. A full name is
 * looked for as a run of words, and each of its words of three letters or more alone (a first name
 * is personal enough). Answers what was found as the text writes it, so the page points at what to
 * remove.
 */
export function writeUpPersonalDetails(text: string, people: readonly { readonly fullName: string; readonly email: string | null }[]): string[] {
  const words = wordsOf(text);
  const flat = folded(text);
  const found = new Set<string>();
  for (const person of people) {
    const name = wordsOf(person.fullName).map((word) => word.folded);
    const whole = indexOfWords(words, name);
    if (whole >= 0) found.add(words.slice(whole, whole + name.length).map((word) => word.written).join(' '));
    else
      for (const part of name) {
        const at = part.length >= 3 ? indexOfWords(words, [part]) : -1;
        if (at >= 0) found.add(words[at]?.written ?? part);
      }
    const address = person.email?.trim();
    if (address && flat.includes(folded(address))) found.add(address);
  }
  return [...found];
}

/** The write-up may be written (again) while the dispute is at its stage and until it is published. */
export function writeUpEditable(dispute: { readonly stage: DisputeStage; readonly writeUpPublishedAt: Date | null }): boolean {
  return dispute.stage === 'write_up' && dispute.writeUpPublishedAt === null;
}

/** Who the dispute waits on now, and for what; the page shows it as « what is next ». */
export type DisputeStep =
  | 'call_crisis_meeting'
  | 'hold_crisis_meeting'
  | 'name_mediator'
  | 'mediate'
  | 'exit_plan'
  | 'restorative_circle'
  | 'write_up'
  | 'none';
export type DisputeActor = 'parties' | 'mediation_body' | 'mediator' | 'nobody';

export function disputeNextStep(dispute: {
  readonly stage: DisputeStage;
  readonly crisisMeetingCalled: boolean;
  readonly mediatorNamed: boolean;
  readonly mediationBodyAsked: boolean;
}): { readonly step: DisputeStep; readonly actor: DisputeActor } {
  switch (dispute.stage) {
    case 'crisis':
      return { step: dispute.crisisMeetingCalled ? 'hold_crisis_meeting' : 'call_crisis_meeting', actor: 'parties' };
    case 'mediation':
      if (dispute.mediatorNamed) return { step: 'mediate', actor: 'mediator' };
      return { step: 'name_mediator', actor: dispute.mediationBodyAsked ? 'mediation_body' : 'parties' };
    case 'exit_plan':
      return { step: 'exit_plan', actor: 'parties' };
    case 'restorative_circle':
      return { step: 'restorative_circle', actor: 'parties' };
    case 'write_up':
      return { step: 'write_up', actor: 'parties' };
    case 'closed':
      return { step: 'none', actor: 'nobody' };
  }
}

/**
 * Who may name the mediator: the members of the body the charter asks (seed 000: the association's
 * core), else the parties themselves.
 */
export function mayNameMediator(viewer: { readonly personId: string; readonly memberOfBodies: ReadonlySet<string> }, dispute: { readonly partyIds: readonly string[]; readonly mediatorBodyId: string | null }): boolean {
  if (dispute.mediatorBodyId !== null) return viewer.memberOfBodies.has(dispute.mediatorBodyId);
  return dispute.partyIds.includes(viewer.personId);
}

/**
 * Who writes a meeting's notes: the parties at the crisis meeting and the restorative circle (the
 * mediator too, once named); at a mediation, the mediator alone.
 */
export function mayWriteNotes(personId: string, kind: DisputeMeetingKind, dispute: { readonly partyIds: readonly string[]; readonly mediatorId: string | null }): boolean {
  if (kind === 'mediation') return dispute.mediatorId === personId;
  return dispute.partyIds.includes(personId) || dispute.mediatorId === personId;
}

/** Whether a round belongs to a meeting of that kind. */
export function isRoundOf(kind: DisputeMeetingKind, round: string): boolean {
  return (DISPUTE_MEETING_ROUNDS[kind] as readonly string[]).includes(round);
}
