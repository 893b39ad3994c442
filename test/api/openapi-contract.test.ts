import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // Every route there is, the demo's door's too (off unless asked for).
  t = await startTestApp({ demoDoor: true });
});
afterAll(() => t.close());

interface Operation {
  readonly responses?: Record<string, { readonly content?: Record<string, { readonly schema?: unknown }> }>;
}

describe('the OpenAPI document', () => {
  it('says what every operation answers when it succeeds: a 2xx with its schema, or a 204', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));
    const silent = operations
      .filter(({ operation }) => {
        const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        return successes.length === 0 || successes.some(([status, response]) => status !== '204' && !Object.values(response.content ?? {}).some((media) => media.schema !== undefined));
      })
      .map(({ name }) => name);
    expect(operations.length).toBeGreaterThan(90);
    expect(operations.map(({ name }) => name)).toContain('POST /api/v1/auth/demo-door/enter');
    expect(silent).toEqual([]);
  });
});
