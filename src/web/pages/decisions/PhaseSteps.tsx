import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../common/contract';
import type { proposalDetailAnswer } from '../../../decisions/contract';
import { PHASES, STANCES, type Phase } from '../../../decisions/rules';

type ProposalDetail = Answer<typeof proposalDetailAnswer>;

/**
 * The phases of the proposal's method, in order, each said in one sentence, with the current one
 * marked (as an election's page does), and what each answer of its round table means. Where an
 * objection can be raised, an amendment may follow the round and lead to another one.
 */
export function PhaseSteps({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const phases = PHASES[proposal.method];
  const amendable = STANCES[proposal.method].includes('object');
  const steps: readonly Phase[] = amendable ? [...phases, 'amendment'] : phases;
  const current = proposal.status === 'open' ? steps.indexOf(proposal.phase) : steps.length;
  const stateOf = (index: number) => (index < current ? 'done' : index === current ? 'current' : 'to-come');
  return (
    <section className="phase-steps">
      <h2>{t('decision.steps.title', { method: t(`charter.method.${proposal.method}`) })}</h2>
      <ol className="steps steps-explained">
        {steps.map((step, index) => (
          <li key={step} aria-current={index === current ? 'step' : undefined} className={index < current ? 'step-done' : index === current ? 'step-current' : undefined}>
            <span>
              <strong>{t(`decision.phase.${step}`)}</strong>
              {step === 'amendment' && <> {t('decision.steps.ifObjection')}</>}
            </span>
            <span className="visually-hidden"> ({t(`decision.steps.state.${stateOf(index)}`)})</span>
            <span className="step-sentence">{t(`decision.steps.explained.${step}`)}</span>
          </li>
        ))}
      </ol>
      {STANCES[proposal.method].length > 0 && (
        <>
          <h3>{t('decision.steps.answersTitle')}</h3>
          <dl className="stance-meanings">
            {STANCES[proposal.method].map((stance) => (
              <div key={stance}>
                <dt>{t(`decision.stanceLabel.${stance}`)}</dt>
                <dd>{t(`decision.steps.stanceMeans.${stance}`)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
