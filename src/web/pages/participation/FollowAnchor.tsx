import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** How long a page may take to show the form an address points to. */
const WAIT_FOR_TARGET_MS = 10_000;
/** Pages move focus to their heading as they appear (PageTitle); the form is reached after that. */
const AFTER_PAGE_FOCUS_MS = 50;

/**
 * A link to a form (`…/propositions/…#prendre-position`, from the list of things to do or from a
 * mail) lands on it: the page loads its data first, so the form appears after the address changed,
 * which the browser does not follow by itself. The form is scrolled to and takes focus, so a
 * screen reader starts there too.
 */
export function FollowAnchor() {
  const { hash, pathname } = useLocation();
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (id === '') return;
    let landing: number | undefined;
    const land = () => {
      const target = document.getElementById(id);
      if (!target) return false;
      landing = window.setTimeout(() => {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: 'start' });
      }, AFTER_PAGE_FOCUS_MS);
      return true;
    };
    if (land()) return () => window.clearTimeout(landing);
    const observer = new MutationObserver(() => {
      if (land()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const giveUp = window.setTimeout(() => observer.disconnect(), WAIT_FOR_TARGET_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(giveUp);
      window.clearTimeout(landing);
    };
  }, [hash, pathname]);
  return null;
}
