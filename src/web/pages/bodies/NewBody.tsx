import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ItemSelect, namedItems } from '../../components/ItemSelect';
import { BODY_KINDS, EnumSelect } from '../../components/EnumSelect';
import { CreatePage } from '../../components/forms';
import { RuleFields, ruleFromForm } from '../../components/RuleFields';
import { Field, fieldError, todayIso } from '../../components/ui';
import { orNull, useAct, useOverview, usePartnershipId } from '../../hooks';

export default function NewBody() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const overview = useOverview();
  const create = useAct<Record<string, unknown>>('post', () => '/bodies');
  const onSubmit = (data: FormData) =>
    create.mutate(
      {
        name: String(data.get('name') ?? ''),
        kind: String(data.get('kind')),
        parentBodyId: orNull(data.get('parentBodyId')),
        purpose: String(data.get('purpose') ?? ''),
        foundedOn: orNull(data.get('foundedOn')) ?? undefined,
        ...ruleFromForm(data),
      },
      { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/instances/${id}`) },
    );
  return (
    <CreatePage title={t('overview.newBody')} error={create.error} pending={create.isPending} onSubmit={onSubmit}>
      <Field label={t('common.name')} error={fieldError(create.error, 'name')}>
        {(props) => <input {...props} name="name" required />}
      </Field>
      <Field label={t('body.kind')} error={fieldError(create.error, 'kind')}>
        {(props) => <EnumSelect {...props} name="kind" values={BODY_KINDS} labelPrefix="bodyKind" defaultValue="working_group" />}
      </Field>
      <Field label={t('body.parent')} error={fieldError(create.error, 'parentBodyId')}>
        {(props) => (
          <ItemSelect {...props} name="parentBodyId" noneLabel={t('body.noParent')} items={namedItems(overview.data?.bodies ?? [])} />
        )}
      </Field>
      <Field label={t('body.purpose')} error={fieldError(create.error, 'purpose')}>
        {(props) => <textarea {...props} name="purpose" rows={3} />}
      </Field>
      <Field label={t('body.foundedOn')} hint={t('body.foundedOnHint')} error={fieldError(create.error, 'foundedOn')}>
        {(props) => <input {...props} name="foundedOn" type="date" max={todayIso()} />}
      </Field>
      <RuleFields error={create.error} />
    </CreatePage>
  );
}
