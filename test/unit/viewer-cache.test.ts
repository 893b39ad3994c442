import { describe, expect, it } from 'vitest';
import { peopleWhoseRightsChanged, ViewerCache } from '../../src/server/viewer-cache.js';
import type { JournalEvent } from '../../src/journal/journal-store.js';
import type { SessionAndViewer } from '../../src/accounts/viewer.js';

const entry = (personId: string, expiresAt = new Date(10_000_000)): SessionAndViewer => ({
  session: { accountId: `account-${personId}`, email: `${personId}@example.org`, locale: null, csrfToken: 'csrf', expiresAt, partnershipScope: null },
  viewer: { personId, isPartnershipAdmin: false, adminOfOrganizations: new Set(), memberOfBodies: new Set() },
});

/** The app's logger, where no reading fails. */
const silent = { warn: () => undefined };

/** A stand-in for the database's reading: counts the readings and answers when told to. */
function reader(value: (call: number) => SessionAndViewer | undefined) {
  const pending: (() => void)[] = [];
  let calls = 0;
  const read = () => {
    const call = ++calls;
    return new Promise<SessionAndViewer | undefined>((resolve) => pending.push(() => resolve(value(call))));
  };
  return {
    read,
    get calls() {
      return calls;
    },
    /** Lets every reading started so far answer, and the cache keep what they read. */
    async answer() {
      for (const resolve of pending.splice(0)) resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Looks up a session whose reading answers at once. */
async function lookUp(cache: ViewerCache, token: string, partnershipId: string | undefined, nowMs: number, value = entry(token)) {
  return cache.lookup(token, partnershipId, nowMs, async () => value);
}

describe('ViewerCache', () => {
  it('answers from what it read until its time to live runs out, then reads again', async () => {
    const cache = new ViewerCache(silent, 5_000, 10_000, () => 0.999);
    const ana = reader(() => entry('ana'));
    const first = cache.lookup('token', 'p1', 1_000, ana.read);
    await ana.answer();
    expect((await first)?.viewer?.personId).toBe('ana');
    expect((await cache.lookup('token', 'p1', 3_000, ana.read))?.viewer?.personId).toBe('ana');
    expect(ana.calls).toBe(1);
    const expired = cache.lookup('token', 'p1', 6_000, ana.read);
    expect(ana.calls).toBe(2);
    await ana.answer();
    expect((await expired)?.viewer?.personId).toBe('ana');
    expect(await lookUp(cache, 'token', 'p2', 2_000, entry('ben'))).toMatchObject({ viewer: { personId: 'ben' } });
  });

  it('reads a session once for every request that finds nothing meanwhile', async () => {
    const cache = new ViewerCache(silent, 5_000);
    const ana = reader(() => entry('ana'));
    const lookups = [0, 1, 2].map((ms) => cache.lookup('token', 'p1', ms, ana.read));
    expect(ana.calls).toBe(1);
    await ana.answer();
    for (const found of await Promise.all(lookups)) expect(found?.viewer?.personId).toBe('ana');
  });

  it('reads an entry again in the background from a random moment of its life’s second half, answering with it meanwhile', async () => {
    const cache = new ViewerCache(silent, 5_000, 10_000, () => 0.5);
    const rights = reader((call) => entry(call === 1 ? 'ana' : 'ana-again'));
    const first = cache.lookup('token', 'p1', 0, rights.read);
    await rights.answer();
    await first;
    expect((await cache.lookup('token', 'p1', 3_749, rights.read))?.viewer?.personId).toBe('ana');
    expect(rights.calls).toBe(1);
    // Due at 3,750 ms: answered at once with the entry, read again once however many ask.
    expect((await cache.lookup('token', 'p1', 3_750, rights.read))?.viewer?.personId).toBe('ana');
    expect((await cache.lookup('token', 'p1', 3_800, rights.read))?.viewer?.personId).toBe('ana');
    expect(rights.calls).toBe(2);
    await rights.answer();
    // What the background reading found lives from when it began (3,750 ms), five seconds at most.
    expect((await cache.lookup('token', 'p1', 8_749, rights.read))?.viewer?.personId).toBe('ana-again');
    expect(rights.calls).toBe(3);
  });

  it('spreads its entries’ readings over the second half of their life', async () => {
    const draws = [0.998, 0.5, 0];
    const cache = new ViewerCache(silent, 5_000, 10_000, () => draws.shift()!);
    for (const token of ['late', 'middle', 'early']) await lookUp(cache, token, 'p1', 0);
    const readAgain: string[] = [];
    const dueAt = async (nowMs: number) => {
      for (const token of ['late', 'middle', 'early']) {
        // A reading that never answers: each token is read again once, whatever comes after.
        await cache.lookup(token, 'p1', nowMs, () => {
          readAgain.push(token);
          return new Promise<undefined>(() => undefined);
        });
      }
      return readAgain.splice(0);
    };
    expect(await dueAt(2_499)).toEqual([]);
    expect(await dueAt(2_500)).toEqual(['early']);
    expect(await dueAt(3_750)).toEqual(['middle']);
    expect(await dueAt(4_995)).toEqual(['late']);
  });

  it('warns once through the app’s logger when a background reading fails, tries again a second later, and answers with the entry meanwhile', async () => {
    const warnings: { details: object; message: string }[] = [];
    const cache = new ViewerCache({ warn: (details, message) => warnings.push({ details, message }) }, 5_000, 10_000, () => 0);
    await lookUp(cache, 'token', 'p1', 0, entry('ana'));
    const failure = new Error('connection terminated');
    expect((await cache.lookup('token', 'p1', 2_500, () => Promise.reject(failure)))?.viewer?.personId).toBe('ana');
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.details).toMatchObject({ err: failure, partnershipId: 'p1' });
    expect(warnings[0]?.message).toMatch(/background/);
    // The entry still answers; the requests of the next second do not read it again, nor warn.
    for (const nowMs of [2_501, 3_000, 3_499]) {
      expect((await cache.lookup('token', 'p1', nowMs, () => Promise.reject(failure)))?.viewer?.personId).toBe('ana');
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(warnings).toHaveLength(1);
    // A second later, the next request reads it again.
    expect((await lookUp(cache, 'token', 'p1', 3_500, entry('ana-again')))?.viewer?.personId).toBe('ana');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await lookUp(cache, 'token', 'p1', 3_501, entry('other')))?.viewer?.personId).toBe('ana-again');
    expect(warnings).toHaveLength(1);
  });

  it('drops an entry whose session the database no longer finds', async () => {
    const cache = new ViewerCache(silent, 5_000, 10_000, () => 0);
    await lookUp(cache, 'token', 'p1', 0);
    await cache.lookup('token', 'p1', 2_500, async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.lookup('token', 'p1', 2_501, async () => undefined)).toBeUndefined();
  });

  it('does not keep a reading overtaken by a revocation of its person’s rights', async () => {
    const cache = new ViewerCache(silent, 5_000);
    const ana = reader(() => entry('ana'));
    const found = cache.lookup('token', 'p1', 0, ana.read);
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds: ['ana'] });
    await ana.answer();
    expect((await found)?.viewer?.personId).toBe('ana');
    expect((await lookUp(cache, 'token', 'p1', 1, entry('ana-after')))?.viewer?.personId).toBe('ana-after');
  });

  it('keeps a reading that revocations concerning others overtook', async () => {
    const cache = new ViewerCache(silent, 5_000);
    const ana = reader(() => entry('ana'));
    const found = cache.lookup('token', 'p1', 0, ana.read);
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds: ['ben'] });
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p2', personIds: ['ana'] });
    cache.revoke({ kind: 'sessions-ended', sessionDigests: ['other-token'] });
    await ana.answer();
    await found;
    expect((await lookUp(cache, 'token', 'p1', 1, entry('ana-after')))?.viewer?.personId).toBe('ana');
  });

  it('does not keep the reading of a session that ended or changed meanwhile', async () => {
    const cache = new ViewerCache(silent, 5_000);
    const ana = reader(() => entry('ana'));
    const found = cache.lookup('token', 'p1', 0, ana.read);
    cache.forgetSession('token');
    await ana.answer();
    expect((await found)?.viewer?.personId).toBe('ana');
    expect((await lookUp(cache, 'token', 'p1', 1, entry('ana-after')))?.viewer?.personId).toBe('ana-after');
  });

  it('never outlives the session it holds', async () => {
    const cache = new ViewerCache(silent, 5_000, 10_000, () => 0.999);
    await lookUp(cache, 'token', 'p1', 1_000, entry('ana', new Date(2_000)));
    expect(await lookUp(cache, 'token', 'p1', 1_999, entry('other'))).toMatchObject({ viewer: { personId: 'ana' } });
    expect(await lookUp(cache, 'token', 'p1', 2_000, entry('other'))).toMatchObject({ viewer: { personId: 'other' } });
  });

  it('forgets every partnership of a session that ends', async () => {
    const cache = new ViewerCache(silent);
    await lookUp(cache, 'token', 'p1', 0, entry('ana'));
    await lookUp(cache, 'token', undefined, 0, entry('ana'));
    await lookUp(cache, 'other', 'p1', 0, entry('ben'));
    cache.revoke({ kind: 'sessions-ended', sessionDigests: ['token'] });
    expect(await lookUp(cache, 'token', 'p1', 1, entry('new'))).toMatchObject({ viewer: { personId: 'new' } });
    expect(await lookUp(cache, 'token', undefined, 1, entry('new'))).toMatchObject({ viewer: { personId: 'new' } });
    expect(await lookUp(cache, 'other', 'p1', 1, entry('new'))).toMatchObject({ viewer: { personId: 'ben' } });
  });

  it('forgets the people whose rights an act changed, in that partnership only', async () => {
    const cache = new ViewerCache(silent);
    await lookUp(cache, 'ana-token', 'p1', 0, entry('ana'));
    await lookUp(cache, 'ben-token', 'p1', 0, entry('ben'));
    await lookUp(cache, 'ana-token', 'p2', 0, entry('ana'));
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds: peopleWhoseRightsChanged([{ kind: 'membership.created', payload: { personId: 'ana' } }]) });
    expect(await lookUp(cache, 'ana-token', 'p1', 1, entry('new'))).toMatchObject({ viewer: { personId: 'new' } });
    expect(await lookUp(cache, 'ben-token', 'p1', 1, entry('new'))).toMatchObject({ viewer: { personId: 'ben' } });
    expect(await lookUp(cache, 'ana-token', 'p2', 1, entry('new'))).toMatchObject({ viewer: { personId: 'ana' } });
  });

  it('keeps entries after acts that change nobody’s rights', async () => {
    const cache = new ViewerCache(silent);
    await lookUp(cache, 'ana-token', 'p1', 0, entry('ana'));
    const personIds = peopleWhoseRightsChanged([{ kind: 'organization.updated', payload: { organizationId: 'o', personId: 'ana' } }]);
    expect(personIds).toEqual([]);
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds });
    expect(await lookUp(cache, 'ana-token', 'p1', 1, entry('new'))).toMatchObject({ viewer: { personId: 'ana' } });
    // The same act naming her as a member would have dropped her entry.
    cache.revoke({ kind: 'rights-changed', partnershipId: 'p1', personIds: peopleWhoseRightsChanged([{ kind: 'membership.created', payload: { personId: 'ana' } }]) });
    expect(await lookUp(cache, 'ana-token', 'p1', 1, entry('new'))).toMatchObject({ viewer: { personId: 'new' } });
  });

  it('counts a change of a role’s holders as a change of their rights, the one leaving and the one arriving', () => {
    const replaced: JournalEvent[] = [
      { kind: 'role.unassigned', payload: { assignmentId: 'a1', roleId: 'r', personId: 'ana', endsOn: '2026-03-10', replacedBy: 'a2' } },
      { kind: 'role.assigned', payload: { assignmentId: 'a2', roleId: 'r', personId: 'ben', startsOn: '2026-03-10', endsOn: null } },
    ];
    expect(peopleWhoseRightsChanged(replaced)).toEqual(['ana', 'ben']);
  });

  it('drops the oldest entry when full', async () => {
    const cache = new ViewerCache(silent, 5_000, 2);
    for (const token of ['a', 'b', 'c']) await lookUp(cache, token, 'p', 0);
    expect(await lookUp(cache, 'a', 'p', 1, entry('new'))).toMatchObject({ viewer: { personId: 'new' } });
    expect(await lookUp(cache, 'c', 'p', 1, entry('new'))).toMatchObject({ viewer: { personId: 'c' } });
  });
});
