import { describe, expect, it } from 'vitest';
import { destinationOf, matrixTopics, routeDecision, routeInScope, type MatrixInForce } from '../../src/decisions/rules.js';

const steering = '00000000-0000-4000-8000-000000000001';
const directors = '00000000-0000-4000-8000-000000000002';

/** Seed 001's matrix in small, as the server gives it to the new-proposal form. */
const inForce: MatrixInForce = {
  charter: { article: 4 },
  decisionMatrix: [
    { level: 'operational', topic: '', bodyId: steering, method: 'consensus' },
    { level: 'operational', topic: 'Nomination des chefs de projet', bodyId: directors, method: 'consent' },
    { level: 'operational', topic: 'Budget des séjours', bodyId: steering, method: 'majority' },
    { level: 'strategic', topic: '', bodyId: null, method: 'consensus' },
  ],
  bodies: [
    { id: steering, name: 'Comité de pilotage' },
    { id: directors, name: 'Codir' },
  ],
};

describe('where a new proposal will go', () => {
  it('offers the topics the matrix names for the level, in the charter’s order', () => {
    expect(matrixTopics(inForce.decisionMatrix, 'operational')).toEqual(['Nomination des chefs de projet', 'Budget des séjours']);
    expect(matrixTopics(inForce.decisionMatrix, 'functional')).toEqual([]);
  });

  it('sends a named topic to its row, and any other subject to the level’s general row', () => {
    expect(destinationOf(inForce, 'operational', 'Nomination des chefs de projet')).toEqual({ kind: 'body', bodyName: 'Codir', method: 'consent', article: 4 });
    expect(destinationOf(inForce, 'operational', 'budget des séjours')).toEqual({ kind: 'body', bodyName: 'Comité de pilotage', method: 'majority', article: 4 });
    expect(destinationOf(inForce, 'operational', '')).toEqual({ kind: 'body', bodyName: 'Comité de pilotage', method: 'consensus', article: 4 });
    expect(destinationOf(inForce, 'operational', 'Un sujet que la charte ne nomme pas')).toMatchObject({ bodyName: 'Comité de pilotage', method: 'consensus' });
  });

  it('says so when no body decides the level, or no charter is in force', () => {
    expect(destinationOf(inForce, 'strategic', '')).toEqual({ kind: 'no_body' });
    expect(destinationOf(inForce, 'functional', '')).toEqual({ kind: 'no_body' });
    expect(destinationOf({ charter: null, decisionMatrix: [], bodies: [] }, 'operational', '')).toEqual({ kind: 'no_charter' });
  });

  it('keeps the charter without a matrix article', () => {
    expect(destinationOf({ ...inForce, charter: { article: null } }, 'operational', '')).toMatchObject({ kind: 'body', article: null });
  });

  it('is the server’s own routing rule, on the matrix the form is shown', () => {
    expect(routeDecision(inForce, 'operational', ' nomination des chefs de projet ')).toMatchObject({ bodyId: directors, method: 'consent' });
  });
});

const team = '00000000-0000-4000-8000-000000000003';

/** Seed 000's cooperation charter: its team decides its own matters by consent, strategic ones aside here. */
const project = {
  decisionMatrix: [
    { level: 'operational' as const, topic: '', bodyId: team, method: 'consent' as const },
    { level: 'functional' as const, topic: 'Budget', bodyId: team, method: 'consent' as const },
  ],
};

describe('a proposal routed by the charter of its scope', () => {
  it('goes by the project charter’s matrix where it has a row', () => {
    expect(routeInScope(project, inForce, 'operational', 'Ateliers')).toEqual({ from: 'scope', rule: project.decisionMatrix[0] });
    expect(routeInScope(project, inForce, 'functional', 'budget')).toEqual({ from: 'scope', rule: project.decisionMatrix[1] });
  });

  it('goes by the partnership charter for what the project’s matrix has no row for, or no body', () => {
    expect(routeInScope(project, inForce, 'operational', 'Nomination des chefs de projet')).toMatchObject({ from: 'scope', rule: { bodyId: team } });
    expect(routeInScope({ decisionMatrix: [{ level: 'strategic', topic: '', bodyId: null, method: 'consent' }] }, inForce, 'operational', '')).toMatchObject({ from: 'partnership', rule: { bodyId: steering } });
    expect(routeInScope(project, inForce, 'strategic', '')).toBeUndefined();
  });

  it('has nowhere to go without either charter, and routes by the partnership alone without a scope', () => {
    expect(routeInScope(project, null, 'strategic', '')).toBeUndefined();
    expect(routeInScope(null, inForce, 'operational', 'Budget des séjours')).toMatchObject({ from: 'partnership', rule: { method: 'majority' } });
    expect(routeInScope(null, null, 'operational', '')).toBeUndefined();
  });

  it('tells the form which charter’s article it goes by', () => {
    const scoped: MatrixInForce = { charter: { article: 3 }, decisionMatrix: project.decisionMatrix, bodies: [...inForce.bodies, { id: team, name: 'Équipe projet' }], fallback: { charter: { article: 4 }, decisionMatrix: inForce.decisionMatrix } };
    expect(destinationOf(scoped, 'operational', '')).toEqual({ kind: 'body', bodyName: 'Équipe projet', method: 'consent', article: 3 });
    expect(destinationOf({ ...scoped, decisionMatrix: [] }, 'operational', 'Nomination des chefs de projet')).toEqual({ kind: 'body', bodyName: 'Codir', method: 'consent', article: 4, byPartnership: true });
    expect(destinationOf({ ...scoped, fallback: null }, 'strategic', '')).toEqual({ kind: 'no_body' });
  });
});
