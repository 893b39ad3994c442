/**
 * Date polls: a body's members say when they can meet, and the poll points to the slot that suits
 * most. Pure: the queries load the slots and the answers and show what these functions return.
 */

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
