import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ARTICLE_KINDS, DECISION_LEVELS, DECISION_METHODS, DEFAULT_SILENCE, LICENCES, PARTICIPATION_LEVELS, REVISION_REQUESTERS, SILENCE_RULES } from '../../../charters/rules/enums';
import { api, ApiError } from '../../api';
import { MarkdownText, useFormatMoney } from '../../components/CharterText';
import { EnumSelect } from '../../components/EnumSelect';
import { PersonPicker } from '../../components/PersonPicker';
import { FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { BodyChoice, EditorField, errorAt, withCurrent, type Errors } from './EditorFields';
import { MoneyRulesEditor } from './MoneyRulesEditor';
import { ProjectRulesEditor } from './ProjectRulesEditor';
import { useOverview, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Article, CharterContent, CharterRules, DecisionRule } from '../../../charters/rules/types';
import type { charterIssueAnswer, draftSavedAnswer, versionDetailAnswer } from '../../../charters/contract';
import type { Answer } from '../../../common/contract';

type VersionDetail = Answer<typeof versionDetailAnswer>;
type CharterIssue = Answer<typeof charterIssueAnswer>;
type Update = (change: (content: CharterContent) => CharterContent) => void;

/** The editor and the server number rows alike, so every message lands on its field. */
const newId = () => crypto.randomUUID();
const linesOf = (text: string) => text.split('\n');
const withoutBlankLines = (lines: readonly string[]) => lines.map((line) => line.trim()).filter((line) => line !== '');
const centsOf = (value: string): number | null => (value.trim() === '' ? null : Math.round(Number(value.replace(',', '.')) * 100));
const numberOf = (value: string): number | null => (value.trim() === '' ? null : Number(value.replace(',', '.')));

/** The order of every list's rows, as one string to compare. */
const rowsOf = (content: CharterContent) =>
  JSON.stringify([
    content.articles.map((article) => article.key),
    content.rules.decisionMatrix.map((rule) => rule.id),
    content.rules.budget.posts.map((post) => post.id),
    content.rules.signatories.map((signatory) => signatory.id),
    content.rules.bodyIds,
  ]);

/** Blank lines a person types between items are not items: they are dropped when saving. */
function cleaned(content: CharterContent): CharterContent {
  const rules = content.rules;
  return {
    ...content,
    rules: {
      ...rules,
      dispute: { ...rules.dispute, exitPlanObjectives: withoutBlankLines(rules.dispute.exitPlanObjectives) },
      licence: { ...rules.licence, outputs: withoutBlankLines(rules.licence.outputs) },
      confidentialData: withoutBlankLines(rules.confidentialData),
    },
  };
}

/** The field a message's link goes to: the list field for a message about one of its lines. */
const anchorOf = (path: string): string => path.replace(/^(rules\.(?:bodyIds|confidentialData|licence\.outputs|dispute\.exitPlanObjectives))\.\d+$/, '$1');

function ArticleEditor({ article, index, count, errors, update, isNew }: { article: Article; index: number; count: number; errors: Errors; update: Update; isNew: boolean }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const path = `articles.${index}`;
  const hasError = Object.keys(errors).some((key) => key.startsWith(`${path}.`));
  // Ten articles open at once make a very long page on a phone: each opens on demand, or by itself when it needs fixing.
  const [open, setOpen] = useState(isNew);
  const change = (patch: Partial<Article>) =>
    update((content) => ({ ...content, articles: content.articles.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
  const move = (offset: number) =>
    update((content) => {
      const articles = [...content.articles];
      const [moved] = articles.splice(index, 1);
      articles.splice(index + offset, 0, moved!);
      return { ...content, articles };
    });
  const label = t('charter.articleNumber', { number: index + 1 });
  return (
    <details className="editor-article" open={open || hasError} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {label} — {article.title || t('charter.edit.untitled')} <span className="muted small">({t(`charter.articleKind.${article.kind}`)})</span>
      </summary>
      <fieldset className="plain-fieldset">
        <legend className="visually-hidden">{label}</legend>
        <div className="field-row">
          <EditorField path={`${path}.title`} errors={errors} label={t('charter.edit.articleTitle')}>
            {(props) => <input {...props} type="text" value={article.title} onChange={(e) => change({ title: e.target.value })} />}
          </EditorField>
          <EditorField path={`${path}.kind`} errors={errors} label={t('charter.edit.articleKind')} hint={t('charter.edit.articleKindHint')}>
            {(props) => <EnumSelect {...props} values={ARTICLE_KINDS} labelPrefix="charter.articleKind" value={article.kind} onChoose={(choice) => change({ kind: choice })} />}
          </EditorField>
        </div>
        <EditorField path={`${path}.body`} errors={errors} label={t('charter.edit.articleBody')} hint={t('charter.edit.markdownHint')}>
          {(props) => <textarea {...props} rows={6} value={article.body} onChange={(e) => change({ body: e.target.value })} />}
        </EditorField>
        {preview && (
          <div className="preview" aria-label={t('charter.edit.preview')}>
            <MarkdownText source={article.body} />
          </div>
        )}
        <div className="editor-tools">
          <button type="button" className="link-button" aria-pressed={preview} onClick={() => setPreview(!preview)}>
            {preview ? t('charter.edit.hidePreview') : t('charter.edit.showPreview')}
            <span className="visually-hidden">{t('common.nameSuffix', { name: label })}</span>
          </button>
          <button type="button" className="link-button" disabled={index === 0} onClick={() => move(-1)}>
            {t('charter.edit.moveUp')}
            <span className="visually-hidden">{t('common.nameSuffix', { name: label })}</span>
          </button>
          <button type="button" className="link-button" disabled={index === count - 1} onClick={() => move(1)}>
            {t('charter.edit.moveDown')}
            <span className="visually-hidden">{t('common.nameSuffix', { name: label })}</span>
          </button>
          <button type="button" className="link-button" onClick={() => update((content) => ({ ...content, articles: content.articles.filter((_, i) => i !== index) }))}>
            {t('charter.edit.remove')}
            <span className="visually-hidden">{t('common.nameSuffix', { name: label })}</span>
          </button>
        </div>
      </fieldset>
    </details>
  );
}

function withCurrentAll(bodies: readonly { id: string; name: string }[], current: readonly string[], allBodies: Readonly<Record<string, string>>) {
  return current.reduce((list, id) => withCurrent(list, id, allBodies), bodies);
}

function MatrixRowEditor({ rule, index, bodies, allBodies, errors, update, isNew }: { rule: DecisionRule; index: number; bodies: readonly { id: string; name: string }[]; allBodies: Readonly<Record<string, string>>; errors: Errors; update: Update; isNew: boolean }) {
  const { t } = useTranslation();
  const path = `rules.decisionMatrix.${index}`;
  // Like articles, rows fold to one line each; a new row or one with a problem opens by itself.
  const hasError = Object.keys(errors).some((key) => key.startsWith(`${path}.`));
  const [open, setOpen] = useState(isNew);
  const change = (patch: Partial<DecisionRule>) =>
    update((content) => ({
      ...content,
      rules: { ...content.rules, decisionMatrix: content.rules.decisionMatrix.map((r, i) => (i === index ? { ...r, ...patch } : r)) },
    }));
  const label = t('charter.edit.matrixRow', { number: index + 1 });
  const summary = `${t(`charter.level.${rule.level}`)}, ${rule.topic === '' ? t('charter.matrix.anyTopic') : rule.topic} → ${rule.bodyId === null ? '—' : (allBodies[rule.bodyId] ?? '—')}`;
  return (
    <details className="editor-rule" open={open || hasError} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {label} — <span className="small">{summary}</span>
      </summary>
      <fieldset className="plain-fieldset">
        <legend className="visually-hidden">{label}</legend>
        <div className="field-row">
          <EditorField path={`${path}.level`} errors={errors} label={t('charter.matrix.level')}>
            {(props) => <EnumSelect {...props} values={DECISION_LEVELS} labelPrefix="charter.level" value={rule.level} onChoose={(choice) => change({ level: choice })} />}
          </EditorField>
          <EditorField path={`${path}.topic`} errors={errors} label={t('charter.matrix.topic')} hint={t('charter.edit.topicHint')}>
            {(props) => <input {...props} type="text" value={rule.topic} onChange={(e) => change({ topic: e.target.value })} />}
          </EditorField>
        </div>
        <div className="field-row">
          <EditorField path={`${path}.bodyId`} errors={errors} label={t('charter.matrix.body')}>
            {(props) => <BodyChoice {...props} value={rule.bodyId} bodies={bodies} allBodies={allBodies} noneLabel={t('common.choose')} onChange={(bodyId) => change({ bodyId })} />}
          </EditorField>
          <EditorField path={`${path}.method`} errors={errors} label={t('charter.matrix.method')}>
            {(props) => <EnumSelect {...props} values={DECISION_METHODS} labelPrefix="charter.method" value={rule.method} onChoose={(choice) => change({ method: choice })} />}
          </EditorField>
        </div>
        <div className="field-row">
          <EditorField path={`${path}.quorumPercent`} errors={errors} label={t('charter.edit.quorum')}>
            {(props) => <input {...props} type="number" min={1} max={100} inputMode="numeric" value={rule.quorumPercent ?? ''} onChange={(e) => change({ quorumPercent: numberOf(e.target.value) })} />}
          </EditorField>
          <EditorField path={`${path}.maxRounds`} errors={errors} label={t('charter.edit.maxRounds')}>
            {(props) => <input {...props} type="number" min={1} max={10} inputMode="numeric" value={rule.maxRounds ?? ''} onChange={(e) => change({ maxRounds: numberOf(e.target.value) })} />}
          </EditorField>
        </div>
        <EditorField path={`${path}.silence`} errors={errors} label={t('charter.silence.label')}>
          {(props) => <EnumSelect {...props} values={SILENCE_RULES} labelPrefix="charter.silence" value={rule.silence ?? DEFAULT_SILENCE} onChoose={(choice) => change({ silence: choice })} />}
        </EditorField>
        <EditorField path={`${path}.onBlock.bodyId`} errors={errors} label={t('charter.matrix.onBlock')}>
          {(props) => (
            <select
              {...props}
              value={rule.onBlock.kind === 'lapse' ? 'lapse' : (rule.onBlock.bodyId ?? '')}
              onChange={(e) => change({ onBlock: e.target.value === 'lapse' ? { kind: 'lapse' } : { kind: 'arbitration', bodyId: e.target.value === '' ? null : e.target.value } })}
            >
              <option value="lapse">{t('charter.matrix.lapse')}</option>
              <option value="">{t('charter.edit.arbitrationUnchosen')}</option>
              {withCurrent(bodies, rule.onBlock.kind === 'arbitration' ? rule.onBlock.bodyId : null, allBodies).map((body) => (
                <option key={body.id} value={body.id}>
                  {t('charter.matrix.arbitration', { body: body.name })}
                </option>
              ))}
            </select>
          )}
        </EditorField>
        <fieldset className="plain-fieldset" id={`field-${path}.informBodyIds`}>
          <legend className="small">{t('charter.matrix.inform')}</legend>
          {withCurrentAll(bodies, rule.informBodyIds, allBodies).map((body) => (
            <div className="choice" key={body.id}>
              <input
                type="checkbox"
                id={`inform-${rule.id}-${body.id}`}
                checked={rule.informBodyIds.includes(body.id)}
                onChange={(e) => change({ informBodyIds: e.target.checked ? [...rule.informBodyIds, body.id] : rule.informBodyIds.filter((id) => id !== body.id) })}
              />
              <label htmlFor={`inform-${rule.id}-${body.id}`}>{body.name}</label>
            </div>
          ))}
          {errorAt(errors, `${path}.informBodyIds`) && <p className="field-error">{errorAt(errors, `${path}.informBodyIds`)}</p>}
        </fieldset>
        <button
          type="button"
          className="link-button"
          onClick={() => update((content) => ({ ...content, rules: { ...content.rules, decisionMatrix: content.rules.decisionMatrix.filter((_, i) => i !== index) } }))}
        >
          {t('charter.edit.remove')}
          <span className="visually-hidden">{t('common.nameSuffix', { name: label })}</span>
        </button>
      </fieldset>
    </details>
  );
}

function RulesEditor({ content, errors, update, bodies }: { content: CharterContent; errors: Errors; update: Update; bodies: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const overview = useOverview();
  const money = useFormatMoney();
  const rules = content.rules;
  const setRules = (patch: Partial<CharterRules>) => update((c) => ({ ...c, rules: { ...c.rules, ...patch } }));
  const organizations = overview.data?.organizations ?? [];
  const listedBodies = bodies.filter((body) => rules.bodyIds.includes(body.id));
  const [initialRows] = useState(() => new Set(content.rules.decisionMatrix.map((rule) => rule.id)));
  const allBodies = Object.fromEntries(bodies.map((body) => [body.id, body.name]));
  return (
    <>
      <h2 id="rules">{t('charter.edit.rulesTitle')}</h2>
      <p className="hint">{t('charter.edit.rulesHint')}</p>

      <fieldset id="field-rules.bodyIds">
        <legend>{t('charter.rules.bodies')}</legend>
        {bodies.map((body) => (
          <div className="choice" key={body.id}>
            <input
              type="checkbox"
              id={`body-${body.id}`}
              checked={rules.bodyIds.includes(body.id)}
              onChange={(e) => setRules({ bodyIds: e.target.checked ? [...rules.bodyIds, body.id] : rules.bodyIds.filter((id) => id !== body.id) })}
            />
            <label htmlFor={`body-${body.id}`}>{body.name}</label>
          </div>
        ))}
        {rules.bodyIds.map((id, index) => errors[`rules.bodyIds.${index}`] && <p key={id} className="field-error">{errors[`rules.bodyIds.${index}`]}</p>)}
      </fieldset>

      <fieldset id="field-rules.decisionMatrix">
        <legend>{t('charter.rules.decisionMatrix')}</legend>
        {errors['rules.decisionMatrix'] && <p className="field-error">{errors['rules.decisionMatrix']}</p>}
        {rules.decisionMatrix.map((rule, index) => (
          <MatrixRowEditor key={rule.id} rule={rule} index={index} bodies={listedBodies} allBodies={allBodies} errors={errors} update={update} isNew={!initialRows.has(rule.id)} />
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            setRules({
              decisionMatrix: [...rules.decisionMatrix, { id: newId(), level: 'operational', topic: '', bodyId: null, method: 'consent', quorumPercent: null, silence: DEFAULT_SILENCE, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] }],
            })
          }
        >
          {t('charter.edit.addRow')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('charter.rules.participation')}</legend>
        {PARTICIPATION_LEVELS.map((level) => (
          <div className="choice" key={level}>
            <input
              type="checkbox"
              id={`participation-${level}`}
              checked={rules.participationLevels.includes(level)}
              onChange={(e) =>
                setRules({ participationLevels: PARTICIPATION_LEVELS.filter((l) => (l === level ? e.target.checked : rules.participationLevels.includes(l))) })
              }
            />
            <label htmlFor={`participation-${level}`}>
              {t(`charter.participation.${level}`)}
              <span className="hint">{t(`charter.participationHint.${level}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>

      <ProjectRulesEditor rules={rules} errors={errors} setRules={setRules} bodies={listedBodies} allBodies={allBodies} roles={overview.data?.roles ?? []} />

      <MoneyRulesEditor rules={rules} errors={errors} setRules={setRules} roles={overview.data?.roles ?? []} />

      <fieldset>
        <legend>{t('charter.rules.revision')}</legend>
        <div className="field-row">
          <EditorField path="rules.revision.requestedBy" errors={errors} label={t('charter.edit.revisionWho')}>
            {(props) => <EnumSelect {...props} values={REVISION_REQUESTERS} labelPrefix="charter.requester" value={rules.revision.requestedBy} onChoose={(choice) => setRules({ revision: { ...rules.revision, requestedBy: choice } })} />}
          </EditorField>
          <EditorField path="rules.revision.bodyId" errors={errors} label={t('charter.edit.revisionBody')}>
            {(props) => <BodyChoice {...props} value={rules.revision.bodyId} bodies={listedBodies} allBodies={allBodies} noneLabel={t('charter.edit.none')} onChange={(bodyId) => setRules({ revision: { ...rules.revision, bodyId } })} />}
          </EditorField>
          <EditorField path="rules.revision.method" errors={errors} label={t('charter.matrix.method')}>
            {(props) => <EnumSelect {...props} values={DECISION_METHODS} labelPrefix="charter.method" value={rules.revision.method} onChoose={(choice) => setRules({ revision: { ...rules.revision, method: choice } })} />}
          </EditorField>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('charter.rules.dispute')}</legend>
        <div className="field-row">
          <EditorField path="rules.dispute.crisisMeetingWithinDays" errors={errors} label={t('charter.edit.crisisDays')}>
            {(props) => (
              <input {...props} type="number" min={1} inputMode="numeric" value={rules.dispute.crisisMeetingWithinDays ?? ''} onChange={(e) => setRules({ dispute: { ...rules.dispute, crisisMeetingWithinDays: numberOf(e.target.value) } })} />
            )}
          </EditorField>
          <EditorField path="rules.dispute.mediationProvider" errors={errors} label={t('charter.edit.mediation')}>
            {(props) => <input {...props} type="text" value={rules.dispute.mediationProvider} onChange={(e) => setRules({ dispute: { ...rules.dispute, mediationProvider: e.target.value } })} />}
          </EditorField>
        </div>
        <EditorField path="rules.dispute.exitPlanObjectives" errors={errors} label={t('charter.edit.exitPlan')} hint={t('charter.edit.oneLineEach')}>
          {(props) => <textarea {...props} rows={4} value={rules.dispute.exitPlanObjectives.join('\n')} onChange={(e) => setRules({ dispute: { ...rules.dispute, exitPlanObjectives: linesOf(e.target.value) } })} />}
        </EditorField>
      </fieldset>

      <fieldset>
        <legend>{t('charter.rules.duration')}</legend>
        <div className="field-row">
          <EditorField path="rules.duration.startsOn" errors={errors} label={t('common.startsOn')}>
            {(props) => <input {...props} type="date" value={rules.duration.startsOn ?? ''} onChange={(e) => setRules({ duration: { ...rules.duration, startsOn: e.target.value || null } })} />}
          </EditorField>
          <EditorField path="rules.duration.endsOn" errors={errors} label={t('common.endsOnOptional')}>
            {(props) => <input {...props} type="date" value={rules.duration.endsOn ?? ''} onChange={(e) => setRules({ duration: { ...rules.duration, endsOn: e.target.value || null } })} />}
          </EditorField>
        </div>
      </fieldset>

      <fieldset id="field-rules.budget.posts">
        <legend>{t('charter.rules.budget')}</legend>
        {errors['rules.budget.posts'] && <p className="field-error">{errors['rules.budget.posts']}</p>}
        {rules.budget.posts.map((post, index) => {
          const path = `rules.budget.posts.${index}`;
          const setPost = (patch: Partial<typeof post>) => setRules({ budget: { ...rules.budget, posts: rules.budget.posts.map((p, i) => (i === index ? { ...p, ...patch } : p)) } });
          const label = t('charter.edit.budgetPost', { number: index + 1 });
          return (
            <fieldset className="editor-row" key={post.id}>
              <legend>{label}</legend>
              <EditorField path={`${path}.label`} errors={errors} label={t('charter.budget.post')}>
                {(props) => <input {...props} type="text" value={post.label} onChange={(e) => setPost({ label: e.target.value })} />}
              </EditorField>
              <div className="field-row">
                <EditorField path={`${path}.percent`} errors={errors} label={t('charter.edit.percent')}>
                  {(props) => <input {...props} type="number" min={0} max={100} step="0.01" inputMode="decimal" value={post.percent ?? ''} onChange={(e) => setPost({ percent: numberOf(e.target.value) })} />}
                </EditorField>
                <EditorField path={`${path}.amountCents`} errors={errors} label={t('charter.edit.amount')}>
                  {(props) => (
                    <input {...props} type="number" min={0} step="0.01" inputMode="decimal" value={post.amountCents === null ? '' : post.amountCents / 100} onChange={(e) => setPost({ amountCents: centsOf(e.target.value) })} />
                  )}
                </EditorField>
              </div>
              {(post.percent !== null || post.percentOf !== undefined) && (
                <EditorField path={`${path}.percentOf`} errors={errors} label={t('charter.edit.percentOf')}>
                  {(props) => (
                    <select
                      {...props}
                      value={post.percentOf === undefined ? 'total' : 'base'}
                      onChange={(e) => setPost({ percentOf: e.target.value === 'base' ? { label: '', amountCents: 0 } : undefined })}
                    >
                      <option value="total">{t('charter.edit.percentOfTotal')}</option>
                      <option value="base">{t('charter.edit.percentOfBase')}</option>
                    </select>
                  )}
                </EditorField>
              )}
              {post.percentOf !== undefined && (
                <div className="field-row">
                  <EditorField path={`${path}.percentOf.label`} errors={errors} label={t('charter.edit.baseLabel')}>
                    {(props) => <input {...props} type="text" value={post.percentOf!.label} onChange={(e) => setPost({ percentOf: { ...post.percentOf!, label: e.target.value } })} />}
                  </EditorField>
                  <EditorField path={`${path}.percentOf.amountCents`} errors={errors} label={t('charter.edit.baseAmount')}>
                    {(props) => (
                      <input
                        {...props}
                        type="number"
                        min={0}
                        step="0.01"
                        inputMode="decimal"
                        value={post.percentOf!.amountCents / 100}
                        onChange={(e) => setPost({ percentOf: { ...post.percentOf!, amountCents: centsOf(e.target.value) ?? 0 } })}
                      />
                    )}
                  </EditorField>
                </div>
              )}
              <button type="button" className="link-button" onClick={() => setRules({ budget: { ...rules.budget, posts: rules.budget.posts.filter((_, i) => i !== index) } })}>
                {t('charter.edit.remove')}
                <span className="visually-hidden">{t('common.nameSuffix', { name: label })}</span>
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="button-secondary" onClick={() => setRules({ budget: { ...rules.budget, posts: [...rules.budget.posts, { id: newId(), label: '', percent: null, amountCents: null }] } })}>
          {t('charter.edit.addPost')}
        </button>
        <EditorField
          path="rules.budget.totalCents"
          errors={errors}
          label={t('charter.edit.total')}
          hint={rules.budget.totalCents === null ? undefined : t('charter.edit.totalHint', { total: money(rules.budget.totalCents) })}
        >
          {(props) => (
            <input {...props} type="number" min={0} step="0.01" inputMode="decimal" value={rules.budget.totalCents === null ? '' : rules.budget.totalCents / 100} onChange={(e) => setRules({ budget: { ...rules.budget, totalCents: centsOf(e.target.value) } })} />
          )}
        </EditorField>
      </fieldset>

      <fieldset>
        <legend>{t('charter.rules.licence')}</legend>
        <EditorField path="rules.licence.licence" errors={errors} label={t('charter.edit.licence')}>
          {(props) => <EnumSelect {...props} values={LICENCES} labelPrefix="charter.licence" value={rules.licence.licence} onChoose={(choice) => setRules({ licence: { ...rules.licence, licence: choice } })} />}
        </EditorField>
        <EditorField path="rules.licence.outputs" errors={errors} label={t('charter.edit.outputs')} hint={t('charter.edit.oneLineEach')}>
          {(props) => <textarea {...props} rows={3} value={rules.licence.outputs.join('\n')} onChange={(e) => setRules({ licence: { ...rules.licence, outputs: linesOf(e.target.value) } })} />}
        </EditorField>
        <EditorField path="rules.confidentialData" errors={errors} label={t('charter.edit.confidential')} hint={t('charter.edit.oneLineEach')}>
          {(props) => <textarea {...props} rows={3} value={rules.confidentialData.join('\n')} onChange={(e) => setRules({ confidentialData: linesOf(e.target.value) })} />}
        </EditorField>
      </fieldset>

      <fieldset>
        <legend>{t('charter.rules.signatories')}</legend>
        {rules.signatories.map((signatory, index) => {
          const path = `rules.signatories.${index}`;
          const setSignatory = (patch: Partial<typeof signatory>) => setRules({ signatories: rules.signatories.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
          const label = t('charter.edit.signatory', { number: index + 1 });
          return (
            <fieldset className="editor-row" key={signatory.id}>
              <legend>{label}</legend>
              <div className="field-row">
                <EditorField path={`${path}.personId`} errors={errors} label={t('charter.signatures.name')}>
                  {(props) => (
                    <PersonPicker {...props} value={signatory.personId} onChange={(personId) => setSignatory({ personId })} noneLabel={t('common.choose')} />
                  )}
                </EditorField>
                <EditorField path={`${path}.organizationId`} errors={errors} label={t('charter.signatures.organization')}>
                  {(props) => (
                    <select {...props} value={signatory.organizationId ?? ''} onChange={(e) => setSignatory({ organizationId: e.target.value || null })}>
                      <option value="">{t('charter.edit.none')}</option>
                      {organizations.map((organization) => (
                        <option key={organization.id} value={organization.id}>
                          {organization.name}
                        </option>
                      ))}
                    </select>
                  )}
                </EditorField>
              </div>
              <EditorField path={`${path}.capacity`} errors={errors} label={t('charter.signatures.capacity')}>
                {(props) => <input {...props} type="text" value={signatory.capacity} onChange={(e) => setSignatory({ capacity: e.target.value })} />}
              </EditorField>
              <button type="button" className="link-button" onClick={() => setRules({ signatories: rules.signatories.filter((_, i) => i !== index) })}>
                {t('charter.edit.remove')}
                <span className="visually-hidden">{t('common.nameSuffix', { name: label })}</span>
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="button-secondary" onClick={() => setRules({ signatories: [...rules.signatories, { id: newId(), personId: null, organizationId: null, capacity: '' }] })}>
          {t('charter.edit.addSignatory')}
        </button>
      </fieldset>
    </>
  );
}

function Editor({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const client = useQueryClient();
  const [content, setContent] = useState<CharterContent>(version.content);
  const [issues, setIssues] = useState<readonly CharterIssue[]>(version.issues);
  const [dirty, setDirty] = useState(false);
  // What the person sees now: a save succeeds for the content it sent, not for edits typed meanwhile.
  const latest = useRef(content);
  latest.current = content;
  const [initialKeys] = useState(() => new Set(version.content.articles.map((article) => article.key)));
  const update: Update = (change) => {
    setContent(change);
    setDirty(true);
  };
  // The draft this editor last loaded or saved: a save from an older one is refused by the server.
  const [basedOn, setBasedOn] = useState(version.contentHash);
  const save = useMutation({
    mutationFn: (next: CharterContent) =>
      api.put<Answer<typeof draftSavedAnswer>>(`/partnerships/${partnershipId}/charters/${version.charterId}/versions/${version.id}?basedOn=${basedOn}`, next),
    onSuccess: (saved, sent) => {
      setBasedOn(saved.contentHash);
      setIssues(saved.issues);
      if (JSON.stringify(cleaned(latest.current)) === JSON.stringify(sent)) setDirty(false);
      void client.invalidateQueries({ queryKey: ['partnership', partnershipId] });
    },
  });
  // Messages point at rows by their place: once rows are added, removed or moved, they would point
  // at the wrong ones, so they go until the next save says where the problems are.
  const rows = rowsOf(content);
  const shownRows = useRef(rows);
  useEffect(() => {
    if (rows === shownRows.current) return;
    shownRows.current = rows;
    setIssues([]);
    save.reset();
  }, [rows, save]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const requestErrors = save.error instanceof ApiError ? save.error.fields : {};
  const errors: Errors = { ...Object.fromEntries(issues.map((issue) => [issue.path, issue.message])), ...requestErrors };
  const bodies = Object.entries(version.names.bodies)
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const messages = Object.entries(errors);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(cleaned(content));
      }}
    >
      <div aria-live="polite">
        {messages.length > 0 ? (
          <div className="notice notice-warn" id="issues">
            <p>{t('charter.check.count', { count: messages.length })}</p>
            <ul>
              {messages.map(([path, message]) => (
                <li key={path}>
                  <a href={`#field-${anchorOf(path)}`}>{message}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          !dirty && <p className="notice notice-ok">{t('charter.check.ok')}</p>
        )}
      </div>
      <FormError error={save.error} />
      <EditorField path="title" errors={errors} label={t('charter.edit.charterTitle')}>
        {(props) => <input {...props} type="text" value={content.title} onChange={(e) => update((c) => ({ ...c, title: e.target.value }))} />}
      </EditorField>

      <h2 id="field-articles">{t('charter.edit.articlesTitle')}</h2>
      {errors['articles'] && <p className="field-error">{errors['articles']}</p>}
      {content.articles.map((article, index) => (
        <ArticleEditor key={article.key} article={article} index={index} count={content.articles.length} errors={errors} update={update} isNew={!initialKeys.has(article.key)} />
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() => update((c) => ({ ...c, articles: [...c.articles, { key: newId(), kind: 'custom', title: '', body: '' }] }))}
      >
        {t('charter.edit.addArticle')}
      </button>

      <RulesEditor content={content} errors={errors} update={update} bodies={bodies} />

      <div className="editor-savebar">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <span role="status">{save.isPending ? t('charter.edit.saving') : dirty ? t('charter.edit.unsaved') : save.isSuccess ? t('charter.edit.saved') : ''}</span>
        <Link to={`/p/${partnershipId}/chartes/${version.charterId}/versions/${version.id}`}>{t('charter.edit.backToReading')}</Link>
      </div>
    </form>
  );
}

export default function DraftEditor() {
  const { t } = useTranslation();
  const { charterId, versionId } = useParams();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<VersionDetail>(`/charters/${charterId}/versions/${versionId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const version = query.data;
  const title = t('charter.edit.title', { title: version.content.title, number: version.number });
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/chartes`}>{t('charter.list.title')}</Link> ›{' '}
        <Link to={`/p/${partnershipId}/chartes/${charterId}`}>{t('charter.history.title')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {version.status !== 'draft' || !version.can.amend ? <p className="notice notice-warn">{t('charter.edit.notEditable')}</p> : <Editor version={version} />}
    </section>
  );
}
