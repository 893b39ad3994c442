import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { actionPlansAnswer } from '../../../action-plans/contract';
import type { portfolioAnswer } from '../../../projects/contract';
import { PROJECT_STAGES } from '../../../projects/rules';
import { api } from '../../api';
import { Badge, Field, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useOverview, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { useFormatInstant } from '../meetings/format';
import { useWaitingLine } from './Expected';
import { NEW_IDEA_ANCHOR, NewIdea } from './NewIdea';
import { stageTone } from './stages';

type Portfolio = Answer<typeof portfolioAnswer>;
type Row = Portfolio['rows'][number];

/** The filters as the address keeps them, so a filtered portfolio can be shared or come back to. */
const HOUSE = 'maison';
const STAGE = 'etape';
const SUBJECT = 'sujet';

/** The portfolio's pages, each after the previous page's `next`. */
function usePortfolio(filters: URLSearchParams) {
  const partnershipId = usePartnershipId();
  const path = `/projects?${filters}`;
  return useInfiniteQuery({
    queryKey: ['partnership', partnershipId, path],
    queryFn: ({ pageParam }) => api.get<Portfolio>(`/partnerships/${partnershipId}${path}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** Every common project, its step, whom it waits for and since when, its next deadline and indicators. */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const overview = useOverview();
  // The subjects of the action plan in force, which projects serve: a filter only once there are some.
  const plans = usePartnershipQuery<Answer<typeof actionPlansAnswer>>('/action-plans');
  const subjects = plans.data?.inForce?.subjects ?? [];
  const [params, setParams] = useSearchParams();
  const house = params.get(HOUSE) ?? '';
  const subject = params.get(SUBJECT) ?? '';
  const stageParam = params.get(STAGE) ?? '';
  const stage = (PROJECT_STAGES as readonly string[]).includes(stageParam) ? stageParam : '';
  const filters = new URLSearchParams();
  if (stage) filters.set('stage', stage);
  if (house) filters.set('organizationId', house);
  if (subject) filters.set('subjectId', subject);
  const portfolio = usePortfolio(filters);
  const choose = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };
  const rows = portfolio.data?.pages.flatMap((page) => page.rows) ?? [];
  const filtered = house !== '' || stage !== '' || subject !== '';
  return (
    <section>
      <div className="section-head">
        <PageTitle title={t('project.list.title')}>{t('project.list.title')}</PageTitle>
        <a href={`#${NEW_IDEA_ANCHOR}`} className="button-secondary">
          {t('project.idea.title')}
        </a>
      </div>
      <p className="lead">{t('project.list.intro')}</p>
      <form role="search" aria-label={t('project.list.filters')} className="field-row project-filters" onSubmit={(event) => event.preventDefault()}>
        <Field label={t('project.list.house')}>
          {(props) => (
            <select {...props} value={house} onChange={(event) => choose(HOUSE, event.target.value)}>
              <option value="">{t('project.list.allHouses')}</option>
              {(overview.data?.organizations ?? []).map((organization) => (
                <option key={organization.id} value={organization.id}>
                  {organization.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {subjects.length > 0 && (
          <Field label={t('project.list.subject')}>
            {(props) => (
              <select {...props} value={subject} onChange={(event) => choose(SUBJECT, event.target.value)}>
                <option value="">{t('project.list.allSubjects')}</option>
                {subjects.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('project.list.stage')}>
          {(props) => (
            <select {...props} value={stage} onChange={(event) => choose(STAGE, event.target.value)}>
              <option value="">{t('project.list.allStages')}</option>
              {PROJECT_STAGES.map((value) => (
                <option key={value} value={value}>
                  {t(`project.stage.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      {portfolio.isPending ? (
        <Loading />
      ) : portfolio.error ? (
        <LoadError error={portfolio.error} />
      ) : rows.length === 0 ? (
        <p className="notice notice-info">{filtered ? t('project.list.noneFiltered') : t('project.list.none')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('project.list.count', { count: rows.length })}
          </p>
          <ul className="card-list project-list">
            {rows.map((row) => (
              <ProjectCard key={row.id} row={row} />
            ))}
          </ul>
          {portfolio.hasNextPage && (
            <div className="actions">
              <button type="button" className="button-secondary" disabled={portfolio.isFetchingNextPage} onClick={() => void portfolio.fetchNextPage()}>
                {t('project.list.more')}
              </button>
            </div>
          )}
        </>
      )}
      <NewIdea />
    </section>
  );
}

/** One project of the portfolio, as a card that reads on a phone. */
function ProjectCard({ row }: { row: Row }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const formatInstant = useFormatInstant();
  const waiting = useWaitingLine();
  const deadline = row.nextDeadline;
  return (
    <li className="card project-card">
      <h2 className="card-title">
        <Link to={`/p/${partnershipId}/projets/${row.id}`}>{row.title}</Link>
      </h2>
      <p>
        <Badge tone={stageTone(row.stage)}>{t(`project.stage.${row.stage}`)}</Badge>{' '}
        <span className="muted small">{t('project.since', { date: formatDate(row.stageSince) })}</span>
      </p>
      {row.organizations.length > 0 && <p className="small">{row.organizations.map((organization) => organization.name).join(' · ')}</p>}
      {row.expected.length > 0 && (
        <ul className="plain-list small">
          {row.expected.map((item, index) => (
            <li key={index}>{waiting(item)}</li>
          ))}
        </ul>
      )}
      {deadline && (
        <p className="small">
          {deadline.kind === 'evaluation' ? t('project.list.nextEvaluation', { date: formatDate(deadline.on) }) : t('project.list.roundEnds', { date: formatInstant(deadline.at) })}
        </p>
      )}
      {(row.stage === 'active' || row.stage === 'evaluating' || row.indicators.count > 0) && (
        <p className="small">
          {row.indicators.count === 0 ? (
            <span className="text-warn">{t('project.list.noIndicators')}</span>
          ) : (
            t('project.list.indicators', { onTarget: row.indicators.onTarget, count: row.indicators.count })
          )}
        </p>
      )}
    </li>
  );
}
