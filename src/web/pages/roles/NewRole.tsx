import { useTranslation } from 'react-i18next';
import { ItemSelect, namedItems } from '../../components/ItemSelect';
import { CreatePage } from '../../components/forms';
import { useNavigate } from 'react-router';
import { Field, fieldError } from '../../components/ui';
import { numberOrNull, orNull, useAct, useOverview, usePartnershipId } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { roleDetailAnswer } from '../../../roles/contract';

type RoleDetail = Answer<typeof roleDetailAnswer>;

export function roleFromForm(data: FormData) {
  return {
    name: String(data.get('name') ?? ''),
    purpose: String(data.get('purpose') ?? ''),
    accountabilities: String(data.get('accountabilities') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    termMonths: numberOrNull(data.get('termMonths')),
    bodyId: orNull(data.get('bodyId')),
    sitsInParent: data.get('sitsInParent') === 'on',
    appointedByParent: data.get('appointedByParent') === 'on',
    supervisesCircles: data.get('supervisesCircles') === 'on',
    maxHolders: numberOrNull(data.get('maxHolders')),
  };
}

/** A checkbox of the role form, its plain-words hint read with it. */
function Choice({ name, id, checked, label, hint, error }: { name: string; id: string; checked: boolean; label: string; hint: string; error: string | undefined }) {
  return (
    <div className={`field choice${error ? ' field-invalid' : ''}`}>
      <input type="checkbox" id={id} name={name} defaultChecked={checked} aria-describedby={`${id}-hint`} />
      <label htmlFor={id}>
        {label}
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      </label>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

export function RoleFields({ role, error }: { role?: RoleDetail; error: unknown }) {
  const { t } = useTranslation();
  const overview = useOverview();
  return (
    <>
      <Field label={t('common.name')} error={fieldError(error, 'name')}>
        {(props) => <input {...props} name="name" defaultValue={role?.name} required />}
      </Field>
      <Field label={t('role.purpose')} error={fieldError(error, 'purpose')}>
        {(props) => <textarea {...props} name="purpose" rows={2} defaultValue={role?.purpose} />}
      </Field>
      <Field label={t('role.accountabilities')} hint={t('role.accountabilitiesHint')} error={fieldError(error, 'accountabilities')}>
        {(props) => <textarea {...props} name="accountabilities" rows={4} defaultValue={role?.accountabilities.join('\n')} />}
      </Field>
      <Field label={t('role.termMonths')} error={fieldError(error, 'termMonths')}>
        {(props) => <input {...props} name="termMonths" type="number" inputMode="numeric" min={1} defaultValue={role?.termMonths ?? ''} />}
      </Field>
      <Field label={t('role.maxHolders')} hint={t('role.maxHoldersHint')} error={fieldError(error, 'maxHolders')}>
        {(props) => <input {...props} name="maxHolders" type="number" inputMode="numeric" min={1} max={50} required defaultValue={role?.maxHolders ?? 1} />}
      </Field>
      <Field label={t('role.body')} error={fieldError(error, 'bodyId')}>
        {(props) => (
          <ItemSelect {...props} name="bodyId" defaultValue={role?.bodyId ?? ''} noneLabel={t('role.noBody')} items={namedItems(overview.data?.bodies ?? [])} />
        )}
      </Field>
      <div className={`field choice${fieldError(error, 'sitsInParent') ? ' field-invalid' : ''}`}>
        <input type="checkbox" id="sits-in-parent" name="sitsInParent" defaultChecked={role?.sitsInParent ?? false} aria-describedby="sits-in-parent-hint" />
        <label htmlFor="sits-in-parent">
          {t('role.sitsInParent')}
          <span id="sits-in-parent-hint" className="hint">
            {t('role.sitsInParentHint')}
          </span>
        </label>
        {fieldError(error, 'sitsInParent') && <p className="field-error">{fieldError(error, 'sitsInParent')}</p>}
      </div>
      <Choice name="appointedByParent" id="appointed-by-parent" checked={role?.appointedByParent ?? false} label={t('role.appointedByParent')} hint={t('role.appointedByParentHint')} error={fieldError(error, 'appointedByParent')} />
      <Choice name="supervisesCircles" id="supervises-circles" checked={role?.supervisesCircles ?? false} label={t('role.supervisesCircles')} hint={t('role.supervisesCirclesHint')} error={fieldError(error, 'supervisesCircles')} />
    </>
  );
}

export default function NewRole() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const create = useAct<ReturnType<typeof roleFromForm>>('post', () => '/roles');
  const onSubmit = (data: FormData) =>
    create.mutate(roleFromForm(data), { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/roles/${id}`) });
  return (
    <CreatePage title={t('overview.newRole')} error={create.error} pending={create.isPending} onSubmit={onSubmit}>
      <RoleFields error={create.error} />
    </CreatePage>
  );
}
