/**
 * Meetings of a body: who is there, whether the body may decide, who facilitates next. Pure: the
 * services load the seats and the attendance, call these functions, and show what they return.
 */

export const AGENDA_KINDS = ['information', 'discussion', 'decision'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent', 'represented'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

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

export const POLL_ANSWERS = ['yes', 'if_need_be', 'no'] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];

export interface SlotCount {
  readonly slotId: string;
  readonly startsAt: Date;
  readonly yes: number;
  readonly ifNeedBe: number;
  readonly no: number;
}

/** Counts the answers of a date poll per slot, in the slots' order. */
export function countAnswers(slots: readonly { id: string; startsAt: Date }[], answers: readonly { slotId: string; answer: PollAnswer }[]): SlotCount[] {
  return slots.map((slot) => {
    const mine = answers.filter((a) => a.slotId === slot.id);
    return {
      slotId: slot.id,
      startsAt: slot.startsAt,
      yes: mine.filter((a) => a.answer === 'yes').length,
      ifNeedBe: mine.filter((a) => a.answer === 'if_need_be').length,
      no: mine.filter((a) => a.answer === 'no').length,
    };
  });
}

/**
 * The slot a date poll points to: the most members available (yes or if need be), then the most
 * plain yeses, then the earliest. Undefined while nobody can come to any slot.
 */
export function bestSlot(counts: readonly SlotCount[]): string | undefined {
  const ranked = [...counts]
    .filter((c) => c.yes + c.ifNeedBe > 0)
    .sort((a, b) => b.yes + b.ifNeedBe - (a.yes + a.ifNeedBe) || b.yes - a.yes || a.startsAt.getTime() - b.startsAt.getTime());
  return ranked[0]?.slotId;
}
