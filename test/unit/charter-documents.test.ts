import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charterContentHash } from '../../src/charters/rules/content.js';
import { diffCharters } from '../../src/charters/rules/diff.js';
import { charterDocumentSchema, exportCharterDocument } from '../../src/charters/rules/exchange.js';
import { renderMarkdown } from '../../src/charters/rules/markdown.js';
import { charterFromTemplate } from '../../src/charters/rules/templates.js';
import {
  ARTICLE_KINDS,
  CHARTER_KINDS,
  DECISION_LEVELS,
  DECISION_METHODS,
  LICENCES,
  PARTICIPATION_LEVELS,
  REVISION_REQUESTERS,
  SILENCE_RULES,
  type CharterContent,
} from '../../src/charters/rules/types.js';

const content = (): CharterContent => charterFromTemplate('cooperation', { locale: 'fr', bodies: [], newId: randomUUID });

describe('charterContentHash', () => {
  it('is the SHA-256 of the canonical content, whatever the order of keys', () => {
    const original = content();
    const reordered = JSON.parse(JSON.stringify({ rules: original.rules, articles: original.articles, title: original.title })) as CharterContent;
    expect(charterContentHash(reordered)).toBe(charterContentHash(original));
    expect(charterContentHash(original)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with a word, with the order of articles and with a rule', () => {
    const original = content();
    const hash = charterContentHash(original);
    const [first, second, ...rest] = original.articles;
    expect(charterContentHash({ ...original, articles: [{ ...first!, body: `${first!.body}.` }, second!, ...rest] })).not.toBe(hash);
    expect(charterContentHash({ ...original, articles: [second!, first!, ...rest] })).not.toBe(hash);
    expect(charterContentHash({ ...original, rules: { ...original.rules, confidentialData: ['Adresses'] } })).not.toBe(hash);
  });
});

describe('diffCharters', () => {
  it('shows a change of what silence counts as among the changed rules', () => {
    const before = content();
    const after: CharterContent = { ...before, rules: { ...before.rules, decisionMatrix: before.rules.decisionMatrix.map((rule, index) => (index === 0 ? { ...rule, silence: 'blocks' } : rule)) } };
    expect(diffCharters(before, after).changedRules).toEqual(['decisionMatrix']);
    const revised: CharterContent = { ...before, rules: { ...before.rules, revision: { ...before.rules.revision, silence: 'consents' } } };
    expect(diffCharters(before, revised).changedRules).toEqual(['revision']);
  });

  it('shows a change of the project rules, and their absence from one side', () => {
    const before = charterFromTemplate('partnership', { locale: 'fr', bodies: [], newId: randomUUID });
    const after: CharterContent = { ...before, rules: { ...before.rules, projects: { ...before.rules.projects!, waitingDays: 15 } } };
    expect(diffCharters(before, after).changedRules).toEqual(['projects']);
    const { projects: _said, ...older } = before.rules;
    expect(diffCharters(before, { ...before, rules: older }).changedRules).toEqual(['projects']);
  });

  it('finds nothing between a version and itself', () => {
    const version = content();
    const diff = diffCharters(version, version);
    expect(diff.articles.every((article) => article.status === 'unchanged')).toBe(true);
    expect(diff.changedRules).toEqual([]);
  });

  it('shows changed words, added, removed and moved articles, in the new order', () => {
    const before = content();
    const [purpose, roles, values, ...rest] = before.articles;
    const added = { key: randomUUID(), kind: 'custom' as const, title: 'Communication', body: 'Une lettre par mois.' };
    const after: CharterContent = {
      ...before,
      articles: [{ ...purpose!, body: purpose!.body.replace('Pourquoi', 'Pour quelle raison') }, values!, added, ...rest],
      rules: { ...before.rules, budget: { totalCents: 100, posts: [] } },
    };
    const diff = diffCharters(before, after);
    const byKey = new Map(diff.articles.map((article) => [article.key, article]));
    expect(byKey.get(purpose!.key)!.status).toBe('changed');
    const body = byKey.get(purpose!.key)!.body;
    expect(body.filter((part) => part.removed).map((part) => part.value.trim())).toContain('Pourquoi');
    expect(body.filter((part) => !part.removed).map((part) => part.value).join('')).toBe(after.articles[0]!.body);
    expect(body.filter((part) => !part.added).map((part) => part.value).join('')).toBe(purpose!.body);
    expect(byKey.get(roles!.key)).toMatchObject({ status: 'removed', numberBefore: 2, numberAfter: null });
    expect(byKey.get(values!.key)).toMatchObject({ status: 'moved', numberBefore: 3, numberAfter: 2 });
    expect(byKey.get(added.key)).toMatchObject({ status: 'added', numberBefore: null, numberAfter: 3 });
    expect(diff.articles.map((article) => article.key).slice(0, 4)).toEqual([purpose!.key, roles!.key, values!.key, added.key]);
    expect(diff.changedRules).toEqual(['budget']);
  });

  it('keeps a removed article where it stood, after the articles that came before it', () => {
    const [a, b, c, d] = content().articles;
    const added = (title: string) => ({ key: randomUUID(), kind: 'custom' as const, title, body: '' });
    const before = { ...content(), articles: [a!, b!, c!, d!] };
    const after = { ...content(), articles: [a!, added('N1'), added('N2'), added('N3'), b!, d!] };
    const order = diffCharters(before, after).articles.map((article) => article.title.map((part) => part.value).join(''));
    expect(order).toEqual([a!.title, 'N1', 'N2', 'N3', b!.title, c!.title, d!.title]);
  });

  it('lists every article of both versions exactly once', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(content().articles), fc.shuffledSubarray(content().articles), (a, b) => {
        const keys = diffCharters({ ...content(), articles: a }, { ...content(), articles: b }).articles.map((article) => article.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set([...a, ...b].map((article) => article.key)));
      }),
    );
  });
});

describe('renderMarkdown', () => {
  it('renders emphasis, lists and safe links', () => {
    const html = renderMarkdown('**Projet commun** : voir [le site](https://example.org).\n\n- un\n- deux');
    expect(html).toContain('<strong>Projet commun</strong>');
    expect(html).toContain('<a href="https://example.org">le site</a>');
    expect(html).toContain('<li>deux</li>');
  });

  it.each([
    ['raw HTML', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
    ['a javascript: link', '[clic](javascript:alert(1))'],
    ['a mixed-case javascript: link', '[clic](JaVaScRiPt:alert(1))'],
    ['a data: link', '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['an SVG with onload', '<svg onload=alert(1)>'],
    ['an image', '![x](https://tracker.example/pixel.png)'],
    ['an autolink with javascript:', '<javascript:alert(1)>'],
  ])('keeps %s inert', (_label, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<(script|img|svg|iframe)/i);
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
  });
});

const line = fc.string({ maxLength: 40 }).map((text) => text.trim()).filter((text) => text.length > 0);
const cents = fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null });
const uuid = fc.uuid({ version: 4 });
const arbitraryContent: fc.Arbitrary<CharterContent> = fc.record({
  title: line,
  articles: fc.array(fc.record({ key: uuid, kind: fc.constantFrom(...ARTICLE_KINDS), title: line, body: fc.string({ maxLength: 300 }) }), { maxLength: 6 }),
  rules: fc.record({
    bodyIds: fc.array(uuid, { maxLength: 4 }),
    decisionMatrix: fc.array(
      fc.record({
        id: uuid,
        level: fc.constantFrom(...DECISION_LEVELS),
        topic: fc.oneof(fc.constant(''), line),
        bodyId: fc.option(uuid, { nil: null }),
        method: fc.constantFrom(...DECISION_METHODS),
        quorumPercent: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
        silence: fc.constantFrom(...SILENCE_RULES),
        maxRounds: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        onBlock: fc.oneof(fc.record({ kind: fc.constant('lapse' as const) }), fc.record({ kind: fc.constant('arbitration' as const), bodyId: fc.option(uuid, { nil: null }) })),
        informBodyIds: fc.array(uuid, { maxLength: 2 }),
      }),
      { maxLength: 5 },
    ),
    participationLevels: fc.subarray([...PARTICIPATION_LEVELS]),
    revision: fc.record({
      requestedBy: fc.constantFrom(...REVISION_REQUESTERS),
      bodyId: fc.option(uuid, { nil: null }),
      method: fc.constantFrom(...DECISION_METHODS),
      silence: fc.constantFrom(...SILENCE_RULES),
    }),
    dispute: fc.record({
      crisisMeetingWithinDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: null }),
      mediationProvider: fc.string({ maxLength: 40 }).map((text) => text.trim()),
      exitPlanObjectives: fc.array(line, { maxLength: 4 }),
    }),
    duration: fc.record({
      startsOn: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: null }),
      endsOn: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: null }),
    }),
    budget: fc.record({
      totalCents: cents,
      posts: fc.array(fc.record({ id: uuid, label: line, percent: fc.option(fc.integer({ min: 0, max: 10000 }).map((n) => n / 100), { nil: null }), amountCents: cents }), { maxLength: 4 }),
    }),
    licence: fc.record({ licence: fc.constantFrom(...LICENCES), outputs: fc.array(line, { maxLength: 3 }) }),
    confidentialData: fc.array(line, { maxLength: 3 }),
    signatories: fc.array(
      fc.record({ id: uuid, personId: fc.option(uuid, { nil: null }), organizationId: fc.option(uuid, { nil: null }), capacity: fc.string({ maxLength: 30 }).map((text) => text.trim()) }),
      { maxLength: 3 },
    ),
  }),
});

describe('charter exchange file', () => {
  it('gives back exactly the charter that was exported, and the same hash', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHARTER_KINDS), arbitraryContent, (kind, charter) => {
        const file = JSON.stringify(exportCharterDocument(kind, charter));
        const imported = charterDocumentSchema.parse(JSON.parse(file));
        expect(imported).toEqual({ format: 'entente-charter', formatVersion: 1, kind, content: charter });
        expect(charterContentHash(imported.content)).toBe(charterContentHash(charter));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses two articles, rows, posts or signatories with the same id, at the second one', () => {
    const charter = content();
    const twice = { ...charter, articles: [...charter.articles, { ...charter.articles[0]! }] };
    const result = charterDocumentSchema.safeParse(exportCharterDocument('project', twice));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([[`content.articles.${charter.articles.length}.key`, 'error.duplicateId']]);
  });

  it('refuses a file of another format', () => {
    const result = charterDocumentSchema.safeParse({ ...exportCharterDocument('project', content()), format: 'docx' });
    expect(result.success).toBe(false);
  });
});
