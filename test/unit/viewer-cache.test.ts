import { describe, expect, it } from 'vitest';
import { peopleWhoseRightsChanged, ViewerCache } from '../../src/server/viewer-cache.js';
import type { JournalEvent } from '../../src/journal/journal-store.js';
import type { SessionAndViewer } from '../../src/accounts/viewer.js';

const entry = (personId: string, expiresAt = new Date(10_000_000)): SessionAndViewer => ({
  session: { accountId: `account-${personId}`, email: `${personId}@example.org`, locale: null, csrfToken: 'csrf', expiresAt, partnershipScope: null },
  viewer: { personId, isPartnershipAdmin: false, adminOfOrganizations: new Set(), memberOfBodies: new Set() },
});

describe('ViewerCache', () => {
  it('answers until its time to live runs out', () => {
    const cache = new ViewerCache(5_000, 10_000, () => 0);
    cache.set('token', 'p1', entry('ana'), 1_000);
    expect(cache.get('token', 'p1', 5_999)?.viewer?.personId).toBe('ana');
    expect(cache.get('token', 'p1', 6_000)).toBeUndefined();
    expect(cache.get('token', 'p2', 2_000)).toBeUndefined();
  });

  it('spreads its entries’ lives over the second half of the time to live, never beyond it', () => {
    const draws = [0.999, 0.5, 0];
    const cache = new ViewerCache(5_000, 10_000, () => draws.shift()!);
    for (const token of ['early', 'middle', 'late']) cache.set(token, 'p1', entry(token), 0);
    const validAt = (nowMs: number) => ['early', 'middle', 'late'].filter((token) => cache.get(token, 'p1', nowMs));
    expect(validAt(2_500)).toEqual(['early', 'middle', 'late']);
    expect(validAt(2_503)).toEqual(['middle', 'late']);
    expect(validAt(3_749)).toEqual(['middle', 'late']);
    expect(validAt(3_750)).toEqual(['late']);
    expect(validAt(4_999)).toEqual(['late']);
    expect(validAt(5_000)).toEqual([]);
  });

  it('never outlives the session it holds', () => {
    const cache = new ViewerCache(5_000, 10_000, () => 0);
    cache.set('token', 'p1', entry('ana', new Date(2_000)), 1_000);
    expect(cache.get('token', 'p1', 1_999)).toBeDefined();
    expect(cache.get('token', 'p1', 2_000)).toBeUndefined();
  });

  it('forgets every partnership of a session that ends', () => {
    const cache = new ViewerCache();
    cache.set('token', 'p1', entry('ana'), 0);
    cache.set('token', undefined, entry('ana'), 0);
    cache.set('other', 'p1', entry('ben'), 0);
    cache.revoke({ kind: 'sessions-ended', sessionDigests: ['token'] });
    expect(cache.get('token', 'p1', 1)).toBeUndefined();
    expect(cache.get('token', undefined, 1)).toBeUndefined();
    expect(cache.get('other', 'p1', 1)).toBeDefined();
  });

  it('forgets the people whose rights an act changed, in that partnership only', () => {
    const cache = new ViewerCache();
    cache.set('ana-token', 'p1', entry('ana'), 0);
    cache.set('ben-token', 'p1', entry('ben'), 0);
    cache.set('ana-token', 'p2', entry('ana'), 0);
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds: peopleWhoseRightsChanged([{ kind: 'membership.created', payload: { personId: 'ana' } }]) });
    expect(cache.get('ana-token', 'p1', 1)).toBeUndefined();
    expect(cache.get('ben-token', 'p1', 1)).toBeDefined();
    expect(cache.get('ana-token', 'p2', 1)).toBeDefined();
  });

  it('keeps entries after acts that change nobody’s rights', () => {
    const cache = new ViewerCache();
    cache.set('ana-token', 'p1', entry('ana'), 0);
    const personIds = peopleWhoseRightsChanged([{ kind: 'organization.updated', payload: { organizationId: 'o', personId: 'ana' } }]);
    expect(personIds).toEqual([]);
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds });
    expect(cache.get('ana-token', 'p1', 1)).toBeDefined();
    // The same act naming her as a member would have dropped her entry.
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds: peopleWhoseRightsChanged([{ kind: 'membership.created', payload: { personId: 'ana' } }]) });
    expect(cache.get('ana-token', 'p1', 1)).toBeUndefined();
  });

  it('counts a change of a role’s holders as a change of their rights, the one leaving and the one arriving', () => {
    const replaced: JournalEvent[] = [
      { kind: 'role.unassigned', payload: { assignmentId: 'a1', roleId: 'r', personId: 'ana', endsOn: '2026-03-10', replacedBy: 'a2' } },
      { kind: 'role.assigned', payload: { assignmentId: 'a2', roleId: 'r', personId: 'ben', startsOn: '2026-03-10', endsOn: null } },
    ];
    expect(peopleWhoseRightsChanged(replaced)).toEqual(['ana', 'ben']);
  });

  it('drops the oldest entry when full', () => {
    const cache = new ViewerCache(5_000, 2);
    cache.set('a', 'p', entry('a'), 0);
    cache.set('b', 'p', entry('b'), 0);
    cache.set('c', 'p', entry('c'), 0);
    expect(cache.get('a', 'p', 1)).toBeUndefined();
    expect(cache.get('b', 'p', 1)).toBeDefined();
    expect(cache.get('c', 'p', 1)).toBeDefined();
  });
});
