import type { FastifyInstance } from 'fastify';
import type { AfterCommit } from '../common/act.js';
import { peopleWhoseRightsChanged } from './viewer-cache.js';

/**
 * What follows every commit of the app, in one place: queued mail is sent now rather than at the
 * next retry; the people whose rights changed lose their cached rights here and, through the live
 * channel with the next batch of notices, on every other instance; pages listening learn of the
 * change. A lost notice only delays a page's refresh, or leaves another instance's rights stale
 * for their 5 s at most.
 * Only ended sessions are waited for: a sign-out answers once every instance will refuse them.
 */
export function afterCommitOf(app: Pick<FastifyInstance, 'mailer' | 'live' | 'viewers'>): AfterCommit {
  return async ({ partnershipId, events, mailQueued, sessions }) => {
    if (mailQueued) void app.mailer.flush(partnershipId);
    for (const tokenDigest of sessions?.changed ?? []) app.viewers.forgetSession(tokenDigest);
    if (partnershipId !== null && events.length > 0) {
      const personIds = peopleWhoseRightsChanged(events);
      if (personIds.length > 0) app.live.rightsChanged(partnershipId, personIds);
      app.live.publish(partnershipId, events);
    }
    if (sessions?.ended?.length) await app.live.sessionsEnded(sessions.ended);
  };
}
