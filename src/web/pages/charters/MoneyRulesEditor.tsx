import { useTranslation } from 'react-i18next';
import { moneyRulesOf, type CharterRules, type MoneyRules } from '../../../charters/rules/types';
import { monthName } from '../../../common/dates';
import { EditorField, type Errors } from './EditorFields';
import { MatterChoice, numberOf, type Named } from './ProjectRulesEditor';

type CommonFund = NonNullable<MoneyRules['commonFund']>;

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** Seed 003's « 1 % »: what a fund starts as when a charter first says it has one. */
const NEW_FUND: CommonFund = { contribution: { kind: 'percent', percent: 1 }, yearStartsMonth: 1, dueWithinDays: 60, spending: { level: 'strategic', topic: '' } };

/** The common fund's rule: what each organization pays in, on which year, when it falls due, and who spends it. */
function CommonFundFields({ fund, rules, errors, change }: { fund: CommonFund; rules: CharterRules; errors: Errors; change: (fund: CommonFund) => void }) {
  const { t, i18n } = useTranslation();
  const path = 'rules.money.commonFund';
  const contribution = fund.contribution;
  return (
    <>
      <div className="field-row">
        <EditorField path={`${path}.contribution`} errors={{}} label={t('charter.edit.money.contribution')}>
          {(props) => (
            <select
              {...props}
              value={contribution.kind}
              onChange={(e) => change({ ...fund, contribution: e.target.value === 'fixed' ? { kind: 'fixed', amountCents: 10_000 } : { kind: 'percent', percent: 1 } })}
            >
              <option value="percent">{t('charter.edit.money.contributionPercent')}</option>
              <option value="fixed">{t('charter.edit.money.contributionFixed')}</option>
            </select>
          )}
        </EditorField>
        {contribution.kind === 'percent' ? (
          <EditorField path={`${path}.contribution.percent`} errors={errors} label={t('charter.edit.money.percent')}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={0.01}
                max={100}
                step="0.01"
                inputMode="decimal"
                value={Number.isNaN(contribution.percent) ? '' : contribution.percent}
                onChange={(e) => change({ ...fund, contribution: { kind: 'percent', percent: numberOf(e.target.value) } })}
              />
            )}
          </EditorField>
        ) : (
          <EditorField path={`${path}.contribution.amountCents`} errors={errors} label={t('charter.edit.money.amount')}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={0.01}
                step="0.01"
                inputMode="decimal"
                value={Number.isNaN(contribution.amountCents) ? '' : contribution.amountCents / 100}
                onChange={(e) => change({ ...fund, contribution: { kind: 'fixed', amountCents: Math.round(numberOf(e.target.value) * 100) } })}
              />
            )}
          </EditorField>
        )}
      </div>
      <div className="field-row">
        <EditorField path={`${path}.yearStartsMonth`} errors={errors} label={t('charter.edit.money.yearStartsMonth')}>
          {(props) => (
            <select {...props} value={fund.yearStartsMonth} onChange={(e) => change({ ...fund, yearStartsMonth: Number(e.target.value) })}>
              {MONTHS.map((month) => (
                <option key={month} value={month}>
                  {monthName(i18n.language === 'en' ? 'en' : 'fr', month)}
                </option>
              ))}
            </select>
          )}
        </EditorField>
        <EditorField path={`${path}.dueWithinDays`} errors={errors} label={t('charter.edit.money.dueWithinDays')}>
          {(props) => (
            <input {...props} type="number" min={1} max={365} inputMode="numeric" value={Number.isNaN(fund.dueWithinDays) ? '' : fund.dueWithinDays} onChange={(e) => change({ ...fund, dueWithinDays: numberOf(e.target.value) })} />
          )}
        </EditorField>
      </div>
      <EditorField path={`${path}.spending.topic`} errors={errors} label={t('charter.edit.money.spending')} hint={t('charter.edit.money.spendingHint')}>
        {(props) => <MatterChoice {...props} value={fund.spending} rules={rules} onChange={(spending) => change({ ...fund, spending })} />}
      </EditorField>
    </>
  );
}

/**
 * The « Argent » section of the charter editor (issue 19): who decides a budget's revision and a
 * settlement of accounts, who keeps the books, what to do in deficit, and the common fund's rule.
 * A version that does not say it yet offers to; one that does may stop saying it.
 */
export function MoneyRulesEditor({ rules, errors, setRules, roles }: { rules: CharterRules; errors: Errors; setRules: (patch: Partial<CharterRules>) => void; roles: readonly Named[] }) {
  const { t } = useTranslation();
  const money = rules.money;
  const path = 'rules.money';
  if (money === undefined) {
    return (
      <fieldset id={`field-${path}`}>
        <legend>{t('charter.rules.money')}</legend>
        <p className="hint">{t('charter.edit.money.absent')}</p>
        <button type="button" className="button-secondary" onClick={() => setRules({ money: moneyRulesOf(rules) })}>
          {t('charter.edit.money.add')}
        </button>
      </fieldset>
    );
  }
  const change = (patch: Partial<MoneyRules>) => setRules({ money: { ...money, ...patch } });
  const treasurer = money.treasurerRoleId;
  // A role removed since stays offered under a question mark, so the select shows the data and the check's message says why.
  const offeredRoles = treasurer !== null && !roles.some((role) => role.id === treasurer) ? [...roles, { id: treasurer, name: '?' }] : roles;
  const fund = money.commonFund;
  return (
    <fieldset id={`field-${path}`}>
      <legend>{t('charter.rules.money')}</legend>
      <p className="hint">{t('charter.edit.money.hint')}</p>
      <div className="field-row">
        <EditorField path={`${path}.budgetRevision.topic`} errors={errors} label={t('charter.edit.money.budgetRevision')} hint={t('charter.edit.money.matterHint')}>
          {(props) => <MatterChoice {...props} value={money.budgetRevision} rules={rules} onChange={(budgetRevision) => change({ budgetRevision })} />}
        </EditorField>
        <EditorField path={`${path}.settlement.topic`} errors={errors} label={t('charter.edit.money.settlement')} hint={t('charter.edit.money.matterHint')}>
          {(props) => <MatterChoice {...props} value={money.settlement} rules={rules} onChange={(settlement) => change({ settlement })} />}
        </EditorField>
      </div>
      <EditorField path={`${path}.treasurerRoleId`} errors={errors} label={t('charter.edit.money.treasurer')} hint={t('charter.edit.money.treasurerHint')}>
        {(props) => (
          <select {...props} value={treasurer ?? ''} onChange={(e) => change({ treasurerRoleId: e.target.value === '' ? null : e.target.value })}>
            <option value="">{t('charter.edit.money.treasurerNone')}</option>
            {offeredRoles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        )}
      </EditorField>
      <EditorField path={`${path}.deficitGuidance`} errors={errors} label={t('charter.edit.money.deficitGuidance')} hint={t('charter.edit.money.deficitGuidanceHint')}>
        {(props) => <textarea {...props} rows={3} maxLength={300} value={money.deficitGuidance} onChange={(e) => change({ deficitGuidance: e.target.value })} />}
      </EditorField>
      <div className="choice">
        <input type="checkbox" id="money-common-fund" checked={fund !== null} onChange={(e) => change({ commonFund: e.target.checked ? NEW_FUND : null })} />
        <label htmlFor="money-common-fund">
          {t('charter.edit.money.commonFund')}
          <span className="hint">{t('charter.edit.money.commonFundHint')}</span>
        </label>
      </div>
      {fund !== null && <CommonFundFields fund={fund} rules={rules} errors={errors} change={(commonFund) => change({ commonFund })} />}
      {/* Like an article, the section goes only when the draft is saved: until then, leaving the page asks first. */}
      <button type="button" className="link-button" onClick={() => setRules({ money: undefined })}>
        {t('charter.edit.money.remove')}
      </button>
    </fieldset>
  );
}
