import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api';
import { CharterText, SignatoriesTable } from '../../components/CharterText';
import { ItemSelect } from '../../components/ItemSelect';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, todayIso, useFormatDate } from '../../components/ui';
import { useAct, useDeleteAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { versionDetailAnswer } from '../../../charters/contract';
import type { Answer } from '../../../common/contract';
import { statusTone } from './CharterPage';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type VersionDetail = Answer<typeof versionDetailAnswer>;

function IssueList({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  if (version.issues.length === 0) return <p className="notice notice-ok">{t('charter.check.ok')}</p>;
  return (
    <div className="notice notice-warn">
      <p>{t('charter.check.count', { count: version.issues.length })}</p>
      <ul>
        {version.issues.map((issue, index) => (
          <li key={index}>{issue.message}</li>
        ))}
      </ul>
    </div>
  );
}

function Adopt({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const adopt = useAct<{ bodyId: string; adoptedOn: string; contentHash: string }>('post', () => `/charters/${version.charterId}/versions/${version.id}/adoption`);
  const bodies = Object.entries(version.names.bodies).map(([id, label]) => ({ id, label }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    adopt.mutate({ bodyId: String(data.get('bodyId') ?? ''), adoptedOn: String(data.get('adoptedOn') ?? ''), contentHash: version.contentHash });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h2>{t('charter.adopt.title')}</h2>
      <p className="hint">{t('charter.adopt.hint')}</p>
      <FormError error={adopt.error} />
      {adopt.error instanceof ApiError && adopt.error.status === 409 && (
        <ul className="field-error">
          {Object.values(adopt.error.fields).map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
      <div className="field-row">
        <Field label={t('charter.adopt.body')} error={fieldError(adopt.error, 'bodyId')}>
          {(props) => <ItemSelect {...props} name="bodyId" items={bodies} defaultValue={version.content.rules.revision.bodyId ?? ''} />}
        </Field>
        <Field label={t('charter.adopt.date')} error={fieldError(adopt.error, 'adoptedOn')}>
          {(props) => <input {...props} name="adoptedOn" type="date" defaultValue={todayIso()} />}
        </Field>
      </div>
      <button type="submit" className="button-primary" disabled={adopt.isPending}>
        {t('charter.adopt.submit')}
      </button>
    </form>
  );
}

function Sign({ version, signatoryId }: { version: VersionDetail; signatoryId: string }) {
  const { t } = useTranslation();
  const signatory = version.signatories.find((s) => s.signatoryId === signatoryId)!;
  const sign = useAct<{ signatoryId: string; typedName: string; readAndApproved: boolean; contentHash: string }>(
    'post',
    () => `/charters/${version.charterId}/versions/${version.id}/signatures`,
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    sign.mutate({ signatoryId, typedName: String(data.get('typedName') ?? ''), readAndApproved: data.get('readAndApproved') === 'on', contentHash: version.contentHash });
  };
  return (
    <form id={TO_DO_ANCHORS.signature} onSubmit={onSubmit} noValidate className="card sign-form">
      <h2>{t('charter.sign.title')}</h2>
      <p>
        {t('charter.sign.as', { name: signatory.fullName ?? '', capacity: signatory.capacity, organization: signatory.organizationName ?? '—' })}
      </p>
      <FormError error={sign.error} />
      <div className={`field choice${fieldError(sign.error, 'readAndApproved') ? ' field-invalid' : ''}`}>
        <input type="checkbox" id="read-and-approved" name="readAndApproved" aria-describedby={fieldError(sign.error, 'readAndApproved') ? 'read-and-approved-error' : undefined} />
        <label htmlFor="read-and-approved">{t('charter.sign.readAndApproved')}</label>
        {fieldError(sign.error, 'readAndApproved') && (
          <p id="read-and-approved-error" className="field-error">
            {fieldError(sign.error, 'readAndApproved')}
          </p>
        )}
      </div>
      <Field label={t('charter.sign.typedName')} hint={t('charter.sign.typedNameHint')} error={fieldError(sign.error, 'typedName')}>
        {(props) => <input {...props} name="typedName" type="text" autoComplete="name" />}
      </Field>
      <p className="muted small">{t('charter.sign.fingerprint', { hash: version.contentHash.slice(0, 16) })}</p>
      <button type="submit" className="button-primary" disabled={sign.isPending}>
        {t('charter.sign.submit')}
      </button>
    </form>
  );
}

/** Puts the draft to the body the charter's revision rule names, which decides by its method. */
function SubmitToDecision({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const submit = useAct<Record<string, string>>('post', () => '/proposals');
  return (
    <div className="card">
      <h2>{t('charter.submit.title')}</h2>
      <p className="hint">{t('charter.submit.hint')}</p>
      <FormError error={submit.error} />
      <button
        type="button"
        className="button-primary"
        disabled={submit.isPending}
        onClick={() =>
          submit.mutate(
            {
              level: 'strategic',
              wording: t('charter.submit.wording', { title: version.content.title, number: version.number }),
              participationLevel: 'participation',
              amendsVersionId: version.id,
            },
            { onSuccess: (created) => navigate(`/p/${partnershipId}/propositions/${created.id}`) },
          )
        }
      >
        {t('charter.submit.button')}
      </button>
    </div>
  );
}

function Downloads({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const base = `/api/v1/partnerships/${partnershipId}/charters/${version.charterId}/versions/${version.id}`;
  return (
    <ul className="downloads no-print">
      <li>
        <a href={`${base}/pdf`} download>
          {t('charter.download.pdf')}
        </a>
      </li>
      <li>
        <a href={`${base}/markdown`} download>
          {t('charter.download.markdown')}
        </a>
      </li>
      <li>
        <a href={`${base}/export`} download>
          {t('charter.download.json')}
        </a>
      </li>
      <li>
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t('charter.download.print')}
        </button>
      </li>
    </ul>
  );
}

export default function VersionPage() {
  const { t } = useTranslation();
  const { charterId, versionId } = useParams();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const query = usePartnershipQuery<VersionDetail>(`/charters/${charterId}/versions/${versionId}`);
  const discard = useDeleteAct(() => `/charters/${charterId}/versions/${versionId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const version = query.data;
  const { content } = version;
  const signed = version.signatories.filter((s) => s.signature !== null).length;
  return (
    <article>
      <p className="breadcrumb no-print">
        <Link to={`/p/${partnershipId}/chartes`}>{t('charter.list.title')}</Link> ›{' '}
        <Link to={`/p/${partnershipId}/chartes/${charterId}`}>{t('charter.history.title')}</Link>
      </p>
      <PageTitle title={content.title}>{content.title}</PageTitle>
      <p>
        <Badge tone={statusTone[version.status]}>{t(`charter.status.${version.status}`)}</Badge>{' '}
        {t('charter.versionNumber', { number: version.number })}
        {version.adoptedOn && <> — {t('charter.adoptedLine', { date: formatDate(version.adoptedOn), body: version.adoptedBy?.name ?? '' })}</>}
      </p>
      {version.status === 'adopted' && version.signatories.length > 0 && (
        <p>{t('charter.signatures.progress', { count: signed, expected: version.signatories.length })}</p>
      )}
      <Downloads version={version} />
      {version.status === 'draft' && (
        <div className="no-print">
          <IssueList version={version} />
          {version.can.amend && (
            <div className="actions">
              <Link className="button-primary" to={`/p/${partnershipId}/chartes/${charterId}/versions/${versionId}/modifier`}>
                {t('charter.edit.open')}
              </Link>
              {confirmDiscard ? (
                <>
                  <button type="button" className="button-danger" disabled={discard.isPending} onClick={() => discard.mutate(undefined, { onSuccess: () => navigate(`/p/${partnershipId}/chartes/${charterId}`) })}>
                    {t('charter.discard.confirm')}
                  </button>
                  <button type="button" className="button-quiet" onClick={() => setConfirmDiscard(false)}>
                    {t('common.cancel')}
                  </button>
                </>
              ) : (
                <button type="button" className="button-quiet" onClick={() => setConfirmDiscard(true)}>
                  {t('charter.discard.ask')}
                </button>
              )}
            </div>
          )}
          <FormError error={discard.error} />
          {version.issues.length === 0 && <SubmitToDecision version={version} />}
          {version.can.recordAdoption && <Adopt version={version} />}
        </div>
      )}
      {version.can.signAs.map((signatoryId) => (
        <Sign key={signatoryId} version={version} signatoryId={signatoryId} />
      ))}
      <CharterText content={content} names={version.names} signatories={version.signatories} />
      {!content.articles.some((article) => article.kind === 'signatories') && (
        <section className="charter-article">
          <h2>{t('charter.signatures.title')}</h2>
          <SignatoriesTable signatories={version.signatories} />
        </section>
      )}
      <p className="muted small fingerprint">{t('charter.fingerprint', { hash: version.contentHash })}</p>
    </article>
  );
}
