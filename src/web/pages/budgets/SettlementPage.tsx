import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PersonPicker } from '../../components/PersonPicker';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, todayIso, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { settlementPageAnswer } from '../../../budgets/settlement/contract';
import { SETTLEMENT_REASONS, type SettlementReason } from '../../../budgets/rules/settlement';

type Page = Answer<typeof settlementPageAnswer>;
type Statement = NonNullable<Page['settlement']>;

/** Euros from cents, in the reader's language. */
function useEuros() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR' });
  return (cents: number) => format.format(cents / 100);
}

/** Cents from what a person types in euros (« 1 234,50 » or « 1234.5 »); what is no amount goes as is, for the server to refuse in words. */
function centsOf(text: string): number {
  const amount = Number(text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));
  return Number.isFinite(amount) && text.trim() !== '' ? Math.round(amount * 100) : Number.NaN;
}

/** Who is owed what on the money received, and who was paid what, post by post. */
function PostsTable({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  return (
    <section aria-labelledby="split-posts">
      <h2 id="split-posts">{t('settlement.posts.title')}</h2>
      <p className="muted">{t('settlement.posts.intro')}</p>
      <div className="table-scroll">
        <table className="stack-table">
          <thead>
            <tr>
              <th scope="col">{t('settlement.posts.post')}</th>
              <th scope="col">{t('settlement.posts.planned')}</th>
              <th scope="col">{t('settlement.posts.owed')}</th>
              <th scope="col">{t('settlement.posts.paid')}</th>
              <th scope="col">{t('settlement.posts.remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {page.posts.map((post) => (
              <tr key={post.postId}>
                <th scope="row">{post.label}</th>
                <td className="amount" data-label={t('settlement.posts.planned')}>{euros(post.plannedCents)}</td>
                <td className="amount" data-label={t('settlement.posts.owed')}>{euros(post.owedCents)}</td>
                <td className="amount" data-label={t('settlement.posts.paid')}>{euros(post.paidCents)}</td>
                <td className="amount" data-label={t('settlement.posts.remaining')}>{post.remainingCents < 0 ? t('settlement.posts.overpaid', { amount: euros(-post.remainingCents) }) : euros(post.remainingCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PaymentForm({ page }: { page: Page }) {
  const { t } = useTranslation();
  const record = useAct<{ postId: string; paidOn: string; amountCents: number; personId: string | null; organizationId: null }>('post', () => `/budgets/${page.budget.id}/split-payments`);
  const [personId, setPersonId] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    record.mutate(
      { postId: String(data.get('postId')), paidOn: String(data.get('paidOn')), amountCents: centsOf(String(data.get('amount'))), personId, organizationId: null },
      {
        onSuccess: () => {
          form.reset();
          setPersonId(null);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="payment-form">
      <h3 id="payment-form">{t('settlement.payment.title')}</h3>
      <Field label={t('settlement.payment.post')} error={fieldError(record.error, 'postId')}>
        {(props) => (
          <select {...props} name="postId" required>
            {page.posts.map((post) => (
              <option key={post.postId} value={post.postId}>
                {post.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settlement.payment.amount')} error={fieldError(record.error, 'amountCents')}>
        {(props) => <input {...props} name="amount" inputMode="decimal" required />}
      </Field>
      <Field label={t('settlement.payment.paidOn')} error={fieldError(record.error, 'paidOn')}>
        {(props) => <input {...props} name="paidOn" type="date" defaultValue={todayIso()} required />}
      </Field>
      <Field label={t('settlement.payment.person')} error={fieldError(record.error, 'personId')}>
        {(props) => <PersonPicker {...props} value={personId} onChange={setPersonId} noneLabel={t('settlement.payment.nobody')} />}
      </Field>
      <FormError error={record.error} shown={['postId', 'amountCents', 'paidOn', 'personId']} />
      <button type="submit" className="button-primary" disabled={record.isPending}>
        {t('settlement.payment.submit')}
      </button>
      {record.isSuccess && <p role="status">{t('settlement.payment.recorded')}</p>}
    </form>
  );
}

function Payments({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const reverse = useAct<string>('post', (paymentId) => `/budgets/${page.budget.id}/split-payments/${paymentId}/reversal`, () => ({}));
  const labels = new Map(page.posts.map((post) => [post.postId, post.label]));
  return (
    <section aria-labelledby="split-payments">
      <h2 id="split-payments">{t('settlement.payments.title')}</h2>
      {page.payments.length === 0 ? (
        <p className="muted">{t('settlement.payments.none')}</p>
      ) : (
        <ul className="card-list">
          {page.payments.map((payment) => (
            <li key={payment.id} className="card">
              <p>
                <strong>{euros(payment.amountCents)}</strong> · {labels.get(payment.postId) ?? t('settlement.payments.formerPost')} · {formatDate(payment.paidOn)}
                {payment.person && <> · {payment.person.fullName}</>}
                {payment.organization && <> · {payment.organization.name}</>}
              </p>
              {payment.reverses !== null && <p className="small muted">{t('settlement.payments.isCorrection')}</p>}
              {payment.reversed && <p className="small muted">{t('settlement.payments.corrected')}</p>}
              {page.can.keepAccounts && payment.reverses === null && !payment.reversed && (
                <button type="button" className="link-button" disabled={reverse.isPending} onClick={() => reverse.mutate(payment.id)}>
                  {t('settlement.payments.correct')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError error={reverse.error} />
      {page.can.keepAccounts && <PaymentForm page={page} />}
    </section>
  );
}

function StartStatement({ budgetId }: { budgetId: string }) {
  const { t } = useTranslation();
  const open = useAct<{ reason: SettlementReason }>('post', () => `/budgets/${budgetId}/settlements`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    open.mutate({ reason: new FormData(event.currentTarget).get('reason') as SettlementReason });
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="start-statement">
      <h3 id="start-statement">{t('settlement.statement.start')}</h3>
      <fieldset>
        <legend>{t('settlement.statement.reason')}</legend>
        {SETTLEMENT_REASONS.map((reason) => (
          <label key={reason} className="choice">
            <input type="radio" name="reason" value={reason} defaultChecked={reason === 'closing'} /> {t(`settlement.reason.${reason}`)}
          </label>
        ))}
      </fieldset>
      <FormError error={open.error} />
      <button type="submit" className="button-primary" disabled={open.isPending}>
        {t('settlement.statement.startSubmit')}
      </button>
    </form>
  );
}

/** The statement: per post what was owed, paid and delivered, what is refunded and what remains due; the delivered values editable in the draft. */
function StatementView({ page, statement }: { page: Page; statement: Statement }) {
  const { t, i18n } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const editable = statement.status === 'draft' && page.can.keepAccounts;
  const [delivered, setDelivered] = useState<Record<string, string>>(() => {
    const plain = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
    return Object.fromEntries(statement.lines.map((line) => [line.postId, plain.format(line.deliveredCents / 100)]));
  });
  const [reason, setReason] = useState<SettlementReason>(statement.reason);
  const save = useAct<null>('put', () => `/budgets/${page.budget.id}/settlements/${statement.id}`, () => ({
    reason,
    delivered: statement.lines.map((line) => ({ postId: line.postId, deliveredCents: centsOf(delivered[line.postId] ?? '') })),
  }));
  const propose = useAct<null>('post', () => `/budgets/${page.budget.id}/settlements/${statement.id}/proposal`, () => ({}));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(null);
  };
  const statusBadge =
    statement.status === 'approved' ? (
      <Badge tone="ok">{t('settlement.status.approved', { date: statement.approvedOn ? formatDate(statement.approvedOn) : '' })}</Badge>
    ) : statement.status === 'proposed' ? (
      <Badge tone="warn">{t('settlement.status.proposed')}</Badge>
    ) : (
      <Badge tone="neutral">{t('settlement.status.draft')}</Badge>
    );
  return (
    <section aria-labelledby="statement">
      <h2 id="statement">{t('settlement.statement.title')}</h2>
      <p>
        {statusBadge} {t(`settlement.reason.${statement.reason}`)}
        {statement.proposal && (
          <>
            {' '}
            · <Link to={`/p/${partnershipId}/propositions/${statement.proposal.id}`}>{t('settlement.statement.seeDecision', { status: t(`settlement.proposalStatus.${statement.proposal.status}`, { defaultValue: statement.proposal.status }) })}</Link>
          </>
        )}
      </p>
      <p className="muted">{t('settlement.statement.money', { received: euros(statement.receivedCents), spent: euros(statement.spentCents) })}</p>
      <form onSubmit={submit}>
        <div className="table-scroll">
          <table className="stack-table">
            <thead>
              <tr>
                <th scope="col">{t('settlement.posts.post')}</th>
                <th scope="col">{t('settlement.posts.owed')}</th>
                <th scope="col">{t('settlement.posts.paid')}</th>
                <th scope="col">{t('settlement.statement.delivered')}</th>
                <th scope="col">{t('settlement.statement.refund')}</th>
                <th scope="col">{t('settlement.statement.due')}</th>
              </tr>
            </thead>
            <tbody>
              {statement.lines.map((line, index) => (
                <tr key={line.postId}>
                  <th scope="row">{line.label}</th>
                  <td className="amount" data-label={t('settlement.posts.owed')}>{euros(line.owedCents)}</td>
                  <td className="amount" data-label={t('settlement.posts.paid')}>{euros(line.paidCents)}</td>
                  <td data-label={t('settlement.statement.delivered')}>
                    {editable ? (
                      <>
                        <label className="visually-hidden" htmlFor={`delivered-${line.postId}`}>
                          {t('settlement.statement.deliveredOf', { post: line.label })}
                        </label>
                        <input
                          id={`delivered-${line.postId}`}
                          inputMode="decimal"
                          value={delivered[line.postId] ?? ''}
                          aria-invalid={Boolean(fieldError(save.error, `delivered.${index}.deliveredCents`))}
                          onChange={(event) => setDelivered({ ...delivered, [line.postId]: event.target.value })}
                        />
                      </>
                    ) : (
                      euros(line.deliveredCents)
                    )}
                  </td>
                  <td className="amount" data-label={t('settlement.statement.refund')}>{euros(line.refundCents)}</td>
                  <td className="amount" data-label={t('settlement.statement.due')}>{euros(line.dueCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('settlement.statement.total')}</th>
                <td className="amount" data-label={t('settlement.posts.owed')}>{euros(statement.totals.owedCents)}</td>
                <td className="amount" data-label={t('settlement.posts.paid')}>{euros(statement.totals.paidCents)}</td>
                <td className="amount" data-label={t('settlement.statement.delivered')}>{euros(statement.totals.deliveredCents)}</td>
                <td className="amount" data-label={t('settlement.statement.refund')}>{euros(statement.totals.refundCents)}</td>
                <td className="amount" data-label={t('settlement.statement.due')}>{euros(statement.totals.dueCents)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        {editable && (
          <>
            <p className="hint">{t('settlement.statement.deliveredHint')}</p>
            <fieldset>
              <legend>{t('settlement.statement.reason')}</legend>
              {SETTLEMENT_REASONS.map((choice) => (
                <label key={choice} className="choice">
                  <input type="radio" name="reason" value={choice} checked={reason === choice} onChange={() => setReason(choice)} /> {t(`settlement.reason.${choice}`)}
                </label>
              ))}
            </fieldset>
            <FormError error={save.error} shown={[]} />
            {save.isSuccess && <p role="status">{t('settlement.statement.saved')}</p>}
            <div className="actions">
              <button type="submit" className="button-secondary" disabled={save.isPending}>
                {t('settlement.statement.save')}
              </button>
              <button type="button" className="button-primary" disabled={propose.isPending} onClick={() => propose.mutate(null)}>
                {t('settlement.statement.propose')}
              </button>
            </div>
            <p className="hint">{t('settlement.statement.proposeHint')}</p>
            <FormError error={propose.error} />
          </>
        )}
      </form>
    </section>
  );
}

export default function SettlementPage() {
  const { t } = useTranslation();
  const { budgetId } = useParams();
  const partnershipId = usePartnershipId();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Page>(`/budgets/${budgetId}/settlement`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const page = query.data;
  const of = page.budget.of;
  const back = of.kind === 'project' ? `/p/${partnershipId}/projets/${of.id}/budget` : `/p/${partnershipId}/chartes/${of.id}`;
  return (
    <article>
      <PageTitle title={t('settlement.title', { title: of.title })}>{t('settlement.title', { title: of.title })}</PageTitle>
      <p>
        <Link to={back}>{of.kind === 'project' ? t('settlement.backToProject') : t('settlement.backToCharter')}</Link>
      </p>
      {page.budget.status === 'closed' && (
        <p className="notice" role="status">
          {t('settlement.closed', { date: page.budget.closedOn ? formatDate(page.budget.closedOn) : '' })}
        </p>
      )}
      <p>{t('settlement.money', { received: euros(page.receivedCents), spent: euros(page.spentCents) })}</p>
      {page.totalCents !== null && <p className="muted">{t('settlement.total', { total: euros(page.totalCents) })}</p>}
      {page.posts.length === 0 ? <p>{t('settlement.noPosts')}</p> : <PostsTable page={page} />}
      {page.posts.length > 0 && <Payments page={page} />}
      {page.settlement ? (
        <StatementView key={`${page.settlement.id}-${page.settlement.status}`} page={page} statement={page.settlement} />
      ) : (
        page.can.keepAccounts && page.posts.length > 0 && <StartStatement budgetId={page.budget.id} />
      )}
    </article>
  );
}
