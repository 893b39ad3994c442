import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { accompanimentsAnswer } from '../../../accompaniments/contract';
import type { Answer } from '../../../common/contract';
import { Badge, Field, fieldError, FormError, LoadError, Loading, PageTitle, useFormatDate } from '../../components/ui';
import { Disclosure } from '../../components/Disclosure';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { spacePath } from './paths';

type Accompaniments = Answer<typeof accompanimentsAnswer>;

/**
 * « Accompagnements »: the shared workspaces the viewer reaches (every one for a person of the
 * partnership, those that name them for someone from outside), and the form to open one.
 */
export default function AccompanimentsPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Accompaniments>('/accompaniments');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const { accompaniments, can } = query.data;
  return (
    <article>
      <PageTitle title={t('accompaniment.list.title')}>{t('accompaniment.list.title')}</PageTitle>
      <p className="hint">{t('accompaniment.list.intro')}</p>
      {can.create && (
        <Disclosure label={t('accompaniment.create.open')} className="button-primary">
          <CreateForm />
        </Disclosure>
      )}
      {accompaniments.length === 0 ? (
        <p>{t('accompaniment.list.none')}</p>
      ) : (
        <ul className="card-list">
          {accompaniments.map((accompaniment) => (
            <li key={accompaniment.id} className="card">
              <h2 className="card-title">
                <Link to={spacePath(partnershipId, accompaniment.id)}>{accompaniment.title}</Link>
              </h2>
              {accompaniment.project && <p className="hint">{t('accompaniment.list.ofProject', { project: accompaniment.project.title })}</p>}
              <p className="muted">
                {t('accompaniment.list.people', { count: accompaniment.memberCount })}, {t('accompaniment.list.openedOn', { date: formatDate(accompaniment.createdAt) })}
              </p>
              <p>
                <Badge tone={accompaniment.reach === 'reader' ? 'neutral' : 'ok'}>{t(`accompaniment.reach.${accompaniment.reach}`)}</Badge>
                {accompaniment.archivedAt !== null && <Badge tone="neutral">{t('accompaniment.archived')}</Badge>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function CreateForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const unsaved = useUnsavedChanges();
  const create = useAct<{ title: string; purpose: string }>('post', () => '/accompaniments');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutateAsync({ title: String(form.get('title') ?? '').trim(), purpose: String(form.get('purpose') ?? '').trim() }).then((created) => {
      unsaved.saved();
      navigate(spacePath(partnershipId, created.id));
    }, () => undefined);
  };
  return (
    <form className="card" noValidate aria-labelledby="ouvrir-espace" onChange={unsaved.changed} onSubmit={submit}>
      <h2 id="ouvrir-espace">{t('accompaniment.create.title')}</h2>
      <p className="hint">{t('accompaniment.create.hint')}</p>
      <FormError error={create.error} shown={['title', 'purpose']} />
      <Field label={t('accompaniment.field.title')} error={fieldError(create.error, 'title')}>
        {(props) => <input {...props} name="title" required />}
      </Field>
      <Field label={t('accompaniment.field.purpose')} hint={t('accompaniment.field.purposeHint')} error={fieldError(create.error, 'purpose')}>
        {(props) => <textarea {...props} name="purpose" rows={3} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('accompaniment.create.submit')}
        </button>
      </div>
    </form>
  );
}
