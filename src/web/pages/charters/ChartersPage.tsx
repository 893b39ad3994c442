import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { charterCreatedAnswer, charterListAnswer } from '../../../charters/contract';
import type { TemplateId } from '../../../charters/rules/templates';
import type { Answer } from '../../../common/contract';

type Created = Answer<typeof charterCreatedAnswer>;

function NewCharter() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const [template, setTemplate] = useState<TemplateId | 'blank'>('partnership');
  const create = useAct<{ template: TemplateId | null; title?: string }, Created>('post', () => '/charters');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get('title') ?? '').trim();
    create.mutate(
      { template: template === 'blank' ? null : template, ...(title ? { title } : {}) },
      { onSuccess: (created) => navigate(`/p/${partnershipId}/chartes/${created.id}/versions/${created.versionId}/modifier`) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h2>{t('charter.new.title')}</h2>
      <FormError error={create.error} />
      <fieldset>
        <legend>{t('charter.new.startFrom')}</legend>
        {(['partnership', 'cooperation', 'blank'] as const).map((choice) => (
          <div className="choice" key={choice}>
            <input type="radio" id={`template-${choice}`} name="template" value={choice} checked={template === choice} onChange={() => setTemplate(choice)} />
            <label htmlFor={`template-${choice}`}>
              <strong>{t(`charter.new.${choice}`)}</strong>
              <span className="hint">{t(`charter.new.${choice}Hint`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <Field label={template === 'blank' ? t('charter.new.titleLabel') : t('charter.new.titleOptional')} error={fieldError(create.error, 'title')}>
        {(props) => <input {...props} name="title" type="text" />}
      </Field>
      <button type="submit" className="button-primary" disabled={create.isPending}>
        {t('charter.new.submit')}
      </button>
    </form>
  );
}

function ImportCharter() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const [readError, setReadError] = useState<string | null>(null);
  const importCharter = useAct<unknown, Created>('post', () => '/charters/import');
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    setReadError(null);
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      setReadError(t('charter.import.notJson'));
      return;
    }
    importCharter.mutate(document, { onSuccess: (created) => navigate(`/p/${partnershipId}/chartes/${created.id}/versions/${created.versionId}`) });
  };
  const error = readError ?? (importCharter.error instanceof ApiError ? Object.values(importCharter.error.fields)[0] ?? importCharter.error.message : undefined);
  return (
    <div className="card">
      <h2>{t('charter.import.title')}</h2>
      <Field label={t('charter.import.file')} hint={t('charter.import.hint')} error={error}>
        {(props) => <input {...props} type="file" accept="application/json,.json" onChange={(event) => void onFile(event)} />}
      </Field>
    </div>
  );
}

export default function ChartersPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const list = usePartnershipQuery<Answer<typeof charterListAnswer>>('/charters');
  if (list.isPending) return <Loading />;
  if (list.error) return <LoadError error={list.error} />;
  const { charters, can } = list.data;
  return (
    <section>
      <PageTitle title={t('charter.list.title')}>{t('charter.list.title')}</PageTitle>
      <p className="lead">{t('charter.list.intro')}</p>
      {charters.length === 0 ? (
        <p>{t('charter.list.none')}</p>
      ) : (
        <ul className="card-list">
          {charters.map((charter) => (
            <li key={charter.id} className="card">
              <h2 className="card-title">
                <Link to={`/p/${partnershipId}/chartes/${charter.id}`}>{charter.title}</Link>
              </h2>
              <p className="muted small">{t(`charter.kind.${charter.kind}`)}</p>
              {charter.inForce ? (
                <p>
                  <Badge tone="ok">{t('charter.status.adopted')}</Badge>{' '}
                  <Link to={`/p/${partnershipId}/chartes/${charter.id}/versions/${charter.inForce.versionId}`}>
                    {t('charter.list.inForce', { number: charter.inForce.number, date: formatDate(charter.inForce.adoptedOn) })}
                  </Link>{' '}
                  — {t('charter.list.signed', { count: charter.inForce.signed, expected: charter.inForce.expectedSignatures })}
                </p>
              ) : (
                <p>
                  <Badge tone="warn">{t('charter.list.notInForce')}</Badge>
                </p>
              )}
              {charter.draft && (
                <p>
                  <Link to={`/p/${partnershipId}/chartes/${charter.id}/versions/${charter.draft.versionId}`}>{t('charter.list.draft', { number: charter.draft.number })}</Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {can.manage && (
        <div className="two-columns">
          <NewCharter />
          <ImportCharter />
        </div>
      )}
    </section>
  );
}
