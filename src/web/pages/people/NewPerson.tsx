import { useTranslation } from 'react-i18next';
import { ItemSelect, namedItems } from '../../components/ItemSelect';
import { CreatePage } from '../../components/forms';
import { useNavigate } from 'react-router';
import { EnumSelect, MEMBERSHIP_KINDS } from '../../components/EnumSelect';
import { Field, fieldError } from '../../components/ui';
import { orNull, useAct, useOverview, usePartnershipId } from '../../hooks';

export default function NewPerson() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const overview = useOverview();
  // An organization administrator adds people to the organizations they manage, and only there.
  const canManageAll = overview.data?.can.manageStructure ?? false;
  const manageable = new Set(overview.data?.can.manageOrganizations ?? []);
  const organizations = (overview.data?.organizations ?? []).filter((o) => canManageAll || manageable.has(o.id));
  const create = useAct<Record<string, unknown>>('post', () => '/people');
  const onSubmit = (data: FormData) => {
    const organizationId = orNull(data.get('organizationId'));
    create.mutate(
      {
        fullName: String(data.get('fullName') ?? ''),
        email: orNull(data.get('email')),
        phone: orNull(data.get('phone')),
        memberships: organizationId ? [{ organizationId, kind: String(data.get('kind')) }] : [],
      },
      { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/personnes/${id}`) },
    );
  };
  return (
    <CreatePage title={t('people.new')} error={create.error} pending={create.isPending} onSubmit={onSubmit}>
      <Field label={t('person.fullName')} error={fieldError(create.error, 'fullName')}>
        {(props) => <input {...props} name="fullName" autoComplete="off" required />}
      </Field>
      <Field label={t('person.email')} hint={t('person.emailHint')} error={fieldError(create.error, 'email')}>
        {(props) => <input {...props} name="email" type="email" autoComplete="off" />}
      </Field>
      <Field label={t('person.phone')} error={fieldError(create.error, 'phone')}>
        {(props) => <input {...props} name="phone" type="tel" autoComplete="off" />}
      </Field>
      <Field label={t('person.organization')} error={fieldError(create.error, 'memberships.0.organizationId')}>
        {(props) => (
          <ItemSelect
            {...props}
            name="organizationId"
            {...(canManageAll ? { noneLabel: t('person.noOrganization') } : { required: true })}
            items={namedItems(organizations)}
          />
        )}
      </Field>
      <Field label={t('organization.membershipKind')} error={fieldError(create.error, 'memberships.0.kind')}>
        {(props) => <EnumSelect {...props} name="kind" values={MEMBERSHIP_KINDS} labelPrefix="membershipKind" defaultValue="volunteer" />}
      </Field>
    </CreatePage>
  );
}
