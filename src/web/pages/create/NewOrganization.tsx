import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormError, PageTitle } from '../../components/ui';
import { orNull, useAct, usePartnershipId } from '../../hooks';
import { OrganizationFields } from '../OrganizationPage';

export default function NewOrganization() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const create = useAct<Record<string, unknown>>('post', () => '/organizations');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    create.mutate(
      {
        name: String(data.get('name') ?? ''),
        kind: String(data.get('kind')),
        contactEmail: orNull(data.get('contactEmail')),
        contactPhone: orNull(data.get('contactPhone')),
        address: orNull(data.get('address')),
      },
      { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/structures/${id}`) },
    );
  };
  return (
    <section className="narrow">
      <PageTitle title={t('overview.newOrganization')}>{t('overview.newOrganization')}</PageTitle>
      <form onSubmit={onSubmit} noValidate className="card">
        <FormError error={create.error} />
        <OrganizationFields error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('common.create')}
        </button>
      </form>
    </section>
  );
}
