import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { PROJECT_ORIGINS, type ProjectOrigin } from '../../../projects/rules';
import { EnumSelect } from '../../components/EnumSelect';
import { PeopleChooser } from '../../components/PeopleChooser';
import { Field, fieldError, FormError } from '../../components/ui';
import { useAct, useOverview, usePartnershipId, useUnsavedChanges } from '../../hooks';

export const NEW_IDEA_ANCHOR = 'nouvelle-idee';

/** What an idea form may be opened with: the needs an evaluation saw emerge become a new idea. */
export interface IdeaDraft {
  readonly summary: string;
  readonly origin: ProjectOrigin;
  readonly originDetail: string;
}

/** « Nouvelle idée »: step 1, open to anyone of the partnership, who becomes one of its carriers. */
export function NewIdea() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const location = useLocation();
  const draft = (location.state as { idea?: IdeaDraft } | null)?.idea;
  const overview = useOverview();
  const unsaved = useUnsavedChanges();
  const [people, setPeople] = useState<string[]>([]);
  const create = useAct<{ title: string; summary: string; origin: string; originDetail: string; carrierPersonIds: string[]; carrierOrganizationIds: string[] }>('post', () => '/projects');
  const organizationsError = fieldError(create.error, 'carrierOrganizationIds');
  return (
    <form
      id={NEW_IDEA_ANCHOR}
      className="card"
      noValidate
      aria-labelledby="new-idea-title"
      onChange={unsaved.changed}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const text = (name: string) => String(data.get(name) ?? '').trim();
        create.mutate(
          {
            title: text('title'),
            summary: text('summary'),
            origin: text('origin'),
            originDetail: text('originDetail'),
            carrierPersonIds: people,
            carrierOrganizationIds: data.getAll('carrierOrganizationIds').map(String),
          },
          {
            onSuccess: (created) => {
              unsaved.saved();
              navigate(`/p/${partnershipId}/projets/${created.id}`);
            },
          },
        );
      }}
    >
      <h2 id="new-idea-title">{t('project.idea.title')}</h2>
      <p className="hint">{t('project.idea.hint')}</p>
      <FormError error={create.error} shown={['title', 'summary', 'origin', 'originDetail', 'carrierPersonIds', 'carrierOrganizationIds']} />
      <Field label={t('project.idea.name')} hint={t('project.idea.nameHint')} error={fieldError(create.error, 'title')}>
        {(props) => <input {...props} name="title" />}
      </Field>
      <Field label={t('project.idea.summary')} error={fieldError(create.error, 'summary')}>
        {(props) => <textarea {...props} name="summary" rows={4} defaultValue={draft?.summary ?? ''} />}
      </Field>
      <div className="field-row">
        <Field label={t('project.idea.origin')} error={fieldError(create.error, 'origin')}>
          {(props) => <EnumSelect {...props} name="origin" values={PROJECT_ORIGINS} labelPrefix="project.origin" defaultValue={draft?.origin ?? 'informal_meeting'} />}
        </Field>
        <Field label={t('project.idea.originDetail')} hint={t('project.idea.originDetailHint')} error={fieldError(create.error, 'originDetail')}>
          {(props) => <input {...props} name="originDetail" defaultValue={draft?.originDetail ?? ''} />}
        </Field>
      </div>
      <PeopleChooser
        chosen={people}
        onChange={setPeople}
        error={fieldError(create.error, 'carrierPersonIds')}
        label={t('project.idea.carrierPeople')}
        hint={t('project.idea.carrierPeopleHint')}
        addLabel={t('common.addPerson')}
        listLabel={t('project.idea.chosenCarriers')}
      />
      <fieldset aria-describedby={organizationsError ? 'carrier-organizations-error' : undefined}>
        <legend>{t('project.idea.carrierOrganizations')}</legend>
        {(overview.data?.organizations ?? []).map((organization) => (
          <label className="checkbox" key={organization.id}>
            <input type="checkbox" name="carrierOrganizationIds" value={organization.id} aria-invalid={Boolean(organizationsError)} />
            {organization.name}
          </label>
        ))}
        {organizationsError && (
          <p id="carrier-organizations-error" className="field-error">
            {organizationsError}
          </p>
        )}
      </fieldset>
      <button type="submit" className="button-primary" disabled={create.isPending}>
        {t('project.idea.submit')}
      </button>
    </form>
  );
}
