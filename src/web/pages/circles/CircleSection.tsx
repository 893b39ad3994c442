import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Disclosure } from '../../components/Disclosure';
import { PersonPicker } from '../../components/PersonPicker';
import { Field, fieldError, FormError, Loading, LoadError } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { circleAnswer } from '../../../circles/contract';
import { CircleSize } from './CircleSize';

type Circle = Answer<typeof circleAnswer>;

/** A person asks to join, saying why in a few words; the circle's size once they join is said first. */
function AskToJoin({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const ask = useAct<{ motivation: string }>('post', () => `/circles/${circle.id}/join-requests`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    ask.mutate({ motivation: String(new FormData(event.currentTarget).get('motivation') ?? '') });
  };
  return (
    <form onSubmit={onSubmit} noValidate id="demander-a-rejoindre">
      <p className="hint">{t('circle.ask.hint')}</p>
      <CircleSize size={circle.sizeAfterOneMore} when="after" />
      <FormError error={ask.error} />
      <Field label={t('circle.ask.motivation')} error={fieldError(ask.error, 'motivation')}>
        {(props) => <textarea {...props} name="motivation" rows={3} maxLength={2000} />}
      </Field>
      <button type="submit" className="button-primary" disabled={ask.isPending}>
        {t('circle.ask.submit')}
      </button>
    </form>
  );
}

/** A member invites someone: the invitation is the request the circle decides on, in the same round. */
function Invite({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const invite = useAct<{ personId: string; motivation: string }>('post', () => `/circles/${circle.id}/invitations`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    invite.mutate(
      { personId: String(data.get('personId') ?? ''), motivation: String(data.get('motivation') ?? '') },
      {
        onSuccess: () => {
          form.reset();
          setSent(true);
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="hint">{t('circle.invite.hint')}</p>
      <CircleSize size={circle.sizeAfterOneMore} when="after" />
      {sent && (
        <p role="status" className="notice notice-ok">
          {t('circle.invite.sent')}
        </p>
      )}
      <FormError error={invite.error} />
      <Field label={t('circle.invite.person')} error={fieldError(invite.error, 'personId')}>
        {(props) => <PersonPicker {...props} name="personId" />}
      </Field>
      <Field label={t('circle.invite.motivation')} error={fieldError(invite.error, 'motivation')}>
        {(props) => <textarea {...props} name="motivation" rows={3} maxLength={2000} />}
      </Field>
      <button type="submit" className="button-primary" disabled={invite.isPending}>
        {t('circle.invite.submit')}
      </button>
    </form>
  );
}

/**
 * The circle's side of its body page (seed 004): its size against its range, who supervises it,
 * its leader and second link, the requests waiting for its consent, and the forms to ask or invite.
 */
export function CircleSection({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<Circle>(`/circles/${bodyId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const circle = query.data;
  const base = `/p/${partnershipId}`;
  return (
    <section aria-labelledby="circle-title" className="card">
      <h2 id="circle-title">{t('circle.title')}</h2>
      <CircleSize size={circle.size} when="now" />
      <p>
        {circle.supervisors.length === 0
          ? t('circle.noSupervisor')
          : t('circle.supervisedBy', { names: circle.supervisors.map((s) => `${s.fullName} (${s.roleName})`).join(', ') })}
      </p>
      {circle.officers.length > 0 && (
        <ul>
          {circle.officers.map((officer) => (
            <li key={officer.roleId}>
              <Link to={`${base}/roles/${officer.roleId}`}>{officer.roleName}</Link> :{' '}
              {officer.holders.length === 0 ? t('circle.unfilled') : officer.holders.map((h) => h.fullName).join(', ')}
              <span className="muted small">
                {' '}
                ({[officer.appointedByParent && t('circle.appointedByParent'), officer.sitsInParent && t('circle.sitsInParent')].filter(Boolean).join(', ')})
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('circle.openJoins')}</h3>
      {circle.openJoins.length === 0 ? (
        <p className="muted">{t('circle.noOpenJoins')}</p>
      ) : (
        <ul className="card-list">
          {circle.openJoins.map((join) => (
            <li key={join.id}>
              <p>
                {join.invited ? t('circle.joinInvited', { person: join.person.fullName, by: join.askedBy.fullName }) : t('circle.joinAsked', { person: join.person.fullName })}{' '}
                {join.proposalId && <Link to={`${base}/propositions/${join.proposalId}`}>{t('circle.seeRound', { person: join.person.fullName })}</Link>}
              </p>
              <CircleSize size={join.sizeAfter} when="after" />
            </li>
          ))}
        </ul>
      )}
      {circle.viewerJoinId !== null && <p className="notice">{t('circle.viewerWaiting')}</p>}
      {circle.can.ask && (
        <Disclosure label={t('circle.ask.open')}>
          <AskToJoin circle={circle} />
        </Disclosure>
      )}
      {circle.can.invite && (
        <Disclosure label={t('circle.invite.open')}>
          <Invite circle={circle} />
        </Disclosure>
      )}
    </section>
  );
}
