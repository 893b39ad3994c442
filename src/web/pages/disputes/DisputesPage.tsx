import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { disputesAnswer } from '../../../disputes/contract';
import { PeopleChooser } from '../../components/PeopleChooser';
import { Badge, Field, fieldError, FormError, LoadError, Loading, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';

type Disputes = Answer<typeof disputesAnswer>;

/**
 * « Différends »: the disputes the viewer is in, in full; those whose existence their charter
 * shows, one line without subject or names; and the form to open one under a charter that has
 * dispute rules.
 */
export default function DisputesPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Disputes>('/disputes');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const data = query.data;
  return (
    <article>
      <PageTitle title={t('dispute.title')}>{t('dispute.title')}</PageTitle>
      <p className="hint">{t('dispute.intro')}</p>
      <section aria-labelledby="vos-differends">
        <h2 id="vos-differends">{t('dispute.yours')}</h2>
        {data.disputes.length === 0 ? (
          <p>{t('dispute.none')}</p>
        ) : (
          <ul className="plain-list">
            {data.disputes.map((dispute) => (
              <li key={dispute.id} className="card">
                <p>
                  <Link to={`/p/${partnershipId}/differends/${dispute.id}`}>{dispute.subject.split('\n')[0]}</Link>
                </p>
                <p className="hint">
                  {t('dispute.between', { names: dispute.parties.map((party) => party.fullName).join(', ') })}, {dispute.charter.title}
                </p>
                <p>
                  <Badge tone={dispute.stage === 'closed' ? 'neutral' : dispute.crisisLate ? 'warn' : 'ok'}>{t(`dispute.stage.${dispute.stage}`)}</Badge>{' '}
                  {dispute.crisisLate && <span>{t('dispute.crisisLate', { date: formatDate(dispute.crisisDueAt) })}</span>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.others.length > 0 && (
        <section aria-labelledby="autres-differends">
          <h2 id="autres-differends">{t('dispute.others')}</h2>
          <ul className="plain-list">
            {data.others.map((other) => (
              <li key={other.id}>{t(other.closed ? 'dispute.otherClosed' : 'dispute.otherOpen', { charter: other.charter.title, date: formatDate(other.openedAt) })}</li>
            ))}
          </ul>
        </section>
      )}
      {data.can.openUnder.length > 0 && <OpenForm charters={data.can.openUnder} />}
    </article>
  );
}

function OpenForm({ charters }: { charters: Disputes['can']['openUnder'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const unsaved = useUnsavedChanges();
  const [parties, setParties] = useState<string[]>([]);
  const open = useAct<{ charterId: string; subject: string; partyIds: string[] }>('post', () => '/disputes');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { charterId: String(form.get('charterId') ?? ''), subject: String(form.get('subject') ?? '').trim(), partyIds: parties };
    open.mutateAsync(input).then((created) => {
      unsaved.saved();
      navigate(`/p/${partnershipId}/differends/${created.id}`);
    }, () => undefined);
  };
  return (
    <form id="ouvrir-un-differend" className="card" noValidate aria-labelledby="ouvrir-titre" onChange={unsaved.changed} onSubmit={submit}>
      <h2 id="ouvrir-titre">{t('dispute.open.title')}</h2>
      <p className="hint">{t('dispute.open.hint')}</p>
      <FormError error={open.error} shown={['charterId', 'subject', 'partyIds']} />
      <Field label={t('dispute.open.charter')} error={fieldError(open.error, 'charterId')}>
        {(props) => (
          <select {...props} name="charterId" defaultValue={charters[0]?.id}>
            {charters.map((charter) => (
              <option key={charter.id} value={charter.id}>
                {charter.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('dispute.open.subject')} hint={t('dispute.open.subjectHint')} error={fieldError(open.error, 'subject')}>
        {(props) => <textarea {...props} name="subject" rows={5} required />}
      </Field>
      <PeopleChooser
        chosen={parties}
        onChange={(ids) => {
          setParties(ids);
          unsaved.changed();
        }}
        error={fieldError(open.error, 'partyIds')}
        label={t('dispute.open.party')}
        hint={t('dispute.open.partyHint')}
        addLabel={t('common.addPerson')}
        listLabel={t('dispute.open.chosenParties')}
      />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={open.isPending}>
          {t('dispute.open.submit')}
        </button>
      </div>
    </form>
  );
}
