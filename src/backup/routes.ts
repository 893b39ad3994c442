import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { downloadBackup } from './backup.js';
import { backupAnswer } from './contract.js';
import { inPartnership } from '../server/params.js';

export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/backup',
    { schema: { tags: ['journal'], summary: 'The whole partnership as one file, to keep or restore with `entente backup restore`: administrators only', params: inPartnership, response: { 200: backupAnswer } } },
    async (request, reply) => {
      const backup = await downloadBackup(request.act);
      const day = backup.exportedAt.slice(0, 10);
      return reply.header('content-disposition', `attachment; filename="sauvegarde-entente-${day}.json"`).header('cache-control', 'no-store').send(backup);
    },
  );
};
