import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PersonPicker } from '../../components/PersonPicker';
import { EnumSelect, MEMBERSHIP_KINDS, ORGANIZATION_KINDS } from '../../components/EnumSelect';
import { EditForm } from '../../components/forms';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { orNull, useAct, useDeleteAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { organizationDetailAnswer } from '../../../organizations/contract';

type OrganizationDetail = Answer<typeof organizationDetailAnswer>;

function EditOrganization({ organization, onDone }: { organization: OrganizationDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useAct<Record<string, unknown>>('patch', () => `/organizations/${organization.id}`);
  const onSubmit = (data: FormData) => update.mutate(organizationFromForm(data), { onSuccess: onDone });
  return (
    <EditForm title={t('organization.edit')} error={update.error} pending={update.isPending} onSubmit={onSubmit} onCancel={onDone}>
      <OrganizationFields organization={organization} error={update.error} />
    </EditForm>
  );
}

/** The seats an organization holds, body by body, in the order the server lists them. */
function seatsByBody(seats: OrganizationDetail['seats']) {
  const groups = new Map<string, { bodyId: string; bodyName: string; seats: OrganizationDetail['seats'] }>();
  for (const seat of seats) {
    const group = groups.get(seat.bodyId) ?? { bodyId: seat.bodyId, bodyName: seat.bodyName, seats: [] };
    group.seats.push(seat);
    groups.set(seat.bodyId, group);
  }
  return [...groups.values()];
}

export const organizationFromForm = (data: FormData) => ({
  name: String(data.get('name') ?? ''),
  kind: String(data.get('kind')),
  contactEmail: orNull(data.get('contactEmail')),
  contactPhone: orNull(data.get('contactPhone')),
  address: orNull(data.get('address')),
});

export function OrganizationFields({ organization, error }: { organization?: OrganizationDetail; error: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('common.name')} error={fieldError(error, 'name')}>
        {(props) => <input {...props} name="name" defaultValue={organization?.name} required />}
      </Field>
      <Field label={t('organization.kind')} error={fieldError(error, 'kind')}>
        {(props) => (
          <EnumSelect {...props} name="kind" values={ORGANIZATION_KINDS} labelPrefix="organizationKind" defaultValue={organization?.kind ?? 'association'} />
        )}
      </Field>
      <Field label={t('organization.contactEmail')} error={fieldError(error, 'contactEmail')}>
        {(props) => <input {...props} name="contactEmail" type="email" defaultValue={organization?.contactEmail ?? ''} />}
      </Field>
      <Field label={t('organization.contactPhone')} error={fieldError(error, 'contactPhone')}>
        {(props) => <input {...props} name="contactPhone" type="tel" defaultValue={organization?.contactPhone ?? ''} />}
      </Field>
      <Field label={t('organization.address')} error={fieldError(error, 'address')}>
        {(props) => <input {...props} name="address" defaultValue={organization?.address ?? ''} />}
      </Field>
    </>
  );
}

function AddMember({ organization }: { organization: OrganizationDetail }) {
  const { t } = useTranslation();
  const add = useAct<{ personId: string; kind: string; isOrganizationAdmin: boolean }, { id: string; pending: boolean }>('post', () => `/organizations/${organization.id}/memberships`);
  const members = new Set(organization.members.map((m) => m.personId));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    add.mutate(
      { personId: String(data.get('personId') ?? ''), kind: String(data.get('kind')), isOrganizationAdmin: data.get('isOrganizationAdmin') === 'on' },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h3>{t('organization.addMember')}</h3>
      <FormError error={add.error} />
      <div role="status">{add.data?.pending && <p className="notice">{t('organization.memberAsked', { organization: organization.name })}</p>}</div>
      <Field label={t('body.person')} error={fieldError(add.error, 'personId')}>
        {(props) => (
          <PersonPicker {...props} name="personId" exclude={members} />
        )}
      </Field>
      <Field label={t('organization.membershipKind')} error={fieldError(add.error, 'kind')}>
        {(props) => <EnumSelect {...props} name="kind" values={MEMBERSHIP_KINDS} labelPrefix="membershipKind" defaultValue="volunteer" />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" name="isOrganizationAdmin" /> {t('organization.isAdmin')}
      </label>
      <button type="submit" className="button-primary" disabled={add.isPending}>
        {t('organization.addMemberSubmit')}
      </button>
    </form>
  );
}

type Member = OrganizationDetail['members'][number];

function MemberRow({ organization, member, onRemoved }: { organization: OrganizationDetail; member: Member; onRemoved: (name: string) => void }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const remove = useDeleteAct(() => `/organizations/${organization.id}/memberships/${member.id}`);
  const onRemove = () => {
    if (window.confirm(t('organization.removeMemberConfirm', { name: member.fullName, organization: organization.name }))) {
      // Not mutate's onSuccess: the row, and with it that callback, is gone once the list is refreshed.
      remove.mutateAsync().then(
        () => onRemoved(member.fullName),
        () => undefined, // shown by FormError below
      );
    }
  };
  return (
    <li className="member">
      <div>
        <Link to={`/p/${partnershipId}/personnes/${member.personId}`} className="member-name">
          {member.fullName}
        </Link>
        <span className="muted">
          {' · '}
          {t(`membershipKind.${member.kind}`)}
          {member.isOrganizationAdmin && ` · ${t('organization.admin')}`}
        </span>
        <FormError error={remove.error} />
      </div>
      {organization.can.manage && (
        <button type="button" className="button-quiet" disabled={remove.isPending} onClick={onRemove}>
          {t('organization.removeMember')}
          <span className="visually-hidden">{t('common.nameSuffix', { name: member.fullName })}</span>
        </button>
      )}
    </li>
  );
}

export default function OrganizationPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams();
  const partnershipId = usePartnershipId();
  const [editing, setEditing] = useState(false);
  const [removed, setRemoved] = useState<string | null>(null);
  const membersHeading = useRef<HTMLHeadingElement>(null);
  const query = usePartnershipQuery<OrganizationDetail>(`/organizations/${organizationId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const organization = query.data;
  const base = `/p/${partnershipId}`;
  return (
    <>
      <p className="breadcrumb">
        <Link to={base}>{t('layout.overview')}</Link>
      </p>
      <PageTitle title={organization.name}>{organization.name}</PageTitle>
      <p className="muted">{t(`organizationKind.${organization.kind}`)}</p>
      {editing ? (
        <EditOrganization organization={organization} onDone={() => setEditing(false)} />
      ) : (
        <section className="card" aria-labelledby="contact-title">
          <div className="section-head">
            <h2 id="contact-title">{t('organization.contact')}</h2>
            {organization.can.manage && (
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                {t('organization.edit')}
              </button>
            )}
          </div>
          <dl className="details">
            <dt>{t('organization.contactEmail')}</dt>
            <dd>{organization.contactEmail ? <a href={`mailto:${organization.contactEmail}`}>{organization.contactEmail}</a> : '—'}</dd>
            <dt>{t('organization.contactPhone')}</dt>
            <dd>{organization.contactPhone ?? '—'}</dd>
            <dt>{t('organization.address')}</dt>
            <dd>{organization.address ?? '—'}</dd>
          </dl>
        </section>
      )}
      <section aria-labelledby="seats-title">
        <h2 id="seats-title">{t('organization.seats')}</h2>
        {organization.seats.length === 0 ? (
          <p className="muted">{t('organization.noSeats')}</p>
        ) : (
          <ul className="card-list">
            {seatsByBody(organization.seats).map(({ bodyId, bodyName, seats }) => (
              <li key={bodyId} className="card">
                <h3>
                  <Link to={`${base}/instances/${bodyId}`}>{bodyName}</Link>
                </h3>
                <ul className="plain-list">
                  {seats.map((seat) => (
                    <li key={seat.id}>
                      <Link to={`${base}/personnes/${seat.personId}`}>{seat.fullName}</Link>
                      <span className="muted"> · {t(`capacity.${seat.capacity}`)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="org-members-title">
        <h2 id="org-members-title" ref={membersHeading} tabIndex={-1}>
          {t('organization.members', { count: organization.members.length })}
        </h2>
        <div role="status">
          {removed !== null && <p className="notice notice-ok">{t('organization.memberRemoved', { name: removed })}</p>}
        </div>
        <ul className="member-list">
          {organization.members.map((member) => (
            <MemberRow
              key={member.id}
              organization={organization}
              member={member}
              onRemoved={(name) => {
                setRemoved(name);
                // The button pressed is gone with its row: keep the keyboard in the list.
                membersHeading.current?.focus();
              }}
            />
          ))}
        </ul>
        {organization.can.manage && <AddMember organization={organization} />}
      </section>
    </>
  );
}
