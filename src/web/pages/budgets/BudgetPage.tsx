import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, todayIso, useFormatDate } from '../../components/ui';
import { useAct, useDeleteAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { api } from '../../api';
import type { Answer } from '../../../common/contract';
import type { budgetPageAnswer, entriesAnswer } from '../../../budgets/contract';
import { BUDGET_CATEGORIES, COST_CATEGORIES, GRANT_STATUSES, kindOfCategory, type BudgetCategory, type GrantStatus } from '../../../budgets/rules/summary';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../budgets/rules/versions';
import { eurosForTyping, parseEuros, useEuros } from '../../money';

type Page = Answer<typeof budgetPageAnswer>;
type Entries = Answer<typeof entriesAnswer>;
type DraftLine = NonNullable<Page['draft']>['lines'][number];
type Balance = Page['summary']['forecastBalance'];

function useOrganizationName(page: Page) {
  const names = new Map(page.organizations.map((organization) => [organization.id, organization.name]));
  return (id: string | null) => (id === null ? null : (names.get(id) ?? null));
}

/** « À l'équilibre », « Déficit de 1 234,00 € » or « Excédent de … ». */
function BalanceWords({ balance }: { balance: Balance }) {
  const { t } = useTranslation();
  const euros = useEuros();
  return <>{t(`budgetPage.balance.${balance.state}`, { amount: euros(balance.amountCents ?? 0) })}</>;
}

function Headline({ page }: { page: Page }) {
  const { t } = useTranslation();
  const { forecastBalance, actualBalance } = page.summary;
  return (
    <section className="card" aria-labelledby="budget-balance">
      <h2 id="budget-balance">{t('budgetPage.balanceTitle')}</h2>
      <p className={`budget-balance budget-balance-${forecastBalance.state}`}>
        <strong>
          <BalanceWords balance={forecastBalance} />
        </strong>{' '}
        <span className="muted">{t('budgetPage.forecastSays')}</span>
      </p>
      <p>
        {t('budgetPage.actualSays')} <BalanceWords balance={actualBalance} />
      </p>
      {forecastBalance.state === 'deficit' && page.deficitGuidance !== '' && (
        <div className="notice">
          <p className="small">{t('budgetPage.deficitGuidance')}</p>
          <p>{page.deficitGuidance}</p>
        </div>
      )}
    </section>
  );
}

/** The forecast in force against the actual, costs then income, line by line with their variance. */
function ForecastTable({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const organizationName = useOrganizationName(page);
  const { summary } = page;
  if (summary.lines.length === 0) return <p className="muted">{t('budgetPage.noLines')}</p>;
  return (
    <section aria-labelledby="budget-forecast">
      <h2 id="budget-forecast">{t('budgetPage.forecastTitle')}</h2>
      {(['cost', 'income'] as const).map((kind) => {
        const lines = summary.lines.filter((line) => line.kind === kind);
        const total = kind === 'cost' ? summary.costs : summary.income;
        return (
          <div key={kind} className="table-scroll">
            <table className="stack-table">
              <caption>{t(`budgetPage.kind.${kind}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('budgetPage.line')}</th>
                  <th scope="col">{t('budgetPage.forecast')}</th>
                  <th scope="col">{t('budgetPage.actual')}</th>
                  <th scope="col">{t('budgetPage.variance')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.lineKey}>
                    <th scope="row">
                      {line.label}
                      <span className="small muted">
                        , {t(`budgetPage.category.${line.category}`)}
                        {organizationName(line.organizationId) && <>, {organizationName(line.organizationId)}</>}
                        {line.internal && <>, {t('budgetPage.inKind')}</>}
                        {line.grantStatus && <>, {t(`budgetPage.grantStatus.${line.grantStatus}`)}</>}
                        {line.retired && <>, {t('budgetPage.retired')}</>}
                      </span>
                    </th>
                    <td data-label={t('budgetPage.forecast')}>{line.unvalued ? t('budgetPage.unvalued') : euros(line.forecastCents)}</td>
                    <td data-label={t('budgetPage.actual')}>{euros(line.actualCents)}</td>
                    <td data-label={t('budgetPage.variance')}>{euros(line.varianceCents)}</td>
                  </tr>
                ))}
                {kind === 'income' && summary.inKind.forecastCents + summary.inKind.actualCents > 0 && (
                  <tr>
                    <th scope="row">{t('budgetPage.inKindMirror')}</th>
                    <td data-label={t('budgetPage.forecast')}>{euros(summary.inKind.forecastCents)}</td>
                    <td data-label={t('budgetPage.actual')}>{euros(summary.inKind.actualCents)}</td>
                    <td data-label={t('budgetPage.variance')}>{euros(summary.inKind.varianceCents)}</td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t(`budgetPage.total.${kind}`)}</th>
                  <td data-label={t('budgetPage.forecast')}>{euros(total.forecastCents)}</td>
                  <td data-label={t('budgetPage.actual')}>{euros(total.actualCents)}</td>
                  <td data-label={t('budgetPage.variance')}>{euros(total.varianceCents)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        );
      })}
    </section>
  );
}

function Organizations({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const organizationName = useOrganizationName(page);
  if (page.summary.organizations.length === 0) return null;
  return (
    <section aria-labelledby="budget-organizations">
      <h2 id="budget-organizations">{t('budgetPage.organizationsTitle')}</h2>
      <div className="table-scroll">
        <table className="stack-table">
          <thead>
            <tr>
              <th scope="col">{t('budgetPage.organization')}</th>
              <th scope="col">{t('budgetPage.costsForecastActual')}</th>
              <th scope="col">{t('budgetPage.incomeForecastActual')}</th>
              <th scope="col">{t('budgetPage.inKindForecastActual')}</th>
            </tr>
          </thead>
          <tbody>
            {page.summary.organizations.map((row) => (
              <tr key={row.organizationId ?? 'none'}>
                <th scope="row">{organizationName(row.organizationId) ?? t('budgetPage.noOrganization')}</th>
                <td data-label={t('budgetPage.costsForecastActual')}>
                  {euros(row.costs.forecastCents)} / {euros(row.costs.actualCents)}
                </td>
                <td data-label={t('budgetPage.incomeForecastActual')}>
                  {euros(row.income.forecastCents)} / {euros(row.income.actualCents)}
                </td>
                <td data-label={t('budgetPage.inKindForecastActual')}>
                  {euros(row.inKind.forecastCents)} / {euros(row.inKind.actualCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Grants by where each stands; the keepers move a grant's status (a fact, not a forecast). */
function Grants({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const setStatus = useAct<{ lineKey: string; grantStatus: GrantStatus }>('put', ({ lineKey }) => `/budgets/${page.budgetId}/lines/${lineKey}/grant-status`, ({ grantStatus }) => ({ grantStatus }));
  const grants = page.summary.lines.filter((line) => line.grantStatus !== null);
  if (grants.length === 0) return null;
  return (
    <section aria-labelledby="budget-grants">
      <h2 id="budget-grants">{t('budgetPage.grantsTitle')}</h2>
      <ul className="inline-list">
        {GRANT_STATUSES.map((status) => (
          <li key={status}>
            {t(`budgetPage.grantStatus.${status}`)} : <strong>{euros(page.summary.grants[status])}</strong>
          </li>
        ))}
      </ul>
      {page.can.keepAccounts && (
        <ul className="card-list">
          {grants.map((line) => (
            <li key={line.lineKey}>
              <label>
                {line.label}{' '}
                <select value={line.grantStatus ?? 'to_apply'} disabled={setStatus.isPending} onChange={(event) => setStatus.mutate({ lineKey: line.lineKey, grantStatus: event.target.value as GrantStatus })}>
                  {GRANT_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`budgetPage.grantStatus.${status}`)}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      )}
      <FormError error={setStatus.error} />
    </section>
  );
}

interface LineValues {
  category: BudgetCategory;
  label: string;
  organizationId: string | null;
  internal: boolean;
  amountCents: number | null;
  grantStatus: GrantStatus | null;
}

function LineForm({ page, line, onDone }: { page: Page; line?: DraftLine; onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const [amountError, setAmountError] = useState<string | null>(null);
  const newLinePath = page.project === null ? `/budgets/${page.budgetId}/lines` : `/projects/${page.project.id}/budget/lines`;
  const save = useAct<LineValues>(line ? 'put' : 'post', () => (line ? `/budgets/${page.budgetId}/lines/${line.lineKey}` : newLinePath));
  const [category, setCategory] = useState<BudgetCategory>(line?.category ?? 'provider');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const typed = String(data.get('amount') ?? '');
    const internal = data.get('internal') === 'on';
    // An in-kind cost may be left unvalued; anything else typed must read as euros.
    const amount = internal && typed.trim() === '' ? null : parseEuros(typed, i18n.language);
    setAmountError(amount === null || amount.ok ? null : t(`money.error.${amount.error}`));
    if (amount !== null && !amount.ok) return;
    save.mutate(
      {
        category,
        label: String(data.get('label')),
        organizationId: String(data.get('organizationId') ?? '') || null,
        internal,
        amountCents: amount === null ? null : amount.cents,
        grantStatus: category === 'grant' ? (String(data.get('grantStatus')) as GrantStatus) : null,
      },
      {
        onSuccess: () => {
          if (!line) form.reset();
          setCategory(line?.category ?? 'provider');
          onDone?.();
        },
      },
    );
  };
  const id = line ? `line-${line.lineKey}` : 'new-line';
  return (
    <form onSubmit={submit} className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{line ? t('budgetPage.editLine', { label: line.label }) : t('budgetPage.addLine')}</h3>
      <Field label={t('budgetPage.categoryLabel')} error={fieldError(save.error, 'category')}>
        {(props) => (
          <select {...props} name="category" value={category} onChange={(event) => setCategory(event.target.value as BudgetCategory)}>
            {(['cost', 'income'] as const).map((kind) => (
              <optgroup key={kind} label={t(`budgetPage.kind.${kind}`)}>
                {BUDGET_CATEGORIES.filter((value) => kindOfCategory(value) === kind).map((value) => (
                  <option key={value} value={value}>
                    {t(`budgetPage.category.${value}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('budgetPage.label')} error={fieldError(save.error, 'label')}>
        {(props) => <input {...props} name="label" defaultValue={line?.label ?? ''} required maxLength={200} />}
      </Field>
      <Field label={t('budgetPage.amount')} hint={t('budgetPage.amountHint')} error={amountError ?? fieldError(save.error, 'amountCents')}>
        {(props) => <input {...props} name="amount" inputMode="decimal" defaultValue={line?.amountCents == null ? '' : eurosForTyping(line.amountCents, i18n.language)} />}
      </Field>
      <Field label={t('budgetPage.organizationLabel')} error={fieldError(save.error, 'organizationId')}>
        {(props) => (
          <select {...props} name="organizationId" defaultValue={line?.organizationId ?? ''}>
            <option value="">{t('budgetPage.noOrganization')}</option>
            {page.organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(COST_CATEGORIES as readonly string[]).includes(category) && (
        <label className="choice">
          <input type="checkbox" name="internal" defaultChecked={line?.internal ?? false} /> {t('budgetPage.internalLabel')}
        </label>
      )}
      {category === 'grant' && (
        <Field label={t('budgetPage.grantStatusLabel')} error={fieldError(save.error, 'grantStatus')}>
          {(props) => (
            <select {...props} name="grantStatus" defaultValue={line?.grantStatus ?? 'to_apply'}>
              {GRANT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`budgetPage.grantStatus.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <FormError error={save.error} shown={['category', 'label', 'amountCents', 'organizationId', 'grantStatus']} />
      <button type="submit" className="button-primary" disabled={save.isPending}>
        {line ? t('budgetPage.saveLine') : t('budgetPage.addLineSubmit')}
      </button>
    </form>
  );
}

/** The draft being written: the forecast presented with the project, or a revision of the validated one. */
function Draft({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const partnershipId = usePartnershipId();
  const organizationName = useOrganizationName(page);
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useDeleteAct<string>((lineKey) => `/budgets/${page.budgetId}/lines/${lineKey}`);
  const propose = useAct<null, { id: string }>('post', () => `/budgets/${page.budgetId}/proposal`, () => ({}));
  const revise = useAct<null>('post', () => `/budgets/${page.budgetId}/revision`, () => ({}));
  const draft = page.draft;
  return (
    <section id="previsionnel" aria-labelledby="budget-draft">
      <h2 id="budget-draft">{draft && draft.number > 1 ? t('budgetPage.revisionTitle', { number: draft.number }) : t('budgetPage.draftTitle')}</h2>
      {draft === null && page.budgetId === null && <p className="muted">{page.can.editForecast ? t('budgetPage.startHint') : t('budgetPage.noBudget')}</p>}
      {draft && (
        <>
          <p>
            {draft.status === 'proposed' ? <Badge tone="warn">{t('budgetPage.proposed')}</Badge> : <Badge tone="neutral">{t('budgetPage.draft')}</Badge>}{' '}
            {page.project !== null && !page.project.validated && <span className="muted">{t('budgetPage.presentedWithProject')}</span>}
            {draft.proposalId && (
              <>
                {' '}
                <Link to={`/p/${partnershipId}/propositions/${draft.proposalId}`}>{t('budgetPage.seeProposal')}</Link>
              </>
            )}
          </p>
          {draft.lines.length === 0 ? (
            <p className="muted">{t('budgetPage.noLines')}</p>
          ) : (
            <ul className="card-list">
              {draft.lines.map((line) => (
                <li key={line.lineKey} className="card">
                  <p>
                    <strong>{line.label}</strong>, {t(`budgetPage.category.${line.category}`)}, {line.amountCents === null ? t('budgetPage.unvalued') : euros(line.amountCents)}
                    {organizationName(line.organizationId) && <>, {organizationName(line.organizationId)}</>}
                    {line.internal && <>, {t('budgetPage.inKind')}</>}
                  </p>
                  {page.can.editForecast && (
                    <div className="actions">
                      <button type="button" className="link-button" onClick={() => setEditing(editing === line.lineKey ? null : line.lineKey)}>
                        {t('budgetPage.edit')}
                      </button>
                      <button type="button" className="link-button" disabled={remove.isPending} onClick={() => remove.mutate(line.lineKey)}>
                        {t('budgetPage.remove')}
                      </button>
                    </div>
                  )}
                  {editing === line.lineKey && <LineForm page={page} line={line} onDone={() => setEditing(null)} />}
                </li>
              ))}
            </ul>
          )}
          <FormError error={remove.error} />
        </>
      )}
      {page.can.editForecast && <LineForm page={page} />}
      {page.can.propose && (
        <>
          <button type="button" className="button-primary" disabled={propose.isPending} onClick={() => propose.mutate(null)}>
            {t('budgetPage.propose')}
          </button>
          <p className="hint">{t('budgetPage.proposeHint')}</p>
        </>
      )}
      <FormError error={propose.error} />
      {page.can.draftRevision && (
        <>
          <button type="button" className="button-secondary" disabled={revise.isPending} onClick={() => revise.mutate(null)}>
            {t('budgetPage.revise')}
          </button>
          <p className="hint">{t('budgetPage.reviseHint')}</p>
        </>
      )}
      <FormError error={revise.error} />
    </section>
  );
}

/** A file read as base64, for the entry's JSON body. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function EntryForm({ page }: { page: Page }) {
  const { t, i18n } = useTranslation();
  const record = useAct<Record<string, unknown>>('post', () => `/budgets/${page.budgetId}/entries`);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const lines = page.summary.lines;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const amount = parseEuros(String(data.get('amount') ?? ''), i18n.language);
    setAmountError(amount.ok ? null : t(`money.error.${amount.error}`));
    if (!amount.ok) return;
    const file = data.get('attachment');
    let attachment = null;
    setFileProblem(null);
    if (file instanceof File && file.size > 0) {
      if (file.size > ATTACHMENT_MAX_BYTES) return setFileProblem(t('budgetPage.fileTooLarge'));
      if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return setFileProblem(t('budgetPage.fileType'));
      attachment = { fileName: file.name, contentType: file.type, contentBase64: await base64Of(file) };
    }
    record.mutate(
      {
        lineKey: String(data.get('lineKey')),
        occurredOn: String(data.get('occurredOn')),
        amountCents: amount.cents,
        organizationId: String(data.get('organizationId') ?? '') || null,
        counterparty: String(data.get('counterparty') ?? ''),
        note: String(data.get('note') ?? ''),
        attachment,
      },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="entry-form">
      <h3 id="entry-form">{t('budgetPage.entryFormTitle')}</h3>
      <Field label={t('budgetPage.entryLine')} error={fieldError(record.error, 'lineKey')}>
        {(props) => (
          <select {...props} name="lineKey" required>
            {lines.map((line) => (
              <option key={line.lineKey} value={line.lineKey}>
                {t(`budgetPage.kind.${line.kind}`)}, {line.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('budgetPage.entryAmount')} hint={t('budgetPage.entryAmountHint')} error={amountError ?? fieldError(record.error, 'amountCents')}>
        {(props) => <input {...props} name="amount" inputMode="decimal" required />}
      </Field>
      <Field label={t('budgetPage.entryDate')} error={fieldError(record.error, 'occurredOn')}>
        {(props) => <input {...props} name="occurredOn" type="date" defaultValue={todayIso()} required />}
      </Field>
      <Field label={t('budgetPage.entryOrganization')} error={fieldError(record.error, 'organizationId')}>
        {(props) => (
          <select {...props} name="organizationId" defaultValue="">
            <option value="">{t('budgetPage.lineOrganization')}</option>
            {page.organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('budgetPage.counterparty')} error={fieldError(record.error, 'counterparty')}>
        {(props) => <input {...props} name="counterparty" maxLength={200} />}
      </Field>
      <Field label={t('budgetPage.note')} error={fieldError(record.error, 'note')}>
        {(props) => <textarea {...props} name="note" maxLength={2000} rows={2} />}
      </Field>
      <Field label={t('budgetPage.attachment')} hint={t('budgetPage.attachmentHint')} error={fileProblem ?? fieldError(record.error, 'attachment.contentBase64') ?? fieldError(record.error, 'attachment.contentType')}>
        {(props) => <input {...props} name="attachment" type="file" accept={ATTACHMENT_TYPES.join(',')} />}
      </Field>
      <FormError error={record.error} shown={['lineKey', 'amountCents', 'occurredOn', 'organizationId', 'counterparty', 'note', 'attachment.contentBase64', 'attachment.contentType']} />
      <button type="submit" className="button-primary" disabled={record.isPending}>
        {t('budgetPage.recordEntry')}
      </button>
      {record.isSuccess && <p role="status">{t('budgetPage.entryRecorded')}</p>}
    </form>
  );
}

/** The entries, newest first, 100 at a time; « Corriger » records the reversing entry. */
function EntriesList({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const organizationName = useOrganizationName(page);
  const [more, setMore] = useState<Entries['entries']>([]);
  const [next, setNext] = useState<string | null>(page.entries.next);
  const [loading, setLoading] = useState(false);
  const reverse = useAct<string>('post', (entryId) => `/budgets/${page.budgetId}/entries/${entryId}/reversal`, () => ({}));
  const labels = new Map(page.summary.lines.map((line) => [line.lineKey, line.label]));
  const entries = [...page.entries.entries, ...more];
  const loadMore = async () => {
    if (next === null) return;
    setLoading(true);
    const answer = await api.get<Entries>(`/partnerships/${partnershipId}/budgets/${page.budgetId}/entries?after=${encodeURIComponent(next)}`);
    setMore([...more, ...answer.entries]);
    setNext(answer.next);
    setLoading(false);
  };
  return (
    <section id="ecritures" aria-labelledby="budget-entries">
      <h2 id="budget-entries">{t('budgetPage.entriesTitle')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('budgetPage.noEntries')}</p>
      ) : (
        <ul className="card-list">
          {entries.map((entry) => (
            <li key={entry.id} className="card">
              <p>
                <strong>{euros(entry.amountCents)}</strong>, {labels.get(entry.lineKey) ?? t('budgetPage.retired')}, {formatDate(entry.occurredOn)}
                {organizationName(entry.organizationId) && <>, {organizationName(entry.organizationId)}</>}
                {entry.personName && <>, {entry.personName}</>}
                {entry.counterparty !== '' && <>, {entry.counterparty}</>}
              </p>
              {entry.note !== '' && <p className="small">{entry.note}</p>}
              {entry.attachment && (
                <p className="small">
                  <a href={`/api/v1/partnerships/${partnershipId}/budgets/${page.budgetId}/attachments/${entry.attachment.id}`}>{t('budgetPage.download', { name: entry.attachment.fileName })}</a>
                </p>
              )}
              {entry.reverses !== null && <p className="small muted">{t('budgetPage.isCorrection')}</p>}
              {entry.reversedBy !== null && <p className="small muted">{t('budgetPage.corrected')}</p>}
              {page.can.keepAccounts && entry.reverses === null && entry.reversedBy === null && (
                <button type="button" className="link-button" disabled={reverse.isPending} onClick={() => reverse.mutate(entry.id)}>
                  {t('budgetPage.correct')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError error={reverse.error} />
      {next !== null && (
        <button type="button" className="button-secondary" disabled={loading} onClick={() => void loadMore()}>
          {t('budgetPage.moreEntries')}
        </button>
      )}
      {page.can.keepAccounts && page.summary.lines.length > 0 && <EntryForm page={page} />}
    </section>
  );
}

function Versions({ page }: { page: Page }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  if (page.versions.length === 0) return null;
  return (
    <section aria-labelledby="budget-versions">
      <h2 id="budget-versions">{t('budgetPage.versionsTitle')}</h2>
      <ol>
        {[...page.versions].reverse().map((version) => (
          <li key={version.id}>
            {t('budgetPage.versionLine', { number: version.number, status: t(`budgetPage.versionStatus.${version.status}`) })}
            {version.validatedOn && <>, {t('budgetPage.validatedOn', { date: formatDate(version.validatedOn) })}</>}
            {version.proposalId && (
              <>
                {' '}
                · <Link to={`/p/${partnershipId}/propositions/${version.proposalId}`}>{t('budgetPage.seeProposal')}</Link>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function BudgetPage() {
  const { t } = useTranslation();
  // A project's budget by its project (/projets/:projectId/budget), any budget by its id (/budgets/:budgetId): a project charter's has no project.
  const { projectId, budgetId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Page>(budgetId === undefined ? `/projects/${projectId}/budget` : `/budgets/${budgetId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const page = query.data;
  const title = t('budgetPage.title', { title: page.project?.title ?? page.charter?.title ?? '' });
  return (
    <article>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        {page.project !== null ? (
          <Link to={`/p/${partnershipId}/projets/${page.project.id}`}>{t('budgetPage.backToProject')}</Link>
        ) : (
          page.charter !== null && <Link to={`/p/${partnershipId}/chartes/${page.charter.id}`}>{t('budgetPage.backToCharter')}</Link>
        )}
        {page.budgetId !== null && (
          <>
            {' '}
            {page.project !== null && (
              <>
                · <Link to={`/p/${partnershipId}/projets/${page.project.id}/budget/compte-rendu`}>{t('budgetPage.toReport')}</Link>{' '}
              </>
            )}
            · <Link to={`/p/${partnershipId}/budgets/${page.budgetId}/reglement`}>{t('budgetPage.toSettlement')}</Link>
          </>
        )}
      </p>
      <p>
        {page.status === 'closed' ? (
          <Badge tone="neutral">{t('budgetPage.closed')}</Badge>
        ) : page.inForce ? (
          <Badge tone="ok">{t('budgetPage.inForce', { number: page.inForce.number, date: page.inForce.validatedOn ? formatDate(page.inForce.validatedOn) : '' })}</Badge>
        ) : (
          <Badge tone="warn">{t('budgetPage.notValidated')}</Badge>
        )}
      </p>
      {page.summary.lines.length > 0 && <Headline page={page} />}
      <ForecastTable page={page} />
      <Organizations page={page} />
      <Grants page={page} />
      {(page.draft !== null || page.can.editForecast || page.can.draftRevision) && <Draft page={page} />}
      {page.budgetId !== null && <EntriesList page={page} />}
      <Versions page={page} />
    </article>
  );
}
