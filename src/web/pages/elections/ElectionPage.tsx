import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ItemSelect } from '../../components/ItemSelect';
import { StanceForm, type StanceChoice } from '../../components/StanceForm';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, useLiveChanges, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { consentRoundAnswer, electionDetailAnswer, electionStepAnswer, nominationAnswer } from '../../../elections/contract';
import { ELECTION_STANCES, type ElectionPhase } from '../../../elections/rules';
import { useFormatInstant } from '../meetings/format';
import { phaseTone } from './ElectionsSection';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type ElectionDetail = Answer<typeof electionDetailAnswer>;

const STEPS: readonly ElectionPhase[] = ['nomination', 'reveal', 'change', 'proposal', 'consent', 'elected'];

function Steps({ phase }: { phase: ElectionPhase }) {
  const { t } = useTranslation();
  const current = STEPS.indexOf(phase);
  return (
    <ol className="steps">
      {STEPS.map((step, index) => (
        <li key={step} aria-current={step === phase ? 'step' : undefined} className={index < current ? 'step-done' : step === phase ? 'step-current' : undefined}>
          {t(`election.phase.${step}`)}
        </li>
      ))}
    </ol>
  );
}

function NominationForm({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const nominate = useAct<{ nomineeId: string; reason: string }, Answer<typeof nominationAnswer>>('put', () => `/elections/${election.id}/nomination`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    nominate.mutate({ nomineeId: String(data.get('nomineeId') ?? ''), reason: String(data.get('reason') ?? '') });
  };
  const changing = election.phase === 'change';
  return (
    <form id={TO_DO_ANCHORS.nomination} onSubmit={onSubmit} noValidate className="card">
      <h2>{t(changing ? 'election.nominate.changeTitle' : 'election.nominate.title')}</h2>
      <p className="hint">{t(changing ? 'election.nominate.changeHint' : 'election.nominate.hint')}</p>
      <FormError error={nominate.error} />
      <Field label={t('election.nominate.nominee')} error={fieldError(nominate.error, 'nomineeId')}>
        {(props) => (
          <ItemSelect
            {...props}
            key={election.ownNomination?.nominee.id ?? 'none'}
            name="nomineeId"
            defaultValue={election.ownNomination?.nominee.id ?? ''}
            items={election.members.map((m) => ({ id: m.id, label: m.fullName }))}
          />
        )}
      </Field>
      <Field label={t(changing ? 'election.nominate.changeReason' : 'election.nominate.reason')} error={fieldError(nominate.error, 'reason')}>
        {(props) => <textarea {...props} name="reason" rows={3} defaultValue={changing ? '' : (election.ownNomination?.reason ?? '')} />}
      </Field>
      <button type="submit" className="button-primary" disabled={nominate.isPending}>
        {t(changing ? 'election.nominate.changeSubmit' : 'election.nominate.submit')}
      </button>
      {nominate.isSuccess && <p role="status">{t('election.nominate.recorded')}</p>}
    </form>
  );
}

/** A member's consent to the name proposed, or their objection and its reason. */
function ConsentForm({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const take = useAct<StanceChoice, Answer<typeof consentRoundAnswer>>('post', () => `/elections/${election.id}/stances`);
  const words = {
    title: t('election.consent.title', { name: election.candidate?.fullName ?? '' }),
    choose: t('election.consent.choose'),
    reason: t('election.consent.reason'),
    reasonHint: t('election.consent.reasonHint'),
    submit: t('election.consent.submit'),
    recorded: t('election.consent.recorded'),
  };
  return <StanceForm stances={ELECTION_STANCES} stanceLabel={(stance) => t(`election.stance.${stance}`)} words={words} act={take} onTake={(choice) => take.mutate(choice)} anchor={TO_DO_ANCHORS.consent} />;
}

function FacilitatorControls({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const [confirmAbandon, setConfirmAbandon] = useState(false);
  const next = useAct<undefined, Answer<typeof electionStepAnswer>>('post', () => `/elections/${election.id}/phase`, () => ({}));
  const propose = useAct<{ candidateId: string; deadline?: string }, Answer<typeof consentRoundAnswer>>('post', () => `/elections/${election.id}/candidate`);
  const close = useAct<undefined, Answer<typeof electionStepAnswer>>('post', () => `/elections/${election.id}/close-round`, () => ({}));
  const abandon = useAct<undefined, Answer<typeof electionStepAnswer>>('post', () => `/elections/${election.id}/abandon`, () => ({}));
  const error = next.error ?? propose.error ?? close.error ?? abandon.error;
  const onPropose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const deadline = String(data.get('deadline') ?? '');
    propose.mutate({ candidateId: String(data.get('candidateId') ?? ''), ...(deadline !== '' && { deadline: new Date(deadline).toISOString() }) });
  };
  const nextLabel: Partial<Record<ElectionPhase, string>> = { nomination: 'election.facilitate.reveal', reveal: 'election.facilitate.openChange', change: 'election.facilitate.toProposal' };
  const label = nextLabel[election.phase];
  return (
    <section className="card" aria-labelledby="facilitate-title">
      <h2 id="facilitate-title">{t('election.facilitate.title')}</h2>
      <FormError error={error} />
      {label && (
        <button type="button" className="button-primary" disabled={next.isPending} onClick={() => next.mutate(undefined)}>
          {t(label)}
        </button>
      )}
      {election.phase === 'proposal' && (
        <form onSubmit={onPropose} noValidate>
          <Field label={t('election.facilitate.candidate')} hint={t('election.facilitate.candidateHint')} error={fieldError(propose.error, 'candidateId')}>
            {(props) => <ItemSelect {...props} name="candidateId" items={election.members.map((m) => ({ id: m.id, label: m.fullName }))} />}
          </Field>
          <Field label={t('election.facilitate.deadline')} hint={t('election.facilitate.deadlineHint')} error={fieldError(propose.error, 'deadline')}>
            {(props) => <input {...props} name="deadline" type="datetime-local" />}
          </Field>
          <button type="submit" className="button-primary" disabled={propose.isPending}>
            {t('election.facilitate.propose')}
          </button>
        </form>
      )}
      {election.phase === 'consent' && (
        <button type="button" className="button-primary" disabled={close.isPending} onClick={() => close.mutate(undefined)}>
          {t('election.facilitate.close')}
        </button>
      )}
      <p>
        {confirmAbandon ? (
          <>
            <button type="button" className="button-danger" disabled={abandon.isPending} onClick={() => abandon.mutate(undefined)}>
              {t('election.facilitate.abandonConfirm')}
            </button>{' '}
            <button type="button" className="button-quiet" onClick={() => setConfirmAbandon(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button-quiet" onClick={() => setConfirmAbandon(true)}>
            {t('election.facilitate.abandon')}
          </button>
        )}
      </p>
    </section>
  );
}

/** How many members named each person, most named first: what the facilitator weighs before proposing. */
function nomineeCounts(election: ElectionDetail) {
  const counts = new Map<string, { fullName: string; count: number }>();
  for (const n of election.nominations) {
    const entry = counts.get(n.nominee.id) ?? { fullName: n.nominee.fullName, count: 0 };
    entry.count += 1;
    counts.set(n.nominee.id, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.fullName.localeCompare(b.fullName));
}

export default function ElectionPage() {
  const { t } = useTranslation();
  const { electionId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const formatInstant = useFormatInstant();
  const query = usePartnershipQuery<ElectionDetail>(`/elections/${electionId}`);
  const open = query.data !== undefined && query.data.phase !== 'elected' && query.data.phase !== 'abandoned';
  useLiveChanges('elections', electionId!, open);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const election = query.data;
  const title = t('election.page.title', { role: election.role.name });
  const nominated = election.members.filter((m) => m.nominated).length;
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/instances/${election.body.id}`}>{election.body.name}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Badge tone={phaseTone(election.phase)}>{t(`election.phase.${election.phase}`)}</Badge>{' '}
        {t('election.page.summary', { body: election.body.name, months: election.termMonths, facilitator: election.facilitator.fullName })}
      </p>
      <Steps phase={election.phase} />
      {election.phase === 'elected' && election.elected ? (
        <p className="notice notice-ok" role="status">
          {t('election.page.elected', { name: election.elected.fullName, from: formatDate(election.elected.startsOn ?? ''), until: formatDate(election.elected.endsOn ?? '') })}
        </p>
      ) : (
        <p className="notice notice-warn">{t(`election.explain.${election.phase}`, { name: election.candidate?.fullName ?? '' })}</p>
      )}
      {election.deadline && (
        <p className={new Date(election.deadline) > new Date() ? 'notice' : 'notice notice-warn'}>
          {t(new Date(election.deadline) > new Date() ? 'election.page.deadline' : 'election.page.deadlinePassed', { when: formatInstant(election.deadline) })}
        </p>
      )}

      <section aria-labelledby="role-title">
        <h2 id="role-title">{t('election.page.role')}</h2>
        {election.role.purpose && <p>{election.role.purpose}</p>}
        {election.role.accountabilities.length > 0 && (
          <ul>
            {election.role.accountabilities.map((a, index) => (
              <li key={index}>{a}</li>
            ))}
          </ul>
        )}
        {election.qualities && (
          <p>
            <strong>{t('election.page.qualities')}</strong> {election.qualities}
          </p>
        )}
      </section>

      {election.can.nominate && <NominationForm election={election} />}
      {election.can.takeStance && <ConsentForm election={election} />}
      {election.can.facilitate && <FacilitatorControls election={election} />}

      <h2>{t('election.page.members')}</h2>
      {election.phase === 'nomination' && <p>{t('election.page.nominated', { count: nominated, members: election.members.length })}</p>}
      <ul className="member-list" aria-live="polite">
        {election.members.map((member) => (
          <li key={member.id} className="member">
            <div>
              <span className="member-name">{member.fullName}</span>
              {member.stance?.reason && <p className="small">{t('decision.quoted', { text: member.stance.reason })}</p>}
            </div>
            {election.phase === 'nomination' ? (
              <Badge tone={member.nominated ? 'ok' : 'neutral'}>{t(member.nominated ? 'election.page.hasNominated' : 'election.page.waiting')}</Badge>
            ) : member.stance ? (
              <Badge tone={member.stance.stance === 'object' ? 'warn' : 'ok'}>{t(`election.stance.${member.stance.stance}`)}</Badge>
            ) : election.phase === 'consent' ? (
              <Badge tone="neutral">{t('election.page.waiting')}</Badge>
            ) : null}
          </li>
        ))}
      </ul>

      {election.ownNomination && election.phase === 'nomination' && (
        <p className="muted">{t('election.page.ownNomination', { name: election.ownNomination.nominee.fullName })}</p>
      )}

      {election.nominations.length > 0 && (
        <section aria-labelledby="nominations-title">
          <h2 id="nominations-title">{t('election.page.nominations')}</h2>
          <p>{nomineeCounts(election).map((n) => t('election.page.count', { name: n.fullName, count: n.count })).join(' · ')}</p>
          <ul className="card-list">
            {election.nominations.map((n) => (
              <li key={n.member.id} className="card">
                <p>{t('election.page.nominationLine', { member: n.member.fullName, nominee: n.nominee.fullName })}</p>
                <p className="quote">{n.reason}</p>
                {n.changedFrom && <p className="muted small">{t('election.page.changedFrom', { nominee: n.changedFrom.nominee.fullName, reason: n.changedFrom.reason })}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {election.objections.length > 0 && (
        <section aria-labelledby="objections-title">
          <h2 id="objections-title">{t('election.page.objections')}</h2>
          <ul className="plain-list">
            {election.objections.map((o, index) => (
              <li key={index}>
                {t('election.page.objectionLine', { round: o.round, name: o.member.fullName })} — {t('decision.quoted', { text: o.reason })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
