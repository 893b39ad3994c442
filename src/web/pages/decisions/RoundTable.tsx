import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ItemSelect } from '../../components/ItemSelect';
import { StanceForm, type StanceChoice } from '../../components/StanceForm';
import { Badge, Field, fieldError, FormError } from '../../components/ui';
import { useAct, usePartnershipQuery } from '../../hooks';
import { AmendAndReopen } from './AmendAndReopen';
import type { DecisionMethod } from '../../../charters/rules/enums';
import type { Answer } from '../../../common/contract';
import type { blockedAnswer, proposalDetailAnswer, roundClosedAnswer, roundClosingAnswer, stanceTakenAnswer } from '../../../decisions/contract';
import type { Phase } from '../../../decisions/rules';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type ProposalDetail = Answer<typeof proposalDetailAnswer>;

/** The phase after which the round table opens, for each method that has one. */
const PHASE_BEFORE_ROUND: Readonly<Partial<Record<DecisionMethod, Phase>>> = { consensus: 'objections', consent: 'reactions', majority: 'discussion' };

/** The member's stance on the proposal, or, for a proxy holder, the stance of whoever gave them their voice. */
function ProposalStance({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const [speaker, setSpeaker] = useState(proposal.can.speakFor[0]!);
  const take = useAct<{ stance: string; reason: string; idempotencyKey: string; onBehalfOf?: string }, Answer<typeof stanceTakenAnswer>>('post', () => `/proposals/${proposal.id}/stances`);
  const names = new Map(proposal.members.map((m) => [m.personId, m.fullName]));
  const onTake = (choice: StanceChoice) =>
    take.mutate({ ...choice, idempotencyKey: crypto.randomUUID(), ...(speaker !== proposal.can.viewerId && { onBehalfOf: speaker }) });
  const words = {
    title: t('decision.stance.title'),
    choose: t('decision.stance.choose'),
    reason: t('decision.stance.reason'),
    reasonHint: t('decision.stance.reasonHint'),
    submit: t('decision.stance.submit'),
    recorded: t('decision.stance.recorded'),
  };
  return (
    <StanceForm stances={proposal.stances} stanceLabel={(stance) => t(`decision.stanceLabel.${stance}`)} words={words} act={take} onTake={onTake} anchor={TO_DO_ANCHORS.stance}>
      {proposal.can.speakFor.length > 1 && (
        <Field label={t('decision.stance.speaker')}>
          {(props) => (
            <select {...props} value={speaker} onChange={(e) => setSpeaker(e.target.value)}>
              {proposal.can.speakFor.map((id) => (
                <option key={id} value={id}>
                  {id === proposal.can.viewerId ? t('decision.stance.myself') : t('decision.stance.forOther', { name: names.get(id) ?? '' })}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </StanceForm>
  );
}

interface DecisionRecord {
  readonly statement: string;
  readonly reviewOn: string | null;
}

/**
 * Before a round closes, the facilitator reads how it would end and why (who has not spoken, what
 * the charter counts them as), as the server computes it, then confirms that outcome: if a stance
 * changed it meanwhile, the server refuses and this preview is read again.
 */
function ClosingConfirmation({ proposal, record, onDone }: { proposal: ProposalDetail; record: DecisionRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const preview = usePartnershipQuery<Answer<typeof roundClosingAnswer>>(`/proposals/${proposal.id}/close-round`);
  const close = useAct<DecisionRecord & { expected: { outcome: string; reason: string } }, Answer<typeof roundClosedAnswer>>('post', () => `/proposals/${proposal.id}/close-round`);
  const { refetch } = preview;
  // A preview kept from an earlier look would confirm an outcome the round may no longer give.
  useEffect(() => void refetch(), [refetch]);
  if (preview.isPending || preview.isRefetching) return <p role="status">{t('decision.closing.reading')}</p>;
  if (preview.error) return <FormError error={preview.error} />;
  const closing = preview.data;
  const confirm = () => close.mutate({ ...record, expected: { outcome: closing.outcome, reason: closing.reason } }, { onSuccess: onDone, onError: () => void preview.refetch() });
  return (
    <section className="notice notice-warn" aria-labelledby="closing-preview">
      <h3 id="closing-preview">{t(closing.outcome === 'stays_open' ? 'decision.closing.cannotClose' : 'decision.closing.title')}</h3>
      <p>{closing.why}</p>
      {closing.silent.length > 0 && (
        <>
          <p>{t('decision.closing.silentList', { count: closing.silent.length })}</p>
          <ul>
            {closing.silent.map((person) => (
              <li key={person.id}>{person.fullName}</li>
            ))}
          </ul>
        </>
      )}
      <p className="small">{t(`decision.closing.rule.${closing.silence}`)}</p>
      <FormError error={close.error} />
      <div className="actions">
        {closing.outcome !== 'stays_open' && (
          <button type="button" className="button-primary" disabled={close.isPending} onClick={confirm}>
            {t('decision.closing.confirm')}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={onDone}>
          {t(closing.outcome === 'stays_open' ? 'decision.closing.back' : 'decision.closing.cancel')}
        </button>
      </div>
    </section>
  );
}

function FacilitatorControls({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const next = useAct<{ deadline?: string }>('post', () => `/proposals/${proposal.id}/phase`);
  const opensRound = proposal.phase === PHASE_BEFORE_ROUND[proposal.method] || proposal.phase === 'amendment';
  const onNext = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = String(new FormData(event.currentTarget).get('deadline') ?? '');
    // The browser gives local wall-clock time; the server wants an instant.
    next.mutate(local === '' ? {} : { deadline: new Date(local).toISOString() });
  };
  // Kept with its round: a confirmation whose round closed (here or by the live page) is over.
  const [asked, setAsked] = useState<{ readonly round: string; readonly record: DecisionRecord } | null>(null);
  const roundKey = `${proposal.stage}-${proposal.round}`;
  const closing = asked !== null && asked.round === roundKey ? asked.record : null;
  const setClosing = (record: DecisionRecord | null) => setAsked(record === null ? null : { round: roundKey, record });
  const block = useAct<void, Answer<typeof blockedAnswer>>('post', () => `/proposals/${proposal.id}/blocked`);
  const onClose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const reviewOn = String(data.get('reviewOn') ?? '');
    setClosing({ statement: String(data.get('statement') ?? ''), reviewOn: reviewOn === '' ? null : reviewOn });
  };
  // A charter amendment keeps its draft's text: its next round opens without amending.
  const amendable = proposal.phase === 'amendment' && proposal.amends === null;
  const outcome = block.data?.outcome;
  return (
    <section className="card" aria-labelledby="facilitation">
      <h2 id="facilitation">{t('decision.facilitate.title')}</h2>
      <FormError error={next.error ?? block.error} />
      {outcome && <p role="status">{t(`decision.facilitate.outcome.${outcome}`)}</p>}
      {amendable && <AmendAndReopen proposal={proposal} />}
      {!amendable && proposal.phase !== 'round' && proposal.phase !== 'advice' && proposal.phase !== 'decision' && (
        <form onSubmit={onNext} noValidate>
          {opensRound && (
            <Field label={t('decision.facilitate.deadline')} hint={t('decision.facilitate.deadlineHint')} error={fieldError(next.error, 'deadline')}>
              {(props) => <input {...props} name="deadline" type="datetime-local" />}
            </Field>
          )}
          <button type="submit" className="button-primary" disabled={next.isPending}>
            {proposal.phase === 'amendment' ? t('decision.facilitate.newRound') : t('decision.facilitate.next')}
          </button>
        </form>
      )}
      {proposal.phase === 'round' && (
        <form onSubmit={onClose} noValidate>
          <Field label={t('decision.facilitate.statement')} hint={t('decision.facilitate.statementHint')}>
            {(props) => <textarea {...props} name="statement" rows={3} readOnly={closing !== null} />}
          </Field>
          <Field label={t('decision.facilitate.reviewOn')}>
            {(props) => <input {...props} name="reviewOn" type="date" readOnly={closing !== null} />}
          </Field>
          {closing === null && (
            <button type="submit" className="button-primary">
              {t('decision.facilitate.close')}
            </button>
          )}
        </form>
      )}
      {proposal.phase === 'round' && closing !== null && <ClosingConfirmation key={proposal.round} proposal={proposal} record={closing} onDone={() => setClosing(null)} />}
      <div className="actions">
        <button type="button" className="button-quiet" disabled={block.isPending} onClick={() => window.confirm(t('decision.facilitate.blockConfirm')) && block.mutate()}>
          {t('decision.facilitate.block')}
        </button>
      </div>
    </section>
  );
}

function ProxyForm({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const give = useAct<{ holderId: string }>('post', () => `/proposals/${proposal.id}/proxies`);
  const others = proposal.members.filter((m) => proposal.can.proxyHolders.includes(m.personId)).map((m) => ({ id: m.personId, label: m.fullName }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    give.mutate({ holderId: String(new FormData(event.currentTarget).get('holderId') ?? '') });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h2>{t('decision.proxy.title')}</h2>
      <p className="hint">{t('decision.proxy.hint')}</p>
      <FormError error={give.error} />
      <Field label={t('decision.proxy.holder')} error={fieldError(give.error, 'holderId')}>
        {(props) => <ItemSelect {...props} name="holderId" items={others} />}
      </Field>
      <button type="submit" className="button-secondary" disabled={give.isPending}>
        {t('decision.proxy.submit')}
      </button>
    </form>
  );
}

function DecideForm({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const decide = useAct<{ outcome: string; statement: string; reviewOn: null }>('post', () => `/proposals/${proposal.id}/decision`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    decide.mutate({ outcome: String(data.get('outcome') ?? ''), statement: String(data.get('statement') ?? ''), reviewOn: null });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h2>{t('decision.decide.title')}</h2>
      <FormError error={decide.error} />
      <fieldset>
        <legend>{t('decision.decide.outcome')}</legend>
        {(['adopted', 'rejected'] as const).map((outcome) => (
          <div className="choice" key={outcome}>
            <input type="radio" id={`outcome-${outcome}`} name="outcome" value={outcome} />
            <label htmlFor={`outcome-${outcome}`}>{t(`decision.status.${outcome}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field label={t('decision.facilitate.statement')} error={fieldError(decide.error, 'statement')}>
        {(props) => <textarea {...props} name="statement" rows={3} />}
      </Field>
      <button type="submit" className="button-primary" disabled={decide.isPending}>
        {t('decision.decide.submit')}
      </button>
    </form>
  );
}

/**
 * The round table of a proposal, with what the viewer may do there: take a stance, facilitate,
 * decide alone, give a proxy. The proposal's page shows it, and so does a meeting while the
 * proposal is the item under way.
 */
export function RoundTable({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const open = proposal.status === 'open';
  const collecting = proposal.phase === 'round' || proposal.phase === 'advice';
  const spoken = proposal.members.filter((m) => m.stance !== null).length;
  return (
    <>
      <h2>{t('decision.table.title', { body: proposal.body.name })}</h2>
      <p>{t('decision.table.spoken', { count: spoken, members: proposal.members.length })}</p>
      <ul className="member-list" aria-live="polite">
        {proposal.members.map((member) => (
          <li key={member.personId} className="member">
            <div>
              <span className="member-name">{member.fullName}</span>
              {member.proxyHolder && <p className="muted small">{t('decision.table.proxy', { name: member.proxyHolder.fullName })}</p>}
              {member.stance?.reason && <p className="small">{t('decision.quoted', { text: member.stance.reason })}</p>}
            </div>
            {member.stance ? (
              <Badge tone={member.stance.stance === 'object' || member.stance.stance === 'against' ? 'warn' : 'ok'}>{t(`decision.stanceLabel.${member.stance.stance}`)}</Badge>
            ) : (
              <Badge tone="neutral">{t('decision.table.waiting')}</Badge>
            )}
          </li>
        ))}
      </ul>

      {open && collecting && proposal.can.speakFor.length > 0 && <ProposalStance key={`${proposal.stage}-${proposal.round}`} proposal={proposal} />}
      {proposal.can.facilitate && <FacilitatorControls proposal={proposal} />}
      {proposal.can.decide && <DecideForm proposal={proposal} />}
      {proposal.can.lacksDelegatedScope && <p className="notice">{t('decision.decide.noDelegatedScope')}</p>}
      {proposal.can.giveProxy && <ProxyForm proposal={proposal} />}
    </>
  );
}
