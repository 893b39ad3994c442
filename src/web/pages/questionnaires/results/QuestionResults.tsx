import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../../common/contract';
import type { questionResult } from '../../../../questionnaires/results/contract';
import type { Bars } from './bar-chart';

type Result = Answer<typeof questionResult>;

/** A bar chart drawn by Chart.js, loaded the first time a chart is shown; hidden from screen readers, which read the table after it. */
function BarChart({ bars }: { bars: Bars }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<import('chart.js').Chart<'bar'> | null>(null);
  const module = useRef<typeof import('./bar-chart') | null>(null);
  useEffect(() => {
    let gone = false;
    void import('./bar-chart').then((loaded) => {
      if (gone || !canvas.current) return;
      module.current = loaded;
      if (chart.current) loaded.updateBars(chart.current, bars);
      else chart.current = loaded.drawBars(canvas.current, bars);
    });
    return () => {
      gone = true;
    };
  }, [bars]);
  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );
  return (
    <div className="result-chart" style={{ height: `${Math.max(3, bars.labels.length) * 2.2 + 2}rem` }}>
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}

const useNumber = () => {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 });
  return (value: number) => format.format(value);
};

/**
 * One question's results: a chart followed by its table (caption, headers) for a choice, a scale
 * or a ranking; the texts written for a text question.
 */
export function QuestionResults({ question, headingLevel = 3 }: { question: Result; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const number = useNumber();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const answered = <p className="muted">{t('questionnaireResults.answered', { count: question.answered })}</p>;
  if ('texts' in question) {
    return (
      <section className="question-result">
        <Heading>{question.label}</Heading>
        {answered}
        {question.texts.length === 0 ? (
          <p className="muted">{t('questionnaireResults.noText')}</p>
        ) : (
          <ul className="result-texts">
            {question.texts.map((text, index) => (
              <li key={index} className="text-block">
                {text}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  if (question.kind === 'ranking') {
    return (
      <section className="question-result">
        <Heading>{question.label}</Heading>
        {answered}
        <BarChart bars={{ labels: question.choices.map((choice) => choice.label), values: question.choices.map((choice) => choice.points) }} />
        <table>
          <caption>{t('questionnaireResults.rankingCaption', { label: question.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('questionnaireResults.choice')}</th>
              <th scope="col">{t('questionnaireResults.points')}</th>
              <th scope="col">{t('questionnaireResults.averagePosition')}</th>
            </tr>
          </thead>
          <tbody>
            {question.choices.map((choice) => (
              <tr key={choice.id}>
                <th scope="row">{choice.label}</th>
                <td>{choice.points}</td>
                <td>{question.answered === 0 ? '—' : number(choice.averagePosition)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }
  const rows: { key: string; label: string; count: number; percent: number }[] =
    question.kind === 'scale'
      ? question.distribution.map((bar) => ({ key: String(bar.value), label: String(bar.value), count: bar.count, percent: bar.percent }))
      : question.choices.map((choice) => ({ key: choice.id, label: choice.label, count: choice.count, percent: choice.percent }));
  return (
    <section className="question-result">
      <Heading>{question.label}</Heading>
      {answered}
      {question.kind === 'scale' && question.mean !== null && <p>{t('questionnaireResults.mean', { mean: number(question.mean), min: question.min, max: question.max })}</p>}
      <BarChart bars={{ labels: rows.map((row) => row.label), values: rows.map((row) => row.count) }} />
      <table>
        <caption>{t(question.kind === 'scale' ? 'questionnaireResults.scaleCaption' : 'questionnaireResults.choiceCaption', { label: question.label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(question.kind === 'scale' ? 'questionnaireResults.value' : 'questionnaireResults.choice')}</th>
            <th scope="col">{t('questionnaireResults.count')}</th>
            <th scope="col">{t('questionnaireResults.percent')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{row.count}</td>
              <td>{t('questionnaireResults.percentValue', { percent: number(row.percent) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
