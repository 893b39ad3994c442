import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { disputeAnswer } from '../../../disputes/contract';
import { TO_DO_ANCHORS } from '../../../participation/rules';
import { PersonPicker } from '../../components/PersonPicker';
import { Badge, Field, fieldError, FormError, LoadError, Loading, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { parisInstant } from '../pooled-means/times';
import { DisputeEnding } from './ending/DisputeEnding';
import { PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

type Dispute = Answer<typeof disputeAnswer>;
type Meeting = Dispute['meetings'][number];

const STAGES = ['crisis', 'mediation', 'exit_plan', 'restorative_circle', 'write_up', 'closed'] as const;

/**
 * One dispute, for those it names: what and between whom, a timeline of its stages (where it is,
 * what comes next, who acts, by when), and the forms of the step it is at. An outside mediator,
 * signed in by their mail's link, lands here and nowhere else.
 */
export default function DisputePage() {
  const { t } = useTranslation();
  const { disputeId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const formatTime = useFormatTime();
  const query = usePartnershipQuery<Dispute>(`/disputes/${disputeId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const dispute = query.data;
  const base = `/disputes/${dispute.id}`;
  const title = t('dispute.page.title', { charter: dispute.charter.title });
  const current = STAGES.indexOf(dispute.stage);
  return (
    <article>
      {!dispute.viewerIsOutsider && (
        <p className="breadcrumb">
          <Link to={`/p/${partnershipId}/differends`}>{t('dispute.title')}</Link>
        </p>
      )}
      <PageTitle title={title}>{title}</PageTitle>
      <p className="notice" role="note">
        {t('dispute.page.confidential')}
      </p>
      <dl className="details">
        <dt>{t('dispute.page.subject')}</dt>
        <dd className="text-block">{dispute.subject}</dd>
        <dt>{t('dispute.page.parties')}</dt>
        <dd>{dispute.parties.map((party) => party.fullName).join(', ')}</dd>
        <dt>{t('dispute.page.opened')}</dt>
        <dd>{t('dispute.page.openedBy', { date: formatDate(dispute.openedAt), name: dispute.openedBy?.fullName ?? '' })}</dd>
        {dispute.mediator && (
          <>
            <dt>{t('dispute.page.mediator')}</dt>
            <dd>{dispute.mediator.outsider ? t('dispute.page.outsideMediator', { name: dispute.mediator.fullName }) : dispute.mediator.fullName}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="etapes-titre">
        <h2 id="etapes-titre">{t('dispute.page.stages')}</h2>
        <ol className="dispute-timeline">
          {STAGES.map((stage, index) => (
            <li key={stage} aria-current={index === current ? 'step' : undefined}>
              <Badge tone={index < current ? 'neutral' : index === current ? 'ok' : 'neutral'}>{index < current ? t('dispute.page.past') : index === current ? t('dispute.page.now') : t('dispute.page.later')}</Badge>{' '}
              {t(`dispute.stage.${stage}`)}
            </li>
          ))}
        </ol>
        {dispute.next.step !== 'none' && (
          <p className={dispute.crisisLate ? 'notice notice-warn' : 'notice'}>
            <strong>{t('dispute.page.next')}</strong> {t(`dispute.step.${dispute.next.step}`)} {t(`dispute.actor.${dispute.next.actor}`)}
            {dispute.next.deadline && <> {t(dispute.crisisLate ? 'dispute.page.wasDue' : 'dispute.page.due', { date: formatTime(dispute.next.deadline) })}</>}
          </p>
        )}
        {dispute.agreement && (
          <div className="card">
            <h3>{t('dispute.page.agreement')}</h3>
            <p className="text-block">{dispute.agreement}</p>
          </div>
        )}
      </section>
      {dispute.meetings.map((meeting) => (
        <MeetingCard key={meeting.id} dispute={dispute} meeting={meeting} base={base} />
      ))}
      {dispute.can.callCrisisMeeting && <CallCrisisMeeting base={base} called={dispute.meetings.some((meeting) => meeting.kind === 'crisis' && meeting.heldAt === null)} />}
      {dispute.can.recordCrisisOutcome && <CrisisOutcome base={base} dispute={dispute} />}
      {dispute.can.nameMediator && <NameMediator base={base} dispute={dispute} />}
      {dispute.can.recordMediationOutcome && <MediationOutcome base={base} />}
      <DisputeEnding disputeId={dispute.id} />
    </article>
  );
}

function useFormatTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: PARTNERSHIP_TIME_ZONE });
  return (value: string) => format.format(new Date(value));
}

function MeetingCard({ dispute, meeting, base }: { dispute: Dispute; meeting: Meeting; base: string }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const anchor = meeting.kind === 'crisis' ? TO_DO_ANCHORS.dispute_crisis_meeting : meeting.kind === 'mediation' ? TO_DO_ANCHORS.dispute_mediation : `reunion-${meeting.id}`;
  return (
    <section id={anchor} className="card" aria-labelledby={`${anchor}-titre`} tabIndex={-1}>
      <h2 id={`${anchor}-titre`}>{t(`dispute.meeting.${meeting.kind}`)}</h2>
      {meeting.kind !== 'mediation' && (
        <p>
          {formatTime(meeting.startsAt)}
          {meeting.place && <>, {meeting.place}</>}
          {meeting.onlineUrl && (
            <>
              , <a href={meeting.onlineUrl}>{t('dispute.meeting.link')}</a>
            </>
          )}
        </p>
      )}
      {meeting.heldAt && <p>{t(`dispute.outcome.${meeting.outcome ?? 'held'}`)}</p>}
      {meeting.rounds.map((round) => (
        <RoundNotes key={round} base={base} meeting={meeting} round={round} />
      ))}
      {dispute.stage === 'crisis' && meeting.kind === 'crisis' && meeting.heldAt === null && !dispute.can.recordCrisisOutcome && <p className="hint">{t('dispute.meeting.waiting')}</p>}
    </section>
  );
}

function RoundNotes({ base, meeting, round }: { base: string; meeting: Meeting; round: string }) {
  const { t } = useTranslation();
  const note = meeting.notes.find((written) => written.round === round);
  const write = useAct<{ round: string; text: string }>('post', () => `${base}/meetings/${meeting.id}/notes`);
  const [saved, setSaved] = useState(false);
  if (!meeting.canWriteNotes) {
    return (
      <div>
        <h3>{t(`dispute.round.${round}`)}</h3>
        <p className="text-block">{note?.text || t('dispute.round.empty')}</p>
        {note?.writtenBy && <p className="hint">{t('dispute.round.by', { name: note.writtenBy.fullName })}</p>}
      </div>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const text = String(new FormData(event.currentTarget).get('text') ?? '');
        setSaved(false);
        write.mutateAsync({ round, text }).then(() => setSaved(true), () => undefined);
      }}
    >
      <FormError error={write.error} shown={['text']} />
      <Field label={t(`dispute.round.${round}`)} hint={t(`dispute.round.${round}Hint`)} error={fieldError(write.error, 'text')}>
        {(props) => <textarea {...props} name="text" rows={3} defaultValue={note?.text ?? ''} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button-secondary" disabled={write.isPending}>
          {t('dispute.round.save')}
        </button>
        {saved && <span role="status">{t('dispute.round.saved')}</span>}
      </div>
    </form>
  );
}

function CallCrisisMeeting({ base, called }: { base: string; called: boolean }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const call = useAct<{ startsAt: string; place: string; onlineUrl: string | null }>('post', () => `${base}/crisis-meeting`);
  return (
    <form
      id={called ? 'convoquer' : TO_DO_ANCHORS.dispute_crisis_meeting}
      className="card"
      noValidate
      aria-labelledby="convoquer-titre"
      onChange={unsaved.changed}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const onlineUrl = String(form.get('onlineUrl') ?? '').trim();
        call.mutateAsync({ startsAt: parisInstant(String(form.get('startsAt') ?? '')), place: String(form.get('place') ?? '').trim(), onlineUrl: onlineUrl === '' ? null : onlineUrl }).then(() => unsaved.saved(), () => undefined);
      }}
    >
      <h2 id="convoquer-titre">{t(called ? 'dispute.call.move' : 'dispute.call.title')}</h2>
      <p className="hint">{t('dispute.call.hint')}</p>
      <FormError error={call.error} shown={['startsAt', 'place', 'onlineUrl']} />
      <Field label={t('dispute.call.startsAt')} error={fieldError(call.error, 'startsAt')}>
        {(props) => <input {...props} type="datetime-local" name="startsAt" required />}
      </Field>
      <Field label={t('dispute.call.place')} error={fieldError(call.error, 'place')}>
        {(props) => <input {...props} name="place" />}
      </Field>
      <Field label={t('dispute.call.onlineUrl')} error={fieldError(call.error, 'onlineUrl')}>
        {(props) => <input {...props} type="url" name="onlineUrl" placeholder="https://" />}
      </Field>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={call.isPending}>
          {t('dispute.call.submit')}
        </button>
      </div>
    </form>
  );
}

function CrisisOutcome({ base, dispute }: { base: string; dispute: Dispute }) {
  const { t } = useTranslation();
  const who = dispute.mediationProvider || t('dispute.outcomeForm.mediationByParties');
  return (
    <OutcomeForm
      anchor="issue-de-la-reunion"
      url={`${base}/crisis-outcome`}
      title={t('dispute.outcomeForm.title')}
      choices={(['agreement', 'mediation', 'exit_plan'] as const).map((value) => ({ value, label: t(`dispute.outcomeForm.${value}`, { who }) }))}
    />
  );
}

function MediationOutcome({ base }: { base: string }) {
  const { t } = useTranslation();
  return (
    <OutcomeForm
      anchor="issue-de-la-mediation"
      url={`${base}/mediation-outcome`}
      title={t('dispute.mediationOutcome.title')}
      choices={(['agreement', 'failure'] as const).map((value) => ({ value, label: t(`dispute.mediationOutcome.${value}`) }))}
    />
  );
}

/** How a crisis meeting or a mediation ends: an agreement, in its words, or where the dispute goes next. */
function OutcomeForm({ anchor, url, title, choices }: { anchor: string; url: string; title: string; choices: readonly { readonly value: string; readonly label: string }[] }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('agreement');
  const record = useAct<{ outcome: string; agreement?: string }>('post', () => url);
  return (
    <form
      id={anchor}
      className="card"
      noValidate
      aria-labelledby={`${anchor}-titre`}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const agreement = String(new FormData(event.currentTarget).get('agreement') ?? '').trim();
        record.mutateAsync(outcome === 'agreement' ? { outcome, agreement } : { outcome }).catch(() => undefined);
      }}
    >
      <h2 id={`${anchor}-titre`}>{title}</h2>
      <FormError error={record.error} shown={['agreement']} />
      <fieldset>
        <legend>{t('dispute.outcomeForm.legend')}</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input type="radio" name="outcome" value={choice.value} checked={outcome === choice.value} onChange={() => setOutcome(choice.value)} /> {choice.label}
          </label>
        ))}
      </fieldset>
      {outcome === 'agreement' && (
        <Field label={t('dispute.outcomeForm.agreement')} error={fieldError(record.error, 'agreement')}>
          {(props) => <textarea {...props} name="agreement" rows={4} required />}
        </Field>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={record.isPending}>
          {t('dispute.outcomeForm.submit')}
        </button>
      </div>
    </form>
  );
}

function NameMediator({ base, dispute }: { base: string; dispute: Dispute }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<'member' | 'outside'>('outside');
  const [personId, setPersonId] = useState<string | null>(null);
  const name = useAct<{ personId: string } | { outsider: { fullName: string; email: string } }>('post', () => `${base}/mediator`);
  const exclude = new Set(dispute.parties.map((party) => party.id));
  return (
    <form
      id={TO_DO_ANCHORS.dispute_mediator}
      className="card"
      noValidate
      aria-labelledby="mediateur-titre"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input = from === 'member' ? { personId: personId ?? '' } : { outsider: { fullName: String(form.get('fullName') ?? '').trim(), email: String(form.get('email') ?? '').trim() } };
        name.mutateAsync(input).catch(() => undefined);
      }}
    >
      <h2 id="mediateur-titre">{t('dispute.mediator.title')}</h2>
      <p className="hint">{dispute.mediationBody ? t('dispute.mediator.hintBody', { body: dispute.mediationBody.name }) : t('dispute.mediator.hintParties')}</p>
      {dispute.mediationProvider && <p className="hint">{t('dispute.mediator.provider', { words: dispute.mediationProvider })}</p>}
      <FormError error={name.error} shown={['personId', 'outsider.fullName', 'outsider.email']} />
      <fieldset>
        <legend>{t('dispute.mediator.who')}</legend>
        <label className="choice">
          <input type="radio" name="from" checked={from === 'outside'} onChange={() => setFrom('outside')} /> {t('dispute.mediator.outside')}
        </label>
        <label className="choice">
          <input type="radio" name="from" checked={from === 'member'} onChange={() => setFrom('member')} /> {t('dispute.mediator.member')}
        </label>
      </fieldset>
      {from === 'member' ? (
        <Field label={t('dispute.mediator.person')} error={fieldError(name.error, 'personId')}>
          {(props) => <PersonPicker {...props} exclude={exclude} value={personId} onChange={setPersonId} />}
        </Field>
      ) : (
        <>
          <Field label={t('dispute.mediator.fullName')} error={fieldError(name.error, 'outsider.fullName')}>
            {(props) => <input {...props} name="fullName" autoComplete="off" required />}
          </Field>
          <Field label={t('dispute.mediator.email')} hint={t('dispute.mediator.emailHint')} error={fieldError(name.error, 'outsider.email')}>
            {(props) => <input {...props} type="email" name="email" autoComplete="off" required />}
          </Field>
        </>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={name.isPending}>
          {t('dispute.mediator.submit')}
        </button>
      </div>
    </form>
  );
}
