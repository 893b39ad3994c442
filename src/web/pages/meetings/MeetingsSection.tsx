import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Disclosure } from '../../components/Disclosure';
import { ItemSelect } from '../../components/ItemSelect';
import { Badge, Field, fieldError, FormError, todayIso, useFormatDate } from '../../components/ui';
import { orNull, useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { bodyMeetingsAnswer } from '../../../meetings/contract';
import type { bodyDetailAnswer } from '../../../bodies/contract';
import { useFormatInstant } from './format';

type BodyDetail = Answer<typeof bodyDetailAnswer>;
type BodyMeetings = Answer<typeof bodyMeetingsAnswer>;

function CallMeeting({ body, meetings }: { body: BodyDetail; meetings: BodyMeetings }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const call = useAct<Record<string, unknown>>('post', () => '/meetings');
  const members = meetings.members.map((m) => ({ id: m.id, label: m.fullName }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const local = String(data.get('startsAt') ?? '');
    const secretary = String(data.get('secretaryId') ?? '');
    const online = String(data.get('onlineUrl') ?? '').trim();
    call.mutate(
      {
        bodyId: body.id,
        title: String(data.get('title') ?? ''),
        // The browser's local time, sent with its offset.
        startsAt: local === '' ? '' : new Date(local).toISOString(),
        place: String(data.get('place') ?? ''),
        onlineUrl: online === '' ? null : online,
        facilitatorId: String(data.get('facilitatorId') ?? ''),
        secretaryId: secretary === '' ? null : secretary,
      },
      { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/reunions/${id}`) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <FormError error={call.error} />
      <Field label={t('meeting.call.name')} error={fieldError(call.error, 'title')}>
        {(props) => <input {...props} name="title" />}
      </Field>
      <Field label={t('meeting.call.startsAt')} error={fieldError(call.error, 'startsAt')}>
        {(props) => <input {...props} name="startsAt" type="datetime-local" />}
      </Field>
      <Field label={t('meeting.call.place')} error={fieldError(call.error, 'place')}>
        {(props) => <input {...props} name="place" />}
      </Field>
      <Field label={t('meeting.call.onlineUrl')} hint={t('meeting.call.onlineUrlHint')} error={fieldError(call.error, 'onlineUrl')}>
        {(props) => <input {...props} name="onlineUrl" type="url" inputMode="url" />}
      </Field>
      <Field
        label={t('meeting.call.facilitator')}
        hint={meetings.nextFacilitator ? t('meeting.call.rotation', { name: meetings.nextFacilitator.fullName }) : undefined}
        error={fieldError(call.error, 'facilitatorId')}
      >
        {(props) => <ItemSelect {...props} name="facilitatorId" items={members} defaultValue={meetings.nextFacilitator?.id ?? ''} />}
      </Field>
      <Field label={t('meeting.call.secretary')} error={fieldError(call.error, 'secretaryId')}>
        {(props) => <ItemSelect {...props} name="secretaryId" items={members} noneLabel={t('meeting.call.noSecretary')} />}
      </Field>
      <button type="submit" className="button-primary" disabled={call.isPending}>
        {t('meeting.call.submit')}
      </button>
    </form>
  );
}

/**
 * A meeting held before Entente knew the body, or outside it: its day, who facilitated and who
 * was there, and its minutes, published as they are entered.
 */
function RecordPastMeeting({ body, meetings }: { body: BodyDetail; meetings: BodyMeetings }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const record = useAct<Record<string, unknown>>('post', () => '/meetings/past');
  const members = meetings.members.map((m) => ({ id: m.id, label: m.fullName }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    record.mutate(
      {
        bodyId: body.id,
        title: String(data.get('title') ?? ''),
        heldOn: String(data.get('heldOn') ?? ''),
        place: String(data.get('place') ?? ''),
        facilitatorId: String(data.get('facilitatorId') ?? ''),
        secretaryId: orNull(data.get('secretaryId')),
        attendeeIds: data.getAll('attendeeIds').map(String),
        minutes: String(data.get('minutes') ?? ''),
      },
      { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/reunions/${id}`) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <p className="hint">{t('meeting.past.hint')}</p>
      <FormError error={record.error} shown={['title', 'heldOn', 'place', 'facilitatorId', 'secretaryId', 'attendeeIds', 'minutes']} />
      <Field label={t('meeting.call.name')} error={fieldError(record.error, 'title')}>
        {(props) => <input {...props} name="title" />}
      </Field>
      <Field label={t('meeting.past.heldOn')} error={fieldError(record.error, 'heldOn')}>
        {(props) => <input {...props} name="heldOn" type="date" min={body.foundedOn} max={todayIso()} />}
      </Field>
      <Field label={t('meeting.call.place')} error={fieldError(record.error, 'place')}>
        {(props) => <input {...props} name="place" />}
      </Field>
      <Field label={t('meeting.past.facilitator')} error={fieldError(record.error, 'facilitatorId')}>
        {(props) => <ItemSelect {...props} name="facilitatorId" items={members} />}
      </Field>
      <Field label={t('meeting.call.secretary')} error={fieldError(record.error, 'secretaryId')}>
        {(props) => <ItemSelect {...props} name="secretaryId" items={members} noneLabel={t('meeting.past.noSecretary')} />}
      </Field>
      <fieldset>
        <legend>{t('meeting.past.attendees')}</legend>
        {members.map((member) => (
          <label key={member.id} className="checkbox">
            <input type="checkbox" name="attendeeIds" value={member.id} /> {member.label}
          </label>
        ))}
        {fieldError(record.error, 'attendeeIds') && <p className="field-error">{fieldError(record.error, 'attendeeIds')}</p>}
      </fieldset>
      <Field label={t('meeting.past.minutes')} hint={t('meeting.past.minutesHint')} error={fieldError(record.error, 'minutes')}>
        {(props) => <textarea {...props} name="minutes" rows={8} />}
      </Field>
      <button type="submit" className="button-primary" disabled={record.isPending}>
        {t('meeting.past.submit')}
      </button>
    </form>
  );
}

function OpenPoll({ body }: { body: BodyDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const [slotCount, setSlotCount] = useState(3);
  const open = useAct<{ bodyId: string; title: string; slots: string[] }>('post', () => '/date-polls');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const slots = Array.from({ length: slotCount }, (_, i) => String(data.get(`slot-${i}`) ?? ''))
      .filter((value) => value !== '')
      .map((value) => new Date(value).toISOString());
    open.mutate({ bodyId: body.id, title: String(data.get('title') ?? ''), slots }, { onSuccess: ({ id }) => navigate(`/p/${partnershipId}/sondages/${id}`) });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <p className="hint">{t('poll.open.hint')}</p>
      <FormError error={open.error} shown={['title', 'slots']} />
      <Field label={t('poll.open.name')} error={fieldError(open.error, 'title')}>
        {(props) => <input {...props} name="title" />}
      </Field>
      {Array.from({ length: slotCount }, (_, i) => (
        <Field key={i} label={t('poll.open.slot', { number: i + 1 })} error={i === 0 ? fieldError(open.error, 'slots') : undefined}>
          {(props) => <input {...props} name={`slot-${i}`} type="datetime-local" />}
        </Field>
      ))}
      {slotCount < 20 && (
        <p>
          <button type="button" className="button-quiet" onClick={() => setSlotCount(slotCount + 1)}>
            {t('poll.open.addSlot')}
          </button>
        </p>
      )}
      <button type="submit" className="button-primary" disabled={open.isPending}>
        {t('poll.open.submit')}
      </button>
    </form>
  );
}

/** A body's meetings, the form to call the next one (facilitation proposed by rotation), and to record one held before or outside Entente. */
export function MeetingsSection({ body }: { body: BodyDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatInstant = useFormatInstant();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<BodyMeetings>(`/bodies/${body.id}/meetings`);
  if (!query.data) return null;
  const meetings = query.data;
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title">{t('meeting.section.title')}</h2>
      {meetings.meetings.length === 0 ? (
        <p className="muted">{t('meeting.section.none')}</p>
      ) : (
        <ul className="card-list">
          {meetings.meetings.map((meeting) => (
            <li key={meeting.id} className="card">
              <Link to={`/p/${partnershipId}/reunions/${meeting.id}`}>{meeting.title}</Link>{' '}
              {meeting.recordedAfterwards ? (
                <Badge tone="neutral">{t('meeting.section.recorded')}</Badge>
              ) : (
                meeting.published && <Badge tone="ok">{t('meeting.section.published')}</Badge>
              )}
              <p className="muted small">
                {/* Only the day of a meeting recorded afterwards is known. */}
                {meeting.recordedAfterwards ? formatDate(meeting.startsAt) : formatInstant(meeting.startsAt)}
                {meeting.place && <> — {meeting.place}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      {meetings.openPolls.length > 0 && (
        <>
          <h3>{t('poll.list.title')}</h3>
          <ul>
            {meetings.openPolls.map((poll) => (
              <li key={poll.id}>
                <Link to={`/p/${partnershipId}/sondages/${poll.id}`}>{poll.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {meetings.can.call && meetings.members.length > 0 && (
        <>
          <Disclosure label={t('meeting.call.title')}>
            <CallMeeting body={body} meetings={meetings} />
          </Disclosure>
          <Disclosure label={t('poll.open.title')}>
            <OpenPoll body={body} />
          </Disclosure>
          <Disclosure label={t('meeting.past.title')}>
            <RecordPastMeeting body={body} meetings={meetings} />
          </Disclosure>
        </>
      )}
    </section>
  );
}
