import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { fundPageAnswer } from '../../../fund/contract';
import { parseEuros, useEuros } from '../../money';
import { TO_DO_ANCHORS } from '../../../participation/rules';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, todayIso, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { useFundYear, YearNavigation } from './fund-common';

type Page = Answer<typeof fundPageAnswer>;
type Line = Page['organizations'][number];
type Rule = NonNullable<Page['rule']>;

/** The charter's rule in one sentence: how much, on which year, due when, spent by whom. */
function RuleLine({ rule }: { rule: Rule }) {
  const { t, i18n } = useTranslation();
  const euros = useEuros();
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, rule.yearStartsMonth - 1, 1)));
  const contribution =
    rule.contribution.kind === 'percent'
      ? t('fund.rule.percent', { percent: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(rule.contribution.percent) })
      : t('fund.rule.fixed', { amount: euros(rule.contribution.amountCents) });
  return <p>{t('fund.rule.line', { contribution, month, days: rule.dueWithinDays })}</p>;
}

/** Where an organization stands for the year, in a word. */
function Standing({ line }: { line: Line }) {
  const { t } = useTranslation();
  if (line.call === null) return line.undeclared ? <Badge tone="warn">{t('fund.standing.undeclared')}</Badge> : <Badge tone="neutral">{t('fund.standing.notCalled')}</Badge>;
  if (line.call.behind) return <Badge tone="warn">{t('fund.standing.behind')}</Badge>;
  return <Badge tone={line.call.status === 'paid' ? 'ok' : 'neutral'}>{t(`fund.standing.${line.call.status}`)}</Badge>;
}

function Contributions({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const called = page.organizations.reduce((sum, line) => sum + (line.call?.amountCents ?? 0), 0);
  const paid = page.organizations.reduce((sum, line) => sum + (line.call?.paidCents ?? 0), 0);
  return (
    <section id={TO_DO_ANCHORS.fund_contribution} aria-labelledby="fund-contributions" tabIndex={-1}>
      <h2 id="fund-contributions">{t('fund.contributions.title', { year: page.year })}</h2>
      <div className="table-scroll" role="region" aria-label={t('fund.table', { title: t('fund.contributions.title', { year: page.year }) })} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fund.contributions.organization')}</th>
              <th scope="col">{t('fund.contributions.declared')}</th>
              <th scope="col">{t('fund.contributions.called')}</th>
              <th scope="col">{t('fund.contributions.paid')}</th>
              <th scope="col">{t('fund.contributions.dueOn')}</th>
              <th scope="col">{t('fund.contributions.standing')}</th>
            </tr>
          </thead>
          <tbody>
            {page.organizations.map((line) => (
              <tr key={line.organization.id} data-organization={line.organization.name}>
                <th scope="row">{line.organization.name}</th>
                <td>{line.declaredBudgetCents === null ? '—' : euros(line.declaredBudgetCents)}</td>
                <td>{line.call ? euros(line.call.amountCents) : '—'}</td>
                <td>{line.call ? euros(line.call.paidCents) : '—'}</td>
                <td>{line.call ? formatDate(line.call.dueOn) : '—'}</td>
                <td>
                  <Standing line={line} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('fund.contributions.total')}</th>
              <td />
              <td>{euros(called)}</td>
              <td>{euros(paid)}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** The organizations behind: unpaid or partly paid after their due day. */
function Behind({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const behind = page.organizations.filter((line) => line.call?.behind);
  return (
    <section id={TO_DO_ANCHORS.fund_behind} aria-labelledby="fund-behind" tabIndex={-1} className={behind.length > 0 ? 'notice notice-warn' : 'card'}>
      <h2 id="fund-behind">{t('fund.behind.title')}</h2>
      {behind.length === 0 ? (
        <p>{t('fund.behind.none')}</p>
      ) : (
        <ul>
          {behind.map((line) => (
            <li key={line.organization.id}>
              {t('fund.behind.line', { organization: line.organization.name, remaining: euros(line.call!.remainingCents), dueOn: formatDate(line.call!.dueOn) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An organization's administrators declare its annual budget for the year, until its call is issued. */
function DeclarationForms({ page }: { page: Page }) {
  const { t } = useTranslation();
  const open = page.organizations.filter((line) => page.can.declareFor.includes(line.organization.id) && line.call === null);
  if (page.rule?.contribution.kind !== 'percent' || open.length === 0) return null;
  return (
    <section id={TO_DO_ANCHORS.fund_declaration} aria-labelledby="fund-declare" tabIndex={-1} className="card">
      <h2 id="fund-declare">{t('fund.declare.title', { year: page.year })}</h2>
      <p className="hint">{t('fund.declare.hint')}</p>
      {open.map((line) => (
        <DeclarationForm key={line.organization.id} year={page.year} line={line} />
      ))}
    </section>
  );
}

function DeclarationForm({ year, line }: { year: number; line: Line }) {
  const { t, i18n } = useTranslation();
  const euros = useEuros();
  const unsaved = useUnsavedChanges();
  const [text, setText] = useState('');
  const [typed, setTyped] = useState<string | null>(null);
  const declare = useAct<{ organizationId: string; year: number; budgetCents: number }, null>('put', () => '/fund/declarations');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typedAmount = parseEuros(text, i18n.language);
    if (!typedAmount.ok) return setTyped(t('fund.amountInvalid'));
    const budgetCents = typedAmount.cents;
    setTyped(null);
    declare.mutate({ organizationId: line.organization.id, year, budgetCents }, { onSuccess: () => (unsaved.saved(), setText('')) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label={t('fund.declare.label', { organization: line.organization.name })}
        hint={line.declaredBudgetCents === null ? undefined : t('fund.declare.current', { amount: euros(line.declaredBudgetCents) })}
        error={typed ?? fieldError(declare.error, 'budgetCents')}
      >
        {(props) => <input {...props} inputMode="decimal" value={text} onChange={(event) => (unsaved.changed(), setText(event.target.value))} />}
      </Field>
      <FormError error={declare.error} shown={['budgetCents']} />
      <button type="submit" disabled={declare.isPending}>
        {t('fund.declare.submit')}
      </button>
      {declare.isSuccess && <p role="status">{t('fund.declare.saved')}</p>}
    </form>
  );
}

/** The keepers' forms: issue the year's calls, record a payment on a call. */
function KeeperForms({ page }: { page: Page }) {
  const { t, i18n } = useTranslation();
  const euros = useEuros();
  const issue = useAct<{ year: number }, { issued: number; undeclared: string[] }>('post', () => '/fund/calls');
  const pay = useAct<{ callId: string; amountCents: number; paidOn: string }>('post', () => '/fund/payments');
  const open = page.organizations.filter((line) => line.call !== null && line.call.remainingCents > 0);
  const [callId, setCallId] = useState('');
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(todayIso());
  const [typed, setTyped] = useState<string | null>(null);
  const chosen = open.find((line) => line.call!.id === callId) ?? open[0];
  const uncalled = page.organizations.filter((line) => line.call === null).length;
  const submitPayment = (event: FormEvent) => {
    event.preventDefault();
    const typedAmount = parseEuros(amount, i18n.language);
    if (!typedAmount.ok) return setTyped(t('fund.amountInvalid'));
    const amountCents = typedAmount.cents;
    setTyped(null);
    pay.mutate({ callId: chosen!.call!.id, amountCents, paidOn }, { onSuccess: () => setAmount('') });
  };
  return (
    <section aria-labelledby="fund-keep" className="card">
      <h2 id="fund-keep">{t('fund.keep.title')}</h2>
      {uncalled > 0 && (
        <form onSubmit={(event) => (event.preventDefault(), issue.mutate({ year: page.year }))}>
          <p>{t('fund.keep.callsHint', { count: uncalled, year: page.year })}</p>
          <FormError error={issue.error} />
          <button type="submit" disabled={issue.isPending}>
            {t('fund.keep.issue', { year: page.year })}
          </button>
          {issue.isSuccess && <p role="status">{t('fund.keep.issued', { count: issue.data.issued })}</p>}
        </form>
      )}
      {open.length > 0 && chosen && (
        <form id="enregistrer-un-versement" onSubmit={submitPayment} noValidate>
          <h3>{t('fund.keep.paymentTitle')}</h3>
          <Field label={t('fund.keep.call')} error={fieldError(pay.error, 'callId')}>
            {(props) => (
              <select {...props} value={chosen.call!.id} onChange={(event) => setCallId(event.target.value)}>
                {open.map((line) => (
                  <option key={line.call!.id} value={line.call!.id}>
                    {t('fund.keep.callOption', { organization: line.organization.name, remaining: euros(line.call!.remainingCents) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('fund.keep.amount')} error={typed ?? fieldError(pay.error, 'amountCents')}>
            {(props) => <input {...props} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />}
          </Field>
          <Field label={t('fund.keep.paidOn')} error={fieldError(pay.error, 'paidOn')}>
            {(props) => <input {...props} type="date" value={paidOn} onChange={(event) => setPaidOn(event.target.value)} />}
          </Field>
          <FormError error={pay.error} shown={['callId', 'amountCents', 'paidOn']} />
          <button type="submit" disabled={pay.isPending}>
            {t('fund.keep.record')}
          </button>
          {pay.isSuccess && <p role="status">{t('fund.keep.recorded')}</p>}
        </form>
      )}
    </section>
  );
}

function Ledger({ page }: { page: Page }) {
  const { t } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const reverse = useAct<{ entryId: string }>('post', ({ entryId }) => `/fund/ledger/${entryId}/reversal`, () => ({}));
  return (
    <section aria-labelledby="fund-ledger">
      <h2 id="fund-ledger">{t('fund.ledger.title', { year: page.year })}</h2>
      <p>{t('fund.ledger.opening', { amount: euros(page.openingBalanceCents) })}</p>
      {page.ledger.length === 0 ? (
        <p className="muted">{t('fund.ledger.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('fund.table', { title: t('fund.ledger.title', { year: page.year }) })} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fund.ledger.day')}</th>
                <th scope="col">{t('fund.ledger.what')}</th>
                <th scope="col">{t('fund.ledger.amount')}</th>
                <th scope="col">{t('fund.ledger.balance')}</th>
                {page.can.keepAccounts && <th scope="col">{t('fund.ledger.correct')}</th>}
              </tr>
            </thead>
            <tbody>
              {page.ledger.map((row) => (
                <tr key={row.id}>
                  <td>{formatDate(row.occurredOn)}</td>
                  <td>
                    {row.kind === 'spending' ? (
                      <>
                        {t('fund.ledger.spending')} <Link to={`/p/${partnershipId}/propositions/${row.proposal!.id}`}>{row.proposal!.wording}</Link>
                      </>
                    ) : row.reverses !== null ? (
                      t('fund.ledger.reversal', { organization: row.organization?.name ?? '' })
                    ) : (
                      t('fund.ledger.payment', { organization: row.organization?.name ?? '' })
                    )}
                  </td>
                  <td>{euros(row.kind === 'spending' ? -row.amountCents : row.amountCents)}</td>
                  <td>{euros(row.balanceCents)}</td>
                  {page.can.keepAccounts && (
                    <td>
                      {row.kind === 'payment' && row.reverses === null && !row.reversed && (
                        <button type="button" className="link-button" disabled={reverse.isPending} onClick={() => reverse.mutate({ entryId: row.id })}>
                          {t('fund.ledger.reverse')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormError error={reverse.error} />
    </section>
  );
}

/** « Dépense de la caisse commune »: a proposal carrying its amount, decided by the body the charter names. */
function Spendings({ page }: { page: Page }) {
  const { t, i18n } = useTranslation();
  const euros = useEuros();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const unsaved = useUnsavedChanges();
  const propose = useAct<{ wording: string; context: string; amountCents: number }>('post', () => '/fund/spendings');
  const [typed, setTyped] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const typedAmount = parseEuros(String(form.get('amount') ?? ''), i18n.language);
    if (!typedAmount.ok) return setTyped(t('fund.amountInvalid'));
    const amountCents = typedAmount.cents;
    setTyped(null);
    propose.mutate(
      { wording: String(form.get('wording') ?? ''), context: String(form.get('context') ?? ''), amountCents },
      { onSuccess: ({ id }) => (unsaved.saved(), navigate(`/p/${partnershipId}/propositions/${id}`)) },
    );
  };
  return (
    <section aria-labelledby="fund-spendings">
      <h2 id="fund-spendings">{t('fund.spendings.title')}</h2>
      {page.spendings.length === 0 ? (
        <p className="muted">{t('fund.spendings.empty')}</p>
      ) : (
        <ul>
          {page.spendings.map((spending) => (
            <li key={spending.id}>
              <Link to={`/p/${partnershipId}/propositions/${spending.id}`}>{spending.wording}</Link> : {euros(spending.amountCents)}{' '}
              <Badge tone={spending.status === 'adopted' ? 'ok' : 'neutral'}>{t(`fund.spendings.status.${spending.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
      {page.can.proposeSpending && (
        <form id="depense" onSubmit={submit} onChange={unsaved.changed} noValidate className="card">
          <h3>{t('fund.spendings.propose')}</h3>
          <p className="hint">{t('fund.spendings.hint', { available: euros(page.availableCents) })}</p>
          <Field label={t('fund.spendings.wording')} error={fieldError(propose.error, 'wording')}>
            {(props) => <input {...props} name="wording" />}
          </Field>
          <Field label={t('fund.spendings.amount')} error={typed ?? fieldError(propose.error, 'amountCents')}>
            {(props) => <input {...props} name="amount" inputMode="decimal" />}
          </Field>
          <Field label={t('fund.spendings.context')} error={fieldError(propose.error, 'context')}>
            {(props) => <textarea {...props} name="context" rows={3} />}
          </Field>
          <FormError error={propose.error} shown={['wording', 'amountCents', 'context']} />
          <button type="submit" disabled={propose.isPending}>
            {t('fund.spendings.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The common fund (« le 1 % »): the year's declarations, calls and payments, who is behind, the ledger and its spendings. */
export default function FundPage() {
  const { t } = useTranslation();
  const euros = useEuros();
  const partnershipId = usePartnershipId();
  const [params] = useSearchParams();
  const year = useFundYear(params);
  const query = usePartnershipQuery<Page>(`/fund${year === null ? '' : `?year=${year}`}`);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} />;
  const page = query.data;
  return (
    <div className="fund-page">
      <PageTitle title={t('fund.title')}>{t('fund.title')}</PageTitle>
      {page.rule === null ? <p className="notice notice-info">{t('fund.noRule')}</p> : <RuleLine rule={page.rule} />}
      <YearNavigation year={page.year} currentYear={page.currentYear} path={`/p/${partnershipId}/caisse-commune`} />
      <dl className="fund-figures">
        <div>
          <dt>{t('fund.figures.balance')}</dt>
          <dd>{euros(page.balanceCents)}</dd>
        </div>
        <div>
          <dt>{t('fund.figures.reserved')}</dt>
          <dd>{euros(page.reservedCents)}</dd>
        </div>
        <div>
          <dt>{t('fund.figures.available')}</dt>
          <dd>{euros(page.availableCents)}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/p/${partnershipId}/caisse-commune/bilan?annee=${page.year}`}>{t('fund.statementLink', { year: page.year })}</Link>
      </p>
      <Behind page={page} />
      <Contributions page={page} />
      <DeclarationForms page={page} />
      {page.can.keepAccounts && page.rule !== null && <KeeperForms page={page} />}
      <Ledger page={page} />
      <Spendings page={page} />
    </div>
  );
}
