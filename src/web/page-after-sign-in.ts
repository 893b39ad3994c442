/**
 * The page a mailed link asks to open once signed in (`?vers=/p/…`). Only a path of this site:
 * a link must never send someone, signed in, to another one.
 */
export function pageAfterSignIn(search: string): string {
  const path = new URLSearchParams(search).get('vers');
  return path !== null && /^\/(?![/\\])/.test(path) ? path : '/';
}
