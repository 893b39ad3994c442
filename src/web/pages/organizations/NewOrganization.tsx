import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreatePage } from '../../components/forms';
import { useAct, usePartnershipId } from '../../hooks';
import { OrganizationFields, organizationFromForm } from './OrganizationPage';

export default function NewOrganization() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const create = useAct<ReturnType<typeof organizationFromForm>>('post', () => '/organizations');
  const onSubmit = (data: FormData) =>
    create.mutate(organizationFromForm(data), { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/structures/${id}`) });
  return (
    <CreatePage title={t('overview.newOrganization')} error={create.error} pending={create.isPending} onSubmit={onSubmit}>
      <OrganizationFields error={create.error} />
    </CreatePage>
  );
}
