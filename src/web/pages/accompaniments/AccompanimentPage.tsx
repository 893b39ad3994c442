import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { accompanimentAnswer } from '../../../accompaniments/contract';
import type { daysAnswer } from '../../../accompaniments/days/contract';
import { LICENCES } from '../../../charters/rules/enums';
import type { Answer } from '../../../common/contract';
import { Disclosure } from '../../components/Disclosure';
import { EnumSelect } from '../../components/EnumSelect';
import { PersonPicker } from '../../components/PersonPicker';
import { Badge, Field, fieldError, FormError, LoadError, Loading, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, useDeleteAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { useSession } from '../../session';
import { ToDoSection } from '../participation/ToDo';
import { useFormatSpan } from '../pooled-means/times';
import { DayForm, type DayInput } from './DayForm';
import { dayPagePath, spacePath, WORKSPACE_PARTS } from './paths';

type Space = Answer<typeof accompanimentAnswer>;
type Days = Answer<typeof daysAnswer>;

/**
 * An accompaniment's space: what it is for, the parts of the workspace, its days, and who is in it.
 * Its facilitators invite people (of the partnership, or from outside by name and address), take
 * them out, schedule days, change the space and archive it. Someone from outside sees the same
 * page, without the partnership's navigation, and with their own to-do list.
 */
export default function AccompanimentPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const { accompanimentId } = useParams();
  const base = `/accompaniments/${accompanimentId}`;
  const space = usePartnershipQuery<Space>(base);
  const days = usePartnershipQuery<Days>(`${base}/days`);
  // Someone from outside has no home page of the partnership: their « À faire pour vous » is here.
  const outsider = useSession().data?.partnerships.find((p) => p.id === partnershipId)?.outsider === true;
  if (space.isPending || days.isPending) return <Loading />;
  if (space.error) return <LoadError error={space.error} />;
  if (days.error) return <LoadError error={days.error} />;
  const data = space.data;
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/accompagnements`}>{t('accompaniment.list.title')}</Link>
      </p>
      <PageTitle title={data.title}>{data.title}</PageTitle>
      {data.archivedAt !== null && <p className="notice notice-info">{t('accompaniment.page.archivedNotice')}</p>}
      {data.purpose !== '' && <p className="lead">{data.purpose}</p>}
      <p className="muted">
        {data.project && (
          <>
            {t('accompaniment.page.project')} <Link to={`/p/${partnershipId}/projets/${data.project.id}`}>{data.project.title}</Link>.{' '}
          </>
        )}
        {t('accompaniment.page.licence', { licence: t(`deliverable.licenceShort.${data.licence}`) })}
      </p>
      <p>
        <Badge tone={data.reach === 'reader' ? 'neutral' : 'ok'}>{t(`accompaniment.reach.${data.reach}`)}</Badge>
      </p>
      {outsider && <ToDoSection partnershipId={partnershipId} />}
      <nav aria-labelledby="espace-parties">
        <h2 id="espace-parties">{t('accompaniment.page.parts')}</h2>
        <ul className="card-list">
          {WORKSPACE_PARTS.map((part) => (
            <li key={part.key} className="card">
              <Link className="card-title" to={`${spacePath(partnershipId, data.id)}/${part.path}`}>
                {t(`accompaniment.part.${part.key}`)}
              </Link>
              <p className="hint">{t(`accompaniment.part.${part.key}Hint`)}</p>
            </li>
          ))}
        </ul>
      </nav>
      <DaysSection space={data} days={days.data} />
      <MembersSection space={data} />
      {data.can.change && <ChangeSection space={data} />}
      {data.can.archive && <ArchiveSection space={data} />}
    </article>
  );
}

function DaysSection({ space, days }: { space: Space; days: Days }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatSpan = useFormatSpan();
  const schedule = useAct<DayInput>('post', () => `/accompaniments/${space.id}/days`);
  // Each day scheduled closes the form (a new key), so the next one starts empty.
  const [scheduled, setScheduled] = useState(0);
  return (
    <section aria-labelledby="journees">
      <h2 id="journees">{t('accompaniment.page.days')}</h2>
      {days.days.length === 0 ? (
        <p>{t('accompaniment.page.noDay')}</p>
      ) : (
        <ul className="card-list">
          {days.days.map((day) => (
            <li key={day.id} className="card">
              <h3 className="card-title">
                <Link to={dayPagePath(partnershipId, space.id, day.id)}>{day.title}</Link>
              </h3>
              <p>{formatSpan(day.startsAt, day.endsAt)}</p>
              {day.place !== '' && <p className="muted">{day.place}</p>}
              <p>
                {day.heldAt === null ? (
                  <Badge tone="neutral">{t('accompaniment.day.planned')}</Badge>
                ) : (
                  <Badge tone="ok">{t('accompaniment.day.heldWith', { count: day.presentCount })}</Badge>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {days.can.schedule && (
        <Disclosure key={scheduled} label={t('accompaniment.day.schedule')}>
          <DayForm
            heading={t('accompaniment.day.scheduleTitle')}
            submitLabel={t('accompaniment.day.scheduleSubmit')}
            pending={schedule.isPending}
            error={schedule.error}
            onSubmit={(input) => schedule.mutateAsync(input).then(() => setScheduled(scheduled + 1))}
          />
        </Disclosure>
      )}
      <p className="muted" role="status">
        {scheduled > 0 ? t('accompaniment.day.scheduled') : ''}
      </p>
    </section>
  );
}

function MembersSection({ space }: { space: Space }) {
  const { t } = useTranslation();
  const remove = useDeleteAct<string>((personId) => `/accompaniments/${space.id}/members/${personId}`);
  const facilitators = space.members.filter((member) => member.role === 'facilitator').length;
  return (
    <section aria-labelledby="personnes">
      <h2 id="personnes">{t('accompaniment.page.people', { count: space.members.length })}</h2>
      <FormError error={remove.error} />
      <ul className="member-list">
        {space.members.map((member) => (
          <li key={member.person.id} className="member">
            <div>
              <span className="member-name">{member.person.fullName}</span>
              <Badge tone={member.role === 'facilitator' ? 'ok' : 'neutral'}>{t(`accompaniment.role.${member.role}`)}</Badge>
              {member.outsider && <Badge tone="neutral">{t('accompaniment.page.outsider')}</Badge>}
              {member.organizations.length > 0 && <p className="hint">{member.organizations.map((organization) => organization.name).join(', ')}</p>}
            </div>
            {space.can.manageMembers && !(member.role === 'facilitator' && facilitators === 1) && (
              <button
                type="button"
                className="button-quiet"
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('accompaniment.member.removeConfirm', { name: member.person.fullName }))) remove.mutate(member.person.id);
                }}
              >
                {t('accompaniment.member.remove', { name: member.person.fullName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {space.can.manageMembers && (
        <Disclosure label={t('accompaniment.member.invite')}>
          <InviteForm space={space} />
        </Disclosure>
      )}
    </section>
  );
}

type MemberInput = { personId: string; role: 'facilitator' | 'participant' } | { outsider: { fullName: string; email: string } };

function InviteForm({ space }: { space: Space }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const [from, setFrom] = useState<'member' | 'outside'>('member');
  const [personId, setPersonId] = useState<string | null>(null);
  const [invited, setInvited] = useState<string | null>(null);
  const invite = useAct<MemberInput>('post', () => `/accompaniments/${space.id}/members`);
  const members = new Set(space.members.map((member) => member.person.id));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const fullName = String(data.get('fullName') ?? '').trim();
    const input: MemberInput =
      from === 'member'
        ? { personId: personId ?? '', role: data.get('role') === 'facilitator' ? 'facilitator' : 'participant' }
        : { outsider: { fullName, email: String(data.get('email') ?? '').trim() } };
    invite.mutateAsync(input).then(() => {
      unsaved.saved();
      setInvited(from === 'member' ? t('accompaniment.member.invitedMember') : t('accompaniment.member.invitedOutsider', { name: fullName }));
      setPersonId(null);
      form.reset();
    }, () => undefined);
  };
  return (
    <form className="card" noValidate aria-labelledby="inviter" onChange={unsaved.changed} onSubmit={submit}>
      <h3 id="inviter">{t('accompaniment.member.inviteTitle')}</h3>
      <FormError error={invite.error} shown={['personId', 'role', 'outsider.fullName', 'outsider.email']} />
      <fieldset className="plain-fieldset">
        <legend>{t('accompaniment.member.who')}</legend>
        <label className="choice">
          <input type="radio" name="from" checked={from === 'member'} onChange={() => setFrom('member')} /> {t('accompaniment.member.fromPartnership')}
        </label>
        <label className="choice">
          <input type="radio" name="from" checked={from === 'outside'} onChange={() => setFrom('outside')} /> {t('accompaniment.member.fromOutside')}
        </label>
      </fieldset>
      {from === 'member' ? (
        <>
          <Field label={t('accompaniment.member.person')} error={fieldError(invite.error, 'personId')}>
            {(props) => <PersonPicker {...props} exclude={members} value={personId} onChange={setPersonId} />}
          </Field>
          <Field label={t('accompaniment.member.role')} error={fieldError(invite.error, 'role')}>
            {(props) => <EnumSelect {...props} name="role" values={['participant', 'facilitator'] as const} labelPrefix="accompaniment.role" defaultValue="participant" />}
          </Field>
        </>
      ) : (
        <>
          <p className="hint">{t('accompaniment.member.outsiderHint')}</p>
          <Field label={t('accompaniment.member.fullName')} error={fieldError(invite.error, 'outsider.fullName')}>
            {(props) => <input {...props} name="fullName" autoComplete="off" required />}
          </Field>
          <Field label={t('accompaniment.member.email')} error={fieldError(invite.error, 'outsider.email')}>
            {(props) => <input {...props} type="email" name="email" autoComplete="off" required />}
          </Field>
        </>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={invite.isPending}>
          {t('accompaniment.member.inviteSubmit')}
        </button>
      </div>
      <p className="muted" role="status">
        {invited ?? ''}
      </p>
    </form>
  );
}

function ChangeSection({ space }: { space: Space }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const change = useAct<{ title: string; purpose: string; licence: string }>('put', () => `/accompaniments/${space.id}`);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="modifier-espace">
      <h2 id="modifier-espace" className="visually-hidden">
        {t('accompaniment.change.title')}
      </h2>
      <Disclosure label={t('accompaniment.change.open')}>
        <form
          className="card"
          noValidate
          onChange={unsaved.changed}
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const input = { title: String(form.get('title') ?? '').trim(), purpose: String(form.get('purpose') ?? '').trim(), licence: String(form.get('licence') ?? '') };
            change.mutateAsync(input).then(() => {
              unsaved.saved();
              setSaved(true);
            }, () => undefined);
          }}
        >
          <FormError error={change.error} shown={['title', 'purpose', 'licence']} />
          <Field label={t('accompaniment.field.title')} error={fieldError(change.error, 'title')}>
            {(props) => <input {...props} name="title" defaultValue={space.title} required />}
          </Field>
          <Field label={t('accompaniment.field.purpose')} error={fieldError(change.error, 'purpose')}>
            {(props) => <textarea {...props} name="purpose" rows={3} defaultValue={space.purpose} />}
          </Field>
          <Field label={t('accompaniment.field.licence')} hint={t('accompaniment.field.licenceHint')} error={fieldError(change.error, 'licence')}>
            {(props) => <EnumSelect {...props} name="licence" values={LICENCES} labelPrefix="charter.licence" defaultValue={space.licence} />}
          </Field>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={change.isPending}>
              {t('common.save')}
            </button>
          </div>
          <p className="muted" role="status">
            {saved ? t('accompaniment.change.saved') : ''}
          </p>
        </form>
      </Disclosure>
    </section>
  );
}

function ArchiveSection({ space }: { space: Space }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const archive = useAct<void>('post', () => `/accompaniments/${space.id}/archive`, () => undefined);
  return (
    <section aria-labelledby="archiver" className="card">
      <h2 id="archiver">{t('accompaniment.archive.title')}</h2>
      <p className="hint">{t('accompaniment.archive.hint', { date: formatDate(space.createdAt) })}</p>
      <FormError error={archive.error} />
      <button
        type="button"
        className="button-danger"
        disabled={archive.isPending}
        onClick={() => {
          if (window.confirm(t('accompaniment.archive.confirm'))) archive.mutate();
        }}
      >
        {t('accompaniment.archive.submit')}
      </button>
    </section>
  );
}
