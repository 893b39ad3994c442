import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { DECISION_LEVELS, PARTICIPATION_LEVELS, type DecisionLevel } from '../../../charters/rules/enums';
import { EnumSelect } from '../../components/EnumSelect';
import { Field, fieldError, FormError } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { decisionMatrixAnswer } from '../../../decisions/contract';
import { destinationOf, matrixTopics, type Destination } from '../../../decisions/rules';

/** « Ira à l’instance « Comité de pilotage », par consentement (charte, art. 4) », from the server's own routing rule. */
function DestinationLine({ destination }: { destination: Destination | undefined }) {
  const { t } = useTranslation();
  const line = (() => {
    if (destination === undefined) return t('common.loading');
    if (destination.kind === 'no_charter') return t('decision.new.noCharter');
    if (destination.kind === 'no_body') return t('decision.new.noBody');
    const how = t(`decision.new.byMethod.${destination.method}`, { defaultValue: t('decision.new.byOtherMethod', { method: t(`charter.method.${destination.method}`) }) });
    const where = destination.article === null ? t('decision.new.goesToNoArticle', { body: destination.bodyName, how }) : t('decision.new.goesTo', { body: destination.bodyName, how, article: destination.article });
    return destination.byPartnership ? `${where} ${t('decision.new.byPartnershipCharter')}` : where;
  })();
  return (
    <p role="status" className={`notice ${destination?.kind === 'body' ? 'notice-info' : 'notice-warn'} destination`}>
      {line}
    </p>
  );
}

type Scopes = Answer<typeof decisionMatrixAnswer>['scopes'];

/** The charter a new proposal goes by first: the one asked for (`?cadre=`), else the only one in force, else the partnership's. '' is the partnership. */
function defaultScope(scopes: Scopes, asked: string | null): string {
  if (asked !== null && scopes.projects.some((charter) => charter.id === asked)) return asked;
  return !scopes.partnership && scopes.projects.length > 0 ? scopes.projects[0]!.id : '';
}

/**
 * A new proposal: its frame (« Cadre ») is the partnership, or a project charter in force whose team
 * the proposer belongs to or signed, when there is one; its subject is a topic of that charter's
 * decision matrix, or any other (the level's general row), and the form says where it will go
 * before it is sent.
 */
export function NewProposal() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const partnership = usePartnershipQuery<Answer<typeof decisionMatrixAnswer>>('/decision-matrix');
  const [chosenScope, setScope] = useState<string | undefined>(undefined);
  const scope = chosenScope ?? (partnership.data ? defaultScope(partnership.data.scopes, searchParams.get('cadre')) : '');
  // The partnership's scope asks the same as the query above, which answers it.
  const matrix = usePartnershipQuery<Answer<typeof decisionMatrixAnswer>>(scope === '' ? '/decision-matrix' : `/decision-matrix?charterId=${scope}`);
  const scopes = partnership.data?.scopes;
  const [level, setLevel] = useState<DecisionLevel>('operational');
  const [topic, setTopic] = useState('');
  const unsaved = useUnsavedChanges();
  const propose = useAct<Record<string, string>>('post', () => '/proposals');
  const topics = matrix.data ? matrixTopics(matrix.data.decisionMatrix, level) : [];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '');
    propose.mutate(
      { level, topic, wording: text('wording'), context: text('context'), participationLevel: text('participationLevel'), ...(scope !== '' && { charterId: scope }) },
      {
        onSuccess: (created) => {
          unsaved.saved();
          navigate(`/p/${partnershipId}/propositions/${created.id}`);
        },
      },
    );
  };
  const participationError = fieldError(propose.error, 'participationLevel');
  return (
    <form onSubmit={onSubmit} onChange={unsaved.changed} noValidate className="card" aria-labelledby="new-proposal">
      <h2 id="new-proposal">{t('decision.new.title')}</h2>
      <p className="hint">{t('decision.new.hint')}</p>
      <FormError error={propose.error} shown={['charterId', 'wording', 'level', 'topic', 'participationLevel', 'context']} />
      {scopes && scopes.projects.length > 0 && (
        <Field label={t('decision.new.scope')} hint={t('decision.new.scopeHint')} error={fieldError(propose.error, 'charterId')}>
          {(props) => (
            <select
              {...props}
              name="charterId"
              value={scope}
              onChange={(event) => {
                setScope(event.target.value);
                setTopic('');
              }}
            >
              {scopes.partnership && <option value="">{t('decision.new.scopePartnership')}</option>}
              {scopes.projects.map((charter) => (
                <option key={charter.id} value={charter.id}>
                  {charter.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('decision.new.wording')} hint={t('decision.new.wordingHint')} error={fieldError(propose.error, 'wording')}>
        {(props) => <textarea {...props} name="wording" rows={3} />}
      </Field>
      <div className="field-row">
        <Field label={t('decision.new.level')} error={fieldError(propose.error, 'level')}>
          {(props) => (
            <EnumSelect
              {...props}
              name="level"
              values={DECISION_LEVELS}
              labelPrefix="charter.level"
              value={level}
              onChoose={(chosen) => {
                setLevel(chosen);
                setTopic('');
              }}
            />
          )}
        </Field>
        <Field label={t('decision.new.subject')} hint={t('decision.new.subjectHint')} error={fieldError(propose.error, 'topic')}>
          {(props) => (
            <select {...props} name="topic" value={topic} onChange={(event) => setTopic(event.target.value)}>
              {topics.map((named) => (
                <option key={named} value={named}>
                  {named}
                </option>
              ))}
              <option value="">{t('decision.new.otherSubject')}</option>
            </select>
          )}
        </Field>
      </div>
      <DestinationLine destination={matrix.data && destinationOf(matrix.data, level, topic)} />
      <fieldset aria-describedby={participationError ? 'participation-error' : undefined}>
        <legend>{t('decision.new.participation')}</legend>
        {PARTICIPATION_LEVELS.map((participation) => (
          <div className="choice" key={participation}>
            <input
              type="radio"
              id={`participation-${participation}`}
              name="participationLevel"
              value={participation}
              defaultChecked={participation === 'participation'}
              aria-invalid={Boolean(participationError)}
            />
            <label htmlFor={`participation-${participation}`}>
              {t(`charter.participation.${participation}`)}
              <span className="hint">{t(`decision.new.participationExplained.${participation}`)}</span>
            </label>
          </div>
        ))}
        {participationError && (
          <p id="participation-error" className="field-error">
            {participationError}
          </p>
        )}
      </fieldset>
      <Field label={t('decision.new.context')} error={fieldError(propose.error, 'context')}>
        {(props) => <textarea {...props} name="context" rows={4} />}
      </Field>
      <button type="submit" className="button-primary" disabled={propose.isPending}>
        {t('decision.new.submit')}
      </button>
    </form>
  );
}
