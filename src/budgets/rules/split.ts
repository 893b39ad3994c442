/**
 * The split of a project's money between the charter's posts (seed 000, article 5: « Association
 * 10 % 712 €, Gestion de projet + Moissonneur.se 5 480 €, Accompagnateurice 2 080 €, Total
 * 8 272 € »), applied to the money actually received. Pure, in integer cents.
 *
 * - A post's **planned share** is its amount when the charter gives one; otherwise its percent of
 *   the sum it names (`percentOf`), or of the split's total, rounded to the cent.
 * - The split's **base** is the charter's total, or the sum of the planned shares when the charter
 *   gives none; never less than that sum, so posts that promise more than the total are scaled down
 *   together rather than paid past the money.
 * - What each post is **owed** on the money received is its planned share × min(1, received ÷
 *   base). Each share is rounded down; the cents lost to rounding (the whole sum owed rounded down,
 *   less the rounded shares) go one by one to the largest shares, largest first. So the shares
 *   owed never add up to more than was received, nor any share to more than its plan.
 */

export interface SplitPost {
  readonly id: string;
  readonly label: string;
  readonly percent: number | null;
  readonly amountCents: number | null;
  readonly percentOf?: { readonly label: string; readonly amountCents: number } | undefined;
}

export interface PlannedShare {
  readonly postId: string;
  readonly label: string;
  readonly plannedCents: number;
}

export interface OwedShare extends PlannedShare {
  readonly owedCents: number;
}

export interface PostStanding extends OwedShare {
  readonly paidCents: number;
  /** Owed less paid: negative when a post was paid more than it is owed so far. */
  readonly remainingCents: number;
}

/** The sum a percent applies to when the post names none: the charter's total, else the posts given as amounts. */
function percentBase(posts: readonly SplitPost[], totalCents: number | null): number {
  if (totalCents !== null) return totalCents;
  return posts.reduce((sum, post) => sum + (post.amountCents ?? (post.percentOf && post.percent !== null ? percentOfCents(post.percent, post.percentOf.amountCents) : 0)), 0);
}

const percentOfCents = (percent: number, baseCents: number): number => Math.round((percent * baseCents) / 100);

export function plannedShares(posts: readonly SplitPost[], totalCents: number | null): PlannedShare[] {
  const base = percentBase(posts, totalCents);
  return posts.map((post) => ({
    postId: post.id,
    label: post.label,
    plannedCents: post.amountCents ?? (post.percent === null ? 0 : percentOfCents(post.percent, post.percentOf?.amountCents ?? base)),
  }));
}

/** The sum the received money is measured against: the charter's total, or the planned shares, whichever is larger. */
export function splitBase(planned: readonly PlannedShare[], totalCents: number | null): number {
  const plannedSum = planned.reduce((sum, share) => sum + share.plannedCents, 0);
  return Math.max(totalCents ?? 0, plannedSum);
}

export function owedShares(planned: readonly PlannedShare[], totalCents: number | null, receivedCents: number): OwedShare[] {
  const base = splitBase(planned, totalCents);
  const received = Math.max(0, receivedCents);
  if (base === 0 || received >= base) return planned.map((share) => ({ ...share, owedCents: share.plannedCents }));
  // Products of two sums in cents pass 2^53: exact integers only.
  const ratio = (cents: number): bigint => (BigInt(cents) * BigInt(received)) / BigInt(base);
  const owed = planned.map((share) => Number(ratio(share.plannedCents)));
  const target = Number(ratio(planned.reduce((sum, share) => sum + share.plannedCents, 0)));
  let leftover = target - owed.reduce((sum, cents) => sum + cents, 0);
  const bySize = planned.map((share, index) => ({ index, plannedCents: share.plannedCents })).sort((a, b) => b.plannedCents - a.plannedCents || a.index - b.index);
  for (const { index } of bySize) {
    if (leftover === 0) break;
    if (owed[index]! < planned[index]!.plannedCents) {
      owed[index]! += 1;
      leftover -= 1;
    }
  }
  return planned.map((share, index) => ({ ...share, owedCents: owed[index]! }));
}

/** Where each post stands: planned, owed on what was received, paid (reversals counted), and what remains. */
export function postStandings(
  posts: readonly SplitPost[],
  totalCents: number | null,
  receivedCents: number,
  payments: readonly { readonly postId: string; readonly amountCents: number }[],
): PostStanding[] {
  const paid = new Map<string, number>();
  for (const payment of payments) paid.set(payment.postId, (paid.get(payment.postId) ?? 0) + payment.amountCents);
  return owedShares(plannedShares(posts, totalCents), totalCents, receivedCents).map((share) => {
    const paidCents = paid.get(share.postId) ?? 0;
    return { ...share, paidCents, remainingCents: share.owedCents - paidCents };
  });
}
