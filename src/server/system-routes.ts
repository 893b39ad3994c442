import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', { schema: { tags: ['system'], summary: 'Liveness and database kind', security: [] } }, async () => {
    await sql`select 1`.execute(app.store.db);
    return { status: 'ok', database: app.store.kind };
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
