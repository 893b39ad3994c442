import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ItemSelect, namedItems } from '../../components/ItemSelect';
import { PersonPicker } from '../../components/PersonPicker';
import { EditForm } from '../../components/forms';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, todayIso, useFormatDate, useFormatPeriod } from '../../components/ui';
import { orNull, useAct, useOverview, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { useSession, useSignOutEverywhere } from '../../session';
import type { Answer } from '../../../common/contract';
import type { membershipRequestAnswer, personDetailAnswer } from '../../../people/contract';
import type { mailPreferenceAnswer } from '../../../mail/contract';
import type { MailPreference } from '../../../mail/rules';
import { MailPreferenceForm } from '../mail/MailPreferenceForm';

type MailPreferenceAnswer = Answer<typeof mailPreferenceAnswer>;
type PersonDetail = Answer<typeof personDetailAnswer>;
type MembershipRequestView = Answer<typeof membershipRequestAnswer>;
type DelegationView = PersonDetail['delegations'][number];

function MembershipRequest({ request, onAnswered }: { request: MembershipRequestView; onAnswered: (message: string) => void }) {
  const { t } = useTranslation();
  const base = `/p/${usePartnershipId()}`;
  const answer = useAct<{ answer: 'accept' | 'decline' }>('post', ({ answer }) => `/membership-requests/${request.id}/${answer}`, () => ({}));
  const reply = (choice: 'accept' | 'decline') =>
    // Not mutate's onSuccess: the request, and with it that callback, is gone once the page is refreshed.
    answer.mutateAsync({ answer: choice }).then(
      () => onAnswered(t(choice === 'accept' ? 'person.requests.accepted' : 'person.requests.declined', { organization: request.organizationName })),
      () => undefined, // shown by FormError below
    );
  return (
    <li className="card">
      <p>
        {t('person.requests.asked', { name: request.requestedBy ?? t('journal.formerMember') })}{' '}
        <Link to={`${base}/structures/${request.organizationId}`}>{request.organizationName}</Link> · {t(`membershipKind.${request.kind}`)}
        {request.isOrganizationAdmin && ` · ${t('organization.admin')}`}
      </p>
      <FormError error={answer.error} />
      {request.canAnswer ? (
        <div className="actions">
          <button type="button" className="button-primary" disabled={answer.isPending} onClick={() => reply('accept')}>
            {t('person.requests.accept')}
            <span className="visually-hidden">{t('common.nameSuffix', { name: request.organizationName })}</span>
          </button>
          <button type="button" className="button-secondary" disabled={answer.isPending} onClick={() => reply('decline')}>
            {t('person.requests.decline')}
            <span className="visually-hidden">{t('common.nameSuffix', { name: request.organizationName })}</span>
          </button>
        </div>
      ) : (
        <p className="muted">{t('person.requests.waiting')}</p>
      )}
    </li>
  );
}

function EditPerson({ person, onDone }: { person: PersonDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useAct<Record<string, unknown>>('patch', () => `/people/${person.id}`);
  const onSubmit = (data: FormData) => {
    update.mutate(
      {
        fullName: String(data.get('fullName') ?? ''),
        email: orNull(data.get('email')),
        phone: orNull(data.get('phone')),
        ...(person.can.setAdmin ? { isPartnershipAdmin: data.get('isPartnershipAdmin') === 'on' } : {}),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <EditForm title={t('person.edit')} error={update.error} pending={update.isPending} onSubmit={onSubmit} onCancel={onDone}>
      <Field label={t('person.fullName')} error={fieldError(update.error, 'fullName')}>
        {(props) => <input {...props} name="fullName" defaultValue={person.fullName} autoComplete="name" required />}
      </Field>
      <Field label={t('person.email')} error={fieldError(update.error, 'email')}>
        {(props) => <input {...props} name="email" type="email" defaultValue={person.contact?.email ?? ''} autoComplete="email" />}
      </Field>
      <Field label={t('person.phone')} error={fieldError(update.error, 'phone')}>
        {(props) => <input {...props} name="phone" type="tel" defaultValue={person.contact?.phone ?? ''} autoComplete="tel" />}
      </Field>
      {person.can.setAdmin && (
        <label className="checkbox">
          <input type="checkbox" name="isPartnershipAdmin" defaultChecked={person.isPartnershipAdmin} /> {t('person.isAdmin')}
        </label>
      )}
    </EditForm>
  );
}

function Invite({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const invite = useAct<Record<string, never>, { expiresAt: string }>('post', () => `/people/${person.id}/invitation`);
  if (!person.account || person.account.active) return null;
  const pending = invite.data?.expiresAt ?? person.account.invitationExpiresAt;
  return (
    <div className="card">
      <h2>{t('person.account')}</h2>
      {pending ? (
        <p role="status">{t('person.invitationPending', { date: formatDate(pending) })}</p>
      ) : (
        <p>{t('person.noAccount')}</p>
      )}
      <FormError error={invite.error} />
      <button type="button" className="button-secondary" disabled={invite.isPending} onClick={() => invite.mutate({})}>
        {pending ? t('person.inviteAgain') : t('person.invite')}
      </button>
    </div>
  );
}

interface DelegationForm {
  fromPersonId: string;
  toPersonId: string;
  bodyId: string;
  scope: string;
  startsOn: string;
  endsOn: string | null;
}

function Delegate({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const partnershipId = usePartnershipId();
  const isSelf = session.data?.partnerships.some((p) => p.id === partnershipId && p.personId === person.id) ?? false;
  const overview = useOverview();
  const [done, setDone] = useState(false);
  const delegate = useAct<DelegationForm>('post', () => '/delegations');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    delegate.mutate(
      {
        fromPersonId: person.id,
        toPersonId: String(data.get('toPersonId') ?? ''),
        bodyId: String(data.get('bodyId') ?? ''),
        scope: String(data.get('scope') ?? ''),
        startsOn: String(data.get('startsOn') ?? ''),
        endsOn: orNull(data.get('endsOn')),
      },
      {
        onSuccess: () => {
          form.reset();
          setDone(true);
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h3>{isSelf ? t('delegation.newOwn') : t('delegation.newFor', { name: person.fullName })}</h3>
      <p className="hint">{t('delegation.hint')}</p>
      {done && (
        <p role="status" className="notice notice-ok">
          {t('delegation.created')}
        </p>
      )}
      <FormError error={delegate.error} />
      <Field label={t('delegation.to')} error={fieldError(delegate.error, 'toPersonId')}>
        {(props) => (
          <PersonPicker {...props} name="toPersonId" exclude={new Set([person.id])} />
        )}
      </Field>
      <Field label={t('delegation.body')} hint={t('delegation.bodyHint')} error={fieldError(delegate.error, 'bodyId')}>
        {(props) => (
          <ItemSelect {...props} name="bodyId" items={namedItems(overview.data?.bodies ?? [])} />
        )}
      </Field>
      <Field label={t('delegation.scope')} error={fieldError(delegate.error, 'scope')}>
        {(props) => <textarea {...props} name="scope" rows={3} />}
      </Field>
      <div className="field-row">
        <Field label={t('common.startsOn')} error={fieldError(delegate.error, 'startsOn')}>
          {(props) => <input {...props} name="startsOn" type="date" defaultValue={todayIso()} />}
        </Field>
        <Field label={t('common.endsOnOptional')} error={fieldError(delegate.error, 'endsOn')}>
          {(props) => <input {...props} name="endsOn" type="date" />}
        </Field>
      </div>
      <button type="submit" className="button-primary" disabled={delegate.isPending}>
        {t('delegation.submit')}
      </button>
    </form>
  );
}

function DelegationItem({ delegation }: { delegation: DelegationView }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatPeriod = useFormatPeriod();
  const end = useAct<Record<string, never>>('post', () => `/delegations/${delegation.id}/end`);
  return (
    <li className="card">
      <p>
        {t('delegation.summary', { from: delegation.fromName, to: delegation.toName })}{' '}
        {delegation.bodyId && (
          <>
            ({t('delegation.informed')} <Link to={`/p/${partnershipId}/instances/${delegation.bodyId}`}>{delegation.bodyName}</Link>)
          </>
        )}
      </p>
      <p className="quote">{delegation.scope}</p>
      <p className="muted small">
        {formatPeriod(delegation)}
      </p>
      <FormError error={end.error} />
      {delegation.current && delegation.canEnd && (
        <button
          type="button"
          className="button-quiet"
          disabled={end.isPending}
          onClick={() => {
            if (window.confirm(t('delegation.endConfirm', { from: delegation.fromName, to: delegation.toName }))) end.mutate({});
          }}
        >
          {t('delegation.end')}
          <span className="visually-hidden">{t('delegation.endSuffix', { from: delegation.fromName, to: delegation.toName })}</span>
        </button>
      )}
    </li>
  );
}

/** Administrators erase a person on request (GDPR art. 17), after saying what it does. */
function Erase({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const erase = useAct<undefined>('post', () => `/people/${person.id}/erase`, () => ({}));
  return (
    <section className="card" aria-labelledby="person-erase">
      <h2 id="person-erase">{t('person.erase.title')}</h2>
      <p className="hint">{t('person.erase.hint')}</p>
      <FormError error={erase.error} />
      {confirming ? (
        <p>
          <button type="button" className="button-danger" disabled={erase.isPending} onClick={() => erase.mutate(undefined)}>
            {t('person.erase.confirm', { name: person.fullName })}
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </p>
      ) : (
        <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
          {t('person.erase.start')}
        </button>
      )}
    </section>
  );
}

/** Which messages the person receives from this partnership. */
function OwnMailPreference() {
  const query = usePartnershipQuery<MailPreferenceAnswer>('/mail-preference');
  const choose = useAct<{ preference: MailPreference }, MailPreferenceAnswer>('put', () => '/mail-preference');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  return <MailPreferenceForm preference={query.data.preference} onChoose={(preference) => choose.mutate({ preference })} error={choose.error} saving={choose.isPending} />;
}

/** What only the person themself sees on their page: their data, their messages, and their sessions. */
function OwnAccount() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOutEverywhere = useSignOutEverywhere();
  return (
    <section className="card" aria-labelledby="own-account">
      <h2 id="own-account">{t('person.ownAccount.title')}</h2>
      <OwnMailPreference />
      <p>
        <a href="/api/v1/auth/export" download>
          {t('person.export')}
        </a>
      </p>
      <p className="hint">{t('person.ownAccount.everywhereHint')}</p>
      <FormError error={signOutEverywhere.error} />
      <button
        type="button"
        className="button-secondary"
        disabled={signOutEverywhere.isPending}
        onClick={() => signOutEverywhere.mutate(undefined, { onSuccess: () => navigate('/connexion') })}
      >
        {t('person.ownAccount.everywhere')}
      </button>
    </section>
  );
}

export default function PersonPage() {
  const { t } = useTranslation();
  const { personId } = useParams();
  const partnershipId = usePartnershipId();
  const formatPeriod = useFormatPeriod();
  const [editing, setEditing] = useState(false);
  const [answered, setAnswered] = useState<string | null>(null);
  const query = usePartnershipQuery<PersonDetail>(`/people/${personId}`);
  const session = useSession();
  const formatDate = useFormatDate();
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const person = query.data;
  const base = `/p/${partnershipId}`;
  const isSelf = session.data?.partnerships.some((p) => p.id === partnershipId && p.personId === person.id) ?? false;

  return (
    <>
      <p className="breadcrumb">
        <Link to={`${base}/personnes`}>{t('layout.people')}</Link>
      </p>
      <PageTitle title={person.fullName}>{person.fullName}</PageTitle>
      {person.isPartnershipAdmin && <Badge tone="neutral">{t('person.admin')}</Badge>}
      {person.erasedAt && <p className="notice">{t('person.erased', { date: formatDate(person.erasedAt.slice(0, 10)) })}</p>}
      {isSelf && <OwnAccount />}
      {editing ? (
        <EditPerson person={person} onDone={() => setEditing(false)} />
      ) : (
        person.contact && (
          <section className="card" aria-labelledby="person-contact">
            <div className="section-head">
              <h2 id="person-contact">{t('person.contact')}</h2>
              {person.can.edit && (
                <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                  {t('person.edit')}
                </button>
              )}
            </div>
            <dl className="details">
              <dt>{t('person.email')}</dt>
              <dd>{person.contact.email ?? '—'}</dd>
              <dt>{t('person.phone')}</dt>
              <dd>{person.contact.phone ?? '—'}</dd>
            </dl>
          </section>
        )
      )}
      <Invite person={person} />
      <section aria-labelledby="person-orgs">
        <h2 id="person-orgs">{t('person.organizations')}</h2>
        <div role="status">{answered !== null && <p className="notice notice-ok">{answered}</p>}</div>
        {person.membershipRequests.length > 0 && (
          <>
            <h3>{t('person.requests.title')}</h3>
            <ul className="card-list">
              {person.membershipRequests.map((r) => (
                <MembershipRequest key={r.id} request={r} onAnswered={setAnswered} />
              ))}
            </ul>
          </>
        )}
        <ul>
          {person.memberships.map((m) => (
            <li key={m.id}>
              <Link to={`${base}/structures/${m.organizationId}`}>{m.organizationName}</Link> · {t(`membershipKind.${m.kind}`)}
              {m.isOrganizationAdmin && ` · ${t('organization.admin')}`}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="person-seats">
        <h2 id="person-seats">{t('person.seats')}</h2>
        {person.seats.length === 0 ? <p className="muted">{t('person.noSeats')}</p> : (
          <ul>
            {person.seats.map((s) => (
              <li key={s.id} className={s.current ? '' : 'muted'}>
                <Link to={`${base}/instances/${s.bodyId}`}>{s.bodyName}</Link> · {t(`capacity.${s.capacity}`)}
                {s.organizationName && ` (${s.organizationName})`} · {formatPeriod(s)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="person-roles">
        <h2 id="person-roles">{t('person.roles')}</h2>
        {person.roles.length === 0 ? <p className="muted">{t('person.noRoles')}</p> : (
          <ul>
            {person.roles.map((r) => (
              <li key={r.id} className={r.current ? '' : 'muted'}>
                <Link to={`${base}/roles/${r.roleId}`}>{r.roleName}</Link> · {formatPeriod(r)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="person-delegations">
        <h2 id="person-delegations">{t('person.delegations')}</h2>
        {person.delegations.length === 0 ? <p className="muted">{t('body.noDelegations')}</p> : (
          <ul className="card-list">
            {person.delegations.map((d) => (
              <DelegationItem key={d.id} delegation={d} />
            ))}
          </ul>
        )}
        {person.can.delegate && <Delegate person={person} />}
      </section>
      {person.can.erase && <Erase person={person} />}
    </>
  );
}
