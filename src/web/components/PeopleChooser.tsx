import { useTranslation } from 'react-i18next';
import { usePartnershipId, usePersonNames } from '../hooks';
import { useSession } from '../session';
import { PersonPicker } from './PersonPicker';
import { Field } from './ui';

/**
 * Several people chosen one at a time, each listed with a button to take them off again; the
 * signed-in person is never offered, since the form counts them in already.
 */
export function PeopleChooser({
  chosen,
  onChange,
  error,
  label,
  hint,
  addLabel,
  listLabel,
}: {
  readonly chosen: readonly string[];
  readonly onChange: (ids: string[]) => void;
  readonly error: string | undefined;
  readonly label: string;
  readonly hint: string;
  readonly addLabel: string;
  readonly listLabel: string;
}) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const session = useSession();
  const me = session.data?.partnerships.find((p) => p.id === partnershipId)?.personId;
  const names = usePersonNames(chosen);
  const exclude = new Set([...chosen, ...(me ? [me] : [])]);
  return (
    <>
      <Field label={label} hint={hint} error={error}>
        {(props) => <PersonPicker {...props} exclude={exclude} value={null} noneLabel={addLabel} onChange={(id) => id && onChange([...chosen, id])} />}
      </Field>
      {chosen.length > 0 && (
        <ul className="plain-list chosen-people" aria-label={listLabel}>
          {chosen.map((id) => {
            const name = names.names.get(id) ?? t('common.loading');
            return (
              <li key={id}>
                {name}{' '}
                <button type="button" className="link-button" aria-label={t('common.removePerson', { name })} onClick={() => onChange(chosen.filter((other) => other !== id))}>
                  {t('common.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
