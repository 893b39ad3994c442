import { useTranslation } from 'react-i18next';
import { numberOrNull } from '../hooks';
import type { ruleAnswer } from '../../bodies/contract';
import type { Answer } from '../../common/contract';
import { Field, fieldError } from './ui';

type Rule = Answer<typeof ruleAnswer>;

/** The numbers of a body's rule (composition and cadence); an empty field means "no constraint". */
export function RuleFields({ rule, error }: { rule?: Rule | undefined; error: unknown }) {
  const { t } = useTranslation();
  const number = (name: keyof Rule, hint?: string, max?: number) => (
    <Field label={t(`rule.${name}`)} hint={hint} error={fieldError(error, name)}>
      {(props) => (
        <input {...props} name={name} type="number" inputMode="numeric" min={1} max={max} defaultValue={rule?.[name] ?? ''} />
      )}
    </Field>
  );
  return (
    <fieldset>
      <legend>{t('rule.legend')}</legend>
      <p className="hint">{t('rule.hint')}</p>
      {number('delegatesPerOrganization')}
      {number('minReferentsPerOrganization')}
      <div className="field-row">
        {number('minSize')}
        {number('maxSize')}
      </div>
      {number('meetingsPerYear', t('rule.meetingsPerYearHint'), 52)}
    </fieldset>
  );
}

/** The rule's numbers from a form holding RuleFields. */
export const ruleFromForm = (data: FormData): Rule => ({
  delegatesPerOrganization: numberOrNull(data.get('delegatesPerOrganization')),
  minReferentsPerOrganization: numberOrNull(data.get('minReferentsPerOrganization')),
  minSize: numberOrNull(data.get('minSize')),
  maxSize: numberOrNull(data.get('maxSize')),
  meetingsPerYear: numberOrNull(data.get('meetingsPerYear')),
});

export function describeRule(rule: Rule, t: (key: string, options?: Record<string, unknown>) => string): string[] {
  const lines: string[] = [];
  if (rule.delegatesPerOrganization !== null) lines.push(t('rule.describeDelegates', { count: rule.delegatesPerOrganization }));
  if (rule.minReferentsPerOrganization !== null) lines.push(t('rule.describeReferents', { count: rule.minReferentsPerOrganization }));
  if (rule.minSize !== null && rule.maxSize !== null) lines.push(t('rule.describeSizeRange', { min: rule.minSize, max: rule.maxSize }));
  else if (rule.minSize !== null) lines.push(t('rule.describeMinSize', { count: rule.minSize }));
  else if (rule.maxSize !== null) lines.push(t('rule.describeMaxSize', { count: rule.maxSize }));
  if (rule.meetingsPerYear !== null) lines.push(t('rule.describeMeetingsPerYear', { count: rule.meetingsPerYear }));
  return lines;
}
