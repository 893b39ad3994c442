import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../common/errors.js';
import { translator } from '../i18n/server-messages.js';
import type { ActContext } from '../common/act.js';
import { isUuid } from './ids.js';
import { charterRoutes } from '../charters/routes.js';
import { datePollRoutes } from '../date-polls/routes.js';
import { decisionRoutes } from '../decisions/routes.js';
import { discussionRoutes } from '../discussions/routes.js';
import { tensionRoutes } from '../tensions/routes.js';
import { electionRoutes } from '../elections/routes.js';
import { meetingRoutes } from '../meetings/routes.js';
import { partnershipOverviewRoutes } from '../partnerships/routes.js';
import { organizationRoutes } from '../organizations/routes.js';
import { peopleRoutes } from '../people/routes.js';
import { personalDataRoutes } from '../personal-data/routes.js';
import { bodyRoutes } from '../bodies/routes.js';
import { roleRoutes } from '../roles/routes.js';
import { delegationRoutes } from '../delegations/routes.js';
import { journalRoutes } from '../journal/routes.js';
import { backupRoutes } from '../backup/routes.js';
import { outboxRoutes } from '../mail/routes.js';
import { participationRoutes } from '../participation/routes.js';
import { projectConductRoutes } from '../projects/conduct/routes.js';
import { projectRoutes } from '../projects/routes.js';
import { projectSheetRoutes } from '../projects/sheet/routes.js';
import { actionPlanRoutes } from '../action-plans/routes.js';
import { deliverableRoutes } from '../deliverables/routes.js';
import { budgetRoutes } from '../budgets/routes.js';
import { pooledMeanRoutes } from '../pooled-means/routes.js';
import { settlementRoutes } from '../budgets/settlement/routes.js';
import { budgetReportRoutes } from '../budgets/report/routes.js';
import { fundRoutes } from '../fund/routes.js';
import { disputeEndingRoutes } from '../disputes/ending/routes.js';
import { circleRoutes } from '../circles/routes.js';
import { accompanimentRoutes } from '../accompaniments/routes.js';
import { questionnaireResultRoutes } from '../questionnaires/results/routes.js';
import { cooperationMapRoutes } from '../cooperation-map/routes.js';
import { questionnaireRoutes } from '../questionnaires/routes.js';
import { resourceRoutes } from '../resources/routes.js';
import { accompanimentReportRoutes } from '../accompaniments/report/routes.js';
import { harvestRoutes } from '../harvest/routes.js';
import { disputeRoutes } from '../disputes/routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    act: ActContext;
  }
  interface FastifyContextConfig {
    /** The route admits outsiders (`Viewer.outsider`); it checks itself what names them. */
    outsiders?: boolean;
  }
}

/**
 * The routes under /partnerships. Every route with a partnership id is inside one partnership: an
 * outsider, like a malformed id, gets the same 404 as a partnership that does not exist, so
 * nothing tells them what is there.
 */
export const partnershipRoutes: FastifyPluginAsyncZod = async (app) => {
  app.decorateRequest('act', undefined as unknown as ActContext);

  app.addHook('preValidation', async (request: FastifyRequest<{ Params: { partnershipId?: string } }>, reply) => {
    const partnershipId = request.params.partnershipId;
    if (partnershipId === undefined) return;
    if (!request.session) {
      return reply.status(401).send({ error: 'unauthenticated', message: translator(request.locale)('error.signInRequired') });
    }
    const viewer = request.viewer;
    if (!viewer) throw notFound();
    // An outsider reaches only what was opened to them: everywhere else they are a stranger.
    if (viewer.outsider === true && request.routeOptions.config.outsiders !== true) throw notFound();
    for (const [key, value] of Object.entries(request.params as Record<string, string>)) {
      if (key !== 'partnershipId' && !isUuid(value)) throw notFound();
    }
    request.act = {
      db: app.store.db,
      partnershipId,
      viewer,
      now: app.now(),
      afterCommit: app.afterCommit,
    };
  });

  await app.register(partnershipOverviewRoutes);
  await app.register(organizationRoutes);
  await app.register(peopleRoutes);
  await app.register(personalDataRoutes);
  await app.register(bodyRoutes);
  await app.register(roleRoutes);
  await app.register(delegationRoutes);
  await app.register(journalRoutes);
  await app.register(backupRoutes);
  await app.register(outboxRoutes);
  await app.register(charterRoutes);
  await app.register(decisionRoutes);
  await app.register(discussionRoutes);
  await app.register(electionRoutes);
  await app.register(meetingRoutes);
  await app.register(datePollRoutes);
  await app.register(participationRoutes);
  await app.register(projectConductRoutes);
  await app.register(projectRoutes);
  await app.register(projectSheetRoutes);
  await app.register(actionPlanRoutes);
  await app.register(budgetRoutes);
  await app.register(pooledMeanRoutes);
  await app.register(settlementRoutes);
  await app.register(budgetReportRoutes);
  await app.register(fundRoutes);
  await app.register(disputeEndingRoutes);
  await app.register(deliverableRoutes);
  await app.register(tensionRoutes);
  await app.register(circleRoutes);
  await app.register(accompanimentRoutes);
  await app.register(questionnaireResultRoutes);
  await app.register(cooperationMapRoutes);
  await app.register(questionnaireRoutes);
  await app.register(resourceRoutes);
  await app.register(accompanimentReportRoutes);
  await app.register(harvestRoutes);
  await app.register(disputeRoutes);
};
