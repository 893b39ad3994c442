import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_PREFERENCES, type MailPreference } from '../../../mail/rules';
import { FormError } from '../../components/ui';

/** The four ways to hear from Entente, one line each; saved as soon as it is chosen. */
export function MailPreferenceForm({
  preference,
  onChoose,
  error,
  saving,
}: {
  preference: MailPreference;
  onChoose: (preference: MailPreference) => void;
  error: unknown;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  return (
    <fieldset className="choice-list" disabled={saving}>
      <legend>{t('mailPreference.legend')}</legend>
      {MAIL_PREFERENCES.map((choice) => (
        <label key={choice} className="choice">
          <input
            type="radio"
            name="mail-preference"
            value={choice}
            checked={preference === choice}
            onChange={() => {
              setSaved(true);
              onChoose(choice);
            }}
          />
          <span>
            {t(`mailPreference.${choice}`)}
            <span className="hint"> {t(`mailPreference.${choice}Hint`)}</span>
          </span>
        </label>
      ))}
      <FormError error={error} />
      <p role="status">{saved && !saving && !error ? t('mailPreference.saved') : null}</p>
    </fieldset>
  );
}
