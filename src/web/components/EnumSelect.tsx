import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface EnumSelectProps<T extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children' | 'value' | 'onChange'> {
  readonly values: readonly T[];
  readonly labelPrefix: string;
  readonly value?: T;
  /** For a controlled select: called with the chosen code. */
  readonly onChoose?: (value: T) => void;
}

/** A select over a fixed list of codes, each shown with its translated label. */
export function EnumSelect<T extends string>({ values, labelPrefix, onChoose, ...props }: EnumSelectProps<T>) {
  const { t } = useTranslation();
  return (
    <select {...props} {...(onChoose && { onChange: (event) => onChoose(event.target.value as T) })}>
      {values.map((value) => (
        <option key={value} value={value}>
          {t(`${labelPrefix}.${value}`)}
        </option>
      ))}
    </select>
  );
}

/** The codes come from the domain, so the form offers exactly what the server accepts. */
export { BODY_KINDS, MANDATE_SOURCES, MEMBERSHIP_KINDS, ORGANIZATION_KINDS, SEAT_CAPACITIES } from '../../common/structure';
