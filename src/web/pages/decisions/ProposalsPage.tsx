import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DECISION_LEVELS, PARTICIPATION_LEVELS } from '../../../charters/rules/enums';
import { EnumSelect } from '../../components/EnumSelect';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { proposalListAnswer } from '../../../decisions/contract';
import type { ProposalStatus } from '../../../decisions/rules';

export const statusTone = (status: ProposalStatus) => (status === 'open' ? 'neutral' : status === 'lapsed' || status === 'rejected' ? 'warn' : 'ok');

function NewProposal() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const propose = useAct<Record<string, string>>('post', () => '/proposals');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '');
    propose.mutate(
      { level: text('level'), topic: text('topic'), wording: text('wording'), context: text('context'), participationLevel: text('participationLevel') },
      { onSuccess: (created) => navigate(`/p/${partnershipId}/propositions/${created.id}`) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h2>{t('decision.new.title')}</h2>
      <p className="hint">{t('decision.new.hint')}</p>
      <FormError error={propose.error} />
      <Field label={t('decision.new.wording')} hint={t('decision.new.wordingHint')} error={fieldError(propose.error, 'wording')}>
        {(props) => <textarea {...props} name="wording" rows={3} />}
      </Field>
      <div className="field-row">
        <Field label={t('decision.new.level')} error={fieldError(propose.error, 'level')}>
          {(props) => <EnumSelect {...props} name="level" values={DECISION_LEVELS} labelPrefix="charter.level" defaultValue="operational" />}
        </Field>
        <Field label={t('decision.new.topic')} hint={t('decision.new.topicHint')} error={fieldError(propose.error, 'topic')}>
          {(props) => <input {...props} name="topic" type="text" />}
        </Field>
      </div>
      <Field label={t('decision.new.participation')} error={fieldError(propose.error, 'participationLevel')}>
        {(props) => <EnumSelect {...props} name="participationLevel" values={PARTICIPATION_LEVELS} labelPrefix="charter.participation" defaultValue="participation" />}
      </Field>
      <Field label={t('decision.new.context')} error={fieldError(propose.error, 'context')}>
        {(props) => <textarea {...props} name="context" rows={4} />}
      </Field>
      <button type="submit" className="button-primary" disabled={propose.isPending}>
        {t('decision.new.submit')}
      </button>
    </form>
  );
}

export default function ProposalsPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const list = usePartnershipQuery<Answer<typeof proposalListAnswer>>('/proposals');
  if (list.isPending) return <Loading />;
  if (list.error) return <LoadError error={list.error} />;
  return (
    <section>
      <PageTitle title={t('decision.list.title')}>{t('decision.list.title')}</PageTitle>
      <p className="lead">{t('decision.list.intro')}</p>
      <p>
        <Link to={`/p/${partnershipId}/desaccords`}>{t('disagreements.title')}</Link>
      </p>
      {list.data.length === 0 ? (
        <p>{t('decision.list.none')}</p>
      ) : (
        <ul className="member-list">
          {list.data.map((proposal) => (
            <li key={proposal.id} className="member">
              <div>
                <Link className="member-name" to={`/p/${partnershipId}/propositions/${proposal.id}`}>
                  {proposal.wording}
                </Link>
                <p className="muted small">
                  {proposal.body.name} · {formatDate(proposal.createdAt)}
                </p>
              </div>
              <Badge tone={statusTone(proposal.status)}>{t(`decision.status.${proposal.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
      <NewProposal />
    </section>
  );
}
