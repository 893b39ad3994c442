import { describe, expect, it } from 'vitest';
import { serveConfig } from '../../src/cli/serve.js';
import { readEnvironment } from '../../src/config.js';

/**
 * The demo's door opens only when `entente serve` runs the demo outside production: what `serve`
 * hands buildApp, from its option and the environment (the routes themselves: test/api/demo-door.test.ts).
 */
const doorOf = (env: NodeJS.ProcessEnv, options: { demo: boolean }) => serveConfig(readEnvironment(env), options).demoDoor;

describe('the demo’s door, as `serve` configures it', () => {
  it('is open for `serve`, which runs the demo', () => expect(doorOf({}, { demo: true })).toBe(true));
  it('is shut by `--no-demo`', () => expect(doorOf({}, { demo: false })).toBe(false));
  it('is shut in production (NODE_ENV=production), demo or not', () => {
    expect(doorOf({ NODE_ENV: 'production' }, { demo: true })).toBe(false);
    expect(doorOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://entente.example.org' }, { demo: true })).toBe(false);
  });
  it('stays open on a demo served over https: a public demo is, and its visitors are whom the door is for', () => {
    expect(doorOf({ NODE_ENV: 'development', PUBLIC_URL: 'https://demo.entente.example' }, { demo: true })).toBe(true);
  });
});
