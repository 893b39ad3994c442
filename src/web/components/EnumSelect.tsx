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

export const BODY_KINDS = ['plenary', 'steering', 'directors', 'working_group', 'circle'] as const;
export const ORGANIZATION_KINDS = ['association', 'social_centre', 'youth_centre', 'residents_committee', 'cooperative', 'public_body', 'other'] as const;
export const MEMBERSHIP_KINDS = ['volunteer', 'staff', 'board'] as const;
export const SEAT_CAPACITIES = ['delegate', 'referent', 'member'] as const;
export const MANDATE_SOURCES = ['board', 'staff_body', 'general_assembly', 'partnership', 'self'] as const;
