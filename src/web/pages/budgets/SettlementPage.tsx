import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PersonPicker } from '../../components/PersonPicker';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, todayIso, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { api } from '../../api';
import { eurosForTyping, parseEuros, useEuros } from '../../money';
import type { Answer } from '../../../common/contract';
import type { settlementPageAnswer, splitPaymentsAnswer } from '../../../budgets/settlement/contract';
import { SETTLEMENT_REASONS, type SettlementReason } from '../../../budgets/rules/settlement';

type Page = Answer<typeof settlementPageAnswer>;
type Statement = NonNullable<Page['settlement']>;
type Payments = Answer<typeof splitPaymentsAnswer>;

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
  const { t, i18n } = useTranslation();
  const record = useAct<{ postId: string; paidOn: string; amountCents: number; personId: string | null; organizationId: null }>('post', () => `/budgets/${page.budget.id}/split-payments`);
  const [personId, setPersonId] = useState<string | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const amount = parseEuros(String(data.get('amount')), i18n.language);
    setAmountError(amount.ok ? null : t(`money.error.${amount.error}`));
    if (!amount.ok) return;
    record.mutate(
      { postId: String(data.get('postId')), paidOn: String(data.get('paidOn')), amountCents: amount.cents, personId, organizationId: null },
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
      <Field label={t('settlement.payment.amount')} error={amountError ?? fieldError(record.error, 'amountCents')}>
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

/** The payments, newest first, 100 at a time; « Corriger » records the reversing row once the keeper confirms which payment it cancels. */
function Payments({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const [more, setMore] = useState<Payments['payments']>([]);
  const [next, setNext] = useState<string | null>(page.payments.next);
  const [loading, setLoading] = useState(false);
  const reverse = useAct<string>('post', (paymentId) => `/budgets/${page.budget.id}/split-payments/${paymentId}/reversal`, () => ({}));
  const labels = new Map(page.posts.map((post) => [post.postId, post.label]));
  const payments = [...page.payments.payments, ...more];
  // While the statement is under decision, the money stays as it states it (the server refuses too).
  const underDecision = page.settlement?.status === 'proposed';
  const mayRecord = page.can.keepAccounts && !underDecision;
  const loadMore = async () => {
    if (next === null) return;
    setLoading(true);
    const answer = await api.get<Payments>(`/partnerships/${partnershipId}/budgets/${page.budget.id}/split-payments?after=${encodeURIComponent(next)}`);
    setMore([...more, ...answer.payments]);
    setNext(answer.next);
    setLoading(false);
  };
  return (
    <section aria-labelledby="split-payments">
      <h2 id="split-payments">{t('settlement.payments.title')}</h2>
      {payments.length === 0 ? (
        <p className="muted">{t('settlement.payments.none')}</p>
      ) : (
        <ul className="card-list">
          {payments.map((payment) => {
            const words = { amount: euros(payment.amountCents), post: labels.get(payment.postId) ?? t('settlement.payments.formerPost'), date: formatDate(payment.paidOn) };
            const payee = payment.person?.fullName ?? payment.organization?.name ?? null;
            return (
              <li key={payment.id} className="card">
                <p>
                  <strong>{words.amount}</strong>, {words.post}, {words.date}
                  {payee !== null && <>, {t('settlement.payments.paidTo', { name: payee })}</>}
                </p>
                {payment.reverses !== null && <p className="small muted">{t('settlement.payments.isCorrection')}</p>}
                {payment.reversed && <p className="small muted">{t('settlement.payments.corrected')}</p>}
                {mayRecord && payment.reverses === null && !payment.reversed && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('settlement.payments.correctLabel', words)}
                    disabled={reverse.isPending}
                    onClick={() => window.confirm(t('settlement.payments.correctConfirm', words)) && reverse.mutate(payment.id)}
                  >
                    {t('settlement.payments.correct')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <FormError error={reverse.error} />
      {next !== null && (
        <button type="button" className="button-secondary" disabled={loading} onClick={() => void loadMore()}>
          {t('settlement.payments.more')}
        </button>
      )}
      {page.can.keepAccounts && underDecision && <p className="notice">{t('settlement.payments.underDecision')}</p>}
      {mayRecord && <PaymentForm page={page} />}
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
  const [delivered, setDelivered] = useState<Record<string, string>>(() => Object.fromEntries(statement.lines.map((line) => [line.postId, eurosForTyping(line.deliveredCents, i18n.language)])));
  const [reason, setReason] = useState<SettlementReason>(statement.reason);
  const typed = statement.lines.map((line) => ({ postId: line.postId, saved: line.deliveredCents, parsed: parseEuros(delivered[line.postId] ?? '', i18n.language) }));
  const [showTypingErrors, setShowTypingErrors] = useState(false);
  const typingError = (postId: string): string | null => {
    const parsed = typed.find((row) => row.postId === postId)?.parsed;
    return showTypingErrors && parsed && !parsed.ok ? t(`money.error.${parsed.error}`) : null;
  };
  const unsaved = reason !== statement.reason || typed.some((row) => !row.parsed.ok || row.parsed.cents !== row.saved);
  const save = useAct<{ delivered: { postId: string; deliveredCents: number }[] }>('put', () => `/budgets/${page.budget.id}/settlements/${statement.id}`, (input) => ({ reason, ...input }));
  const propose = useAct<null>('post', () => `/budgets/${page.budget.id}/settlements/${statement.id}/proposal`, () => ({}));
  /** The typed values as cents, or null (their errors shown) when one is not an amount. */
  const deliveredCents = () => {
    const rows = typed.flatMap((row) => (row.parsed.ok ? [{ postId: row.postId, deliveredCents: row.parsed.cents }] : []));
    setShowTypingErrors(rows.length < typed.length);
    return rows.length < typed.length ? null : rows;
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const rows = deliveredCents();
    if (rows !== null) save.mutate({ delivered: rows });
  };
  /** What the keeper typed and did not save yet is saved first: the statement proposed is the one on screen. */
  const saveAndPropose = async () => {
    if (unsaved) {
      const rows = deliveredCents();
      if (rows === null) return;
      try {
        await save.mutateAsync({ delivered: rows });
      } catch {
        return;
      }
    }
    propose.mutate(null);
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
            {', '}
            <Link to={`/p/${partnershipId}/propositions/${statement.proposal.id}`}>{t('settlement.statement.seeDecision', { status: t(`settlement.proposalStatus.${statement.proposal.status}`, { defaultValue: statement.proposal.status }) })}</Link>
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
                          aria-invalid={Boolean(typingError(line.postId) ?? fieldError(save.error, `delivered.${index}.deliveredCents`))}
                          aria-describedby={typingError(line.postId) ? `delivered-${line.postId}-error` : undefined}
                          onChange={(event) => setDelivered({ ...delivered, [line.postId]: event.target.value })}
                        />
                        {typingError(line.postId) && (
                          <p id={`delivered-${line.postId}-error`} className="field-error">
                            {typingError(line.postId)}
                          </p>
                        )}
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
              <button type="button" className="button-primary" disabled={propose.isPending || save.isPending} onClick={() => void saveAndPropose()}>
                {t('settlement.statement.propose')}
              </button>
            </div>
            <p className="hint">
              {t('settlement.statement.proposeHint')}
              {unsaved && <> {t('settlement.statement.proposeSaves')}</>}
            </p>
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
