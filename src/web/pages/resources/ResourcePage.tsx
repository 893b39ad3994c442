import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { MarkdownText } from '../../components/CharterText';
import { FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { useAct, useDeleteAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { ChangeForm, ResourceFacts, ResourceOpen, resourcesPath, useViewerId, type ResourceView } from './parts';

/** Publishing for everyone, or taking back, and removing: what a facilitator or the author may do. */
function Acts({ resource, onChange }: { resource: ResourceView; onChange: () => void }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const publish = useAct<void, null>('post', () => `/resources/${resource.id}/publish`, () => ({}));
  const unpublish = useAct<void, null>('post', () => `/resources/${resource.id}/unpublish`, () => ({}));
  const remove = useDeleteAct<void, null>(() => `/resources/${resource.id}`);
  const { can } = resource;
  const viewerId = useViewerId();
  // A facilitator who could publish it, were it not for its author's consent, is told what it waits for.
  const awaitsConsent = can.change && !can.publish && resource.publishedAt === null && !resource.confidential && !resource.publishable && resource.author?.id !== viewerId;
  if (!can.change && !can.publish && !can.unpublish) return null;
  return (
    <section className="card" aria-labelledby="resource-acts">
      <h2 id="resource-acts">{t('resources.acts.title')}</h2>
      {can.publish && <p className="hint">{t('resources.acts.publishHint')}</p>}
      {can.unpublish && <p className="hint">{t('resources.acts.unpublishHint')}</p>}
      {awaitsConsent && <p className="hint">{t('resources.acts.awaitsConsent')}</p>}
      <FormError error={publish.error ?? unpublish.error ?? remove.error} />
      <div className="actions">
        {can.change && (
          <button type="button" className="button-secondary" onClick={onChange}>
            {t('resources.acts.change')}
          </button>
        )}
        {can.publish && (
          <button type="button" className="button-primary" disabled={publish.isPending} onClick={() => publish.mutate()}>
            {t('resources.acts.publish')}
          </button>
        )}
        {can.unpublish && (
          <button type="button" className="button-secondary" disabled={unpublish.isPending} onClick={() => unpublish.mutate()}>
            {t('resources.acts.unpublish')}
          </button>
        )}
        {can.change && (
          <button
            type="button"
            className="button-danger"
            disabled={remove.isPending}
            onClick={() =>
              window.confirm(t('resources.acts.removeConfirm', { title: resource.title })) &&
              remove.mutate(undefined, { onSuccess: () => void navigate(resourcesPath(partnershipId, resource.accompaniment.id)) })
            }
          >
            {t('resources.acts.remove')}
          </button>
        )}
      </div>
    </section>
  );
}

/** One resource: an article's text rendered as a charter's articles are, a document to download, a link to follow. */
export default function ResourcePage() {
  const { t } = useTranslation();
  const { resourceId } = useParams();
  const partnershipId = usePartnershipId();
  const [changing, setChanging] = useState(false);
  const query = usePartnershipQuery<ResourceView>(`/resources/${resourceId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const resource = query.data;
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/accompagnements/${resource.accompaniment.id}`}>{resource.accompaniment.title}</Link>
        {' › '}
        <Link to={resourcesPath(partnershipId, resource.accompaniment.id)}>{t('resources.title')}</Link>
      </p>
      <PageTitle title={resource.title}>{resource.title}</PageTitle>
      {resource.summary !== '' && <p className="lead">{resource.summary}</p>}
      <ResourceFacts resource={resource} />
      {resource.kind === 'article' && resource.body !== null ? <MarkdownText source={resource.body} /> : <ResourceOpen resource={resource} accompanimentId={resource.accompaniment.id} />}
      {changing ? <ChangeForm resource={resource} onDone={() => setChanging(false)} /> : <Acts resource={resource} onChange={() => setChanging(true)} />}
    </article>
  );
}
