import type { Ref, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface ItemSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> {
  readonly items: readonly { readonly id: string; readonly label: string }[];
  /** The label of an empty choice meaning "none"; without it, the empty choice asks to choose and cannot be picked. */
  readonly noneLabel?: string;
  readonly ref?: Ref<HTMLSelectElement>;
}

/** A select among named items of the partnership: people, bodies, organizations. */
export function ItemSelect({ items, noneLabel, ...props }: ItemSelectProps) {
  const { t } = useTranslation();
  return (
    <select {...(props.value === undefined ? { defaultValue: '' } : {})} {...props}>
      {noneLabel === undefined ? (
        <option value="" disabled>
          {t('common.choose')}
        </option>
      ) : (
        <option value="">{noneLabel}</option>
      )}
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.label}
        </option>
      ))}
    </select>
  );
}

export const namedItems = (items: readonly { readonly id: string; readonly name: string }[]) => items.map((i) => ({ id: i.id, label: i.name }));
export const personItems = (items: readonly { readonly id: string; readonly fullName: string }[]) => items.map((p) => ({ id: p.id, label: p.fullName }));
