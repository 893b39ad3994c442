import { diffWordsWithSpace } from 'diff';
import type { Article, CharterContent, CharterRules } from './types.js';

/** A run of text that both versions share, or that one of them alone has. */
export interface TextChange {
  readonly value: string;
  readonly added: boolean;
  readonly removed: boolean;
}

export const ARTICLE_CHANGES = ['added', 'removed', 'changed', 'moved', 'unchanged'] as const;

export interface ArticleDiff {
  readonly key: string;
  readonly status: (typeof ARTICLE_CHANGES)[number];
  /** 1-based article numbers, as readers number them. */
  readonly numberBefore: number | null;
  readonly numberAfter: number | null;
  readonly kindBefore: Article['kind'] | null;
  readonly kindAfter: Article['kind'] | null;
  readonly title: TextChange[];
  readonly body: TextChange[];
}

export interface CharterDiff {
  readonly title: TextChange[];
  readonly articles: ArticleDiff[];
  /** The rule groups that differ; each side is shown whole by the reader's own rule view. */
  readonly changedRules: (keyof CharterRules)[];
}

/** Past this, two long texts that share little are shown as one replaced by the other, rather than blocking the server. */
const DIFF_TIMEOUT_MS = 300;

function textDiff(before: string, after: string): TextChange[] {
  const parts = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (parts === undefined) {
    return [
      ...(before === '' ? [] : [{ value: before, added: false, removed: true }]),
      ...(after === '' ? [] : [{ value: after, added: true, removed: false }]),
    ];
  }
  return parts.map((part) => ({ value: part.value, added: part.added, removed: part.removed }));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The differences between two versions, article by article (articles keep their key across
 * versions, so a moved or renamed article is recognised) and word by word inside each.
 * Articles are listed in the newer version's order, removed ones where they used to be.
 */
export function diffCharters(before: CharterContent, after: CharterContent): CharterDiff {
  const beforeIndex = new Map(before.articles.map((article, index) => [article.key, index]));
  const afterKeys = new Set(after.articles.map((article) => article.key));
  const articles: ArticleDiff[] = [];
  const pushRemovedUpTo = (limit: number) => {
    before.articles.forEach((article, index) => {
      if (index > limit || afterKeys.has(article.key) || articles.some((diff) => diff.key === article.key)) return;
      articles.push({
        key: article.key,
        status: 'removed',
        numberBefore: index + 1,
        numberAfter: null,
        kindBefore: article.kind,
        kindAfter: null,
        title: textDiff(article.title, ''),
        body: textDiff(article.body, ''),
      });
    });
  };
  after.articles.forEach((article, index) => {
    const previousIndex = beforeIndex.get(article.key);
    if (previousIndex === undefined) {
      articles.push({
        key: article.key,
        status: 'added',
        numberBefore: null,
        numberAfter: index + 1,
        kindBefore: null,
        kindAfter: article.kind,
        title: textDiff('', article.title),
        body: textDiff('', article.body),
      });
      return;
    }
    pushRemovedUpTo(previousIndex);
    const previous = before.articles[previousIndex]!;
    const changed = previous.title !== article.title || previous.body !== article.body || previous.kind !== article.kind;
    const moved = previousIndex !== index;
    articles.push({
      key: article.key,
      status: changed ? 'changed' : moved ? 'moved' : 'unchanged',
      numberBefore: previousIndex + 1,
      numberAfter: index + 1,
      kindBefore: previous.kind,
      kindAfter: article.kind,
      title: textDiff(previous.title, article.title),
      body: textDiff(previous.body, article.body),
    });
  });
  pushRemovedUpTo(before.articles.length);
  // Both sides' groups: an optional group (projects) may be said by one version only.
  const groups = [...new Set([...Object.keys(after.rules), ...Object.keys(before.rules)])] as (keyof CharterRules)[];
  const changedRules = groups.filter((group) => !sameJson(before.rules[group], after.rules[group]));
  return { title: textDiff(before.title, after.title), articles, changedRules };
}
