import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { proposalDetailAnswer } from '../../../decisions/contract';
import type { meetingDetailAnswer, minutesSavedAnswer } from '../../../meetings/contract';
import { GUEST_ATTENDANCE_STATUSES, GUEST_REASON_MAX_LENGTH, MINUTES_MAX_LENGTH, minutesSpent, type AttendanceStatus } from '../../../meetings/rules';
import { MarkdownText } from '../../components/CharterText';
import { ItemSelect } from '../../components/ItemSelect';
import { PersonPicker } from '../../components/PersonPicker';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, useDeleteAct, useLiveChanges, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { RoundTable } from '../decisions/RoundTable';
import { TensionOnAgenda, useMeetingTensions } from '../tensions/MeetingTension';
import { useFormatInstant } from './format';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type MeetingDetail = Answer<typeof meetingDetailAnswer>;

const STATUSES: readonly AttendanceStatus[] = ['present', 'excused', 'absent', 'represented'];

function AddItem({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('information');
  const add = useAct<{ kind: string; title: string; proposalId: string | null; minutesAllotted: number | null }>('post', () => `/meetings/${meeting.id}/agenda`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const minutes = String(data.get('minutesAllotted') ?? '').trim();
    const proposalId = kind === 'decision' ? String(data.get('proposalId') ?? '') || null : null;
    const typed = String(data.get('title') ?? '').trim();
    // A decision item is named by its proposal unless the member words it otherwise.
    const title = typed === '' && proposalId !== null ? (meeting.openProposals.find((p) => p.id === proposalId)?.wording.slice(0, 300) ?? '') : typed;
    add.mutate(
      { kind, title, proposalId, minutesAllotted: minutes === '' ? null : Number(minutes) },
      {
        onSuccess: () => {
          form.reset();
          setKind('information');
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h3>{t('meeting.agenda.add')}</h3>
      <FormError error={add.error} />
      <Field label={t('meeting.agenda.kind')} error={fieldError(add.error, 'kind')}>
        {(props) => (
          <select {...props} name="kind" value={kind} onChange={(event) => setKind(event.target.value)}>
            {(['information', 'discussion', 'decision'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`meeting.kind.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === 'decision' && (
        <Field label={t('meeting.agenda.proposal')} hint={t('meeting.agenda.proposalHint')} error={fieldError(add.error, 'proposalId')}>
          {(props) => <ItemSelect {...props} name="proposalId" items={meeting.openProposals.map((p) => ({ id: p.id, label: p.wording }))} noneLabel={t('meeting.agenda.noProposal')} />}
        </Field>
      )}
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

/** Facilitation rotates: the facilitator, or an administrator, hands it or the minutes to someone else. */
function ChangeRoles({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const change = useAct<{ facilitatorId: string; secretaryId: string | null }, null>('put', () => `/meetings/${meeting.id}/roles`);
  const members = meeting.attendance.map((a) => ({ id: a.personId, label: a.fullName }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    change.mutate({ facilitatorId: String(data.get('facilitatorId') ?? ''), secretaryId: String(data.get('secretaryId') ?? '') || null });
  };
  return (
    <details className="card">
      <summary>{t('meeting.roles.change')}</summary>
      <form onSubmit={onSubmit} noValidate>
        <FormError error={change.error} shown={['facilitatorId', 'secretaryId']} />
        <Field label={t('meeting.call.facilitator')} error={fieldError(change.error, 'facilitatorId')}>
          {(props) => <ItemSelect {...props} name="facilitatorId" items={members} defaultValue={meeting.facilitator.id} />}
        </Field>
        <Field label={t('meeting.call.secretary')} error={fieldError(change.error, 'secretaryId')}>
          {(props) => <ItemSelect {...props} name="secretaryId" items={members} defaultValue={meeting.secretary?.id ?? ''} noneLabel={t('meeting.call.noSecretary')} />}
        </Field>
        <button type="submit" className="button-quiet" disabled={change.isPending}>
          {t('meeting.roles.submit')}
        </button>
        {change.isSuccess && <p role="status">{t('meeting.roles.changed')}</p>}
      </form>
    </details>
  );
}

/** The time now, renewed every half minute: enough for a timer counted in minutes. */
function useNow() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** How long an item has taken against the time planned for it, counting while it runs. */
function ItemTime({ item, now }: { item: MeetingDetail['agenda'][number]; now: Date }) {
  const { t } = useTranslation();
  if (item.startedAt === null) return item.minutesAllotted !== null ? <span className="muted small"> {t('meeting.agenda.duration', { minutes: item.minutesAllotted })}</span> : null;
  const spent = minutesSpent(new Date(item.startedAt), item.endedAt === null ? null : new Date(item.endedAt), now);
  const over = item.minutesAllotted !== null && spent > item.minutesAllotted;
  const text =
    item.minutesAllotted === null ? t('meeting.agenda.spent', { spent }) : t('meeting.agenda.spentOf', { spent, planned: item.minutesAllotted });
  return (
    <span className={`small ${over ? 'text-warn' : 'muted'}`}>
      {' '}
      {text}
      {over && <> — {t('meeting.agenda.over')}</>}
    </span>
  );
}

function Agenda({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const now = useNow();
  const currentId = meeting.stage.kind === 'item' ? meeting.stage.itemId : null;
  const order = useAct<{ itemIds: string[] }, null>('put', () => `/meetings/${meeting.id}/agenda/order`);
  const tensions = useMeetingTensions(meeting.id);
  const move = (index: number, by: number) => {
    const ids = meeting.agenda.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    order.mutate({ itemIds: ids });
  };
  return (
    <section id={TO_DO_ANCHORS.agenda_item} aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('meeting.agenda.title')}</h2>
      <FormError error={order.error} />
      {meeting.agenda.length === 0 ? (
        <p className="muted">{t('meeting.agenda.empty')}</p>
      ) : (
        <ol className="card-list">
          {meeting.agenda.map((item, index) => (
            <li key={item.id} className={item.id === currentId ? 'card card-current' : 'card'} aria-current={item.id === currentId ? 'step' : undefined}>
              <p>
                <strong>{item.title}</strong> <Badge tone="neutral">{t(`meeting.kind.${item.kind}`)}</Badge>
                {item.id === currentId && <Badge tone="ok">{t('meeting.agenda.current')}</Badge>}
                <ItemTime item={item} now={now} />
              </p>
              <p className="muted small">{t('meeting.agenda.proposedBy', { name: item.proposedBy })}</p>
              {item.proposal && (
                <p>
                  <Link to={`/p/${partnershipId}/propositions/${item.proposal.id}`}>{item.proposal.wording}</Link>
                </p>
              )}
              {tensions?.tensions
                .filter((tension) => tension.agendaItem?.id === item.id)
                .map((tension) => <TensionOnAgenda key={tension.id} tension={tension} tensions={tensions} />)}
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
  // Only a member noted present may represent another (the act refuses anyone else).
  const others = meeting.attendance.filter((a) => a.personId !== row.personId && a.status === 'present').map((a) => ({ id: a.personId, label: a.fullName }));
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
      {/* Who sat in the body on a day before Entente is often unknown: a recorded meeting lists who was there, without a quorum. */}
      {/* Before the secretary notes anyone, a quorum « not met » would only alarm. */}
      {!meeting.recordedAfterwards && meeting.attendance.some((row) => row.status !== null) && (
        <p className={`notice ${quorum.met ? 'notice-ok' : 'notice-warn'}`} role="status">
          {quorum.met
            ? t('meeting.quorum.met', { count: quorum.present, members: quorum.members })
            : quorum.rule === 'one_delegate_per_organization'
              ? t('meeting.quorum.missingOrganizations', { organizations: quorum.missingOrganizations.join(', ') })
              : t('meeting.quorum.missingMajority', { count: quorum.present, members: quorum.members })}
        </p>
      )}
      <ul className="member-list">
        {meeting.attendance.map((row) => (
          <AttendanceRow key={row.personId} meeting={meeting} row={row} />
        ))}
      </ul>
    </section>
  );
}

type Guest = MeetingDetail['guests'][number];

/** A guest, why they are invited, and whether they came: the secretary notes it, whoever runs the meeting may withdraw the invitation. */
function GuestRow({ meeting, guest }: { meeting: MeetingDetail; guest: Guest }) {
  const { t } = useTranslation();
  const note = useAct<{ personId: string; status: string; representedBy: null }, null>('put', () => `/meetings/${meeting.id}/attendance`);
  const remove = useDeleteAct<void, null>(() => `/meetings/${meeting.id}/guests/${guest.personId}`);
  const label = guest.attendance === null ? t('meeting.status.unknown') : t(`meeting.status.${guest.attendance}`);
  return (
    <li className="member attendance-row">
      <div>
        <span className="member-name" id={`guest-${guest.personId}`}>
          {guest.fullName}
        </span>
        {guest.reason && <p className="muted small">{guest.reason}</p>}
      </div>
      {meeting.can.run ? (
        <select
          aria-labelledby={`guest-${guest.personId}`}
          value={guest.attendance ?? ''}
          disabled={note.isPending}
          onChange={(event) => note.mutate({ personId: guest.personId, status: event.target.value, representedBy: null })}
        >
          <option value="" disabled>
            {t('meeting.status.unknown')}
          </option>
          {GUEST_ATTENDANCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`meeting.statusChoice.${s}`)}
            </option>
          ))}
        </select>
      ) : (
        <Badge tone={guest.attendance === 'present' ? 'ok' : 'neutral'}>{label}</Badge>
      )}
      {meeting.can.inviteGuests && (
        <button type="button" className="button-quiet" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t('meeting.guests.remove')}
          <span className="visually-hidden">{t('common.nameSuffix', { name: guest.fullName })}</span>
        </button>
      )}
      <FormError error={note.error ?? remove.error} shown={[]} />
    </li>
  );
}

/** People outside the body whom the meeting invites (a project's carriers, say): listed apart, never in the quorum. */
function Guests({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const invite = useAct<{ personId: string; reason: string }, null>('post', () => `/meetings/${meeting.id}/guests`);
  if (meeting.guests.length === 0 && !meeting.can.inviteGuests) return null;
  // The members are convened already, and a guest is invited once.
  const notOffered = new Set([...meeting.attendance.map((a) => a.personId), ...meeting.guests.map((g) => g.personId)]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    invite.mutate({ personId: String(data.get('personId') ?? ''), reason: String(data.get('reason') ?? '') }, { onSuccess: () => form.reset() });
  };
  return (
    <section aria-labelledby="guests-title">
      <h2 id="guests-title">{t('meeting.guests.title')}</h2>
      <p className="hint">{t('meeting.guests.hint')}</p>
      {meeting.guests.length === 0 ? (
        <p className="muted">{t('meeting.guests.none')}</p>
      ) : (
        <ul className="member-list">
          {meeting.guests.map((guest) => (
            <GuestRow key={guest.personId} meeting={meeting} guest={guest} />
          ))}
        </ul>
      )}
      {meeting.can.inviteGuests && (
        <form onSubmit={onSubmit} noValidate className="card">
          <h3>{t('meeting.guests.invite')}</h3>
          <FormError error={invite.error} />
          <Field label={t('meeting.guests.person')} error={fieldError(invite.error, 'personId')}>
            {(props) => <PersonPicker {...props} name="personId" required exclude={notOffered} />}
          </Field>
          <Field label={t('meeting.guests.reason')} hint={t('meeting.guests.reasonHint')} error={fieldError(invite.error, 'reason')}>
            {(props) => <input {...props} name="reason" maxLength={GUEST_REASON_MAX_LENGTH} />}
          </Field>
          <button type="submit" className="button-primary" disabled={invite.isPending}>
            {t('meeting.guests.submit')}
          </button>
          {invite.isSuccess && <p role="status">{t('meeting.guests.invited')}</p>}
        </form>
      )}
    </section>
  );
}

function MinutesEditor({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const [text, setText] = useState(meeting.minutes);
  /** The version this text was based on: the server refuses a save over a newer one. */
  const [basedOn, setBasedOn] = useState(meeting.minutesVersion);
  const save = useAct<{ text: string; basedOn: number }, Answer<typeof minutesSavedAnswer>>('put', () => `/meetings/${meeting.id}/minutes`);
  const publish = useAct<undefined, null>('post', () => `/meetings/${meeting.id}/minutes/publish`, () => ({}));
  const review = useAct<{ until: string }, null>('post', () => `/meetings/${meeting.id}/minutes/review`);
  const [reviewDays, setReviewDays] = useState('7');
  const saved = text === meeting.minutes && basedOn === meeting.minutesVersion;
  const excess = text.length - MINUTES_MAX_LENGTH;
  const waitsFor = meeting.publishWaitsFor;
  /** Why « Publish » cannot be pressed yet, said beside it. */
  const publishWaits = !saved
    ? t('meeting.minutes.publishWaits.unsaved')
    : waitsFor === null
      ? null
      : waitsFor.reason === 'review_open'
        ? t('meeting.minutes.publishWaits.review_open', { date: formatInstant(meeting.reviewUntil!), names: waitsFor.names.join(', ') })
        : t(`meeting.minutes.publishWaits.${waitsFor.reason}`);
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
      <FormError error={save.error ?? review.error ?? publish.error} />
      {basedOn !== meeting.minutesVersion && <p className="notice notice-warn">{t('meeting.minutes.changedElsewhere')}</p>}
      <Field
        label={t('meeting.minutes.text')}
        hint={t('meeting.minutes.length', { written: text.length, max: MINUTES_MAX_LENGTH })}
        error={excess > 0 ? t('meeting.minutes.tooLong', { count: excess }) : fieldError(save.error, 'text')}
      >
        {(props) => <textarea {...props} rows={10} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      {meeting.decisions.length > 0 && (
        <p>
          <button type="button" className="button-quiet" onClick={() => setText((current) => `${current.trimEnd()}\n\n${decisionsSection()}\n`.trimStart())}>
            {t('meeting.minutes.insertDecisions')}
          </button>
        </p>
      )}
      <button type="button" className="button-primary" disabled={save.isPending || excess > 0} onClick={() => save.mutate({ text, basedOn }, { onSuccess: (result) => setBasedOn(result.version) })}>
        {t('meeting.minutes.save')}
      </button>
      {save.isSuccess && saved && <p role="status">{t('meeting.minutes.saved')}</p>}
      <div className="minutes-steps">
        <Field label={t('meeting.review.length')} hint={t('meeting.review.lengthHint')}>
          {(props) => (
            <select {...props} value={reviewDays} onChange={(event) => setReviewDays(event.target.value)}>
              {['2', '7', '14'].map((days) => (
                <option key={days} value={days}>
                  {t('meeting.review.days', { count: Number(days) })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button
          type="button"
          className="button-secondary"
          disabled={review.isPending || !saved || meeting.minutes.trim() === ''}
          onClick={() => review.mutate({ until: new Date(Date.now() + Number(reviewDays) * 86_400_000).toISOString() })}
        >
          {meeting.reviewUntil === null ? t('meeting.review.open') : t('meeting.review.extend')}
        </button>{' '}
        <button
          type="button"
          className="button-primary"
          disabled={publish.isPending || !saved || !meeting.can.publish}
          aria-describedby={publishWaits === null ? undefined : 'publish-waits'}
          onClick={() => publish.mutate(undefined)}
        >
          {t('meeting.minutes.publish')}
        </button>
        {publishWaits !== null && (
          <p id="publish-waits" className="hint">
            {publishWaits}
          </p>
        )}
      </div>
      {text !== '' && (
        <>
          <h3>{t('meeting.minutes.preview')}</h3>
          <MarkdownText source={text} />
        </>
      )}
    </section>
  );
}

/** The attendees' reading of the minutes: their answers, and the form of one who may answer. */
function MinutesReview({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const [verdict, setVerdict] = useState<'approve' | 'amend'>('approve');
  const [remark, setRemark] = useState('');
  const answer = useAct<{ verdict: string; remark: string; basedOn: number }, null>('put', () => `/meetings/${meeting.id}/minutes/review`);
  if (meeting.reviewUntil === null) return null;
  const open = new Date(meeting.reviewUntil) > new Date();
  return (
    <section id={TO_DO_ANCHORS.minutes_review} aria-labelledby="review-title">
      <h2 id="review-title">{t('meeting.review.title')}</h2>
      <p className={`notice ${open ? 'notice-warn' : 'notice-ok'}`}>
        {open ? t('meeting.review.until', { date: formatInstant(meeting.reviewUntil) }) : t('meeting.review.closed', { date: formatInstant(meeting.reviewUntil) })}
      </p>
      {meeting.reviews.length > 0 && (
        <ul className="member-list">
          {meeting.reviews.map((r) => (
            <li key={r.personId} className="member">
              <div>
                <span className="member-name">{r.fullName}</span>
                {r.remark && <p className="small">{t('decision.quoted', { text: r.remark })}</p>}
                {!r.current && <p className="muted small">{t('meeting.review.earlierDraft')}</p>}
              </div>
              <Badge tone={r.verdict === 'approve' ? 'ok' : 'warn'}>{t(`meeting.review.verdict.${r.verdict}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
      {meeting.can.review && (
        <form
          className="card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            answer.mutate({ verdict, remark: verdict === 'amend' ? remark : '', basedOn: meeting.minutesVersion }, { onSuccess: () => setRemark('') });
          }}
        >
          <h3>{t('meeting.review.yourAnswer')}</h3>
          <FormError error={answer.error} shown={['remark']} />
          <fieldset>
            <legend>{t('meeting.review.question')}</legend>
            {(['approve', 'amend'] as const).map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="verdict" value={value} checked={verdict === value} onChange={() => setVerdict(value)} /> {t(`meeting.review.choice.${value}`)}
              </label>
            ))}
          </fieldset>
          {verdict === 'amend' && (
            <Field label={t('meeting.review.remark')} error={fieldError(answer.error, 'remark')}>
              {(props) => <textarea {...props} rows={3} value={remark} onChange={(event) => setRemark(event.target.value)} />}
            </Field>
          )}
          <button type="submit" className="button-primary" disabled={answer.isPending}>
            {t('meeting.review.send')}
          </button>
          {answer.isSuccess && <p role="status">{t('meeting.review.sent')}</p>}
        </form>
      )}
    </section>
  );
}

const NEXT_LABEL: Readonly<Record<MeetingDetail['stage']['kind'], string>> = {
  planned: 'meeting.conduct.open',
  opening: 'meeting.conduct.toItems',
  item: 'meeting.conduct.next',
  closing: 'meeting.conduct.end',
  ended: '',
};

/** The meeting as it runs: where it stands, the facilitator's button to move on, the rounds' words. */
function Conduct({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const advance = useAct<undefined, null>('post', () => `/meetings/${meeting.id}/advance`, () => ({}));
  const [word, setWord] = useState('');
  const say = useAct<{ word: string }, null>('put', () => `/meetings/${meeting.id}/round-word`);
  const stage = meeting.stage;
  const current = stage.kind === 'item' ? meeting.agenda.find((item) => item.id === stage.itemId) : undefined;
  const remaining = meeting.agenda.some((item) => item.startedAt === null && item.id !== current?.id);
  const nextLabel = (stage.kind === 'opening' || stage.kind === 'item') && !remaining ? 'meeting.conduct.toClosing' : NEXT_LABEL[stage.kind];
  const round = stage.kind === 'opening' || stage.kind === 'closing' ? stage.kind : null;
  const words = (kind: 'opening' | 'closing') => meeting.roundWords.filter((w) => w.round === kind);
  return (
    <section aria-labelledby="conduct-title">
      <h2 id="conduct-title">{t('meeting.conduct.title')}</h2>
      <p className="notice" role="status">
        {stage.kind === 'item' ? t('meeting.conduct.stage.item', { title: current?.title ?? '' }) : t(`meeting.conduct.stage.${stage.kind}`)}
      </p>
      {meeting.can.run && stage.kind !== 'ended' && (
        <p>
          <button type="button" className="button-primary" disabled={advance.isPending} onClick={() => advance.mutate(undefined)}>
            {t(nextLabel)}
          </button>
        </p>
      )}
      <FormError error={advance.error} />
      {(['opening', 'closing'] as const)
        .filter((kind) => words(kind).length > 0 || round === kind)
        .map((kind) => (
          <div key={kind}>
            <h3>{t(`meeting.conduct.round.${kind}`)}</h3>
            <ul className="plain-list" aria-live="polite">
              {words(kind).map((w) => (
                <li key={w.personId}>
                  <strong>{w.fullName}</strong> — {w.word}
                </li>
              ))}
            </ul>
          </div>
        ))}
      {meeting.can.sayWord && round !== null && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            say.mutate({ word }, { onSuccess: () => setWord('') });
          }}
        >
          <FormError error={say.error} shown={['word']} />
          <Field label={t(`meeting.conduct.word.${round}`)} error={fieldError(say.error, 'word')}>
            {(props) => <input {...props} value={word} maxLength={280} onChange={(event) => setWord(event.target.value)} />}
          </Field>
          <button type="submit" className="button-quiet" disabled={say.isPending}>
            {t('meeting.conduct.say')}
          </button>
        </form>
      )}
    </section>
  );
}

/** While a decision item is under way, its proposal's round table runs in the meeting, live. */
function ProposalInSession({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<Answer<typeof proposalDetailAnswer>>(`/proposals/${proposalId}`);
  useLiveChanges('proposals', proposalId, query.data?.status === 'open');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const proposal = query.data;
  return (
    <section className="card" aria-labelledby="in-session-title">
      <h2 id="in-session-title">{t('meeting.inSession', { wording: proposal.wording })}</h2>
      <p>
        {proposal.status === 'open' ? t('decision.detail.phase', { phase: t(`decision.phase.${proposal.phase}`), round: proposal.round }) : t(`decision.status.${proposal.status}`)}{' '}
        <Link to={`/p/${partnershipId}/propositions/${proposal.id}`}>{t('meeting.openProposal')}</Link>
      </p>
      <RoundTable proposal={proposal} />
    </section>
  );
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId } = useParams();
  const partnershipId = usePartnershipId();
  const formatInstant = useFormatInstant();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<MeetingDetail>(`/meetings/${meetingId}`);
  useLiveChanges('meetings', meetingId!, query.data !== undefined && query.data.minutesPublishedAt === null);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const meeting = query.data;
  const api = `/api/v1/partnerships/${partnershipId}/meetings/${meeting.id}`;
  const stage = meeting.stage;
  const currentProposalId = stage.kind === 'item' ? (meeting.agenda.find((item) => item.id === stage.itemId)?.proposal?.id ?? null) : null;
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/instances/${meeting.body.id}`}>{meeting.body.name}</Link>
      </p>
      <PageTitle title={meeting.title}>{meeting.title}</PageTitle>
      <p>
        {meeting.recordedAfterwards ? formatDate(meeting.startsAt) : <>{formatInstant(meeting.startsAt)} · {t('meeting.detail.duration', { minutes: meeting.durationMinutes })}</>}
        {meeting.place && <> · {meeting.place}</>}
      </p>
      {meeting.recordedAfterwards && meeting.minutesPublishedAt && (
        <p className="notice">{t('meeting.detail.recorded', { date: formatDate(meeting.minutesPublishedAt) })}</p>
      )}
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
      {meeting.can.changeRoles && <ChangeRoles meeting={meeting} />}
      {!meeting.recordedAfterwards && (
        <>
          <p>
            <a href={`${api}/calendar.ics`} download>
              {t('meeting.detail.calendar')}
            </a>
          </p>
          <Conduct meeting={meeting} />
          {currentProposalId !== null && <ProposalInSession key={currentProposalId} proposalId={currentProposalId} />}
          <Agenda meeting={meeting} />
        </>
      )}
      <Attendance meeting={meeting} />
      <Guests meeting={meeting} />

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
      ) : (
        <>
          {meeting.can.run ? (
            <MinutesEditor meeting={meeting} />
          ) : meeting.reviewUntil !== null ? (
            <section aria-labelledby="minutes-title">
              <h2 id="minutes-title">{t('meeting.minutes.draft')}</h2>
              <MarkdownText source={meeting.minutes} />
            </section>
          ) : (
            <p className="muted">{t('meeting.minutes.notYet')}</p>
          )}
          <MinutesReview meeting={meeting} />
        </>
      )}
    </article>
  );
}
