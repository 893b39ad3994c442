import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { MarkdownText } from '../../components/CharterText';
import { Badge, Field, fieldError, FormError, LoadError, Loading } from '../../components/ui';
import { useAct, usePartnershipId } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { threadAnswer } from '../../../discussions/contract';
import type { MessageKind, OpeningKind } from '../../../discussions/rules';
import { PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

type Thread = Answer<typeof threadAnswer>;
type Message = Thread['messages'][number];

function useInstantFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: PARTNERSHIP_TIME_ZONE });
  return (iso: string) => format.format(new Date(iso));
}

/** Who wrote, what, when and in which step of the method; the words, or a note that they were erased. */
function MessageText({ message }: { message: Message }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormat();
  return (
    <>
      <p className="thread-meta">
        <strong>{message.author.fullName}</strong> <Badge tone="neutral">{t(`discussion.kind.${message.kind}`)}</Badge>
        <br />
        <span className="muted small">{t('discussion.written', { when: formatInstant(message.createdAt), phase: t(`decision.phase.${message.phase}`), round: message.round })}</span>
      </p>
      {message.author.erased ? <p className="muted">{t('discussion.erased')}</p> : <MarkdownText source={message.body} />}
    </>
  );
}

/** The text area every message is written in, with the plain hint on formatting. */
function MessageField({ label, error }: { label: string; error: unknown }) {
  const { t } = useTranslation();
  return (
    <Field label={label} hint={t('discussion.formatHint')} error={fieldError(error, 'body')}>
      {(props) => <textarea {...props} name="body" rows={4} required />}
    </Field>
  );
}

function useMessageAct(proposalId: string) {
  return useAct<{ kind: MessageKind; body: string; replyTo?: string }>('post', () => `/proposals/${proposalId}/messages`);
}

/** An answer to a question, behind its button so the thread stays short on a phone. */
function AnswerForm({ proposalId, questionId }: { proposalId: string; questionId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const send = useMessageAct(proposalId);
  const panelId = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = String(new FormData(event.currentTarget).get('body') ?? '');
    send.mutate({ kind: 'answer', body, replyTo: questionId }, { onSuccess: () => setOpened(false) });
  };
  return (
    <div className="disclosure">
      <button type="button" className="button-secondary" aria-expanded={opened} aria-controls={panelId} onClick={() => setOpened(!opened)}>
        {t('discussion.reply')}
      </button>
      <div id={panelId} className="disclosure-panel" hidden={!opened}>
        {opened && (
          <form onSubmit={onSubmit} noValidate>
            <FormError error={send.error} shown={['body']} />
            <MessageField label={t('discussion.answerLabel')} error={send.error} />
            <button type="submit" className="button-primary" disabled={send.isPending}>
              {t('discussion.send')}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

function QuestionStatus({ proposalId, question, canMark }: { proposalId: string; question: Message; canMark: boolean }) {
  const { t } = useTranslation();
  const mark = useAct<void, void>('post', () => `/proposals/${proposalId}/messages/${question.id}/answered`);
  if (question.answered) {
    return (
      <p className="thread-status">
        <Badge tone="ok">{t('discussion.answered', { name: question.answered.by.fullName })}</Badge>
      </p>
    );
  }
  return (
    <div className="thread-status">
      <Badge tone="warn">{t('discussion.waiting')}</Badge>
      {canMark && (
        <button type="button" className="button-secondary" disabled={mark.isPending} onClick={() => mark.mutate()}>
          {t('discussion.markAnswered')}
        </button>
      )}
      <FormError error={mark.error} />
    </div>
  );
}

/** A new question, reaction or comment: the kinds the current phase invites, chosen when there are two. */
function NewMessageForm({ proposalId, kinds }: { proposalId: string; kinds: readonly OpeningKind[] }) {
  const { t } = useTranslation();
  const send = useMessageAct(proposalId);
  const id = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const kind = (kinds.length === 1 ? kinds[0] : String(data.get('kind') ?? '')) as OpeningKind;
    send.mutate({ kind, body: String(data.get('body') ?? '') }, { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h3>{kinds.length === 1 ? t(`discussion.new.${kinds[0]}`) : t('discussion.new.choose')}</h3>
      <FormError error={send.error} shown={['body', 'kind']} />
      {kinds.length > 1 && (
        <fieldset>
          <legend className="visually-hidden">{t('discussion.new.choose')}</legend>
          {kinds.map((kind, index) => (
            <div className="choice" key={kind}>
              <input type="radio" id={`${id}-${kind}`} name="kind" value={kind} defaultChecked={index === 0} />
              <label htmlFor={`${id}-${kind}`}>{t(`discussion.new.${kind}`)}</label>
            </div>
          ))}
          {fieldError(send.error, 'kind') && <p className="field-error">{fieldError(send.error, 'kind')}</p>}
        </fieldset>
      )}
      <MessageField label={t('discussion.message')} error={send.error} />
      <button type="submit" className="button-primary" disabled={send.isPending}>
        {t('discussion.send')}
      </button>
      {send.isSuccess && <p role="status">{t('discussion.sent')}</p>}
    </form>
  );
}

/**
 * A proposal's thread, as the proposal's page embeds it: questions with their answers beneath,
 * reactions and comments, each with the step of the method it was written in, and the forms the
 * viewer may use now. Its reads sit under the proposal's key, so the page's live events refresh it.
 */
export function ProposalThread({ proposalId, open }: { proposalId: string; open: boolean }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const headingId = useId();
  const query = useQuery({
    queryKey: ['partnership', partnershipId, `/proposals/${proposalId}`, 'messages'],
    queryFn: () => api.get<Thread>(`/partnerships/${partnershipId}/proposals/${proposalId}/messages`),
  });
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const { messages, can } = query.data;
  const answersTo = (questionId: string) => messages.filter((m) => m.replyTo === questionId);
  const lines = messages.filter((m) => m.replyTo === null);
  return (
    <section aria-labelledby={headingId} className="thread">
      <h2 id={headingId}>{t('discussion.title')}</h2>
      <p className="muted small">{t('discussion.intro')}</p>
      {lines.length === 0 ? (
        <p>{t('discussion.empty')}</p>
      ) : (
        <ol className="thread-lines">
          {lines.map((message) => (
            <li key={message.id} className="card">
              <MessageText message={message} />
              {message.kind === 'question' && (
                <>
                  <QuestionStatus proposalId={proposalId} question={message} canMark={can.markAnswered} />
                  {answersTo(message.id).length > 0 && (
                    <ol className="thread-answers" aria-label={t('discussion.answersOf')}>
                      {answersTo(message.id).map((answer) => (
                        <li key={answer.id}>
                          <MessageText message={answer} />
                        </li>
                      ))}
                    </ol>
                  )}
                  {can.answer && <AnswerForm proposalId={proposalId} questionId={message.id} />}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {can.open.length > 0 && <NewMessageForm proposalId={proposalId} kinds={can.open} />}
      {!open && <p className="muted">{t('discussion.closed')}</p>}
    </section>
  );
}
