import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormError } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { charterBudgetAnswer } from '../../../budgets/settlement/contract';

type CharterBudget = Answer<typeof charterBudgetAnswer>;

/** On a project charter's page (seed 000): the way to its budget (forecast and entries) and to its split and settlement, opening the budget for whoever keeps the books. */
export function CharterSettlementLink({ charterId }: { charterId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const budget = usePartnershipQuery<CharterBudget>(`/charters/${charterId}/budget`);
  const open = useAct<void>('post', () => `/charters/${charterId}/budget`, () => ({}));
  if (!budget.data || (budget.data.budgetId === null && !budget.data.canOpen)) return null;
  const budgetId = budget.data.budgetId;
  return (
    <section className="card" aria-labelledby="charter-settlement">
      <h2 id="charter-settlement">{t('settlement.openFromCharter')}</h2>
      <p className="muted">{t('settlement.openFromCharterHint')}</p>
      {budgetId !== null ? (
        <p>
          <Link to={`/p/${partnershipId}/budgets/${budgetId}`}>{t('settlement.charterBudget')}</Link> · <Link to={`/p/${partnershipId}/budgets/${budgetId}/reglement`}>{t('settlement.charterSplit')}</Link>
        </p>
      ) : (
        <>
          <FormError error={open.error} />
          <button type="button" className="button-primary" disabled={open.isPending} onClick={() => open.mutate(undefined, { onSuccess: (opened) => navigate(`/p/${partnershipId}/budgets/${opened.id}`) })}>
            {t('settlement.openBudget')}
          </button>
        </>
      )}
    </section>
  );
}
