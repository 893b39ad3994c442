import { useTranslation } from 'react-i18next';

interface EnumSelectProps {
  readonly values: readonly string[];
  readonly labelPrefix: string;
  readonly name: string;
  readonly defaultValue?: string;
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

/** A select over a fixed list of codes, each shown with its translated label. */
export function EnumSelect({ values, labelPrefix, ...props }: EnumSelectProps) {
  const { t } = useTranslation();
  return (
    <select {...props}>
      {values.map((value) => (
        <option key={value} value={value}>
          {t(`${labelPrefix}.${value}`)}
        </option>
      ))}
    </select>
  );
}

/** The codes come from the domain, so the form offers exactly what the server accepts. */
export { BODY_KINDS, MANDATE_SOURCES, MEMBERSHIP_KINDS, ORGANIZATION_KINDS, SEAT_CAPACITIES } from '../../domain/structure/types';
