import { describe, expect, it } from 'vitest';
import { cooperationGraph, mayChangeEntry, repeatedParty } from '../../src/cooperation-map/rules.js';

describe('the map of cooperations', () => {
  it('finds a party named twice in a cooperation', () => {
    expect(repeatedParty([{ organizationId: 'a' }, { personId: 'a' }])).toBeNull();
    expect(repeatedParty([{ organizationId: 'a' }, { personId: 'b' }, { organizationId: 'a' }])).toBe(2);
  });

  it('lets an entry be changed by its author while they contribute, and by a facilitator', () => {
    expect(mayChangeEntry('participant', 'me', 'me')).toBe(true);
    expect(mayChangeEntry('participant', 'other', 'me')).toBe(false);
    expect(mayChangeEntry('participant', null, 'me')).toBe(false);
    expect(mayChangeEntry('reader', 'me', 'me')).toBe(false);
    expect(mayChangeEntry('facilitator', 'other', 'me')).toBe(true);
  });

  it('places each party once on a circle, the first at the top, and joins every pair of a cooperation', () => {
    const graph = cooperationGraph(
      [
        { id: 'c1', status: 'under_way', parties: [{ organizationId: 'n' }, { organizationId: 's' }] },
        { id: 'c2', status: 'to_come', parties: [{ organizationId: 's' }, { personId: 'a' }, { organizationId: 'e' }] },
      ],
      100,
    );
    expect(graph.nodes.map((node) => [node.key, node.x, node.y])).toEqual([
      ['o:n', 100, 0],
      ['o:s', 200, 100],
      ['p:a', 100, 200],
      ['o:e', 0, 100],
    ]);
    expect(graph.edges.map((edge) => `${edge.cooperationId}:${edge.from}-${edge.to}`)).toEqual(['c1:o:n-o:s', 'c2:o:s-p:a', 'c2:o:s-o:e', 'c2:p:a-o:e']);
  });

  it('puts a lone party in the middle and draws nothing without cooperations', () => {
    expect(cooperationGraph([{ id: 'c', status: 'to_come', parties: [{ personId: 'a' }] }], 50).nodes[0]).toMatchObject({ x: 50, y: 50 });
    expect(cooperationGraph([], 50)).toEqual({ nodes: [], edges: [] });
  });
});
