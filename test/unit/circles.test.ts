import { describe, expect, it } from 'vitest';
import { circleJoinRule, circleSize, sizeAfterJoining, mayWithdraw } from '../../src/circles/rules.js';
import { may, type Viewer } from '../../src/common/permissions.js';
import { closeRound, escalate, startProcess } from '../../src/decisions/rules.js';
import { appointingBodyOf } from '../../src/roles/rules.js';
import { emptyRules } from '../../src/charters/rules/types.js';

const viewer = (values: Partial<Viewer> = {}): Viewer => ({ personId: 'me', isPartnershipAdmin: false, adminOfOrganizations: new Set(), memberOfBodies: new Set(), ...values });
const range = { minSize: 6, maxSize: 8 };

describe('a circle’s size against its range', () => {
  it('is within from its minimum to its maximum, both included', () => {
    expect(circleSize(6, range).standing).toBe('within');
    expect(circleSize(8, range).standing).toBe('within');
  });
  it('is above past its maximum and below under its minimum', () => {
    expect(circleSize(9, range)).toEqual({ members: 9, minSize: 6, maxSize: 8, standing: 'above' });
    expect(circleSize(5, range)).toEqual({ members: 5, minSize: 6, maxSize: 8, standing: 'below' });
  });
  it('has no side where the rule sets no end', () => {
    expect(circleSize(40, { minSize: 6, maxSize: null }).standing).toBe('within');
    expect(circleSize(0, { minSize: null, maxSize: 8 }).standing).toBe('within');
    expect(circleSize(0, { minSize: null, maxSize: null }).standing).toBe('within');
  });
  it('counts the person joining: an eighth member keeps the circle within, a ninth takes it beyond the 8 planned', () => {
    expect(sizeAfterJoining(7, range)).toEqual({ members: 8, minSize: 6, maxSize: 8, standing: 'within' });
    expect(sizeAfterJoining(8, range)).toEqual({ members: 9, minSize: 6, maxSize: 8, standing: 'above' });
    expect(sizeAfterJoining(3, range)).toMatchObject({ members: 4, standing: 'below' });
  });
});

describe('the decision on a request to join', () => {
  const rule = circleJoinRule('rule', 'circle');
  const round = { ...startProcess(rule), phase: 'round' as const };
  const voices = (stances: Record<string, 'consent' | 'object'>) => ({ members: ['a', 'b', 'c'], stances: new Map(Object.entries(stances)) });

  it('is the circle’s own, by consent, and lapses when blocked: nobody overrules a circle on who sits in it', () => {
    expect(rule).toMatchObject({ bodyId: 'circle', method: 'consent', maxRounds: 1, onBlock: { kind: 'lapse' }, informBodyIds: [] });
    expect(escalate(emptyRules(), rule, 'operational', '')).toEqual({ kind: 'lapse' });
  });
  it('is adopted when every member consents', () => {
    const closing = closeRound(round, { silence: rule.silence!, deadlinePassed: false }, voices({ a: 'consent', b: 'consent', c: 'consent' }));
    expect(closing.ok && closing.value.outcome).toBe('adopted');
  });
  it('is blocked, in its one round, by an objection', () => {
    const closing = closeRound(round, { silence: rule.silence!, deadlinePassed: false }, voices({ a: 'consent', b: 'object', c: 'consent' }));
    expect(closing.ok && closing.value).toMatchObject({ outcome: 'blocked', reason: 'objections' });
  });
  it('counts the silent as consenting once the round’s time is up', () => {
    const closing = closeRound(round, { silence: rule.silence!, deadlinePassed: true }, voices({ a: 'consent' }));
    expect(closing.ok && closing.value.outcome).toBe('adopted');
  });
  it('may be withdrawn only while open', () => {
    expect(mayWithdraw('open')).toBe(true);
    expect(['accepted', 'declined', 'withdrawn'].map((status) => mayWithdraw(status as 'accepted'))).toEqual([false, false, false]);
  });
});

describe('who may act on circles', () => {
  it('lets anyone of the partnership ask to join, not an outsider', () => {
    expect(may.askToJoinCircle(viewer())).toBe(true);
    expect(may.askToJoinCircle(viewer({ outsider: true }))).toBe(false);
  });
  it('lets the circle’s members invite, not an administrator outside it nor a member of the circle above', () => {
    expect(may.inviteToCircle(viewer({ memberOfBodies: new Set(['circle']) }), 'circle')).toBe(true);
    expect(may.inviteToCircle(viewer({ isPartnershipAdmin: true }), 'circle')).toBe(false);
    expect(may.inviteToCircle(viewer({ memberOfBodies: new Set(['general']) }), 'circle')).toBe(false);
  });
  it('lets the person concerned, whoever asked and an administrator withdraw a request', () => {
    const join = { personId: 'invited', askedBy: 'member' };
    expect(may.withdrawCircleJoin(viewer({ personId: 'invited' }), join)).toBe(true);
    expect(may.withdrawCircleJoin(viewer({ personId: 'member' }), join)).toBe(true);
    expect(may.withdrawCircleJoin(viewer({ isPartnershipAdmin: true }), join)).toBe(true);
    expect(may.withdrawCircleJoin(viewer({ personId: 'other', memberOfBodies: new Set(['circle']) }), join)).toBe(false);
  });
});

describe('who appoints a role’s holder', () => {
  const leader = { body_id: 'circle', appointed_by_parent: true, parent_body_id: 'general' };
  const secondLink = { body_id: 'circle', appointed_by_parent: false, parent_body_id: 'general' };
  it('is the circle above for a leader it appoints, so its members assign it and the circle’s do not', () => {
    expect(appointingBodyOf(leader)).toBe('general');
    expect(may.assignRole(viewer({ memberOfBodies: new Set(['general']) }), appointingBodyOf(leader))).toBe(true);
    expect(may.assignRole(viewer({ memberOfBodies: new Set(['circle']) }), appointingBodyOf(leader))).toBe(false);
  });
  it('is the circle itself for its second link', () => {
    expect(appointingBodyOf(secondLink)).toBe('circle');
    expect(may.assignRole(viewer({ memberOfBodies: new Set(['circle']) }), appointingBodyOf(secondLink))).toBe(true);
  });
  it('is the partnership for a role of no body', () => expect(appointingBodyOf({ body_id: null, appointed_by_parent: false, parent_body_id: null })).toBeNull());
});
