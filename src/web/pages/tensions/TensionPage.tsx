import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { TO_DO_ANCHORS } from '../../../participation/rules';
import { TensionFacts, type Tension } from './TensionSummary';

function Withdraw({ tension }: { tension: Tension }) {
  const { t } = useTranslation();
  const [word, setWord] = useState('');
  const withdraw = useAct<{ word: string }, null>('post', () => `/tensions/${tension.id}/withdraw`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    withdraw.mutate({ word });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t('tension.withdraw')}</h2>
      <FormError error={withdraw.error} />
      <Field label={t('tension.withdrawWord')} error={fieldError(withdraw.error, 'word')}>
        {(props) => <textarea {...props} name="word" rows={2} value={word} onChange={(event) => setWord(event.target.value)} />}
      </Field>
      <button type="submit" className="button-secondary" disabled={withdraw.isPending}>
        {t('tension.withdrawSubmit')}
      </button>
    </form>
  );
}

function MarkDone({ tension }: { tension: Tension }) {
  const { t } = useTranslation();
  const done = useAct<void, null>('post', () => `/tensions/${tension.id}/task-done`, () => ({}));
  return (
    <div id={TO_DO_ANCHORS.tension_task} className="card" tabIndex={-1}>
      <FormError error={done.error} />
      <button type="button" className="button-primary" disabled={done.isPending} onClick={() => done.mutate()}>
        {t('tension.markDone')}
      </button>
    </div>
  );
}

/** A tension and what became of it; its raiser may withdraw it while it is open, the owner of its task marks it done. */
export default function TensionPage() {
  const { t } = useTranslation();
  const { tensionId } = useParams();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<Tension>(`/tensions/${tensionId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const tension = query.data;
  const title = t('tension.title', { body: tension.body.name });
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/instances/${tension.body.id}#tensions`}>{tension.body.name}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <TensionFacts tension={tension} />
      {tension.can.markDone && <MarkDone tension={tension} />}
      {tension.can.withdraw && <Withdraw tension={tension} />}
    </article>
  );
}
