import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Field, Loading, LoadError, PageTitle } from '../../components/ui';
import { usePartnershipId, usePartnershipQuery } from '../../hooks';
import { CharterOutputs, ResourceFacts, ResourceOpen, resourcePath, ShareForm, type ResourcesPage as Page } from './parts';

/** Words and a tag to look for, kept in the address so a search can be shared and reloaded. */
function Search({ page, words, tag }: { page: Page; words: string; tag: string }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const [typed, setTyped] = useState(words);
  const [chosen, setChosen] = useState(tag);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams({ ...(typed.trim() === '' ? {} : { q: typed.trim() }), ...(chosen === '' ? {} : { tag: chosen }) });
  };
  return (
    <form role="search" onSubmit={onSubmit} className="field-row search-row">
      <Field label={t('resources.search.words')} hint={t('resources.search.wordsHint')}>
        {(props) => <input {...props} type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />}
      </Field>
      {page.tags.length > 0 && (
        <Field label={t('resources.search.tag')}>
          {(props) => (
            <select {...props} value={chosen} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{t('resources.search.anyTag')}</option>
              {page.tags.map((entry) => (
                <option key={entry.tag} value={entry.tag}>
                  {t('resources.search.tagCount', { tag: entry.tag, count: entry.count })}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div className="actions">
        <button type="submit" className="button-secondary">
          {t('resources.search.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * The group's resources: what its members shared (documents, links, short articles), searched in
 * French and by tag; the charter's outputs still due; the form to share one more.
 */
export default function ResourcesPage() {
  const { t } = useTranslation();
  const { accompanimentId } = useParams();
  const partnershipId = usePartnershipId();
  const [params] = useSearchParams();
  const words = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const search = new URLSearchParams({ ...(words === '' ? {} : { q: words }), ...(tag === '' ? {} : { tag }) }).toString();
  const query = usePartnershipQuery<Page>(`/accompaniments/${accompanimentId}/resources${search === '' ? '' : `?${search}`}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const page = query.data;
  const searching = words !== '' || tag !== '';
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/accompagnements/${page.accompaniment.id}`}>{page.accompaniment.title}</Link>
      </p>
      <PageTitle title={t('resources.pageTitle', { title: page.accompaniment.title })}>{t('resources.title')}</PageTitle>
      <p className="lead">{t('resources.intro', { licence: t(`resources.licenceShort.${page.accompaniment.licence}`) })}</p>
      {page.accompaniment.archived && <p className="notice notice-info">{t('resources.archived')}</p>}
      <Search key={search} page={page} words={words} tag={tag} />
      <section aria-labelledby="resources-list">
        <h2 id="resources-list">{searching ? t('resources.found', { count: page.resources.length }) : t('resources.listTitle')}</h2>
        {page.resources.length === 0 ? (
          <p className="muted">{searching ? t('resources.noneFound') : t('resources.none')}</p>
        ) : (
          <ul className="card-list">
            {page.resources.map((resource) => (
              <li key={resource.id} className="card">
                <h3 className="card-title">
                  <Link to={resourcePath(partnershipId, page.accompaniment.id, resource.id)}>{resource.title}</Link>
                </h3>
                {resource.summary !== '' && <p>{resource.summary}</p>}
                <ResourceFacts resource={resource} />
                {resource.kind !== 'article' && <ResourceOpen resource={resource} accompanimentId={page.accompaniment.id} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <CharterOutputs page={page} />
      {page.can.add && <ShareForm page={page} />}
    </article>
  );
}
