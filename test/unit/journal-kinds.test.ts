import { describe, expect, it } from 'vitest';
import { JOURNAL_KINDS } from '../../src/journal/contract.js';
import en from '../../src/web/locales/en.json' with { type: 'json' };
import fr from '../../src/web/locales/fr.json' with { type: 'json' };

type Catalogue = { [key: string]: string | Catalogue };

/** The journal page's words for a kind: `journalKind.<capability>.<act>`, as i18next reads the key. */
function labelOf(catalogue: Catalogue, kind: string): string | undefined {
  const found = `journalKind.${kind}`.split('.').reduce<string | Catalogue | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), catalogue);
  return typeof found === 'string' ? found : undefined;
}

describe('the journal’s kinds of act', () => {
  // Every event an act writes is typed by JOURNAL_KINDS (journal/journal-store.ts), so this list is the server's.
  it('are listed once each', () => {
    expect(JOURNAL_KINDS.length).toBeGreaterThan(50);
    expect(new Set(JOURNAL_KINDS).size).toBe(JOURNAL_KINDS.length);
  });

  it.each([
    ['French', fr],
    ['English', en],
  ])('each have plain words in %s', (_language, catalogue) => {
    const unlabelled = JOURNAL_KINDS.filter((kind) => {
      const label = labelOf(catalogue as Catalogue, kind);
      return label === undefined || label.trim() === '' || /[._]/.test(label);
    });
    expect(unlabelled).toEqual([]);
  });

  it('read differently in each language', () => {
    const same = JOURNAL_KINDS.filter((kind) => labelOf(fr as Catalogue, kind) === labelOf(en as Catalogue, kind));
    expect(same).toEqual([]);
  });
});
