import { useEffect, useId, useRef, useState, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeopleSearch, usePersonNames, useSettledSearch } from '../hooks';
import { ItemSelect, personItems } from './ItemSelect';
import { fieldLabelId } from './ui';

/** People a picker offers at once; beyond that it asks for a few letters of the name. */
const OFFERED_AT_ONCE = 50;

interface PersonPickerProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children' | 'value' | 'onChange' | 'defaultValue'> {
  /** Only the members of this organization. */
  readonly organizationId?: string | undefined;
  /** People not to offer: those already seated, already members, the person themself. */
  readonly exclude?: ReadonlySet<string>;
  /** Given, the picker is controlled: it shows this person and reports each choice. */
  readonly value?: string | null;
  readonly onChange?: (personId: string | null) => void;
  readonly noneLabel?: string;
}

/**
 * A choice of one person among the partnership's people, however many: a plain select while
 * they fit in it, and a search field above it, asking the server as one types, once they do not.
 * Inside a Field, the search box is named after the field ("Rechercher un nom Personne"). It
 * empties, like the fields around it, when its form is reset.
 */
export function PersonPicker({ organizationId, exclude, value, onChange, noneLabel, ...selectProps }: PersonPickerProps) {
  const { t } = useTranslation();
  const select = useRef<HTMLSelectElement>(null);
  const searchId = useId();
  const hintId = useId();
  const [search, setSearch] = useState('');
  const [ownChoice, setOwnChoice] = useState('');
  const chosen = value === undefined ? ownChoice : (value ?? '');
  const words = useSettledSearch(search);
  const found = usePeopleSearch({ q: words, organizationId }, OFFERED_AT_ONCE);
  const offered = (found.data?.people ?? []).filter((person) => !exclude?.has(person.id));
  const chosenIsOffered = chosen === '' || offered.some((person) => person.id === chosen);
  const chosenName = usePersonNames(chosenIsOffered ? [] : [chosen]);
  const items = personItems(offered);
  if (!chosenIsOffered) items.unshift({ id: chosen, label: chosenName.names.get(chosen) ?? t('common.loading') });
  const total = found.data?.total ?? 0;
  // Once shown, the search box stays, so that clearing it never takes away the field being typed in.
  const [searchable, setSearchable] = useState(false);
  if (!searchable && total > OFFERED_AT_ONCE) setSearchable(true);

  useEffect(() => {
    const form = select.current?.form;
    if (!form) return;
    const clear = () => {
      setOwnChoice('');
      setSearch('');
    };
    form.addEventListener('reset', clear);
    return () => form.removeEventListener('reset', clear);
  }, []);

  return (
    <div className="person-picker">
      {searchable && (
        <input
          id={searchId}
          type="search"
          aria-label={t('picker.search')}
          aria-labelledby={selectProps.id ? `${searchId} ${fieldLabelId(selectProps.id)}` : undefined}
          aria-describedby={hintId}
          placeholder={t('picker.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      )}
      <ItemSelect
        ref={select}
        {...selectProps}
        {...(noneLabel === undefined ? {} : { noneLabel })}
        items={items}
        value={chosen}
        onChange={(event) => {
          setOwnChoice(event.target.value);
          onChange?.(event.target.value === '' ? null : event.target.value);
        }}
      />
      <p id={hintId} className="hint" aria-live="polite">
        {searchable &&
          (total > OFFERED_AT_ONCE ? t('picker.narrow', { shown: offered.length, count: total }) : t('picker.found', { count: offered.length }))}
      </p>
    </div>
  );
}
