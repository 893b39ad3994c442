import { useTranslation } from 'react-i18next';
import type { gapAnswer } from '../../bodies/contract';
import type { Answer } from '../../common/contract';

type Gap = Answer<typeof gapAnswer>;

/** The composition check of a body, in plain words; a gap is a warning, not an error of the page. */
export function CompositionStatus({ gaps, hasRule }: { gaps: Gap[]; hasRule: boolean }) {
  const { t } = useTranslation();
  if (!hasRule) return <p className="muted">{t('composition.noRule')}</p>;
  if (gaps.length === 0) {
    return (
      <p className="composition composition-ok">
        <span aria-hidden="true">✓ </span>
        {t('composition.ok')}
      </p>
    );
  }
  return (
    <div className="composition composition-gaps">
      <p>
        <span aria-hidden="true">⚠ </span>
        {t('composition.gapsTitle', { count: gaps.length })}
      </p>
      <ul>
        {gaps.map((gap) => (
          <li key={`${gap.code}-${gap.organizationId ?? ''}`}>{gap.message}</li>
        ))}
      </ul>
    </div>
  );
}

export const hasRule = (rule: { delegatesPerOrganization: number | null; minReferentsPerOrganization: number | null; minSize: number | null; maxSize: number | null }) =>
  Object.values(rule).some((value) => value !== null);
