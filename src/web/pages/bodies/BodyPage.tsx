import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PersonPicker } from '../../components/PersonPicker';
import { CompositionStatus, hasRule } from '../../components/CompositionStatus';
import { EnumSelect, MANDATE_SOURCES, SEAT_CAPACITIES } from '../../components/EnumSelect';
import { describeRule, RuleFields, ruleFromForm } from '../../components/RuleFields';
import { EditForm } from '../../components/forms';
import { Disclosure } from '../../components/Disclosure';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle, periodStatus, todayIso, useFormatDate, useFormatPeriod, type PeriodStatus } from '../../components/ui';
import { orNull, useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { ElectionsSection } from '../elections/ElectionsSection';
import { MeetingsSection } from '../meetings/MeetingsSection';
import { CircleSection } from '../circles/CircleSection';
import { TensionsSection } from '../tensions/TensionsSection';
import type { Answer } from '../../../common/contract';
import type { bodyDetailAnswer, seatAnswer } from '../../../bodies/contract';
import type { proposalListAnswer } from '../../../decisions/contract';
import type { electionListAnswer } from '../../../elections/contract';
import type { bodyMeetingsAnswer } from '../../../meetings/contract';
import { useFormatInstant } from '../meetings/format';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type BodyDetail = Answer<typeof bodyDetailAnswer>;
type SeatView = Answer<typeof seatAnswer>;

interface SeatForm {
  personId: string;
  organizationId: string | null;
  capacity: string;
  mandateSource: string;
  startsOn: string;
  endsOn: string | null;
}

function AddSeat({ body }: { body: BodyDetail }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [organizationId, setOrganizationId] = useState<string>(body.can.manageSeatsOf[0] ?? '');
  const [added, setAdded] = useState<string | null>(null);
  const addSeat = useAct<SeatForm>('post', () => `/bodies/${body.id}/members`);
  const organizations = body.organizations.filter((o) => body.can.manageSeatsOf.includes(o.id));
  const seated = new Set(body.members.filter((m) => m.current).map((m) => m.personId));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const personId = String(data.get('personId') ?? '');
    const personName = event.currentTarget.querySelector<HTMLSelectElement>('select[name="personId"]')?.selectedOptions[0]?.text ?? '';
    addSeat.mutate(
      {
        personId,
        organizationId: orNull(data.get('organizationId')),
        capacity: String(data.get('capacity')),
        mandateSource: String(data.get('mandateSource')),
        startsOn: String(data.get('startsOn') ?? ''),
        endsOn: orNull(data.get('endsOn')),
      },
      {
        onSuccess: () => {
          setAdded(personName);
          form.current?.reset();
          // The reset put the represented organization back to its first choice on screen; the form keeps it for the next delegate.
          const represented = form.current?.elements.namedItem('organizationId');
          if (represented instanceof HTMLSelectElement) represented.value = organizationId;
        },
      },
    );
  };

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="card">
      {added !== null && (
        <p role="status" className="notice notice-ok">
          {t('body.seatAdded', { name: added })}
        </p>
      )}
      <FormError error={addSeat.error} />
      <Field label={t('body.representedOrganization')} error={fieldError(addSeat.error, 'organizationId')}>
        {(props) => (
          <select {...props} name="organizationId" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
            {body.can.manageUnaffiliatedSeats && <option value="">{t('body.noOrganization')}</option>}
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('body.person')} error={fieldError(addSeat.error, 'personId')} hint={t('body.personHint')}>
        {(props) => (
          <PersonPicker key={organizationId} {...props} name="personId" required organizationId={organizationId || undefined} exclude={seated} />
        )}
      </Field>
      <Field label={t('body.capacity')} error={fieldError(addSeat.error, 'capacity')}>
        {(props) => <EnumSelect {...props} name="capacity" values={SEAT_CAPACITIES} labelPrefix="capacity" defaultValue="delegate" />}
      </Field>
      <Field label={t('body.mandateSource')} error={fieldError(addSeat.error, 'mandateSource')}>
        {(props) => <EnumSelect {...props} name="mandateSource" values={MANDATE_SOURCES} labelPrefix="mandateSource" defaultValue="board" />}
      </Field>
      <div className="field-row">
        <Field label={t('common.startsOn')} error={fieldError(addSeat.error, 'startsOn')}>
          {(props) => <input {...props} name="startsOn" type="date" required defaultValue={todayIso()} />}
        </Field>
        <Field label={t('common.endsOnOptional')} error={fieldError(addSeat.error, 'endsOn')}>
          {(props) => <input {...props} name="endsOn" type="date" />}
        </Field>
      </div>
      <button type="submit" className="button-primary" disabled={addSeat.isPending}>
        {t('body.addSeatSubmit')}
      </button>
    </form>
  );
}

function MemberRow({ seat, body, status }: { seat: SeatView; body: BodyDetail; status: PeriodStatus }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const formatPeriod = useFormatPeriod();
  const endSeat = useAct<{ endsOn?: string }>('post', () => `/bodies/${body.id}/members/${seat.id}/end`);
  const canEnd =
    status !== 'ended' && (seat.organizationId ? body.can.manageSeatsOf.includes(seat.organizationId) : body.can.manageUnaffiliatedSeats);
  // A mandate that has not begun ends on its first day, so it never holds.
  const onEnd = () => {
    if (status === 'upcoming') {
      const confirmed = window.confirm(t('body.endUpcomingSeatConfirm', { name: seat.fullName, date: formatDate(seat.startsOn) }));
      if (confirmed) endSeat.mutate({ endsOn: seat.startsOn });
    } else if (window.confirm(t('body.endSeatConfirm', { name: seat.fullName }))) {
      endSeat.mutate({});
    }
  };
  return (
    <li className="member">
      <div>
        <Link to={`/p/${partnershipId}/personnes/${seat.personId}`} className="member-name">
          {seat.fullName}
        </Link>
        <span className="muted">
          {' · '}
          {t(`capacity.${seat.capacity}`)}
          {seat.organizationName && ` · ${seat.organizationName}`}
        </span>
        <p className="muted small">
          {t(`mandateSource.${seat.mandateSource}`)} ·{' '}
          {formatPeriod(seat)}
        </p>
        {endSeat.error ? <FormError error={endSeat.error} /> : null}
      </div>
      {canEnd && (
        <button
          type="button"
          className="button-quiet"
          disabled={endSeat.isPending}
          onClick={onEnd}
        >
          {t('body.endSeat')}
          <span className="visually-hidden">{t('common.nameSuffix', { name: seat.fullName })}</span>
        </button>
      )}
    </li>
  );
}

function EditBody({ body, onDone }: { body: BodyDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useAct<Record<string, unknown>>('patch', () => `/bodies/${body.id}`);
  const onSubmit = (data: FormData) => {
    update.mutate(
      {
        name: String(data.get('name') ?? ''),
        purpose: String(data.get('purpose') ?? ''),
        foundedOn: orNull(data.get('foundedOn')) ?? undefined,
        ...ruleFromForm(data),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <EditForm title={t('body.edit')} error={update.error} pending={update.isPending} onSubmit={onSubmit} onCancel={onDone}>
      <Field label={t('common.name')} error={fieldError(update.error, 'name')}>
        {(props) => <input {...props} name="name" defaultValue={body.name} required />}
      </Field>
      <Field label={t('body.purpose')} error={fieldError(update.error, 'purpose')}>
        {(props) => <textarea {...props} name="purpose" rows={3} defaultValue={body.purpose} />}
      </Field>
      <Field label={t('body.foundedOn')} hint={t('body.foundedOnHint')} error={fieldError(update.error, 'foundedOn')}>
        {(props) => <input {...props} name="foundedOn" type="date" max={todayIso()} defaultValue={body.foundedOn} />}
      </Field>
      <RuleFields rule={body.rule} error={update.error} />
    </EditForm>
  );
}

/**
 * What a member comes to the page for, before any form: the next meeting, what is being decided
 * or elected, who sits here. The meetings and elections are the queries their sections read too.
 */
function BodySummary({ body, members }: { body: BodyDetail; members: number }) {
  const { t } = useTranslation();
  const base = `/p/${usePartnershipId()}`;
  const formatInstant = useFormatInstant();
  const meetings = usePartnershipQuery<Answer<typeof bodyMeetingsAnswer>>(`/bodies/${body.id}/meetings`);
  const proposals = usePartnershipQuery<Answer<typeof proposalListAnswer>>(`/proposals?bodyId=${body.id}`);
  const elections = usePartnershipQuery<Answer<typeof electionListAnswer>>(`/elections?bodyId=${body.id}`);
  const now = Date.now();
  const nextMeeting = (meetings.data?.meetings ?? [])
    .filter((meeting) => !meeting.recordedAfterwards && !meeting.published && new Date(meeting.startsAt).getTime() >= now)
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())[0];
  const openProposals = (proposals.data ?? []).filter((proposal) => proposal.status === 'open');
  const runningElections = (elections.data ?? []).filter((election) => election.endedAt === null);
  return (
    <section aria-labelledby="summary-title" className="card">
      <h2 id="summary-title">{t('body.summary.title')}</h2>
      <dl className="details">
        <dt>{t('body.summary.nextMeeting')}</dt>
        <dd>
          {nextMeeting ? (
            <>
              <Link to={`${base}/reunions/${nextMeeting.id}`}>{nextMeeting.title}</Link> — {formatInstant(nextMeeting.startsAt)}
            </>
          ) : (
            <span className="muted">{t('body.summary.noMeeting')}</span>
          )}
        </dd>
        <dt>{t('body.summary.openProposals')}</dt>
        <dd>
          {openProposals.length === 0 ? (
            <span className="muted">{t('body.summary.none')}</span>
          ) : (
            <ul className="plain-list">
              {openProposals.map((proposal) => (
                <li key={proposal.id}>
                  <Link to={`${base}/propositions/${proposal.id}`}>{proposal.wording}</Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('body.summary.elections')}</dt>
        <dd>
          {runningElections.length === 0 ? (
            <span className="muted">{t('body.summary.none')}</span>
          ) : (
            <ul className="plain-list">
              {runningElections.map((election) => (
                <li key={election.id}>
                  <Link to={`${base}/elections/${election.id}`}>{election.role.name}</Link> — {t(`election.phase.${election.phase}`)}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('body.summary.members')}</dt>
        <dd>
          <a href="#members-title">{t('body.members', { count: members })}</a>
        </dd>
      </dl>
      <p>
        <Link to={`${base}/instances/${body.id}/decisions`}>{t('register.link')}</Link>
      </p>
    </section>
  );
}

export default function BodyPage() {
  const { t } = useTranslation();
  const { bodyId } = useParams();
  const partnershipId = usePartnershipId();
  const formatPeriod = useFormatPeriod();
  const formatDate = useFormatDate();
  const [editing, setEditing] = useState(false);
  const query = usePartnershipQuery<BodyDetail>(`/bodies/${bodyId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const body = query.data;
  const base = `/p/${partnershipId}`;
  const today = todayIso();
  const statusOf = (seat: SeatView): PeriodStatus => (seat.current ? 'current' : periodStatus(seat, today) === 'upcoming' ? 'upcoming' : 'ended');
  const current = body.members.filter((m) => statusOf(m) === 'current');
  const upcoming = body.members.filter((m) => statusOf(m) === 'upcoming');
  const past = body.members.filter((m) => statusOf(m) === 'ended');
  const canAddSeats = body.can.manageSeatsOf.length > 0 || body.can.manageUnaffiliatedSeats;
  const ruleLines = describeRule(body.rule, t);

  return (
    <>
      <p className="breadcrumb">
        <Link to={base}>{t('layout.overview')}</Link>
      </p>
      <PageTitle title={body.name}>{body.name}</PageTitle>
      <p className="muted">
        {t(`bodyKind.${body.kind}`)}
        {body.parent && (
          <>
            {' · '}
            {t('body.partOf')} <Link to={`${base}/instances/${body.parent.id}`}>{body.parent.name}</Link>
          </>
        )}
        {' · '}
        {t('body.founded', { date: formatDate(body.foundedOn) })}
      </p>
      {body.purpose && <p className="lead">{body.purpose}</p>}
      <BodySummary body={body} members={current.length} />
      {body.kind === 'circle' && <CircleSection bodyId={body.id} />}

      {editing ? (
        <EditBody body={body} onDone={() => setEditing(false)} />
      ) : (
        <section aria-labelledby="composition-title" className="card">
          <div className="section-head">
            <h2 id="composition-title">{t('body.composition')}</h2>
            {body.can.edit && (
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                {t('body.edit')}
              </button>
            )}
          </div>
          {ruleLines.length > 0 && (
            <ul className="rule-lines">
              {ruleLines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <CompositionStatus gaps={body.gaps} hasRule={hasRule(body.rule)} />
        </section>
      )}

      <section id={TO_DO_ANCHORS.seat_ending} aria-labelledby="members-title">
        <h2 id="members-title">{t('body.members', { count: current.length })}</h2>
        {current.length === 0 ? <p className="muted">{t('body.noMembers')}</p> : (
          <ul className="member-list">
            {current.map((seat) => (
              <MemberRow key={seat.id} seat={seat} body={body} status="current" />
            ))}
          </ul>
        )}
        {upcoming.length > 0 && (
          <>
            <h3>{t('body.upcomingMandates')}</h3>
            <ul className="member-list">
              {upcoming.map((seat) => (
                <MemberRow key={seat.id} seat={seat} body={body} status="upcoming" />
              ))}
            </ul>
          </>
        )}
        {canAddSeats && (
          <Disclosure label={t('body.addSeat')}>
            <AddSeat body={body} />
          </Disclosure>
        )}
        {past.length > 0 && (
          <details>
            <summary>{t('body.pastMandates', { count: past.length })}</summary>
            <ul className="member-list">
              {past.map((seat) => (
                <MemberRow key={seat.id} seat={seat} body={body} status="ended" />
              ))}
            </ul>
          </details>
        )}
      </section>

      {(body.children.length > 0 || body.roles.length > 0) && (
        <section aria-labelledby="related-title">
          <h2 id="related-title">{t('body.related')}</h2>
          <ul>
            {body.children.map((child) => (
              <li key={child.id}>
                <Link to={`${base}/instances/${child.id}`}>{child.name}</Link> <span className="muted">({t(`bodyKind.${child.kind}`)})</span>
              </li>
            ))}
            {body.roles.map((role) => (
              <li key={role.id}>
                {t('body.role')} : <Link to={`${base}/roles/${role.id}`}>{role.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <MeetingsSection body={body} />
      <TensionsSection bodyId={body.id} />

      <ElectionsSection body={body} />

      <section aria-labelledby="delegations-title">
        <h2 id="delegations-title">{t('body.delegations')}</h2>
        <p className="hint">{t('body.delegationsHint')}</p>
        {body.delegations.length === 0 ? (
          <p className="muted">{t('body.noDelegations')}</p>
        ) : (
          <ul className="card-list">
            {body.delegations.map((d) => (
              <li key={d.id} className="card">
                <p>
                  {t('delegation.summary', { from: d.fromName, to: d.toName })}
                  {!d.current && <span className="badge badge-neutral">{t('common.ended')}</span>}
                </p>
                <p className="quote">{d.scope}</p>
                <p className="muted small">
                  {formatPeriod(d)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
