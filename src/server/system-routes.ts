import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';

const healthAnswer = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', { schema: { tags: ['system'], summary: 'Liveness and database kind', security: [], response: { 200: healthAnswer } } }, async () => {
    await sql`select 1`.execute(app.store.db);
    return { status: 'ok' as const, database: app.store.kind };
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
