import { postAmountCents } from '../rules/check.js';
import { moneyArticleKind, moneyRuleLines } from '../rules/money-lines.js';
import { projectStepLines } from '../rules/project-steps.js';
import { silenceOf, type ArticleKind, type DecisionMethod, type SilenceRule } from '../rules/types.js';
import { formatCalendarDate, translator, type Locale } from '../../i18n/server-messages.js';
import type { VersionDetail } from '../queries.js';
import { formatDate, monthName, PARTNERSHIP_TIME_ZONE } from '../../common/dates.js';

/**
 * What a printed charter shows of its rules, under the article of the same kind, as neutral
 * blocks that the Markdown and PDF renderers each lay out in their own way.
 */
export type RuleBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'list'; readonly title: string; readonly items: readonly string[] }
  | { readonly type: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly footer?: readonly string[] };

/**
 * French number formats separate thousands with a narrow no-break space (U+202F), which the
 * PDF's font lacks; the plain no-break space keeps the figures together just as well.
 */
export const withPrintableSpaces = (text: string) => text.replace(/\u202f/g, '\u00a0');

export function formatMoney(locale: Locale, cents: number): string {
  return withPrintableSpaces(new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100));
}

export function formatSignedAt(locale: Locale, instant: Date): string {
  return formatDate(new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: PARTNERSHIP_TIME_ZONE }), instant);
}

export function signatoriesTable(version: VersionDetail, locale: Locale): RuleBlock {
  const t = translator(locale);
  return {
    type: 'table',
    header: [t('print.signatoryName'), t('print.signatoryOrganization'), t('print.signatoryCapacity'), t('print.signatoryDate'), t('print.signatoryStatement'), t('print.signatorySignature')],
    rows: version.signatories.map((s) => [
      s.fullName ?? '',
      s.organizationName ?? '',
      s.capacity,
      s.signature ? formatSignedAt(locale, s.signature.signedAt) : '',
      s.signature ? s.signature.statement : '',
      s.signature ? s.signature.typedName : t('print.notSigned'),
    ]),
  };
}

/** Methods that close a round table, where what a silent member counts as matters. */
const ROUND_METHODS: ReadonlySet<DecisionMethod> = new Set(['consensus', 'consent', 'majority']);

/** What silence counts as under each rule of the charter that closes rounds, each said once in plain words. */
function silenceParagraphs(rules: readonly { readonly method: DecisionMethod; readonly silence?: SilenceRule | undefined }[], locale: Locale): RuleBlock[] {
  const t = translator(locale);
  const said = [...new Set(rules.filter((rule) => ROUND_METHODS.has(rule.method)).map(silenceOf))];
  return said.map((silence) => ({ type: 'paragraph', text: t(`print.silenceRule.${silence}`) }));
}

/** The money rules in plain sentences, under the article moneyArticleKind names. */
function moneyBlocks(version: VersionDetail, locale: Locale): RuleBlock[] {
  const t = translator(locale);
  const lines = moneyRuleLines(version.content.rules, {
    body: (id) => (id === null ? '—' : (version.names.bodies[id] ?? '—')),
    role: (id) => version.names.roles[id] ?? '—',
    month: (month) => monthName(locale, month),
    money: (cents) => formatMoney(locale, cents),
  });
  return lines.length === 0 ? [] : [{ type: 'list', title: t('moneyRules.title'), items: lines.map((line) => withPrintableSpaces(t(`moneyRules.${line.key}`, line.params))) }];
}

export function ruleBlocks(kind: ArticleKind, version: VersionDetail, locale: Locale): RuleBlock[] {
  return [...kindBlocks(kind, version, locale), ...(kind === moneyArticleKind(version.content.articles) ? moneyBlocks(version, locale) : [])];
}

function kindBlocks(kind: ArticleKind, version: VersionDetail, locale: Locale): RuleBlock[] {
  const t = translator(locale);
  const rules = version.content.rules;
  const bodyName = (id: string | null) => (id === null ? '—' : (version.names.bodies[id] ?? '—'));
  switch (kind) {
    case 'duration': {
      const date = (value: string | null) => (value === null ? t('print.notSet') : formatCalendarDate(locale, value));
      return [{ type: 'paragraph', text: t('print.duration', { from: date(rules.duration.startsOn), to: date(rules.duration.endsOn) }) }];
    }
    case 'budget': {
      if (rules.budget.posts.length === 0) return [];
      const total = rules.budget.totalCents;
      return [
        {
          type: 'table',
          header: [t('print.budgetPost'), t('print.budgetPercent'), t('print.budgetAmount')],
          rows: rules.budget.posts.map((post) => {
            const amount = postAmountCents(post, total);
            const percent = post.percent === null ? '' : `${withPrintableSpaces(post.percent.toLocaleString(locale))}\u00a0%`;
            const share = post.percent === null || post.percentOf === undefined ? percent : t('print.budgetPercentOf', { percent, base: post.percentOf.label, amount: formatMoney(locale, post.percentOf.amountCents) });
            return [post.label, share, amount === null ? '' : formatMoney(locale, amount)];
          }),
          footer: [t('print.budgetTotal'), '', total === null ? '' : formatMoney(locale, total)],
        },
      ];
    }
    case 'decision_matrix':
      return [
        {
          type: 'table',
          header: [t('print.matrixLevel'), t('print.matrixTopic'), t('print.matrixBody'), t('print.matrixMethod'), t('print.matrixOnBlock'), t('print.matrixInform')],
          rows: rules.decisionMatrix.map((rule) => [
            t(`decisionLevel.${rule.level}`),
            rule.topic === '' ? t('print.anyTopic') : rule.topic,
            bodyName(rule.bodyId),
            [
              t(`decisionMethod.${rule.method}`),
              ...(rule.quorumPercent === null ? [] : [t('print.quorum', { percent: rule.quorumPercent })]),
              ...(rule.maxRounds === null ? [] : [t('print.rounds', { count: rule.maxRounds })]),
              ...(ROUND_METHODS.has(rule.method) ? [t(`print.silence.${silenceOf(rule)}`)] : []),
            ].join(', '),
            rule.onBlock.kind === 'lapse' ? t('print.lapse') : t('print.arbitration', { body: bodyName(rule.onBlock.bodyId) }),
            rule.informBodyIds.map((id) => bodyName(id)).join(', '),
          ]),
        },
        ...silenceParagraphs(rules.decisionMatrix, locale),
        ...(rules.participationLevels.length > 0
          ? [{ type: 'paragraph' as const, text: t('print.participationLevels', { levels: rules.participationLevels.map((level) => t(`participationLevel.${level}`)).join(', ') }) }]
          : []),
      ];
    case 'management': {
      const lines = projectStepLines(rules, bodyName, (id) => version.names.roles[id] ?? '—').map((line) => t(`projectSteps.${line.key}`, line.params));
      // The nine steps, then the evaluation and the waiting delay that follow them.
      return lines.length === 0 ? [] : [{ type: 'list', title: t('projectSteps.title'), items: lines.slice(0, 9) }, ...lines.slice(9).map((text) => ({ type: 'paragraph' as const, text }))];
    }
    case 'governance':
      return rules.bodyIds.length === 0 ? [] : [{ type: 'list', title: t('print.bodies'), items: rules.bodyIds.map((id) => bodyName(id)) }];
    case 'revision':
      return [
        {
          type: 'paragraph',
          text: t('print.revision', {
            who: t(`revisionRequester.${rules.revision.requestedBy}`),
            body: bodyName(rules.revision.bodyId),
            method: t(`decisionMethod.${rules.revision.method}`),
          }),
        },
        ...silenceParagraphs([rules.revision], locale),
      ];
    case 'disputes':
      return [
        ...(rules.dispute.crisisMeetingWithinDays === null ? [] : [{ type: 'paragraph' as const, text: t('print.crisisMeeting', { days: rules.dispute.crisisMeetingWithinDays }) }]),
        ...(rules.dispute.mediationProvider === '' ? [] : [{ type: 'paragraph' as const, text: t('print.mediation', { provider: rules.dispute.mediationProvider }) }]),
        ...(rules.dispute.exitPlanObjectives.length === 0 ? [] : [{ type: 'list' as const, title: t('print.exitPlan'), items: rules.dispute.exitPlanObjectives }]),
      ];
    case 'licence':
      return [
        { type: 'paragraph', text: t(`licence.${rules.licence.licence}`) },
        ...(rules.licence.outputs.length === 0 ? [] : [{ type: 'list' as const, title: t('print.outputs'), items: rules.licence.outputs }]),
      ];
    case 'data_protection':
      return rules.confidentialData.length === 0 ? [] : [{ type: 'list', title: t('print.confidential'), items: rules.confidentialData }];
    case 'signatories':
      return [signatoriesTable(version, locale)];
    default:
      return [];
  }
}

/** The line under the title: which version, and whether and when it was adopted. */
export function versionLine(version: VersionDetail, locale: Locale): string {
  const t = translator(locale);
  const status =
    version.status === 'draft'
      ? t('print.draft')
      : version.status === 'superseded'
        ? t('print.superseded')
        : t('print.adopted', { date: formatCalendarDate(locale, version.adoptedOn!), body: version.adoptedBy?.name ?? '' });
  return `${t('print.version', { number: version.number })} — ${status}`;
}
