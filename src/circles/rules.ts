import type { DecisionRule } from '../charters/rules/types.js';

/**
 * Circles people join (seed 004): a request, or a member's invitation, is decided by the circle's
 * consent in one round, and a circle's size is held against the range its composition rule sets
 * (about 6 to 8). Pure: the acts and queries count and store, these say what it means.
 */

export const CIRCLE_JOIN_STATUSES = ['open', 'accepted', 'declined', 'withdrawn'] as const;
export type CircleJoinStatus = (typeof CIRCLE_JOIN_STATUSES)[number];

/** Where a count of members stands against the circle's range: inside it, under its minimum, over its maximum. */
export const SIZE_STANDINGS = ['within', 'below', 'above'] as const;
export type SizeStanding = (typeof SIZE_STANDINGS)[number];

export interface CircleSize {
  readonly members: number;
  readonly minSize: number | null;
  readonly maxSize: number | null;
  readonly standing: SizeStanding;
}

/** A count of members against the range the circle's rule sets (either end may be absent). */
export function circleSize(members: number, range: { readonly minSize: number | null; readonly maxSize: number | null }): CircleSize {
  const standing: SizeStanding = range.maxSize !== null && members > range.maxSize ? 'above' : range.minSize !== null && members < range.minSize ? 'below' : 'within';
  return { members, minSize: range.minSize, maxSize: range.maxSize, standing };
}

/**
 * The circle's size once this person joins: the request and the proposal say it plainly when it
 * would leave the range (« Avec cette entrée, le cercle compterait 9 membres, au-delà des 8
 * prévus »). It informs, it does not forbid: the circle consents knowingly.
 */
export function sizeAfterJoining(members: number, range: { readonly minSize: number | null; readonly maxSize: number | null }): CircleSize {
  return circleSize(members + 1, range);
}

/** How long the circle's consent round lasts when nobody closes it sooner: silent members then consent. */
export const JOIN_ROUND_DAYS = 14;

/**
 * The decision rule of a request to join: the circle itself, by consent, in one round. An
 * objection at its close, like a round closed without every voice, lapses the request (it is
 * declined), as does a block: a circle is not overruled on who sits in it. Silence consents once
 * the round's time is up.
 */
export function circleJoinRule(id: string, circleId: string): DecisionRule {
  return {
    id,
    level: 'operational',
    topic: '',
    bodyId: circleId,
    method: 'consent',
    quorumPercent: null,
    silence: 'consents',
    maxRounds: 1,
    onBlock: { kind: 'lapse' },
    informBodyIds: [],
  };
}

/** What a request is waiting for, or how it ended, as the person it concerns may act on it. */
export function mayWithdraw(status: CircleJoinStatus): boolean {
  return status === 'open';
}
