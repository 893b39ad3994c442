import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field, fieldError, FormError, Loading, LoadError } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { bodyTensionsAnswer } from '../../../tensions/contract';
import { TensionFacts } from './TensionSummary';

function RaiseTension({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [raised, setRaised] = useState(false);
  const raise = useAct<{ text: string }>('post', () => `/bodies/${bodyId}/tensions`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRaised(false);
    raise.mutate(
      { text },
      {
        onSuccess: () => {
          setText('');
          setRaised(true);
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="raise-tension-title">
      <h3 id="raise-tension-title">{t('tension.raise')}</h3>
      <FormError error={raise.error} />
      <Field label={t('tension.text')} hint={t('tension.textHint')} error={fieldError(raise.error, 'text')}>
        {(props) => <textarea {...props} name="text" rows={4} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <button type="submit" className="button-primary" disabled={raise.isPending}>
        {t('tension.submit')}
      </button>
      {raised && (
        <p className="notice notice-ok" role="status">
          {t('tension.raised')}
        </p>
      )}
    </form>
  );
}

/** The body's page: its open tensions, the tasks they became still under way, and for its members the form to raise one. */
export function TensionsSection({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<Answer<typeof bodyTensionsAnswer>>(`/bodies/${bodyId}/tensions`);
  return (
    <section id="tensions" aria-labelledby="tensions-title">
      <h2 id="tensions-title">{t('tension.section')}</h2>
      <p className="hint">{t('tension.intro')}</p>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <LoadError error={query.error} />
      ) : (
        <>
          {query.data.tensions.length === 0 ? (
            <p className="muted">{t('tension.empty')}</p>
          ) : (
            <ul className="card-list">
              {query.data.tensions.map((tension) => (
                <li key={tension.id} className="card">
                  <TensionFacts tension={tension} />
                  <p className="small">
                    <Link to={`/p/${partnershipId}/tensions/${tension.id}`}>{t('tension.open')}</Link>
                  </p>
                </li>
              ))}
            </ul>
          )}
          {query.data.can.raise && <RaiseTension bodyId={bodyId} />}
        </>
      )}
    </section>
  );
}
