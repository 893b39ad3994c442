import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, Field, FormError, fieldError, useFormatDate } from '../../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../../hooks';
import { parisInstant } from '../../pooled-means/times';
import type { Answer } from '../../../../common/contract';
import type { disputeEndingAnswer } from '../../../../disputes/ending/contract';
import { PARTNERSHIP_TIME_ZONE } from '../../../../common/dates';

type Ending = Answer<typeof disputeEndingAnswer>;
type Task = Ending['tasks'][number];

/**
 * The dispute's ending on its page, once the crisis meeting and the mediation found no solution:
 * the exit plan's tasks (owner, day, the settlement statement they wait for), the restorative
 * circle called and said held (its rounds are noted on its meeting card, as every dispute
 * meeting's), the write-up and each party's consent, the closure.
 */
export function DisputeEnding({ disputeId }: { disputeId: string }) {
  const ending = usePartnershipQuery<Ending>(`/disputes/${disputeId}/ending`);
  if (!ending.data || ending.data.tasks.length === 0) return null;
  const data = ending.data;
  const base = `/disputes/${disputeId}`;
  return (
    <>
      <ExitPlan data={data} base={base} />
      {(data.stage !== 'exit_plan' || data.can.callCircle) && <Circle data={data} base={base} />}
      {(data.stage === 'write_up' || data.stage === 'closed') && <WriteUp data={data} base={base} />}
    </>
  );
}

function ExitPlan({ data, base }: { data: Ending; base: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="plan-de-sortie-titre">
      <h2 id="plan-de-sortie-titre">{t('disputeEnding.exitPlan')}</h2>
      <p className="hint">{t('disputeEnding.exitPlanHint')}</p>
      <ol id="plan-de-sortie" className="plain-list dispute-tasks" tabIndex={-1}>
        {data.tasks.map((task) => (
          <li key={task.id}>
            <TaskItem task={task} data={data} base={base} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function TaskItem({ task, data, base }: { task: Task; data: Ending; base: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const assign = useAct<{ ownerId: string | null; dueOn: string | null }>('put', () => `${base}/tasks/${task.id}`);
  const done = useAct<void>('post', () => `${base}/tasks/${task.id}/done`, () => ({}));
  const link = useAct<{ settlementId: string | null }>('put', () => `${base}/tasks/${task.id}/settlement`);
  const prepare = useAct<void>('post', () => `${base}/tasks/${task.id}/settlement`, () => ({}));
  const open = task.status === 'open';
  const submitAssign = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ownerId = String(form.get('ownerId') ?? '');
    const dueOn = String(form.get('dueOn') ?? '');
    assign.mutate({ ownerId: ownerId === '' ? null : ownerId, dueOn: dueOn === '' ? null : dueOn });
  };
  const submitLink = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const settlementId = String(new FormData(event.currentTarget).get('settlementId') ?? '');
    link.mutate({ settlementId: settlementId === '' ? null : settlementId });
  };
  const statusOf = (status: string) => t(`disputeEnding.settlementStatus.${status}`, { defaultValue: status });
  return (
    <article aria-label={task.objective} className="dispute-task">
      <h3>
        {task.objective}{' '}
        {task.status === 'done' && task.doneAt ? <Badge tone="ok">{t('disputeEnding.done', { date: formatDate(task.doneAt) })}</Badge> : <Badge tone="neutral">{t('disputeEnding.open')}</Badge>}
      </h3>
      {!data.can.assign || !open ? (
        <p>
          {t('disputeEnding.owner')} : {task.owner?.fullName ?? t('disputeEnding.noOwner')}
          {task.dueOn && <>, {t('disputeEnding.dueOn').toLowerCase()} {formatDate(task.dueOn)}</>}
        </p>
      ) : (
        <form onSubmit={submitAssign} className="field-row">
          <Field label={t('disputeEnding.owner')} error={fieldError(assign.error, 'ownerId')}>
            {(props) => (
              <select {...props} name="ownerId" defaultValue={task.owner?.id ?? ''}>
                <option value="">{t('disputeEnding.noOwner')}</option>
                {data.owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.fullName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('disputeEnding.dueOn')} error={fieldError(assign.error, 'dueOn')}>
            {(props) => <input {...props} type="date" name="dueOn" defaultValue={task.dueOn ?? ''} />}
          </Field>
          <FormError error={assign.error} shown={['ownerId', 'dueOn']} />
          <button type="submit" disabled={assign.isPending}>
            {t('disputeEnding.save')}
          </button>
        </form>
      )}
      {task.settlement && data.budget && (
        <p>
          <Link to={`/p/${partnershipId}/budgets/${data.budget.id}/reglement`}>{t('disputeEnding.settlement')}</Link> ({statusOf(task.settlement.status)})
          {open && <>. {t('disputeEnding.settlementWaits')}</>}
        </p>
      )}
      {open && data.can.linkSettlement && data.settlements.length > 0 && (
        <form onSubmit={submitLink} className="field-row">
          <Field label={t('disputeEnding.linkSettlement')} error={fieldError(link.error, 'settlementId')}>
            {(props) => (
              <select {...props} name="settlementId" defaultValue={task.settlement?.id ?? ''}>
                <option value="">{t('disputeEnding.noSettlement')}</option>
                {data.settlements.map((settlement) => (
                  <option key={settlement.id} value={settlement.id}>
                    {t('disputeEnding.settlementOf', { date: formatDate(settlement.createdAt), status: statusOf(settlement.status) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FormError error={link.error} shown={['settlementId']} />
          <button type="submit" disabled={link.isPending}>
            {t('disputeEnding.link')}
          </button>
        </form>
      )}
      {open && task.settlement === null && data.can.prepareSettlement && (
        <>
          <FormError error={prepare.error} />
          <button type="button" disabled={prepare.isPending} onClick={() => prepare.mutate()}>
            {t('disputeEnding.prepareSettlement')}
          </button>
        </>
      )}
      {task.can.markDone && (
        <>
          <FormError error={done.error} />
          <button type="button" className="button-primary" disabled={done.isPending} onClick={() => done.mutate()}>
            {t('disputeEnding.markDone')}
          </button>
        </>
      )}
    </article>
  );
}

function Circle({ data, base }: { data: Ending; base: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: PARTNERSHIP_TIME_ZONE });
  const call = useAct<{ startsAt: string; place: string; onlineUrl: string | null }>('post', () => `${base}/restorative-circle`);
  const hold = useAct<void>('post', () => `${base}/restorative-circle/held`, () => ({}));
  const circle = data.circle;
  const submitCall = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const onlineUrl = String(form.get('onlineUrl') ?? '').trim();
    call.mutate({ startsAt: parisInstant(String(form.get('startsAt') ?? '')), place: String(form.get('place') ?? ''), onlineUrl: onlineUrl === '' ? null : onlineUrl });
  };
  return (
    <section className="card" aria-labelledby="cercle-restauratif-titre">
      <h2 id="cercle-restauratif-titre">{t('disputeEnding.circleCall')}</h2>
      <p className="hint">{t('disputeEnding.circleHint')}</p>
      {circle && (
        <p>
          {circle.heldAt ? t('disputeEnding.circleHeldOn', { date: formatDate(circle.heldAt) }) : t('disputeEnding.circleOn', { date: when.format(new Date(circle.startsAt)) })}
          {circle.place && <>, {circle.place}</>}
          {circle.onlineUrl && (
            <>
              , <a href={circle.onlineUrl}>{t('disputeEnding.onlineUrl')}</a>
            </>
          )}
        </p>
      )}
      {data.can.callCircle && (
        <form id="cercle-restauratif" onSubmit={submitCall}>
          <Field label={t('disputeEnding.startsAt')} error={fieldError(call.error, 'startsAt')}>
            {(props) => <input {...props} type="datetime-local" name="startsAt" required />}
          </Field>
          <Field label={t('disputeEnding.place')} error={fieldError(call.error, 'place')}>
            {(props) => <input {...props} name="place" defaultValue={circle?.place ?? ''} />}
          </Field>
          <Field label={t('disputeEnding.onlineUrl')} error={fieldError(call.error, 'onlineUrl')}>
            {(props) => <input {...props} type="url" name="onlineUrl" defaultValue={circle?.onlineUrl ?? ''} />}
          </Field>
          <FormError error={call.error} shown={['startsAt', 'place', 'onlineUrl']} />
          <button type="submit" className="button-primary" disabled={call.isPending}>
            {circle ? t('disputeEnding.moveCircle') : t('disputeEnding.callCircle')}
          </button>
        </form>
      )}
      {data.stage === 'restorative_circle' && data.can.writeNotes && (
        <>
          <p className="hint">{t('disputeEnding.roundsWhere')}</p>
          <FormError error={hold.error} />
          <button type="button" className="button-primary" disabled={hold.isPending || !data.can.holdCircle} onClick={() => hold.mutate()}>
            {t('disputeEnding.holdCircle')}
          </button>
        </>
      )}
    </section>
  );
}

function WriteUp({ data, base }: { data: Ending; base: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const [text, setText] = useState(data.writeUp ?? '');
  const save = useAct<{ text: string }>('put', () => `${base}/write-up`);
  const consent = useAct<{ consents: boolean }>('put', () => `${base}/publish-consent`);
  const close = useAct<void>('post', () => `${base}/closure`, () => ({}));
  return (
    <section className="card" aria-labelledby="retour-d-experience-titre">
      <h2 id="retour-d-experience-titre">{t('disputeEnding.writeUp')}</h2>
      <p className="hint">{t('disputeEnding.writeUpHint')}</p>
      {data.can.writeUp ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ text });
          }}
         
        >
          <Field label={t('disputeEnding.writeUpText')} error={fieldError(save.error, 'text')}>
            {(props) => <textarea {...props} name="text" rows={8} value={text} onChange={(event) => setText(event.target.value)} />}
          </Field>
          <FormError error={save.error} shown={['text']} />
          <button type="submit" disabled={save.isPending}>
            {t('disputeEnding.saveWriteUp')}
          </button>
        </form>
      ) : (
        <p className="text-block">{data.writeUp ?? t('disputeEnding.writeUpNone')}</p>
      )}
      {data.writeUpPublishedAt && (
        <p className="notice notice-ok">
          {t('disputeEnding.published', { date: formatDate(data.writeUpPublishedAt) })} <Link to={`/p/${partnershipId}/retours-d-experience`}>{t('disputeEnding.reportsTitle')}</Link>
        </p>
      )}
      {data.writeUp !== null && (
        <>
          <h3>{t('disputeEnding.consents')}</h3>
          <ul>
            {data.consents.map((party) => (
              <li key={party.id}>
                {party.fullName} :{' '}
                {party.consentsToPublish === null ? t('disputeEnding.consentWaiting') : party.consentsToPublish ? t('disputeEnding.consentYes') : t('disputeEnding.consentNo')}
              </li>
            ))}
          </ul>
        </>
      )}
      {data.can.consent && (
        <div id="retour-d-experience" tabIndex={-1} role="group" aria-labelledby="consent-question">
          <p id="consent-question">{t('disputeEnding.yourConsent')}</p>
          <FormError error={consent.error} />
          <button type="button" className="button-primary" disabled={consent.isPending} onClick={() => consent.mutate({ consents: true })}>
            {t('disputeEnding.consentYes')}
          </button>{' '}
          <button type="button" disabled={consent.isPending} onClick={() => consent.mutate({ consents: false })}>
            {t('disputeEnding.consentNo')}
          </button>
        </div>
      )}
      {data.stage === 'write_up' && (
        <>
          <p className="hint">{t('disputeEnding.closeHint')}</p>
          <FormError error={close.error} />
          <button type="button" disabled={close.isPending || !data.can.close} onClick={() => close.mutate()}>
            {t('disputeEnding.close')}
          </button>
        </>
      )}
    </section>
  );
}
