import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ArticleKind } from '../../../charters/rules/enums';
import type { CharterRules } from '../../../charters/rules/types';
import type { charterDiffAnswer } from '../../../charters/contract';
import type { Answer } from '../../../common/contract';
import { ArticleRules, MoneyRulesText, type CharterNames, type SignatoryView } from '../../components/CharterText';
import { Badge, Loading, LoadError, PageTitle } from '../../components/ui';
import { useOverview, usePartnershipId, usePartnershipQuery, usePersonNames } from '../../hooks';

type CharterDiff = Answer<typeof charterDiffAnswer>;
type TextChange = CharterDiff['diff']['title'][number];

/** Removed words struck through, added words underlined, each announced as such by screen readers. */
function Changes({ parts }: { parts: readonly TextChange[] }) {
  const { t } = useTranslation();
  return (
    <>
      {parts.map((part, index) =>
        part.added ? (
          <ins key={index} aria-label={t('charter.diff.added', { text: part.value })}>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={index} aria-label={t('charter.diff.removed', { text: part.value })}>
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </>
  );
}

/** Which article kind shows each rule group, so a changed group reads as it does in the charter; money reads by itself (RulesSide). */
const KIND_OF_GROUP: Record<Exclude<keyof CharterRules, 'money'>, ArticleKind> = {
  bodyIds: 'governance',
  decisionMatrix: 'decision_matrix',
  participationLevels: 'decision_matrix',
  revision: 'revision',
  dispute: 'disputes',
  projects: 'management',
  duration: 'duration',
  budget: 'budget',
  licence: 'licence',
  confidentialData: 'data_protection',
  signatories: 'signatories',
};

function RulesSide({ group, rules, names }: { group: keyof CharterRules; rules: CharterRules; names: CharterNames }) {
  const { t } = useTranslation();
  // A group only later versions say (projects, money): the older one is silent, and says so.
  if (rules[group] === undefined) return <p className="muted">{t('charter.diff.notSaid')}</p>;
  const signatories: SignatoryView[] = rules.signatories.map((s) => ({
    signatoryId: s.id,
    personId: s.personId,
    fullName: s.personId === null ? null : (names.people[s.personId] ?? null),
    organizationId: s.organizationId,
    organizationName: s.organizationId === null ? null : (names.organizations[s.organizationId] ?? null),
    capacity: s.capacity,
    signature: null,
  }));
  if (group === 'money') return <MoneyRulesText rules={rules} names={names} />;
  return <ArticleRules kind={KIND_OF_GROUP[group]} rules={rules} names={names} signatories={signatories} />;
}

export default function DiffPage() {
  const { t } = useTranslation();
  const { charterId } = useParams();
  const [search] = useSearchParams();
  const partnershipId = usePartnershipId();
  const overview = useOverview();
  const query = usePartnershipQuery<CharterDiff>(`/charters/${charterId}/diff?from=${search.get('de') ?? ''}&to=${search.get('a') ?? ''}`);
  const signatoryIds = query.data
    ? [query.data.from, query.data.to].flatMap((version) => version.rules.signatories.flatMap((s) => (s.personId === null ? [] : [s.personId])))
    : [];
  const people = usePersonNames(signatoryIds);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const { from, to, diff } = query.data;
  const names: CharterNames = {
    bodies: Object.fromEntries((overview.data?.bodies ?? []).map((b) => [b.id, b.name])),
    roles: Object.fromEntries((overview.data?.roles ?? []).map((r) => [r.id, r.name])),
    organizations: Object.fromEntries((overview.data?.organizations ?? []).map((o) => [o.id, o.name])),
    people: Object.fromEntries(people.names),
  };
  const title = t('charter.diff.title', { from: from.number, to: to.number });
  const changed = diff.articles.filter((article) => article.status !== 'unchanged');
  const unchanged = diff.articles.filter((article) => article.status === 'unchanged');
  return (
    <section className="diff">
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/chartes/${charterId}`}>{t('charter.history.title')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="lead">
        <Changes parts={diff.title} />
      </p>
      <p>{t('charter.diff.summary', { count: changed.length })}</p>
      {changed.map((article) => (
        <section key={article.key} className="card">
          <h2 className="h3">
            {article.numberAfter !== null ? t('charter.articleNumber', { number: article.numberAfter }) : t('charter.diff.formerArticle', { number: article.numberBefore })} —{' '}
            <Changes parts={article.title} /> <Badge tone="warn">{t(`charter.diff.status.${article.status}`, { number: article.numberBefore })}</Badge>
          </h2>
          {article.status !== 'moved' && (
            <div className="diff-body">
              <Changes parts={article.body} />
            </div>
          )}
        </section>
      ))}
      {unchanged.length > 0 && <p className="muted">{t('charter.diff.unchanged', { numbers: unchanged.map((article) => article.numberAfter).join(', ') })}</p>}
      <h2>{t('charter.diff.rules')}</h2>
      {diff.changedRules.length === 0 ? (
        <p>{t('charter.diff.noRuleChange')}</p>
      ) : (
        diff.changedRules.map((group) => (
          <section key={group} className="card">
            <h3>{t(`charter.rules.${group}`)}</h3>
            <div className="two-columns">
              <div>
                <p className="muted">{t('charter.diff.before', { number: from.number })}</p>
                <RulesSide group={group} rules={from.rules} names={names} />
              </div>
              <div>
                <p className="muted">{t('charter.diff.after', { number: to.number })}</p>
                <RulesSide group={group} rules={to.rules} names={names} />
              </div>
            </div>
          </section>
        ))
      )}
    </section>
  );
}
