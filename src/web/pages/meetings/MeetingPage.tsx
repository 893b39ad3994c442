import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MarkdownText } from '../../components/CharterText';
import { ItemSelect } from '../../components/ItemSelect';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { useAct, useLiveChanges, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { AttendanceStatus, MeetingDetail } from '../../types';
import { useFormatInstant } from './format';

const STATUSES: readonly AttendanceStatus[] = ['present', 'excused', 'absent', 'represented'];

function AddItem({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const add = useAct<{ kind: string; title: string; minutesAllotted: number | null }>('post', () => `/meetings/${meeting.id}/agenda`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const minutes = String(data.get('minutesAllotted') ?? '').trim();
    add.mutate(
      { kind: String(data.get('kind') ?? ''), title: String(data.get('title') ?? ''), minutesAllotted: minutes === '' ? null : Number(minutes) },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h3>{t('meeting.agenda.add')}</h3>
      <FormError error={add.error} />
      <Field label={t('meeting.agenda.kind')} error={fieldError(add.error, 'kind')}>
        {(props) => (
          <select {...props} name="kind" defaultValue="information">
            {(['information', 'discussion', 'decision'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`meeting.kind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('meeting.agenda.itemTitle')} error={fieldError(add.error, 'title')}>
        {(props) => <input {...props} name="title" />}
      </Field>
      <Field label={t('meeting.agenda.minutes')} error={fieldError(add.error, 'minutesAllotted')}>
        {(props) => <input {...props} name="minutesAllotted" type="number" min={1} max={480} inputMode="numeric" />}
      </Field>
      <button type="submit" className="button-primary" disabled={add.isPending}>
        {t('meeting.agenda.submit')}
      </button>
    </form>
  );
}

function Agenda({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const order = useAct<{ itemIds: string[] }, null>('put', () => `/meetings/${meeting.id}/agenda/order`);
  const move = (index: number, by: number) => {
    const ids = meeting.agenda.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    order.mutate({ itemIds: ids });
  };
  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('meeting.agenda.title')}</h2>
      <FormError error={order.error} />
      {meeting.agenda.length === 0 ? (
        <p className="muted">{t('meeting.agenda.empty')}</p>
      ) : (
        <ol className="card-list">
          {meeting.agenda.map((item, index) => (
            <li key={item.id} className="card">
              <p>
                <strong>{item.title}</strong> <Badge tone="neutral">{t(`meeting.kind.${item.kind}`)}</Badge>
                {item.minutesAllotted !== null && <span className="muted small"> {t('meeting.agenda.duration', { minutes: item.minutesAllotted })}</span>}
              </p>
              <p className="muted small">{t('meeting.agenda.proposedBy', { name: item.proposedBy })}</p>
              {item.proposal && (
                <p>
                  <Link to={`/p/${partnershipId}/propositions/${item.proposal.id}`}>{item.proposal.wording}</Link>
                </p>
              )}
              {meeting.can.run && meeting.agenda.length > 1 && (
                <p>
                  <button type="button" className="button-quiet" disabled={index === 0 || order.isPending} onClick={() => move(index, -1)} aria-label={t('meeting.agenda.up', { title: item.title })}>
                    ↑
                  </button>{' '}
                  <button
                    type="button"
                    className="button-quiet"
                    disabled={index === meeting.agenda.length - 1 || order.isPending}
                    onClick={() => move(index, 1)}
                    aria-label={t('meeting.agenda.down', { title: item.title })}
                  >
                    ↓
                  </button>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {meeting.can.addItem && <AddItem meeting={meeting} />}
    </section>
  );
}

function AttendanceRow({ meeting, row }: { meeting: MeetingDetail; row: MeetingDetail['attendance'][number] }) {
  const { t } = useTranslation();
  const note = useAct<{ personId: string; status: string; representedBy: string | null }, null>('put', () => `/meetings/${meeting.id}/attendance`);
  const [status, setStatus] = useState<string>(row.status ?? '');
  const others = meeting.attendance.filter((a) => a.personId !== row.personId).map((a) => ({ id: a.personId, label: a.fullName }));
  const label = row.status === null ? t('meeting.status.unknown') : t(`meeting.status.${row.status}`, { name: row.representedBy?.fullName ?? '' });
  if (!meeting.can.run) {
    return (
      <li className="member">
        <span className="member-name">{row.fullName}</span>
        <Badge tone={row.status === 'present' || row.status === 'represented' ? 'ok' : 'neutral'}>{label}</Badge>
      </li>
    );
  }
  return (
    <li className="member attendance-row">
      <span className="member-name" id={`attendance-${row.personId}`}>
        {row.fullName}
      </span>
      <select
        aria-labelledby={`attendance-${row.personId}`}
        value={status}
        onChange={(event) => {
          setStatus(event.target.value);
          if (event.target.value !== 'represented') note.mutate({ personId: row.personId, status: event.target.value, representedBy: null });
        }}
      >
        <option value="" disabled>
          {t('meeting.status.unknown')}
        </option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`meeting.statusChoice.${s}`)}
          </option>
        ))}
      </select>
      {status === 'represented' && (
        <ItemSelect
          aria-label={t('meeting.attendance.representedBy', { name: row.fullName })}
          items={others}
          defaultValue={row.representedBy?.id ?? ''}
          onChange={(event) => note.mutate({ personId: row.personId, status: 'represented', representedBy: event.target.value })}
        />
      )}
      <FormError error={note.error} shown={[]} />
    </li>
  );
}

function Attendance({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const quorum = meeting.quorum;
  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('meeting.attendance.title')}</h2>
      <p className={`notice ${quorum.met ? 'notice-ok' : 'notice-warn'}`} role="status">
        {quorum.met
          ? t('meeting.quorum.met', { present: quorum.present, members: quorum.members })
          : quorum.rule === 'one_delegate_per_organization'
            ? t('meeting.quorum.missingOrganizations', { organizations: quorum.missingOrganizations.join(', ') })
            : t('meeting.quorum.missingMajority', { present: quorum.present, members: quorum.members })}
      </p>
      <ul className="member-list">
        {meeting.attendance.map((row) => (
          <AttendanceRow key={row.personId} meeting={meeting} row={row} />
        ))}
      </ul>
    </section>
  );
}

function MinutesEditor({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [text, setText] = useState(meeting.minutes);
  const save = useAct<{ text: string }, null>('put', () => `/meetings/${meeting.id}/minutes`);
  const publish = useAct<undefined, null>('post', () => `/meetings/${meeting.id}/minutes/publish`, () => ({}));
  /** The decisions taken on the agenda's proposals, as a Markdown section the secretary can edit. */
  const decisionsSection = () =>
    [
      `## ${t('meeting.decisions')}`,
      '',
      ...meeting.decisions.map((d) => `- **${d.wording}** — ${t(`decision.status.${d.status}`)}${d.outcomeStatement ? ` : ${d.outcomeStatement}` : ''}`),
    ].join('\n');
  return (
    <section className="card" aria-labelledby="minutes-edit-title">
      <h2 id="minutes-edit-title">{t('meeting.minutes.edit')}</h2>
      <p className="hint">{t('meeting.minutes.hint')}</p>
      <FormError error={save.error ?? publish.error} />
      <Field label={t('meeting.minutes.text')} error={fieldError(save.error, 'text')}>
        {(props) => <textarea {...props} rows={10} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      {meeting.decisions.length > 0 && (
        <p>
          <button type="button" className="button-quiet" onClick={() => setText((current) => `${current.trimEnd()}\n\n${decisionsSection()}\n`.trimStart())}>
            {t('meeting.minutes.insertDecisions')}
          </button>
        </p>
      )}
      <button type="button" className="button-primary" disabled={save.isPending} onClick={() => save.mutate({ text })}>
        {t('meeting.minutes.save')}
      </button>{' '}
      <button type="button" className="button-quiet" disabled={publish.isPending || text !== meeting.minutes} onClick={() => publish.mutate(undefined)}>
        {t('meeting.minutes.publish')}
      </button>
      {save.isSuccess && <p role="status">{t('meeting.minutes.saved')}</p>}
      {text !== '' && (
        <>
          <h3>{t('meeting.minutes.preview')}</h3>
          <MarkdownText source={text} />
        </>
      )}
    </section>
  );
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId } = useParams();
  const partnershipId = usePartnershipId();
  const formatInstant = useFormatInstant();
  const query = usePartnershipQuery<MeetingDetail>(`/meetings/${meetingId}`);
  useLiveChanges('meetings', meetingId!, query.data !== undefined && query.data.minutesPublishedAt === null);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const meeting = query.data;
  const api = `/api/v1/partnerships/${partnershipId}/meetings/${meeting.id}`;
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/instances/${meeting.body.id}`}>{meeting.body.name}</Link>
      </p>
      <PageTitle title={meeting.title}>{meeting.title}</PageTitle>
      <p>
        {formatInstant(meeting.startsAt)} · {t('meeting.detail.duration', { minutes: meeting.durationMinutes })}
        {meeting.place && <> · {meeting.place}</>}
      </p>
      {meeting.onlineUrl && (
        <p>
          <a href={meeting.onlineUrl} rel="noopener noreferrer">
            {t('meeting.detail.online')}
          </a>
        </p>
      )}
      <p className="muted">
        {t('meeting.detail.roles', { facilitator: meeting.facilitator.fullName, secretary: meeting.secretary?.fullName ?? t('meeting.detail.noSecretary') })}
      </p>
      <p>
        <a href={`${api}/calendar.ics`} download>
          {t('meeting.detail.calendar')}
        </a>
      </p>

      <Agenda meeting={meeting} />
      <Attendance meeting={meeting} />

      {meeting.decisions.length > 0 && (
        <section aria-labelledby="decisions-title">
          <h2 id="decisions-title">{t('meeting.decisions')}</h2>
          <ul className="plain-list">
            {meeting.decisions.map((d) => (
              <li key={d.proposalId}>
                <Link to={`/p/${partnershipId}/propositions/${d.proposalId}`}>{d.wording}</Link> — {t(`decision.status.${d.status}`)}
                {d.outcomeStatement && <p className="small">{d.outcomeStatement}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {meeting.minutesPublishedAt ? (
        <section aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t('meeting.minutes.title')}</h2>
          <p className="notice notice-ok" role="status">
            {t('meeting.minutes.published', { date: formatInstant(meeting.minutesPublishedAt) })}
          </p>
          <MarkdownText source={meeting.minutes} />
          <p>
            <a href={`${api}/minutes.pdf`} download>
              {t('meeting.minutes.pdf')}
            </a>
          </p>
        </section>
      ) : meeting.can.run ? (
        <MinutesEditor meeting={meeting} />
      ) : (
        <p className="muted">{t('meeting.minutes.notYet')}</p>
      )}
    </article>
  );
}
