import type { PostStanding } from './split.js';

/**
 * The settling of accounts (seed 000, article 7: at the end, or on an exit plan, « rembourser les
 * sommes associées aux prestations qui n'auront pu être effectuées, solder les comptes »). Pure, in
 * integer cents. For each post the keepers say the value of what was delivered (by default, what
 * the post is owed); then:
 *
 * - **refund** = max(0, paid − delivered): paid for what was not delivered, given back;
 * - **due** = max(0, min(owed, delivered) − paid): delivered and owed, not yet paid.
 *
 * A post never both refunds and is due, and once settled (paid − refund + due) it has received
 * no more than it delivered.
 */

export const SETTLEMENT_REASONS = ['closing', 'exit_plan'] as const;
export type SettlementReason = (typeof SETTLEMENT_REASONS)[number];
/**
 * A statement refused goes back to its draft, to be corrected and proposed again: none stays
 * « rejected », though migration 037's check still admits the word.
 */
export const SETTLEMENT_STATUSES = ['draft', 'proposed', 'approved'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

export interface SettlementLine {
  readonly postId: string;
  readonly label: string;
  readonly plannedCents: number;
  readonly owedCents: number;
  readonly paidCents: number;
  readonly deliveredCents: number;
  readonly refundCents: number;
  readonly dueCents: number;
}

export interface SettlementTotals {
  readonly plannedCents: number;
  readonly owedCents: number;
  readonly paidCents: number;
  readonly deliveredCents: number;
  readonly refundCents: number;
  readonly dueCents: number;
}

export function settleLine(standing: Pick<PostStanding, 'postId' | 'label' | 'plannedCents' | 'owedCents' | 'paidCents'>, deliveredCents: number | undefined): SettlementLine {
  const delivered = Math.max(0, deliveredCents ?? standing.owedCents);
  return {
    postId: standing.postId,
    label: standing.label,
    plannedCents: standing.plannedCents,
    owedCents: standing.owedCents,
    paidCents: standing.paidCents,
    deliveredCents: delivered,
    refundCents: Math.max(0, standing.paidCents - delivered),
    dueCents: Math.max(0, Math.min(standing.owedCents, delivered) - standing.paidCents),
  };
}

/** The statement's lines from where each post stands, with the delivered values the keepers gave (by post). */
export function settlementLines(standings: readonly PostStanding[], delivered: ReadonlyMap<string, number>): SettlementLine[] {
  return standings.map((standing) => settleLine(standing, delivered.get(standing.postId)));
}

export function settlementTotals(lines: readonly SettlementLine[]): SettlementTotals {
  const sum = (field: keyof SettlementTotals) => lines.reduce((total, line) => total + line[field], 0);
  return { plannedCents: sum('plannedCents'), owedCents: sum('owedCents'), paidCents: sum('paidCents'), deliveredCents: sum('deliveredCents'), refundCents: sum('refundCents'), dueCents: sum('dueCents') };
}
