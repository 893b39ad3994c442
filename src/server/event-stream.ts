import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../common/errors.js';
import { digest } from '../accounts/secrets.js';
import { findSessionAndViewer } from '../accounts/viewer.js';
import type { Revocation } from './live-events.js';

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for a page open on a proposal, an election or a meeting: one message each time an act
 * changes it. Streams stay open until the page leaves, their session ends (sign-out, on any
 * instance, or expiry, seen at the next heartbeat) or their person may no longer read the
 * partnership (erased, say); closing the server ends them first (preClose), since the server
 * waits for open requests before its onClose hooks run.
 */
export function eventStreams(app: FastifyInstance) {
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const stop of openStreams) stop();
  });
  /**
   * Streams the changes of a proposal, election or meeting of the request's partnership; 404 for
   * any other. `checked`: the route itself found the subject within the viewer's reach (a
   * questionnaire, through the space it belongs to).
   */
  return async (request: FastifyRequest, reply: FastifyReply, table: 'proposal' | 'election' | 'meeting' | 'checked', id: string) => {
    const subject =
      table === 'checked' ? { id } : await app.store.db.selectFrom(table).select('id').where('id', '=', id).where('partnership_id', '=', request.act.partnershipId).executeTakeFirst();
    if (!subject) throw notFound();
    reply.hijack();
    // The page may have left while the subject was looked up.
    if (request.raw.destroyed || reply.raw.destroyed) return;
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    const unsubscribe = app.live.subscribe(subject.id, (change) => reply.raw.write(`event: changed\ndata: ${JSON.stringify({ kind: change.kind })}\n\n`));
    reply.raw.write(': connected\n\n');
    const { partnershipId, viewer } = request.act;
    const token = request.sessionToken!;
    const sessionDigest = digest(token);
    const stopUnlessStillReader = async () => {
      const found = await findSessionAndViewer(app.store.db, token, partnershipId, app.now());
      if (found?.viewer?.personId !== viewer.personId) stop();
    };
    const onRevocation = (revocation: Revocation) => {
      if (revocation.kind === 'sessions-ended') {
        if (revocation.sessionDigests.includes(sessionDigest)) stop();
      } else if (revocation.partnershipId === partnershipId && revocation.personIds.includes(viewer.personId)) {
        stopUnlessStillReader().catch((error: unknown) => request.log.warn({ err: error }, 'live stream: rights not checked'));
      }
    };
    const unsubscribeRevocations = app.live.onRevocation(onRevocation);
    // A comment now and then keeps proxies from closing an idle stream; the session is checked then too.
    const heartbeat = setInterval(() => {
      reply.raw.write(': \n\n');
      stopUnlessStillReader().catch((error: unknown) => request.log.warn({ err: error }, 'live stream: session not checked'));
    }, HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeRevocations();
    };
    const stop = () => {
      end();
      reply.raw.end();
    };
    openStreams.add(stop);
    reply.raw.on('close', () => {
      openStreams.delete(stop);
      end();
    });
  };
}
