import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { PersonPicker } from '../../components/PersonPicker';
import { orNull, useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { charterDeliverablesAnswer } from '../../../deliverables/contract';
import { DELIVERABLE_STATUSES, moveIsManagers, type DeliverableStatus } from '../../../deliverables/rules';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type Page = Answer<typeof charterDeliverablesAnswer>;
type Deliverable = Page['deliverables'][number];

const statusTone: Record<DeliverableStatus, 'ok' | 'warn' | 'neutral'> = { planned: 'neutral', in_progress: 'neutral', delivered: 'ok', published: 'ok', dropped: 'neutral' };
const outputTone = { published: 'ok', due: 'warn', dropped: 'neutral', missing: 'warn' } as const;

/** The owner's move: a choice among the statuses open to them, and where it was published when it is. */
function StatusForm({ charterId, deliverable, anchor }: { charterId: string; deliverable: Deliverable; anchor: string | undefined }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeliverableStatus>(deliverable.status);
  const set = useAct<{ status: DeliverableStatus; publishedUrl?: string }, null>('put', () => `/charters/${charterId}/deliverables/${deliverable.id}/status`);
  const [saved, setSaved] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const url = String(new FormData(event.currentTarget).get('publishedUrl') ?? '').trim();
    set.mutate({ status, ...(status === 'published' && { publishedUrl: url }) }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form id={anchor} className="deliverable-form" noValidate onSubmit={onSubmit} aria-label={t('deliverable.statusForm', { title: deliverable.title })}>
      <FormError error={set.error} shown={['status', 'publishedUrl']} />
      <Field label={t('deliverable.statusLabel')} error={fieldError(set.error, 'status')}>
        {(props) => (
          <select {...props} name="status" value={status} onChange={(event) => setStatus(event.target.value as DeliverableStatus)}>
            {deliverable.statuses.map((choice) => (
              <option key={choice} value={choice}>
                {t(`deliverable.status.${choice}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {status === 'published' && (
        <Field label={t('deliverable.publishedUrl')} hint={t('deliverable.publishedUrlHint')} error={fieldError(set.error, 'publishedUrl')}>
          {(props) => <input {...props} name="publishedUrl" type="url" inputMode="url" required placeholder="https://" />}
        </Field>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={set.isPending || status === deliverable.status}>
          {t('deliverable.statusSubmit')}
        </button>
      </div>
      {saved && <p role="status">{t('deliverable.statusSaved')}</p>}
    </form>
  );
}

/** Give it to someone of the partnership, who is told; or leave it to take. */
function AssignForm({ charterId, deliverable }: { charterId: string; deliverable: Deliverable }) {
  const { t } = useTranslation();
  const [ownerId, setOwnerId] = useState<string | null>(deliverable.owner?.id ?? null);
  const assign = useAct<{ ownerId: string | null }, null>('put', () => `/charters/${charterId}/deliverables/${deliverable.id}/owner`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    assign.mutate({ ownerId });
  };
  return (
    <form className="deliverable-form" noValidate onSubmit={onSubmit} aria-label={t('deliverable.assignForm', { title: deliverable.title })}>
      <FormError error={assign.error} shown={['ownerId']} />
      <Field label={t('deliverable.owner')} error={fieldError(assign.error, 'ownerId')}>
        {(props) => <PersonPicker {...props} value={ownerId} onChange={setOwnerId} noneLabel={t('deliverable.toAssign')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button-secondary" disabled={assign.isPending || ownerId === (deliverable.owner?.id ?? null)}>
          {t('deliverable.assignSubmit')}
        </button>
      </div>
    </form>
  );
}

/** What it is and by when. */
function EditForm({ charterId, deliverable, onDone }: { charterId: string; deliverable: Deliverable; onDone: () => void }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const edit = useAct<{ title: string; description: string; dueOn: string | null }, null>('put', () => `/charters/${charterId}/deliverables/${deliverable.id}`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    edit.mutate(
      { title: String(data.get('title') ?? ''), description: String(data.get('description') ?? ''), dueOn: orNull(data.get('dueOn')) },
      {
        onSuccess: () => {
          unsaved.saved();
          onDone();
        },
      },
    );
  };
  return (
    <form className="deliverable-form" noValidate onChange={unsaved.changed} onSubmit={onSubmit} aria-label={t('deliverable.editForm', { title: deliverable.title })}>
      <FormError error={edit.error} shown={['title', 'description', 'dueOn']} />
      <DeliverableFields error={edit.error} deliverable={deliverable} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={edit.isPending}>
          {t('deliverable.editSubmit')}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function DeliverableFields({ error, deliverable }: { error: unknown; deliverable?: Deliverable }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('deliverable.titleLabel')} error={fieldError(error, 'title')} hint={deliverable?.licenceOutput ? t('deliverable.outputTitleHint') : undefined}>
        {(props) => <input {...props} name="title" required maxLength={300} defaultValue={deliverable?.title ?? ''} readOnly={deliverable?.licenceOutput === true} />}
      </Field>
      <Field label={t('deliverable.description')} error={fieldError(error, 'description')}>
        {(props) => <textarea {...props} name="description" rows={3} maxLength={5000} defaultValue={deliverable?.description ?? ''} />}
      </Field>
      <Field label={t('deliverable.dueOn')} error={fieldError(error, 'dueOn')}>
        {(props) => <input {...props} name="dueOn" type="date" defaultValue={deliverable?.dueOn ?? ''} />}
      </Field>
    </>
  );
}

function DeliverableCard({ page, deliverable, selected }: { page: Page; deliverable: Deliverable; selected: boolean }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [editing, setEditing] = useState(false);
  const settled = deliverable.status === 'published' || deliverable.status === 'dropped';
  const headingId = `deliverable-${deliverable.id}`;
  // The form a link from « À faire pour vous » or a mail lands on: its owner's, else the card itself.
  const anchor = selected ? TO_DO_ANCHORS.deliverable : undefined;
  // The owner's own moves show at once; the team's (hand over, edit, drop) wait behind one line, so a phone lists many.
  const ownerMoves = deliverable.statuses.some((status) => status !== deliverable.status && !moveIsManagers(deliverable.status, status));
  const teamForms = page.can.manage && !settled;
  return (
    <li className={`card deliverable${selected ? ' deliverable-selected' : ''}`} aria-labelledby={headingId} id={anchor && deliverable.statuses.length === 0 ? anchor : undefined}>
      <h3 id={headingId} className="deliverable-title">
        {deliverable.title}
      </h3>
      <p className="deliverable-badges">
        <Badge tone={statusTone[deliverable.status]}>{t(`deliverable.status.${deliverable.status}`)}</Badge>{' '}
        {deliverable.overdue && <Badge tone="warn">{t('deliverable.overdue')}</Badge>}{' '}
        {deliverable.licenceOutput && <Badge tone="neutral">{t('deliverable.licenceOutput', { licence: t(`deliverable.licenceShort.${page.licence}`) })}</Badge>}
      </p>
      <p className="small">
        {deliverable.owner ? t('deliverable.ownerLine', { name: deliverable.owner.fullName }) : <strong>{t('deliverable.toAssign')}</strong>}
        {', '}
        {deliverable.dueOn ? t('deliverable.dueLine', { date: formatDate(deliverable.dueOn) }) : t('deliverable.noDueDay')}
      </p>
      {deliverable.description && <p className="text-block">{deliverable.description}</p>}
      {deliverable.publishedUrl && (
        <p>
          {t('deliverable.publishedAt')}{' '}
          <a href={deliverable.publishedUrl} rel="noopener noreferrer" target="_blank">
            {deliverable.publishedUrl}
          </a>
        </p>
      )}
      {ownerMoves && <StatusForm charterId={page.charter.id} deliverable={deliverable} anchor={anchor} />}
      {(teamForms || (!ownerMoves && deliverable.statuses.length > 0)) && (
        <details className="deliverable-more" open={selected || undefined}>
          <summary>{t('deliverable.more')}</summary>
          {!ownerMoves && deliverable.statuses.length > 0 && <StatusForm charterId={page.charter.id} deliverable={deliverable} anchor={anchor} />}
          {teamForms && <AssignForm key={deliverable.owner?.id ?? 'none'} charterId={page.charter.id} deliverable={deliverable} />}
          {teamForms && !editing && (
            <div className="actions">
              <button type="button" className="button-secondary" onClick={() => setEditing(true)} aria-label={t('deliverable.editForm', { title: deliverable.title })}>
                {t('deliverable.edit')}
              </button>
            </div>
          )}
          {editing && <EditForm charterId={page.charter.id} deliverable={deliverable} onDone={() => setEditing(false)} />}
        </details>
      )}
    </li>
  );
}

function AddForm({ charterId }: { charterId: string }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const add = useAct<{ title: string; description: string; ownerId: string | null; dueOn: string | null }>('post', () => `/charters/${charterId}/deliverables`);
  const [added, setAdded] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setAdded(false);
    add.mutate(
      { title: String(data.get('title') ?? ''), description: String(data.get('description') ?? ''), ownerId, dueOn: orNull(data.get('dueOn')) },
      {
        onSuccess: () => {
          unsaved.saved();
          form.reset();
          setOwnerId(null);
          setAdded(true);
        },
      },
    );
  };
  return (
    <form id="ajouter-un-livrable" className="card" noValidate onChange={unsaved.changed} onSubmit={onSubmit} aria-labelledby="add-deliverable">
      <h2 id="add-deliverable">{t('deliverable.add')}</h2>
      <FormError error={add.error} shown={['title', 'description', 'dueOn', 'ownerId']} />
      <DeliverableFields error={add.error} />
      <Field label={t('deliverable.owner')} error={fieldError(add.error, 'ownerId')}>
        {(props) => <PersonPicker {...props} value={ownerId} onChange={setOwnerId} noneLabel={t('deliverable.toAssign')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={add.isPending}>
          {t('deliverable.addSubmit')}
        </button>
      </div>
      {added && <p role="status">{t('deliverable.added')}</p>}
    </form>
  );
}

type Grouping = 'owner' | 'status';

/** The deliverables in groups: by owner (those to assign first), or by status in the order of their life. */
function groupsOf(deliverables: readonly Deliverable[], grouping: Grouping, toAssign: string): { key: string; label: string; items: Deliverable[] }[] {
  if (grouping === 'status') {
    return DELIVERABLE_STATUSES.map((status) => ({ key: status, label: status, items: deliverables.filter((d) => d.status === status) })).filter((group) => group.items.length > 0);
  }
  const groups = new Map<string, { key: string; label: string; items: Deliverable[] }>();
  groups.set('', { key: '', label: toAssign, items: [] });
  for (const deliverable of deliverables) {
    const key = deliverable.owner?.id ?? '';
    if (!groups.has(key)) groups.set(key, { key, label: deliverable.owner?.fullName ?? toAssign, items: [] });
    groups.get(key)!.items.push(deliverable);
  }
  const [unassigned, ...owned] = [...groups.values()];
  return [unassigned!, ...owned.sort((a, b) => a.label.localeCompare(b.label, 'fr'))].filter((group) => group.items.length > 0);
}

/** A charter's deliverables (seed 000, art. 6): who answers for what, by when, and where each stands; the outputs its licence lists. */
export default function DeliverablesPage() {
  const { t } = useTranslation();
  const { charterId, deliverableId } = useParams();
  const partnershipId = usePartnershipId();
  const [grouping, setGrouping] = useState<Grouping>('owner');
  const page = usePartnershipQuery<Page>(`/charters/${charterId}/deliverables`);
  if (page.isPending) return <Loading />;
  if (page.error) return <LoadError error={page.error} />;
  const data = page.data;
  const licence = t(`charter.licence.${data.licence}`);
  const groups = groupsOf(data.deliverables, grouping, t('deliverable.toAssign'));
  const late = data.deliverables.filter((d) => d.overdue).length;
  return (
    <section className="deliverables-page">
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/chartes`}>{t('charter.list.title')}</Link> › <Link to={`/p/${partnershipId}/chartes/${data.charter.id}`}>{data.charter.title}</Link>
      </p>
      <PageTitle title={t('deliverable.pageTitle', { title: data.charter.title })}>{t('deliverable.title')}</PageTitle>
      <p className="muted">{t('deliverable.intro', { title: data.charter.title })}</p>
      {late > 0 && (
        <p role="note" className="notice notice-warn">
          {t('deliverable.lateCount', { count: late })}
        </p>
      )}

      {data.outputs.length > 0 && (
        <section className="card" aria-labelledby="licence-outputs">
          <h2 id="licence-outputs">{t('deliverable.outputsTitle')}</h2>
          <p className="muted small">{data.publishable ? t('deliverable.outputsHint', { licence }) : t('deliverable.outputsNotPublishable', { licence })}</p>
          <ul className="plain-list">
            {data.outputs.map((output) => (
              <li key={output.output}>
                {output.output} <Badge tone={outputTone[output.state]}>{t(`deliverable.outputState.${output.state}`)}</Badge>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="field deliverables-grouping">
        <label htmlFor="grouping">{t('deliverable.groupBy')}</label>
        <select id="grouping" value={grouping} onChange={(event) => setGrouping(event.target.value as Grouping)}>
          <option value="owner">{t('deliverable.byOwner')}</option>
          <option value="status">{t('deliverable.byStatus')}</option>
        </select>
      </div>
      {groups.length === 0 && <p className="muted">{t('deliverable.empty')}</p>}
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key || 'none'}`}>
          <h2 id={`group-${group.key || 'none'}`}>
            {grouping === 'status' ? t(`deliverable.status.${group.label}`) : group.label} ({group.items.length})
          </h2>
          <ul className="card-list">
            {group.items.map((deliverable) => (
              <DeliverableCard key={deliverable.id} page={data} deliverable={deliverable} selected={deliverable.id === deliverableId} />
            ))}
          </ul>
        </section>
      ))}
      {data.can.manage && <AddForm charterId={data.charter.id} />}
    </section>
  );
}
