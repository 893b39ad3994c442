import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('system routes', () => {
  it('reports health with the database kind under test', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: process.env['ENTENTE_TEST_DB'] });
  });

  it('publishes an OpenAPI 3 document with the routes and their zod-derived schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    const seatRoute = document.paths['/api/v1/partnerships/{partnershipId}/bodies/{bodyId}/members'];
    expect(seatRoute.post.requestBody.content['application/json'].schema.properties.capacity.enum).toEqual(['delegate', 'referent', 'member']);
    expect(Object.keys(document.paths)).toContain('/api/v1/auth/sign-in');
  });
});
