import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { mapAnswer, mapEntryAnswer } from '../../../cooperation-map/contract';
import { COOPERATION_STATUSES, MAP_KINDS, OFFER_KINDS, TIED_KINDS, type CooperationStatus, type MapKind } from '../../../cooperation-map/rules';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { useAct, useDeleteAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { spacePath } from '../accompaniments/paths';

type MapView = Answer<typeof mapAnswer>;
type Entry = Answer<typeof mapEntryAnswer>;
type Party = Entry['parties'][number];

const isTied = (kind: MapKind) => (TIED_KINDS as readonly string[]).includes(kind);
const isOffer = (kind: MapKind) => (OFFER_KINDS as readonly string[]).includes(kind);
/** A party as the form's inputs carry it: `o:<id>` for an organization, `p:<id>` for a person. */
const partyFromValue = (value: string) => (value.startsWith('o:') ? { organizationId: value.slice(2) } : { personId: value.slice(2) });

/** « Qui sait… ? »: words and a kind, kept in the address so a search can be shared and reloaded. */
function Search({ words, kind }: { words: string; kind: string }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const [typed, setTyped] = useState(words);
  const [chosen, setChosen] = useState(kind);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams({ ...(typed.trim() === '' ? {} : { q: typed.trim() }), ...(chosen === '' ? {} : { kind: chosen }) });
  };
  return (
    <form role="search" aria-label={t('cooperationMap.search.label')} onSubmit={onSubmit} className="field-row search-row">
      <Field label={t('cooperationMap.search.words')} hint={t('cooperationMap.search.wordsHint')}>
        {(props) => <input {...props} type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />}
      </Field>
      <Field label={t('cooperationMap.search.kind')}>
        {(props) => (
          <select {...props} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">{t('cooperationMap.search.anyKind')}</option>
            {MAP_KINDS.map((choice) => (
              <option key={choice} value={choice}>
                {t(`cooperationMap.kinds.${choice}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button-secondary">
          {t('cooperationMap.search.submit')}
        </button>
      </div>
    </form>
  );
}

/** Its author or a facilitator takes an entry off the map. */
function RemoveButton({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const remove = useDeleteAct<void, null>(() => `/map-entries/${entry.id}`);
  if (!entry.can.change) return null;
  return (
    <>
      <button type="button" className="button-quiet" disabled={remove.isPending} onClick={() => remove.mutate()}>
        {t('cooperationMap.remove', { title: entry.title })}
      </button>
      <FormError error={remove.error} />
    </>
  );
}

function EntryText({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <>
      {entry.description !== '' && <p>{entry.description}</p>}
      {entry.author && <p className="small muted">{t('cooperationMap.byline', { author: entry.author.fullName })}</p>}
    </>
  );
}

const partyNames = (parties: readonly Party[]) => parties.map((party) => party.name).join(', ');

/** A cooperation, its status and whom it joins, with its obstacles and needs beneath. */
function CooperationCard({ entry, tied }: { entry: Entry; tied: readonly Entry[] }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <h3 className="card-title">{entry.title}</h3>
      <p>
        <Badge tone={entry.status === 'under_way' ? 'ok' : 'neutral'}>{t(`cooperationMap.status.${entry.status ?? 'to_come'}`)}</Badge>
      </p>
      <p>{t('cooperationMap.joins', { parties: partyNames(entry.parties) })}</p>
      <EntryText entry={entry} />
      {tied.length > 0 && (
        <ul className="plain-list">
          {tied.map((child) => (
            <li key={child.id}>
              <strong>{t(`cooperationMap.kind.${child.kind}`)}</strong> : {child.title}
              {child.description !== '' && <span className="small muted"> ({child.description})</span>}
              <RemoveButton entry={child} />
            </li>
          ))}
        </ul>
      )}
      <RemoveButton entry={entry} />
    </li>
  );
}

function EntryCard({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <h3 className="card-title">{entry.title}</h3>
      {entry.offeredBy && <p>{t('cooperationMap.offeredBy', { name: entry.offeredBy.name })}</p>}
      {entry.cooperation && <p>{t('cooperationMap.about', { title: entry.cooperation.title })}</p>}
      <EntryText entry={entry} />
      <RemoveButton entry={entry} />
    </li>
  );
}

/**
 * The entries by kind: each cooperation with its obstacles and needs beneath; obstacles and needs
 * whose cooperation the search left out get their own group.
 */
function EntryList({ view }: { view: MapView }) {
  const { t } = useTranslation();
  const listed = new Set(view.entries.filter((entry) => entry.kind === 'cooperation').map((entry) => entry.id));
  const tiedTo = (id: string) => view.entries.filter((entry) => isTied(entry.kind) && entry.cooperation?.id === id);
  const groups = MAP_KINDS.map((kind) => ({
    kind,
    entries: view.entries.filter((entry) => entry.kind === kind && !(isTied(kind) && entry.cooperation !== null && listed.has(entry.cooperation.id))),
  })).filter((group) => group.entries.length > 0);
  return (
    <>
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`carte-${group.kind}`}>
          <h3 id={`carte-${group.kind}`}>{t(`cooperationMap.kinds.${group.kind}`)}</h3>
          <ul className="card-list">
            {group.entries.map((entry) => (entry.kind === 'cooperation' ? <CooperationCard key={entry.id} entry={entry} tied={tiedTo(entry.id)} /> : <EntryCard key={entry.id} entry={entry} />))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Splits a name into short lines so it stays readable under its node on a phone. */
function labelLines(name: string, width = 12): string[] {
  const lines: string[] = [];
  for (const word of name.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Room around the circle of nodes for their names, in the drawing's units. */
const MARGIN = { x: 100, y: 110 };
const FONT_SIZE = 28;
const LINE_HEIGHT = 32;

/**
 * Who cooperates with whom, drawn from the nodes and edges the server placed: a plain line for a
 * cooperation under way, a dashed one for a cooperation to come. The list above says the same in
 * words, so the drawing is one image with a name for assistive technology.
 */
function Graph({ graph }: { graph: MapView['graph'] }) {
  const { t } = useTranslation();
  const at = new Map(graph.nodes.map((node) => [node.key, node]));
  const centre = graph.size / 2;
  const label = t('cooperationMap.graph.label');
  return (
    <section aria-labelledby="carte-graphe">
      <h2 id="carte-graphe">{t('cooperationMap.graph.title')}</h2>
      {graph.nodes.length === 0 ? (
        <p className="muted">{t('cooperationMap.graph.empty')}</p>
      ) : (
        <>
          <p className="hint">{t('cooperationMap.graph.legend')}</p>
          <svg
            role="img"
            aria-label={label}
            className="cooperation-graph"
            viewBox={`${-MARGIN.x} ${-MARGIN.y} ${graph.size + 2 * MARGIN.x} ${graph.size + 2 * MARGIN.y}`}
            width="100%"
            preserveAspectRatio="xMidYMid meet"
          >
            <title>{label}</title>
            {graph.edges.map((edge) => {
              const from = at.get(edge.from);
              const to = at.get(edge.to);
              if (!from || !to) return null;
              return <line key={`${edge.cooperationId}-${edge.from}-${edge.to}`} x1={from.x} y1={from.y} x2={to.x} y2={to.y} stroke="#1f4e79" strokeWidth={4} strokeDasharray={edge.status === 'to_come' ? '12 8' : undefined} />;
            })}
            {graph.nodes.map((node) => {
              const lines = labelLines(node.name);
              // A name goes above the nodes of the circle's upper half, below the others.
              const above = node.y < centre - 1;
              const firstLine = above ? node.y - 30 - (lines.length - 1) * LINE_HEIGHT : node.y + 50;
              return (
                <g key={node.key}>
                  <circle cx={node.x} cy={node.y} r={14} fill={node.kind === 'organization' ? '#1f4e79' : '#ffffff'} stroke="#1f4e79" strokeWidth={4} />
                  <text x={node.x} y={firstLine} textAnchor="middle" fontSize={FONT_SIZE} fill="#1a1a1a">
                    {lines.map((line, index) => (
                      <tspan key={index} x={node.x} dy={index === 0 ? 0 : LINE_HEIGHT}>
                        {line}
                      </tspan>
                    ))}
                  </text>
                </g>
              );
            })}
          </svg>
        </>
      )}
    </section>
  );
}

/** The form's part that says who: one organization or person, from the answer's choices. */
function PartyOptions({ view }: { view: MapView }) {
  const { t } = useTranslation();
  return (
    <>
      <optgroup label={t('cooperationMap.form.organizations')}>
        {view.choices.organizations.map((organization) => (
          <option key={organization.id} value={`o:${organization.id}`}>
            {organization.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('cooperationMap.form.people')}>
        {view.choices.people.map((person) => (
          <option key={person.id} value={`p:${person.id}`}>
            {person.fullName}
          </option>
        ))}
      </optgroup>
    </>
  );
}

/** Someone of the space adds to the map: a cooperation, an obstacle or a need of one, or what someone offers. */
function AddForm({ view, cooperations }: { view: MapView; cooperations: readonly Entry[] }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<MapKind>('cooperation');
  const [formKey, setFormKey] = useState(0);
  const add = useAct<Record<string, unknown>>('post', () => `/accompaniments/${view.accompaniment.id}/map`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const common = { kind, title: String(data.get('title') ?? ''), description: String(data.get('description') ?? '') };
    const extra =
      kind === 'cooperation'
        ? { status: String(data.get('status') ?? ''), parties: data.getAll('parties').map((value) => partyFromValue(String(value))) }
        : isTied(kind)
          ? { cooperationId: String(data.get('cooperationId') ?? '') }
          : { offeredBy: partyFromValue(String(data.get('offeredBy') ?? '')) };
    add.mutate({ ...common, ...extra }, { onSuccess: () => setFormKey(formKey + 1) });
  };
  const parties = [...view.choices.organizations.map((organization) => ({ value: `o:${organization.id}`, name: organization.name })), ...view.choices.people.map((person) => ({ value: `p:${person.id}`, name: person.fullName }))];
  return (
    <form key={formKey} onSubmit={submit} noValidate className="card" aria-labelledby="carte-ajouter">
      <h2 id="carte-ajouter">{t('cooperationMap.form.title')}</h2>
      <fieldset className="plain-fieldset">
        <legend>{t('cooperationMap.form.kind')}</legend>
        {MAP_KINDS.map((choice) => (
          <div className="choice" key={choice}>
            <input type="radio" id={`carte-kind-${choice}`} name="kind" value={choice} checked={kind === choice} onChange={() => setKind(choice)} />
            <label htmlFor={`carte-kind-${choice}`}>
              {t(`cooperationMap.kind.${choice}`)}
              <span className="hint">{t(`cooperationMap.form.kindHint.${choice}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <Field label={t('cooperationMap.form.titleField')} hint={t(`cooperationMap.form.titleHint.${kind}`)} error={fieldError(add.error, 'title')}>
        {(props) => <input {...props} name="title" required maxLength={300} />}
      </Field>
      <Field label={t('cooperationMap.form.description')} error={fieldError(add.error, 'description')}>
        {(props) => <textarea {...props} name="description" rows={2} />}
      </Field>
      {kind === 'cooperation' && (
        <>
          <fieldset className="plain-fieldset">
            <legend>{t('cooperationMap.form.status')}</legend>
            {COOPERATION_STATUSES.map((status: CooperationStatus) => (
              <div className="choice" key={status}>
                <input type="radio" id={`carte-status-${status}`} name="status" value={status} defaultChecked={status === 'under_way'} />
                <label htmlFor={`carte-status-${status}`}>{t(`cooperationMap.status.${status}`)}</label>
              </div>
            ))}
          </fieldset>
          <fieldset className="plain-fieldset" aria-describedby="carte-parties-hint">
            <legend>{t('cooperationMap.form.parties')}</legend>
            <p id="carte-parties-hint" className="hint">
              {t('cooperationMap.form.partiesHint')}
            </p>
            {parties.map((party) => (
              <label key={party.value} className="checkbox">
                <input type="checkbox" name="parties" value={party.value} />
                {party.name}
              </label>
            ))}
            {fieldError(add.error, 'parties') && <p className="field-error">{fieldError(add.error, 'parties')}</p>}
          </fieldset>
        </>
      )}
      {isTied(kind) &&
        (cooperations.length === 0 ? (
          <p className="notice notice-info">{t('cooperationMap.form.noCooperation')}</p>
        ) : (
          <Field label={t('cooperationMap.form.cooperation')} error={fieldError(add.error, 'cooperationId')}>
            {(props) => (
              <select {...props} name="cooperationId">
                {cooperations.map((cooperation) => (
                  <option key={cooperation.id} value={cooperation.id}>
                    {cooperation.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      {isOffer(kind) && (
        <Field label={t('cooperationMap.form.offeredBy')} error={fieldError(add.error, 'offeredBy')}>
          {(props) => (
            <select {...props} name="offeredBy">
              <PartyOptions view={view} />
            </select>
          )}
        </Field>
      )}
      <FormError error={add.error} shown={['title', 'description', 'parties', 'cooperationId', 'offeredBy']} />
      <button type="submit" className="button-primary" disabled={add.isPending}>
        {t('cooperationMap.form.add')}
      </button>
      {add.isSuccess && <p role="status">{t('cooperationMap.form.added')}</p>}
    </form>
  );
}

/**
 * The map of a space (seed 002): the cooperations under way or to come and what stands in their
 * way, the skills, premises and equipment on offer, searched « Qui sait… ? »; the graph of who
 * cooperates with whom; the form to add to it.
 */
export default function MapPage() {
  const { t } = useTranslation();
  const { accompanimentId } = useParams();
  const partnershipId = usePartnershipId();
  const [params] = useSearchParams();
  const words = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const search = new URLSearchParams({ ...(words === '' ? {} : { q: words }), ...(kind === '' ? {} : { kind }) }).toString();
  const query = usePartnershipQuery<MapView>(`/accompaniments/${accompanimentId}/map${search === '' ? '' : `?${search}`}`);
  // The whole map, for the cooperations an obstacle or a need may belong to (the same request when nothing is searched).
  const whole = usePartnershipQuery<MapView>(`/accompaniments/${accompanimentId}/map`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const view = query.data;
  const searching = search !== '';
  const cooperations = (whole.data ?? view).entries.filter((entry) => entry.kind === 'cooperation');
  return (
    <article>
      <p className="breadcrumb">
        <Link to={spacePath(partnershipId, view.accompaniment.id)}>{view.accompaniment.title}</Link>
      </p>
      <PageTitle title={t('cooperationMap.pageTitle', { title: view.accompaniment.title })}>{t('cooperationMap.title')}</PageTitle>
      <p className="lead">{t('cooperationMap.intro')}</p>
      <Search key={search} words={words} kind={kind} />
      <section aria-labelledby="carte-liste">
        <h2 id="carte-liste">{searching ? t('cooperationMap.found', { count: view.entries.length }) : t('cooperationMap.listTitle')}</h2>
        {view.entries.length === 0 ? <p className="muted">{searching ? t('cooperationMap.noneFound') : t('cooperationMap.none')}</p> : <EntryList view={view} />}
      </section>
      <Graph graph={view.graph} />
      {view.can.add && <AddForm view={view} cooperations={cooperations} />}
    </article>
  );
}
