import type { AccompanimentReach } from '../accompaniments/rules.js';
import { mayContribute, mayFacilitate } from '../accompaniments/rules.js';

/**
 * The map of an accompaniment (seed 002): the cooperations under way or to come between the
 * organizations of the partnership and the people of the space, what stands in their way or what
 * they need, and the skills, premises and equipment someone offers.
 */
export const MAP_KINDS = ['cooperation', 'obstacle', 'need', 'skill', 'premises', 'equipment'] as const;
export type MapKind = (typeof MAP_KINDS)[number];

/** Obstacles and needs belong to a cooperation. */
export const TIED_KINDS = ['obstacle', 'need'] as const;
/** Skills, premises and equipment are offered by a person or an organization. */
export const OFFER_KINDS = ['skill', 'premises', 'equipment'] as const;

export const COOPERATION_STATUSES = ['under_way', 'to_come'] as const;
export type CooperationStatus = (typeof COOPERATION_STATUSES)[number];

/** Whom a cooperation joins, or who offers something: an organization of the partnership or a person of the space. */
export type MapParty = { readonly organizationId: string } | { readonly personId: string };

export const partyKey = (party: MapParty): string => ('organizationId' in party ? `o:${party.organizationId}` : `p:${party.personId}`);

/** The index of the first party named twice in a cooperation, else null. */
export function repeatedParty(parties: readonly MapParty[]): number | null {
  const seen = new Set<string>();
  for (const [index, party] of parties.entries()) {
    const key = partyKey(party);
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return null;
}

/** Anyone who contributes to the space adds to the map; its author changes or removes an entry, and so does a facilitator. */
export function mayChangeEntry(reach: AccompanimentReach, createdBy: string | null, viewerId: string): boolean {
  return mayFacilitate(reach) || (mayContribute(reach) && createdBy !== null && createdBy === viewerId);
}

/** A node of the graph of who cooperates with whom, placed on a circle. */
export interface GraphNode {
  readonly key: string;
  readonly party: MapParty;
  readonly x: number;
  readonly y: number;
}

/** An edge: two parties joined by a cooperation (a cooperation of n parties draws every pair). */
export interface GraphEdge {
  readonly cooperationId: string;
  readonly from: string;
  readonly to: string;
  readonly status: CooperationStatus;
}

export interface CooperationForGraph {
  readonly id: string;
  readonly status: CooperationStatus;
  readonly parties: readonly MapParty[];
}

/**
 * The graph of who cooperates with whom: each party of a cooperation is a node, in the order it
 * first appears, placed evenly on a circle of the given radius around (radius, radius), the first
 * at the top; each cooperation joins every pair of its parties. Positions are rounded to a tenth
 * so the drawing is the same wherever it is computed.
 */
export function cooperationGraph(cooperations: readonly CooperationForGraph[], radius: number): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const parties = new Map<string, MapParty>();
  for (const cooperation of cooperations) for (const party of cooperation.parties) if (!parties.has(partyKey(party))) parties.set(partyKey(party), party);
  const count = parties.size;
  const round = (value: number) => Math.round(value * 10) / 10;
  const nodes = [...parties].map(([key, party], index) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / Math.max(count, 1);
    return { key, party, x: round(radius + (count === 1 ? 0 : radius * Math.cos(angle))), y: round(radius + (count === 1 ? 0 : radius * Math.sin(angle))) };
  });
  const edges: GraphEdge[] = [];
  for (const cooperation of cooperations) {
    const keys = cooperation.parties.map(partyKey);
    for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) edges.push({ cooperationId: cooperation.id, from: keys[i]!, to: keys[j]!, status: cooperation.status });
  }
  return { nodes, edges };
}
