import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The fund year the address asks for (`?annee=`), or null for the current one. */
export function useFundYear(params: URLSearchParams): number | null {
  const asked = Number(params.get('annee'));
  return Number.isInteger(asked) && asked >= 2000 && asked <= 2200 ? asked : null;
}

/** The year shown, with links to the year before and, until the current one, the year after. */
export function YearNavigation({ year, currentYear, path }: { year: number; currentYear: number; path: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('fund.years')} className="downloads">
      <Link to={`${path}?annee=${year - 1}`}>{t('fund.previousYear', { year: year - 1 })}</Link>
      <strong aria-current="page">{t('fund.yearShown', { year })}</strong>
      {year < currentYear && <Link to={`${path}?annee=${year + 1}`}>{t('fund.nextYear', { year: year + 1 })}</Link>}
    </nav>
  );
}
