import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Badge, Field, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { charterDetailAnswer } from '../../../charters/contract';
import type { Answer } from '../../../common/contract';
import { CharterSettlementLink } from '../budgets/SettlementLink';
import { CharterDeliverablesLink } from '../deliverables/DeliverablesLink';
import { statusTone as proposalTone } from '../decisions/ProposalsPage';

type CharterDetail = Answer<typeof charterDetailAnswer>;

export const statusTone = { draft: 'neutral', adopted: 'ok', superseded: 'neutral' } as const;

function CompareVersions({ charter }: { charter: CharterDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  if (charter.versions.length < 2) return null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    navigate(`/p/${partnershipId}/chartes/${charter.id}/comparer?de=${String(data.get('from'))}&a=${String(data.get('to'))}`);
  };
  const options = charter.versions.map((v) => (
    <option key={v.id} value={v.id}>
      {t('charter.versionNumber', { number: v.number })} ({t(`charter.status.${v.status}`)})
    </option>
  ));
  return (
    <form onSubmit={onSubmit} className="card">
      <h2>{t('charter.compare.title')}</h2>
      <div className="field-row">
        <Field label={t('charter.compare.from')}>{(props) => <select {...props} name="from" defaultValue={charter.versions[1]!.id}>{options}</select>}</Field>
        <Field label={t('charter.compare.to')}>{(props) => <select {...props} name="to" defaultValue={charter.versions[0]!.id}>{options}</select>}</Field>
      </div>
      <button type="submit" className="button-primary">
        {t('charter.compare.submit')}
      </button>
    </form>
  );
}

/** The proposals a project charter routed: its team's decisions, and the adoptions of its versions. */
function CharterProposals({ charter }: { charter: CharterDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const inForce = charter.versions.some((v) => v.status === 'adopted');
  return (
    <section aria-labelledby="charter-proposals">
      <h2 id="charter-proposals">{t('charter.proposals.title')}</h2>
      {charter.proposals.length === 0 ? (
        <p>{t('charter.proposals.none')}</p>
      ) : (
        <ul className="member-list">
          {charter.proposals.map((proposal) => (
            <li key={proposal.id} className="member">
              <div>
                <Link className="member-name" to={`/p/${partnershipId}/propositions/${proposal.id}`}>
                  {proposal.wording}
                </Link>
                <p className="muted small">{t('charter.proposals.line', { body: proposal.body.name, date: formatDate(proposal.createdAt) })}</p>
              </div>
              <Badge tone={proposalTone(proposal.status)}>{t(`decision.status.${proposal.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
      {inForce && (
        <p>
          <Link to={`/p/${partnershipId}/propositions?cadre=${charter.id}`}>{t('charter.proposals.propose')}</Link>
        </p>
      )}
    </section>
  );
}

export default function CharterPage() {
  const { t } = useTranslation();
  const { charterId } = useParams();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const charter = usePartnershipQuery<CharterDetail>(`/charters/${charterId}`);
  const startDraft = useAct<void>('post', () => `/charters/${charterId}/drafts`);
  if (charter.isPending) return <Loading />;
  if (charter.error) return <LoadError error={charter.error} />;
  const { versions, can } = charter.data;
  const hasDraft = versions.some((v) => v.status === 'draft');
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/chartes`}>{t('charter.list.title')}</Link>
      </p>
      <PageTitle title={charter.data.title}>{charter.data.title}</PageTitle>
      <p className="muted">{t(`charter.kind.${charter.data.kind}`)}</p>
      <h2>{t('charter.history.title')}</h2>
      <ol className="card-list" reversed>
        {versions.map((v) => (
          <li key={v.id} className="card">
            <Link to={`/p/${partnershipId}/chartes/${charterId}/versions/${v.id}`}>{t('charter.versionNumber', { number: v.number })}</Link>{' '}
            <Badge tone={statusTone[v.status]}>{t(`charter.status.${v.status}`)}</Badge>
            <p className="muted small">
              {v.adoptedOn ? t('charter.adoptedLine', { date: formatDate(v.adoptedOn), body: v.adoptedBy?.name ?? '' }) : t('charter.history.updated', { date: formatDate(v.updatedAt) })}
            </p>
          </li>
        ))}
      </ol>
      {can.amend && !hasDraft && (
        <div className="actions">
          <FormError error={startDraft.error} />
          <button
            type="button"
            className="button-primary"
            disabled={startDraft.isPending}
            onClick={() => startDraft.mutate(undefined, { onSuccess: (draft) => navigate(`/p/${partnershipId}/chartes/${charterId}/versions/${draft.id}/modifier`) })}
          >
            {t('charter.history.newDraft')}
          </button>
        </div>
      )}
      <CharterDeliverablesLink charterId={charter.data.id} />
      {charter.data.kind === 'project' && versions.some((v) => v.status === 'adopted') && <CharterSettlementLink charterId={charter.data.id} />}
      {charter.data.kind === 'project' && <CharterProposals charter={charter.data} />}
      <CompareVersions charter={charter.data} />
    </section>
  );
}
