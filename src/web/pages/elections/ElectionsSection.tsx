import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Disclosure } from '../../components/Disclosure';
import { ItemSelect } from '../../components/ItemSelect';
import { Badge, Field, fieldError, FormError } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { electionListAnswer } from '../../../elections/contract';
import type { ElectionPhase } from '../../../elections/rules';
import type { bodyDetailAnswer } from '../../../bodies/contract';

type BodyDetail = Answer<typeof bodyDetailAnswer>;

export const phaseTone = (phase: ElectionPhase) => (phase === 'elected' ? 'ok' : phase === 'abandoned' ? 'neutral' : 'warn');

function OpenElection({ body }: { body: BodyDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const open = useAct<{ bodyId: string; roleId: string; qualities: string; termMonths?: number; nominationDeadline?: string }>('post', () => '/elections');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const term = String(data.get('termMonths') ?? '').trim();
    const deadline = String(data.get('nominationDeadline') ?? '');
    open.mutate(
      {
        bodyId: body.id,
        roleId: String(data.get('roleId') ?? ''),
        qualities: String(data.get('qualities') ?? ''),
        ...(term !== '' && { termMonths: Number(term) }),
        ...(deadline !== '' && { nominationDeadline: new Date(deadline).toISOString() }),
      },
      { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/elections/${id}`) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <p className="hint">{t('election.open.hint')}</p>
      <FormError error={open.error} shown={['roleId', 'qualities', 'termMonths', 'nominationDeadline']} />
      <Field label={t('election.open.role')} error={fieldError(open.error, 'roleId')}>
        {(props) => <ItemSelect {...props} name="roleId" items={body.roles.map((role) => ({ id: role.id, label: role.name }))} />}
      </Field>
      <Field label={t('election.open.qualities')} hint={t('election.open.qualitiesHint')} error={fieldError(open.error, 'qualities')}>
        {(props) => <textarea {...props} name="qualities" rows={3} />}
      </Field>
      <Field label={t('election.open.term')} hint={t('election.open.termHint')} error={fieldError(open.error, 'termMonths')}>
        {(props) => <input {...props} name="termMonths" type="number" min={1} max={120} inputMode="numeric" />}
      </Field>
      <Field label={t('election.open.deadline')} hint={t('election.open.deadlineHint')} error={fieldError(open.error, 'nominationDeadline')}>
        {(props) => <input {...props} name="nominationDeadline" type="datetime-local" />}
      </Field>
      <button type="submit" className="button-primary" disabled={open.isPending}>
        {t('election.open.submit')}
      </button>
    </form>
  );
}

/** The body's elections without candidates, and the form to open one for a role of the body. */
export function ElectionsSection({ body }: { body: BodyDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<Answer<typeof electionListAnswer>>(`/elections?bodyId=${body.id}`);
  const elections = query.data ?? [];
  return (
    <section aria-labelledby="elections-title">
      <h2 id="elections-title">{t('election.section.title')}</h2>
      <p className="hint">{t('election.section.hint')}</p>
      {elections.length === 0 ? (
        <p className="muted">{t('election.section.none')}</p>
      ) : (
        <ul className="card-list">
          {elections.map((election) => (
            <li key={election.id} className="card">
              <Link to={`/p/${partnershipId}/elections/${election.id}`}>{election.role.name}</Link>{' '}
              <Badge tone={phaseTone(election.phase)}>{t(`election.phase.${election.phase}`)}</Badge>
              {election.elected && <p className="small">{t('election.section.elected', { name: election.elected })}</p>}
            </li>
          ))}
        </ul>
      )}
      {body.can.openElection && body.roles.length > 0 && (
        <Disclosure label={t('election.open.title')}>
          <OpenElection body={body} />
        </Disclosure>
      )}
    </section>
  );
}
