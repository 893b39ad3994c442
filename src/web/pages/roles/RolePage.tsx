import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { termsEndedBy } from '../../../roles/rules';
import { PersonPicker } from '../../components/PersonPicker';
import { EditForm } from '../../components/forms';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle, periodStatus, todayIso, useFormatPeriod, type PeriodStatus } from '../../components/ui';
import { orNull, useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { roleDetailAnswer, termAnswer } from '../../../roles/contract';
import { RoleFields, roleFromForm } from './NewRole';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type RoleDetail = Answer<typeof roleDetailAnswer>;
type Holder = Answer<typeof termAnswer>;

function Assign({ role }: { role: RoleDetail }) {
  const { t } = useTranslation();
  const assign = useAct<{ personId: string; startsOn: string; endsOn: string | null }>('post', () => `/roles/${role.id}/assignments`);
  // The same rule as the server's, for the person and first day chosen so far.
  const [chosen, setChosen] = useState({ personId: '', startsOn: todayIso() });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    assign.mutate(
      { personId: String(data.get('personId') ?? ''), startsOn: String(data.get('startsOn') ?? ''), endsOn: orNull(data.get('endsOn')) },
      {
        onSuccess: () => {
          form.reset();
          setChosen({ personId: '', startsOn: todayIso() });
        },
      },
    );
  };
  const holdersByStart = [...role.holders].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const { ending } = termsEndedBy(holdersByStart, chosen, role.maxHolders, todayIso());
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    setChosen({ personId: String(data.get('personId') ?? ''), startsOn: String(data.get('startsOn') ?? '') || todayIso() });
  };
  return (
    <form onSubmit={onSubmit} onChange={onChange} noValidate className="card">
      <h3>{t('role.assign')}</h3>
      {ending.map((holder) => (
        <p key={holder.id} className="hint">
          {holder.personId === chosen.personId ? t('role.renews', { name: holder.fullName }) : t('role.replaces', { name: holder.fullName, count: role.maxHolders })}
        </p>
      ))}
      <FormError error={assign.error} />
      <Field label={t('body.person')} error={fieldError(assign.error, 'personId')}>
        {(props) => (
          <PersonPicker {...props} name="personId" />
        )}
      </Field>
      <div className="field-row">
        <Field label={t('common.startsOn')} error={fieldError(assign.error, 'startsOn')}>
          {(props) => <input {...props} name="startsOn" type="date" defaultValue={todayIso()} />}
        </Field>
        <Field label={t('common.endsOnOptional')} hint={role.termMonths ? t('role.termHint', { count: role.termMonths }) : undefined} error={fieldError(assign.error, 'endsOn')}>
          {(props) => <input {...props} name="endsOn" type="date" />}
        </Field>
      </div>
      <button type="submit" className="button-primary" disabled={assign.isPending}>
        {t('role.assignSubmit')}
      </button>
    </form>
  );
}

function AssignmentRow({ role, holder, status }: { role: RoleDetail; holder: Holder; status: PeriodStatus }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatPeriod = useFormatPeriod();
  // An assignment that has not begun yet is ended on its first day, so it never holds.
  const end = useAct<{ endsOn?: string }>('post', () => `/roles/${role.id}/assignments/${holder.id}/end`);
  return (
    <li className="member">
      <div>
        <Link className="member-name" to={`/p/${partnershipId}/personnes/${holder.personId}`}>
          {holder.fullName}
        </Link>
        <p className="muted small">
          {formatPeriod(holder)}
        </p>
        <FormError error={end.error} />
      </div>
      {status !== 'ended' && role.can.assign && (
        <button
          type="button"
          className="button-quiet"
          disabled={end.isPending}
          onClick={() => {
            if (window.confirm(t('role.endConfirm', { name: holder.fullName, role: role.name }))) {
              end.mutate(status === 'upcoming' ? { endsOn: holder.startsOn } : {});
            }
          }}
        >
          {t('role.end')}
          <span className="visually-hidden">{t('common.nameSuffix', { name: holder.fullName })}</span>
        </button>
      )}
    </li>
  );
}

function EditRole({ role, onDone }: { role: RoleDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useAct<Record<string, unknown>>('patch', () => `/roles/${role.id}`);
  const onSubmit = (data: FormData) => update.mutate(roleFromForm(data), { onSuccess: onDone });
  return (
    <EditForm title={t('role.edit')} error={update.error} pending={update.isPending} onSubmit={onSubmit} onCancel={onDone}>
      <RoleFields role={role} error={update.error} />
    </EditForm>
  );
}

export default function RolePage() {
  const { t } = useTranslation();
  const { roleId } = useParams();
  const partnershipId = usePartnershipId();
  const [editing, setEditing] = useState(false);
  const query = usePartnershipQuery<RoleDetail>(`/roles/${roleId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const role = query.data;
  const base = `/p/${partnershipId}`;
  const currentIds = new Set(role.holders.map((h) => h.id));
  const today = todayIso();
  const notCurrent = role.assignments.filter((a) => !currentIds.has(a.id));
  const upcoming = notCurrent.filter((a) => periodStatus(a, today) === 'upcoming');
  const past = notCurrent.filter((a) => periodStatus(a, today) !== 'upcoming');
  return (
    <>
      <p className="breadcrumb">
        <Link to={base}>{t('layout.overview')}</Link>
      </p>
      <PageTitle title={role.name}>{role.name}</PageTitle>
      {role.body && (
        <p className="muted">
          {t('role.ofBody')} <Link to={`${base}/instances/${role.body.id}`}>{role.body.name}</Link>
        </p>
      )}
      {editing ? (
        <EditRole role={role} onDone={() => setEditing(false)} />
      ) : (
        <section className="card" aria-labelledby="role-what">
          <div className="section-head">
            <h2 id="role-what">{t('role.purpose')}</h2>
            {role.can.edit && (
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                {t('role.edit')}
              </button>
            )}
          </div>
          <p>{role.purpose || '—'}</p>
          {role.accountabilities.length > 0 && (
            <>
              <h3>{t('role.accountabilities')}</h3>
              <ul>
                {role.accountabilities.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </>
          )}
          {role.termMonths && <p className="muted">{t('role.term', { count: role.termMonths })}</p>}
          <p className="muted">{t('role.heldBy', { count: role.maxHolders })}</p>
          {role.appointedByParent && role.appointingBody && (
            <p className="muted">
              {t('role.appointedBy')} <Link to={`/p/${partnershipId}/instances/${role.appointingBody.id}`}>{role.appointingBody.name}</Link>
            </p>
          )}
          {role.supervisesCircles && <p className="muted">{t('role.supervisesCirclesNote')}</p>}
          {role.sitsInParent && role.parentBody && (
            <p className="muted">
              {t('role.sitsIn')} <Link to={`/p/${partnershipId}/instances/${role.parentBody.id}`}>{role.parentBody.name}</Link>
            </p>
          )}
        </section>
      )}
      <section id={TO_DO_ANCHORS.term_ending} aria-labelledby="role-holders">
        <h2 id="role-holders">{t('role.holders')}</h2>
        {role.holders.length === 0 ? (
          <p className="badge badge-warn">{t('overview.unfilled')}</p>
        ) : (
          <ul className="member-list">
            {role.holders.map((h) => (
              <AssignmentRow key={h.id} role={role} holder={h} status="current" />
            ))}
          </ul>
        )}
        {upcoming.length > 0 && (
          <>
            <h3>{t('role.upcoming')}</h3>
            <ul className="member-list">
              {upcoming.map((h) => (
                <AssignmentRow key={h.id} role={role} holder={h} status="upcoming" />
              ))}
            </ul>
          </>
        )}
        {role.can.assign && <Assign role={role} />}
        {past.length > 0 && (
          <details>
            <summary>{t('role.past', { count: past.length })}</summary>
            <ul className="member-list">
              {past.map((h) => (
                <AssignmentRow key={h.id} role={role} holder={h} status="ended" />
              ))}
            </ul>
          </details>
        )}
      </section>
    </>
  );
}
