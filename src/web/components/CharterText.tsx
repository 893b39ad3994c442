import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { postAmountCents } from '../../charters/rules/check';
import { moneyArticleKind, moneyRuleLines } from '../../charters/rules/money-lines';
import { projectStepLines } from '../../charters/rules/project-steps';
import type { ArticleKind } from '../../charters/rules/enums';
import { renderMarkdown } from '../../charters/rules/markdown';
import { silenceOf, type CharterContent, type CharterRules, type DecisionMethod } from '../../charters/rules/types';
import type { charterNamesAnswer, signatoryAnswer } from '../../charters/contract';
import type { Answer } from '../../common/contract';
import { useOverview, usePartnershipId } from '../hooks';

/** Methods that close a round table, where what a silent member counts as matters. */
const ROUND_METHODS: ReadonlySet<DecisionMethod> = new Set(['consensus', 'consent', 'majority']);
import { describeRule } from './RuleFields';
import { useFormatDate } from './ui';
import { formatDate, monthName, PARTNERSHIP_TIME_ZONE } from '../../common/dates';

export type CharterNames = Answer<typeof charterNamesAnswer>;
export type SignatoryView = Answer<typeof signatoryAnswer>;

/** Markdown written by members, rendered with HTML off and only web and mail links (see charters/rules/markdown). */
export function MarkdownText({ source }: { source: string }) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}

export function useFormatMoney() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' });
  return (cents: number) => format.format(cents / 100);
}

/** Wide tables scroll sideways on phones; the scrolling region takes keyboard focus so it can be scrolled without a mouse. */
function ScrollingTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function bodyNameOf(names: CharterNames) {
  return (id: string | null) => (id === null ? '—' : (names.bodies[id] ?? '—'));
}

export function BudgetTable({ rules }: { rules: CharterRules }) {
  const { t } = useTranslation();
  const money = useFormatMoney();
  const total = rules.budget.totalCents;
  if (rules.budget.posts.length === 0) return null;
  return (
    <ScrollingTable label={t('charter.rules.budget')}>
      <table className="stack-table">
        <caption className="visually-hidden">{t('charter.rules.budget')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('charter.budget.post')}</th>
            <th scope="col">{t('charter.budget.percent')}</th>
            <th scope="col">{t('charter.budget.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.budget.posts.map((post) => {
            const amount = postAmountCents(post, total);
            const percent = post.percent === null ? '' : `${post.percent} %`;
            return (
              <tr key={post.id}>
                <th scope="row">{post.label}</th>
                <td data-label={t('charter.budget.percent')}>
                  {post.percent !== null && post.percentOf !== undefined ? t('charter.budget.percentOf', { percent, base: post.percentOf.label, amount: money(post.percentOf.amountCents) }) : percent}
                </td>
                <td data-label={t('charter.budget.amount')}>{amount === null ? '' : money(Math.round(amount))}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('charter.budget.total')}</th>
            <td />
            <td data-label={t('charter.budget.amount')}>{total === null ? '' : money(total)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollingTable>
  );
}

export function DecisionMatrixTable({ rules, names }: { rules: CharterRules; names: CharterNames }) {
  const { t } = useTranslation();
  const bodyName = bodyNameOf(names);
  return (
    <>
      <ScrollingTable label={t('charter.rules.decisionMatrix')}>
        <table className="stack-table">
          <caption className="visually-hidden">{t('charter.rules.decisionMatrix')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charter.matrix.level')}</th>
              <th scope="col">{t('charter.matrix.topic')}</th>
              <th scope="col">{t('charter.matrix.body')}</th>
              <th scope="col">{t('charter.matrix.method')}</th>
              <th scope="col">{t('charter.matrix.onBlock')}</th>
              <th scope="col">{t('charter.matrix.inform')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.decisionMatrix.map((rule) => (
              <tr key={rule.id}>
                <td data-label={t('charter.matrix.level')}>{t(`charter.level.${rule.level}`)}</td>
                <td data-label={t('charter.matrix.topic')}>{rule.topic === '' ? t('charter.matrix.anyTopic') : rule.topic}</td>
                <td data-label={t('charter.matrix.body')}>{bodyName(rule.bodyId)}</td>
                <td data-label={t('charter.matrix.method')}>
                  {[
                    t(`charter.method.${rule.method}`),
                    ...(rule.quorumPercent === null ? [] : [t('charter.matrix.quorum', { percent: rule.quorumPercent })]),
                    ...(rule.maxRounds === null ? [] : [t('charter.matrix.rounds', { count: rule.maxRounds })]),
                    ...(ROUND_METHODS.has(rule.method) ? [`${t('charter.silence.label')} ${t(`charter.silence.${silenceOf(rule)}`)}`] : []),
                  ].join(', ')}
                </td>
                <td data-label={t('charter.matrix.onBlock')}>{rule.onBlock.kind === 'lapse' ? t('charter.matrix.lapse') : t('charter.matrix.arbitration', { body: bodyName(rule.onBlock.bodyId) })}</td>
                <td data-label={t('charter.matrix.inform')}>{rule.informBodyIds.map((id) => bodyName(id)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollingTable>
      {rules.participationLevels.length > 0 && (
        <p>{t('charter.participationLine', { levels: rules.participationLevels.map((level) => t(`charter.participation.${level}`)).join(', ') })}</p>
      )}
    </>
  );
}

export function SignatoriesTable({ signatories }: { signatories: readonly SignatoryView[] }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: PARTNERSHIP_TIME_ZONE });
  if (signatories.length === 0) return <p className="muted">{t('charter.signatures.none')}</p>;
  return (
    <ScrollingTable label={t('charter.signatures.title')}>
      <table className="stack-table">
        <caption className="visually-hidden">{t('charter.signatures.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('charter.signatures.name')}</th>
            <th scope="col">{t('charter.signatures.organization')}</th>
            <th scope="col">{t('charter.signatures.capacity')}</th>
            <th scope="col">{t('charter.signatures.date')}</th>
            <th scope="col">{t('charter.signatures.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {signatories.map((s) => (
            <tr key={s.signatoryId}>
              <th scope="row">{s.fullName ?? '—'}</th>
              <td data-label={t('charter.signatures.organization')}>{s.organizationName ?? ''}</td>
              <td data-label={t('charter.signatures.capacity')}>{s.capacity}</td>
              <td data-label={t('charter.signatures.date')}>{s.signature ? formatDate(format, new Date(s.signature.signedAt)) : ''}</td>
              <td data-label={t('charter.signatures.signature')}>
                {s.signature ? (
                  <>
                    <span className="signature-statement">{s.signature.statement}</span> — <span className="signature-name">{s.signature.typedName}</span>
                  </>
                ) : (
                  <span className="badge badge-warn">{t('charter.signatures.waiting')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

function LinesList({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <p>{title}</p>
      <ul>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/** The bodies a charter relies on, as the structure composes them today. */
function CharterBodies({ bodyIds, names }: { bodyIds: readonly string[]; names: CharterNames }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const overview = useOverview();
  if (bodyIds.length === 0) return null;
  const rules = new Map((overview.data?.bodies ?? []).map((body) => [body.id, body.rule]));
  return (
    <>
      <p>{t('charter.rules.bodies')}</p>
      <ul>
        {bodyIds.map((id) => {
          const rule = rules.get(id);
          const lines = rule ? describeRule(rule, t) : [];
          return (
            <li key={id}>
              {names.bodies[id] ? <Link to={`/p/${partnershipId}/instances/${id}`}>{names.bodies[id]}</Link> : '—'}
              {lines.length > 0 && <> — {lines.join(', ')}</>}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** How a common project is born and led under these rules: the nine steps, then its evaluation and waiting delay. */
function ProjectSteps({ rules, names }: { rules: CharterRules; names: CharterNames }) {
  const { t } = useTranslation();
  const lines = projectStepLines(rules, bodyNameOf(names), (id) => names.roles[id] ?? '—').map((line) => t(`charter.projectSteps.${line.key}`, line.params));
  if (lines.length === 0) return null;
  return (
    <>
      <p>{t('charter.projectSteps.title')}</p>
      <ol>
        {lines.slice(0, 9).map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
      {lines.slice(9).map((line, index) => (
        <p key={index}>{line}</p>
      ))}
    </>
  );
}

/** What the charter says about money, in sentences naming the bodies that decide and the treasurer role. */
export function MoneyRulesText({ rules, names }: { rules: CharterRules; names: CharterNames }) {
  const { t, i18n } = useTranslation();
  const money = useFormatMoney();
  const lines = moneyRuleLines(rules, {
    body: bodyNameOf(names),
    role: (id) => names.roles[id] ?? '—',
    month: (month) => monthName(i18n.language === 'en' ? 'en' : 'fr', month),
    money,
  });
  if (lines.length === 0) return null;
  return (
    <div className="money-rules">
      <p>{t('charter.moneyRules.title')}</p>
      <ul>
        {lines.map((line, index) => (
          <li key={index}>{t(`charter.moneyRules.${line.key}`, line.params)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The rules an article of this kind carries, shown under its text as the printed charter does;
 * the money rules go under the article moneyArticleKind names (`showsMoney`).
 */
export function ArticleRules({
  kind,
  rules,
  names,
  signatories,
  showsMoney = false,
}: {
  kind: ArticleKind;
  rules: CharterRules;
  names: CharterNames;
  signatories: readonly SignatoryView[];
  showsMoney?: boolean;
}) {
  return (
    <>
      <KindRules kind={kind} rules={rules} names={names} signatories={signatories} />
      {showsMoney && <MoneyRulesText rules={rules} names={names} />}
    </>
  );
}

function KindRules({ kind, rules, names, signatories }: { kind: ArticleKind; rules: CharterRules; names: CharterNames; signatories: readonly SignatoryView[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const bodyName = bodyNameOf(names);
  switch (kind) {
    case 'duration': {
      const date = (value: string | null) => (value === null ? t('charter.notSet') : formatDate(value));
      return <p>{t('charter.durationLine', { from: date(rules.duration.startsOn), to: date(rules.duration.endsOn) })}</p>;
    }
    case 'budget':
      return <BudgetTable rules={rules} />;
    case 'decision_matrix':
      return <DecisionMatrixTable rules={rules} names={names} />;
    case 'management':
      return <ProjectSteps rules={rules} names={names} />;
    case 'governance':
      return <CharterBodies bodyIds={rules.bodyIds} names={names} />;
    case 'revision':
      return (
        <p>
          {t('charter.revisionLine', {
            who: t(`charter.requester.${rules.revision.requestedBy}`),
            body: bodyName(rules.revision.bodyId),
            method: t(`charter.method.${rules.revision.method}`),
          })}
        </p>
      );
    case 'disputes':
      return (
        <>
          {rules.dispute.crisisMeetingWithinDays !== null && <p>{t('charter.crisisLine', { count: rules.dispute.crisisMeetingWithinDays })}</p>}
          {rules.dispute.mediationProvider !== '' && <p>{t('charter.mediationLine', { provider: rules.dispute.mediationProvider })}</p>}
          <LinesList title={t('charter.exitPlanLine')} items={rules.dispute.exitPlanObjectives} />
        </>
      );
    case 'licence':
      return (
        <>
          <p>{t(`charter.licence.${rules.licence.licence}`)}</p>
          <LinesList title={t('charter.outputsLine')} items={rules.licence.outputs} />
        </>
      );
    case 'data_protection':
      return <LinesList title={t('charter.confidentialLine')} items={rules.confidentialData} />;
    case 'signatories':
      return <SignatoriesTable signatories={signatories} />;
    default:
      return null;
  }
}

/** A version as it reads: numbered articles, each followed by its rules. */
export function CharterText({ content, names, signatories }: { content: CharterContent; names: CharterNames; signatories: readonly SignatoryView[] }) {
  const { t } = useTranslation();
  const moneyKind = moneyArticleKind(content.articles);
  return (
    <div className="charter-text">
      {content.articles.map((article, index) => (
        <section key={article.key} className="charter-article" aria-labelledby={`article-${article.key}`}>
          <h2 id={`article-${article.key}`}>
            {t('charter.articleNumber', { number: index + 1 })} — {article.title}
          </h2>
          <MarkdownText source={article.body} />
          <ArticleRules kind={article.kind} rules={content.rules} names={names} signatories={signatories} showsMoney={article.kind === moneyKind} />
        </section>
      ))}
    </div>
  );
}
