import { calendarDay, type IsoDate } from '../common/dates.js';

/**
 * Meetings of a body: who is there, whether the body may decide, who facilitates next. Pure: the
 * services load the seats and the attendance, call these functions, and show what they return.
 */

/**
 * What the minutes of one meeting hold at most: some twenty printed pages, more than a long general
 * assembly writes. Bounded so that printing them stays a matter of seconds (issue 14).
 */
export const MINUTES_MAX_LENGTH = 50_000;

export const AGENDA_KINDS = ['information', 'discussion', 'decision'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent', 'represented'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A guest comes or does not: nobody represents them, and their absence excuses nothing the body owes. */
export const GUEST_ATTENDANCE_STATUSES = ['present', 'absent'] as const;
export type GuestAttendance = (typeof GUEST_ATTENDANCE_STATUSES)[number];

/** Why a guest is invited, in a line (« porteur du projet Jardins partagés »). */
export const GUEST_REASON_MAX_LENGTH = 300;

export interface SeatAtMeeting {
  readonly personId: string;
  /** The organization the member represents, for delegates and referents. */
  readonly organizationId: string | null;
}

export type Quorum =
  | { readonly rule: 'one_delegate_per_organization'; readonly met: boolean; readonly missingOrganizationIds: readonly string[]; readonly present: number; readonly members: number }
  | { readonly rule: 'majority'; readonly met: boolean; readonly present: number; readonly members: number };

/** Present in person or through someone holding their voice. */
const counts = (status: AttendanceStatus | undefined) => status === 'present' || status === 'represented';

/**
 * Whether the meeting may decide. Where members represent organizations, every organization needs
 * at least one of its members there (seed 001: "at least one delegate per house"); otherwise more
 * than half of the members must be there.
 */
export function meetingQuorum(seats: readonly SeatAtMeeting[], attendance: ReadonlyMap<string, AttendanceStatus>): Quorum {
  const members = new Set(seats.map((s) => s.personId)).size;
  const present = new Set(seats.filter((s) => counts(attendance.get(s.personId))).map((s) => s.personId)).size;
  const organizations = [...new Set(seats.map((s) => s.organizationId).filter((id): id is string => id !== null))];
  if (organizations.length === 0) return { rule: 'majority', met: present * 2 > members, present, members };
  const missingOrganizationIds = organizations.filter((organizationId) => !seats.some((s) => s.organizationId === organizationId && counts(attendance.get(s.personId))));
  return { rule: 'one_delegate_per_organization', met: missingOrganizationIds.length === 0, missingOrganizationIds, present, members };
}

/**
 * Facilitation rotates (seed 000): the next facilitator is the first member, in the body's order,
 * who has not facilitated yet; once everyone has, the one who facilitated longest ago.
 * `past` lists the facilitators of past meetings, oldest first.
 */
export function nextFacilitator(members: readonly string[], past: readonly string[]): string | undefined {
  const never = members.find((id) => !past.includes(id));
  if (never !== undefined) return never;
  const lastTurn = (id: string) => past.lastIndexOf(id);
  return [...members].sort((a, b) => lastTurn(a) - lastTurn(b))[0];
}

/** The agenda in the facilitator's order: the ids given must be exactly the meeting's items. */
export function checkAgendaOrder(itemIds: readonly string[], orderedIds: readonly string[]): boolean {
  return orderedIds.length === itemIds.length && new Set(orderedIds).size === orderedIds.length && orderedIds.every((id) => itemIds.includes(id));
}

/**
 * Where a meeting stands as it runs (seeds 000 and 002): an opening round where each says how
 * they arrive, the agenda's items one after the other, a closing round, then the end.
 */
export type MeetingStage =
  | { readonly kind: 'planned' }
  | { readonly kind: 'opening' }
  | { readonly kind: 'item'; readonly itemId: string }
  | { readonly kind: 'closing' }
  | { readonly kind: 'ended' };

export interface MeetingProgress {
  readonly openedAt: Date | null;
  readonly currentItemId: string | null;
  readonly closingAt: Date | null;
  readonly endedAt: Date | null;
}

export function meetingStage(progress: MeetingProgress): MeetingStage {
  if (progress.endedAt !== null) return { kind: 'ended' };
  if (progress.closingAt !== null) return { kind: 'closing' };
  if (progress.currentItemId !== null) return { kind: 'item', itemId: progress.currentItemId };
  if (progress.openedAt !== null) return { kind: 'opening' };
  return { kind: 'planned' };
}

/**
 * The stage the facilitator moves to. The next item is the first, in the agenda's order, not
 * taken up yet, so items added or moved during the meeting are taken up where they stand.
 * Undefined once the meeting has ended.
 */
export function nextStage(stage: MeetingStage, agenda: readonly { readonly id: string; readonly started: boolean }[]): MeetingStage | undefined {
  switch (stage.kind) {
    case 'planned':
      return { kind: 'opening' };
    case 'opening':
    case 'item': {
      const next = agenda.find((item) => !item.started && (stage.kind === 'opening' || item.id !== stage.itemId));
      return next ? { kind: 'item', itemId: next.id } : { kind: 'closing' };
    }
    case 'closing':
      return { kind: 'ended' };
    case 'ended':
      return undefined;
  }
}

/** Whole minutes an item has taken: until it ended, or until now while it runs. */
export function minutesSpent(startedAt: Date, endedAt: Date | null, now: Date): number {
  return Math.max(0, Math.floor(((endedAt ?? now).getTime() - startedAt.getTime()) / 60_000));
}

/** The rounds in which members say a word: on arriving and on leaving. */
export const ROUNDS = ['opening', 'closing'] as const;
export type Round = (typeof ROUNDS)[number];

export const MINUTES_VERDICTS = ['approve', 'amend'] as const;
export type MinutesVerdict = (typeof MINUTES_VERDICTS)[number];

/**
 * Whether the minutes may be published. The attendees review them first: publishing waits until
 * the review window has closed, or until every attendee but the secretary who wrote them has
 * approved the current text.
 */
export function minutesPublishable(input: {
  readonly reviewUntil: Date | null;
  readonly now: Date;
  readonly attendeeIds: readonly string[];
  readonly secretaryId: string | null;
  readonly approvedIds: readonly string[];
}): { readonly ok: true } | { readonly ok: false; readonly reason: 'review_first' | 'review_open'; readonly waitingFor: readonly string[] } {
  if (input.reviewUntil === null) return { ok: false, reason: 'review_first', waitingFor: [] };
  const waitingFor = input.attendeeIds.filter((id) => id !== input.secretaryId && !input.approvedIds.includes(id));
  if (input.now >= input.reviewUntil || waitingFor.length === 0) return { ok: true };
  return { ok: false, reason: 'review_open', waitingFor };
}

const DAY_MS = 86_400_000;
/** Whole days from one calendar day to another (both read as UTC midnights, so no clock change shifts them). */
const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * Whether a body keeps the cadence its charter sets (seed 004: a circle meets at least six times a
 * year; seed 001: the plenary twice). Over the last twelve months of its life — since it was
 * founded, if later, whenever Entente came to know it — it should have met its yearly count in
 * proportion; meetings held outside Entente and recorded count as much. Undefined when it has.
 */
export function cadenceShortfall(input: {
  readonly meetingsPerYear: number;
  readonly foundedOn: IsoDate;
  readonly now: Date;
  readonly meetingStarts: readonly Date[];
}): { readonly expected: number; readonly held: number } | undefined {
  const today = calendarDay(input.now);
  const yearAgo = new Date(Date.parse(today) - 365 * DAY_MS).toISOString().slice(0, 10);
  const since = input.foundedOn > yearAgo ? input.foundedOn : yearAgo;
  const expected = Math.floor((input.meetingsPerYear * Math.max(0, daysBetween(since, today))) / 365);
  const held = input.meetingStarts.filter((start) => start <= input.now && calendarDay(start) >= since).length;
  return held < expected ? { expected, held } : undefined;
}
