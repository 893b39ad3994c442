import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { harvestAnswer, harvestItemAnswer } from '../../../harvest/contract';
import { HARVEST_KINDS, type HarvestKind } from '../../../harvest/rules';
import { TO_DO_ANCHORS } from '../../../participation/rules';
import { publicWebPath } from '../../../public-pages/rules';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { spacePath } from '../accompaniments/paths';

type HarvestView = Answer<typeof harvestAnswer>;
type Item = Answer<typeof harvestItemAnswer>;

/** A facilitator asks the author to publish an item as an experience article, under a title. */
function AskForm({ item }: { item: Item }) {
  const { t } = useTranslation();
  const ask = useAct<{ title: string }, null>('post', () => `/harvest-items/${item.id}/publication-request`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    ask.mutate({ title: String(new FormData(event.currentTarget).get('title') ?? '') });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('harvest.ask.label')}>
      <Field label={t('harvest.ask.title')} hint={t('harvest.ask.hint')} error={fieldError(ask.error, 'title')}>
        {(props) => <input {...props} name="title" required maxLength={300} />}
      </Field>
      <FormError error={ask.error} shown={['title']} />
      <button type="submit" className="button-secondary" disabled={ask.isPending}>
        {t('harvest.ask.submit')}
      </button>
    </form>
  );
}

/**
 * The author's answer to a request to publish. The first of these forms carries the anchor the
 * to-do list and the mail link to.
 */
function ConsentForm({ item, licence, anchored }: { item: Item; licence: HarvestView['accompaniment']['licence']; anchored: boolean }) {
  const { t } = useTranslation();
  const answer = useAct<{ consents: boolean }, null>('post', () => `/harvest-items/${item.id}/publication-answer`);
  const id = anchored ? TO_DO_ANCHORS.harvest_publication : `${TO_DO_ANCHORS.harvest_publication}-${item.id}`;
  return (
    <form id={id} onSubmit={(event) => event.preventDefault()} className="notice notice-info" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('harvest.consent.title', { title: item.publicationTitle ?? '' })}</h4>
      <p>{t('harvest.consent.text', { licence: t(`resources.licenceShort.${licence}`) })}</p>
      <FormError error={answer.error} />
      <div className="actions">
        <button type="button" className="button-primary" disabled={answer.isPending} onClick={() => answer.mutate({ consents: true })}>
          {t('harvest.consent.yes')}
        </button>
        <button type="button" className="button-secondary" disabled={answer.isPending} onClick={() => answer.mutate({ consents: false })}>
          {t('harvest.consent.no')}
        </button>
      </div>
    </form>
  );
}

/** What an item is tied to, who wrote it and when, and where its publication stands. */
function ItemCard({ item, view, anchored }: { item: Item; view: HarvestView; anchored: boolean }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  return (
    <li className="card">
      <p className="text-block">{item.text}</p>
      <p className="small">
        {item.day ? t('harvest.tiedToDay', { title: item.day.title, date: formatDate(item.day.startsAt) }) : t('harvest.tiedToStage', { stage: t(`project.stage.${item.projectStage ?? 'idea'}`) })}
      </p>
      <p className="small muted">{t('harvest.byline', { author: item.author?.fullName ?? t('harvest.noAuthor'), date: formatDate(item.createdAt) })}</p>
      {item.publication === 'published' && (
        <p>
          <Badge tone="ok">{t('harvest.published')}</Badge>{' '}
          <Link to={publicWebPath.article(partnershipId, item.id)}>{t('harvest.publicPage', { title: item.publicationTitle ?? '' })}</Link>
        </p>
      )}
      {item.publication === 'asked' && !item.can.answerPublication && (
        <p>
          <Badge tone="warn">{t('harvest.asked', { title: item.publicationTitle ?? '' })}</Badge>
        </p>
      )}
      {item.can.answerPublication && <ConsentForm item={item} licence={view.accompaniment.licence} anchored={anchored} />}
      {item.can.askPublication && <AskForm item={item} />}
    </li>
  );
}

/** Someone of the space harvests a nugget or a pebble, tied to a day or to a stage of the project. */
function AddForm({ view }: { view: HarvestView }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [kind, setKind] = useState<HarvestKind>('nugget');
  const [formKey, setFormKey] = useState(0);
  const add = useAct<Record<string, unknown>>('post', () => `/accompaniments/${view.accompaniment.id}/harvest`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const tie = String(data.get('tiedTo') ?? '');
    add.mutate(
      {
        kind,
        text: String(data.get('text') ?? ''),
        dayId: tie.startsWith('day:') ? tie.slice(4) : null,
        projectStage: tie.startsWith('stage:') ? tie.slice(6) : null,
      },
      { onSuccess: () => setFormKey(formKey + 1) },
    );
  };
  const nothingToTie = view.days.length === 0 && view.projectStages.length === 0;
  return (
    <form key={formKey} onSubmit={submit} noValidate className="card" aria-labelledby="moisson-ajouter">
      <h2 id="moisson-ajouter">{t('harvest.form.title')}</h2>
      <fieldset className="plain-fieldset">
        <legend>{t('harvest.form.kind')}</legend>
        {HARVEST_KINDS.map((choice) => (
          <div className="choice" key={choice}>
            <input type="radio" id={`moisson-kind-${choice}`} name="kind" value={choice} checked={kind === choice} onChange={() => setKind(choice)} />
            <label htmlFor={`moisson-kind-${choice}`}>
              {t(`harvest.kind.${choice}`)}
              <span className="hint">{t(`harvest.form.kindHint.${choice}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <Field label={t('harvest.form.text')} hint={t(`harvest.form.textHint.${kind}`)} error={fieldError(add.error, 'text')}>
        {(props) => <textarea {...props} name="text" rows={4} required maxLength={5000} />}
      </Field>
      {nothingToTie ? (
        <p className="notice notice-info">{t('harvest.form.nothingToTie')}</p>
      ) : (
        <Field label={t('harvest.form.tiedTo')} error={fieldError(add.error, 'dayId') ?? fieldError(add.error, 'projectStage')}>
          {(props) => (
            <select {...props} name="tiedTo">
              {view.days.length > 0 && (
                <optgroup label={t('harvest.form.days')}>
                  {view.days.map((day) => (
                    <option key={day.id} value={`day:${day.id}`}>
                      {t('harvest.form.day', { title: day.title, date: formatDate(day.startsAt) })}
                    </option>
                  ))}
                </optgroup>
              )}
              {view.projectStages.length > 0 && (
                <optgroup label={t('harvest.form.stages')}>
                  {view.projectStages.map((stage) => (
                    <option key={stage} value={`stage:${stage}`}>
                      {t(`project.stage.${stage}`)}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          )}
        </Field>
      )}
      <FormError error={add.error} shown={['text', 'dayId', 'projectStage']} />
      <button type="submit" className="button-primary" disabled={add.isPending || nothingToTie}>
        {t('harvest.form.add')}
      </button>
      {add.isSuccess && <p role="status">{t('harvest.form.added')}</p>}
    </form>
  );
}

/**
 * The harvest of a space (« la moisson »): nuggets, what worked, and pebbles, what did not, each
 * with its day or project stage and its author; a facilitator asks an author to publish one, the
 * author consents or declines here.
 */
export default function HarvestPage() {
  const { t } = useTranslation();
  const { accompanimentId } = useParams();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<HarvestView>(`/accompaniments/${accompanimentId}/harvest`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const view = query.data;
  const firstToAnswer = view.items.find((item) => item.can.answerPublication)?.id;
  return (
    <article>
      <p className="breadcrumb">
        <Link to={spacePath(partnershipId, view.accompaniment.id)}>{view.accompaniment.title}</Link>
      </p>
      <PageTitle title={t('harvest.pageTitle', { title: view.accompaniment.title })}>{t('harvest.title')}</PageTitle>
      <p className="lead">{t('harvest.intro')}</p>
      {HARVEST_KINDS.map((kind) => {
        const items = view.items.filter((item) => item.kind === kind);
        return (
          <section key={kind} aria-labelledby={`moisson-${kind}`}>
            <h2 id={`moisson-${kind}`}>{t(`harvest.kinds.${kind}`)}</h2>
            {items.length === 0 ? (
              <p className="muted">{t(`harvest.none.${kind}`)}</p>
            ) : (
              <ul className="card-list">
                {items.map((item) => (
                  <ItemCard key={item.id} item={item} view={view} anchored={item.id === firstToAnswer} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {view.can.add && <AddForm view={view} />}
    </article>
  );
}
