import { describe, expect, it } from 'vitest';
import { pageAfterSignIn } from '../../src/web/page-after-sign-in.js';

describe('the page a mailed link opens once signed in', () => {
  it('is the path it names', () => {
    expect(pageAfterSignIn('?vers=%2Fp%2Fabc%2Fpersonnes%2Fdef')).toBe('/p/abc/personnes/def');
  });

  it('is the home page for anything that would leave the site, or nothing at all', () => {
    for (const search of ['', '?vers=', '?vers=https%3A%2F%2Fevil.example', '?vers=%2F%2Fevil.example', '?vers=%2F%5Cevil.example', '?vers=javascript%3Aalert(1)', '?vers=p%2Fabc']) {
      expect(pageAfterSignIn(search), search).toBe('/');
    }
  });
});
