import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LICENCES, type Licence } from '../../../charters/rules/enums';
import type { Answer } from '../../../common/contract';
import type { resourceAnswer, resourcesAnswer, resourceSummary } from '../../../resources/contract';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, RESOURCE_KINDS, type ResourceKind } from '../../../resources/rules';
import { Badge, Field, fieldError, FormError, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId } from '../../hooks';
import { useSession } from '../../session';

export type ResourcesPage = Answer<typeof resourcesAnswer>;
export type ResourceCard = Answer<typeof resourceSummary>;
export type ResourceView = Answer<typeof resourceAnswer>;

/** The space's resources page, and one resource's page inside it. */
export const resourcesPath = (partnershipId: string, accompanimentId: string) => `/p/${partnershipId}/accompagnements/${accompanimentId}/ressources`;
export const resourcePath = (partnershipId: string, accompanimentId: string, resourceId: string) => `${resourcesPath(partnershipId, accompanimentId)}/${resourceId}`;
/** A document always downloads (the server sends it as an attachment). */
export const documentUrl = (partnershipId: string, resourceId: string) => `/api/v1/partnerships/${partnershipId}/resources/${resourceId}/document`;

/** Extensions the file picker offers first; the server checks the content whatever the name says. */
const PICKER_ACCEPT = [...DOCUMENT_TYPES, '.pdf', '.png', '.jpg', '.jpeg', '.webp', '.odt', '.ods', '.odp', '.docx', '.xlsx', '.pptx', '.txt', '.csv', '.md'].join(',');
/** The type a browser leaves empty or vague for some files, read from the name's extension. */
const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = { md: 'text/markdown', markdown: 'text/markdown', csv: 'text/csv', txt: 'text/plain' };

function declaredType(file: File): string {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  if ((DOCUMENT_TYPES as readonly string[]).includes(file.type)) return file.type;
  return TYPE_BY_EXTENSION[extension] ?? file.type;
}

/** A file read as base64, for the resource's JSON body. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function useFormatSize() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 });
  const [kilo, mega] = i18n.language === 'en' ? ['KB', 'MB'] : ['ko', 'Mo'];
  return (bytes: number) => (bytes < 1024 * 1024 ? `${format.format(Math.max(bytes / 1024, 0.1))} ${kilo}` : `${format.format(bytes / (1024 * 1024))} ${mega}`);
}

/** What a resource is, whose, under which licence, and whether it stays in the group or is published. */
export function ResourceFacts({ resource }: { resource: ResourceCard }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <>
      <p className="deliverable-badges">
        <Badge tone="neutral">{t(`resources.kind.${resource.kind}`)}</Badge>
        {resource.confidential && <Badge tone="warn">{t('resources.confidential')}</Badge>}
        {resource.publishedAt !== null && <Badge tone="ok">{t('resources.published')}</Badge>}
      </p>
      <p className="small muted">
        {t('resources.byline', { author: resource.author?.fullName ?? t('resources.unknownAuthor'), date: formatDate(resource.createdAt) })}
        {', '}
        {t(`resources.licenceShort.${resource.licence}`)}
      </p>
      {resource.tags.length > 0 && <p className="small">{t('resources.tagsLine', { tags: resource.tags.join(', ') })}</p>}
      {resource.outputTitle !== null && <p className="small">{t('resources.answersOutput', { output: resource.outputTitle })}</p>}
    </>
  );
}

/** How to open a resource: its document to download, its link, or its article's page. */
export function ResourceOpen({ resource, accompanimentId }: { resource: ResourceCard; accompanimentId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const size = useFormatSize();
  if (resource.kind === 'file' && resource.file !== null)
    return (
      <p>
        <a href={documentUrl(partnershipId, resource.id)} download={resource.file.fileName}>
          {t('resources.download', { name: resource.file.fileName, size: size(resource.file.sizeBytes) })}
        </a>
      </p>
    );
  if (resource.kind === 'link' && resource.url !== null)
    return (
      <p className="deliverable">
        <a href={resource.url} rel="noopener noreferrer nofollow">
          {resource.url}
        </a>
      </p>
    );
  return (
    <p>
      <Link to={resourcePath(partnershipId, accompanimentId, resource.id)}>{t('resources.readArticle')}</Link>
    </p>
  );
}

interface Described {
  title: string;
  summary: string;
  tags: string[];
  licence: Licence;
  confidential: boolean;
  outputTitle: string | null;
  publishable?: boolean;
}

const tagsOf = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');

function describedFrom(data: FormData): Described {
  const output = String(data.get('outputTitle') ?? '');
  return {
    title: String(data.get('title') ?? ''),
    summary: String(data.get('summary') ?? ''),
    tags: tagsOf(data.get('tags')),
    licence: String(data.get('licence')) as Licence,
    confidential: data.get('confidential') === 'on',
    outputTitle: output === '' ? null : output,
    // Only the author's form asks for consent; another's change leaves their word as it is.
    ...(data.has('asksConsent') ? { publishable: data.get('publishable') === 'on' } : {}),
  };
}

/**
 * The fields every resource has: title, summary, tags, licence, confidentiality, the charter's
 * output it answers; and, for its author, their consent to its publication with their name.
 */
function DescriptionFields({
  error,
  outputs,
  initial,
  asksConsent,
}: {
  error: unknown;
  outputs: readonly string[];
  initial: Partial<Described> & { licence: Licence };
  asksConsent: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('resources.form.title')} error={fieldError(error, 'title')}>
        {(props) => <input {...props} name="title" required maxLength={300} defaultValue={initial.title ?? ''} />}
      </Field>
      <Field label={t('resources.form.summary')} hint={t('resources.form.summaryHint')} error={fieldError(error, 'summary')}>
        {(props) => <textarea {...props} name="summary" rows={2} maxLength={2000} defaultValue={initial.summary ?? ''} />}
      </Field>
      <Field label={t('resources.form.tags')} hint={t('resources.form.tagsHint')} error={fieldError(error, 'tags')}>
        {(props) => <input {...props} name="tags" defaultValue={(initial.tags ?? []).join(', ')} />}
      </Field>
      <Field label={t('resources.form.licence')} hint={t('resources.form.licenceHint')} error={fieldError(error, 'licence')}>
        {(props) => (
          <select {...props} name="licence" defaultValue={initial.licence}>
            {LICENCES.map((licence) => (
              <option key={licence} value={licence}>
                {t(`charter.licence.${licence}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {outputs.length > 0 && (
        <Field label={t('resources.form.output')} hint={t('resources.form.outputHint')} error={fieldError(error, 'outputTitle')}>
          {(props) => (
            <select {...props} name="outputTitle" defaultValue={initial.outputTitle ?? ''}>
              <option value="">{t('resources.form.noOutput')}</option>
              {outputs.map((output) => (
                <option key={output} value={output}>
                  {output}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <label className="checkbox">
        <input type="checkbox" name="confidential" defaultChecked={initial.confidential ?? false} aria-describedby="confidential-hint" />
        {t('resources.form.confidential')}
      </label>
      <p id="confidential-hint" className="hint">
        {t('resources.form.confidentialHint')}
      </p>
      {asksConsent && (
        <>
          <input type="hidden" name="asksConsent" value="yes" />
          <label className="checkbox">
            <input type="checkbox" name="publishable" defaultChecked={initial.publishable ?? false} aria-describedby="publishable-hint" />
            {t('resources.form.publishable')}
          </label>
          <p id="publishable-hint" className="hint">
            {t('resources.form.publishableHint')}
          </p>
        </>
      )}
    </>
  );
}

/** A member shares a document, a link or a short article, under the space's licence unless they choose another. */
export function ShareForm({ page }: { page: ResourcesPage }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ResourceKind>('file');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const share = useAct<Record<string, unknown>>('post', () => `/accompaniments/${page.accompaniment.id}/resources`);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const described = describedFrom(data);
    setFileProblem(null);
    if (kind === 'file') {
      const file = data.get('file');
      if (!(file instanceof File) || file.size === 0) return setFileProblem(t('resources.form.fileMissing'));
      if (file.size > DOCUMENT_MAX_BYTES) return setFileProblem(t('resources.form.fileTooLarge'));
      const contentBase64 = await base64Of(file);
      return share.mutate({ kind, ...described, file: { fileName: file.name, contentType: declaredType(file), contentBase64 } }, { onSuccess: () => setFormKey(formKey + 1) });
    }
    const extra = kind === 'link' ? { url: String(data.get('url') ?? '').trim() } : { body: String(data.get('body') ?? '') };
    share.mutate({ kind, ...described, ...extra }, { onSuccess: () => setFormKey(formKey + 1) });
  };
  const outputs = page.outputs.map((output) => output.title);
  return (
    <form key={formKey} onSubmit={(event) => void submit(event)} noValidate className="card" aria-labelledby="share-title">
      <h2 id="share-title">{t('resources.form.shareTitle')}</h2>
      <fieldset className="plain-fieldset">
        <legend>{t('resources.form.kind')}</legend>
        {RESOURCE_KINDS.map((choice) => (
          <div className="choice" key={choice}>
            <input type="radio" id={`kind-${choice}`} name="kind" value={choice} checked={kind === choice} onChange={() => setKind(choice)} />
            <label htmlFor={`kind-${choice}`}>
              {t(`resources.kind.${choice}`)}
              <span className="hint">{t(`resources.form.kindHint.${choice}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      {kind === 'file' && (
        <Field label={t('resources.form.file')} hint={t('resources.form.fileHint')} error={fileProblem ?? fieldError(share.error, 'file.contentType') ?? fieldError(share.error, 'file.contentBase64')}>
          {(props) => <input {...props} name="file" type="file" accept={PICKER_ACCEPT} />}
        </Field>
      )}
      {kind === 'link' && (
        <Field label={t('resources.form.url')} hint={t('resources.form.urlHint')} error={fieldError(share.error, 'url')}>
          {(props) => <input {...props} name="url" type="url" inputMode="url" required placeholder="https://" />}
        </Field>
      )}
      {kind === 'article' && (
        <Field label={t('resources.form.body')} hint={t('resources.form.bodyHint')} error={fieldError(share.error, 'body')}>
          {(props) => <textarea {...props} name="body" rows={8} required maxLength={20000} />}
        </Field>
      )}
      <DescriptionFields error={share.error} outputs={outputs} initial={{ licence: page.accompaniment.licence }} asksConsent />
      <FormError error={share.error} shown={['title', 'summary', 'tags', 'licence', 'outputTitle', 'url', 'body', 'file.contentType', 'file.contentBase64']} />
      <button type="submit" className="button-primary" disabled={share.isPending}>
        {t('resources.form.share')}
      </button>
      {share.isSuccess && <p role="status">{t('resources.form.shared')}</p>}
    </form>
  );
}

/** The viewer's person in this partnership. */
export function useViewerId(): string | undefined {
  const partnershipId = usePartnershipId();
  return useSession().data?.partnerships.find((partnership) => partnership.id === partnershipId)?.personId;
}

/** Its author or a facilitator changes what a resource says, its licence and its confidentiality. */
export function ChangeForm({ resource, onDone }: { resource: ResourceView; onDone: () => void }) {
  const { t } = useTranslation();
  const byAuthor = resource.author !== null && resource.author.id === useViewerId();
  const change = useAct<Record<string, unknown>, null>('put', () => `/resources/${resource.id}`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const extra = resource.kind === 'link' ? { url: String(data.get('url') ?? '').trim() } : resource.kind === 'article' ? { body: String(data.get('body') ?? '') } : {};
    change.mutate({ ...describedFrom(data), ...extra }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="change-title">
      <h2 id="change-title">{t('resources.form.changeTitle')}</h2>
      {resource.kind === 'link' && (
        <Field label={t('resources.form.url')} error={fieldError(change.error, 'url')}>
          {(props) => <input {...props} name="url" type="url" inputMode="url" required defaultValue={resource.url ?? ''} />}
        </Field>
      )}
      {resource.kind === 'article' && (
        <Field label={t('resources.form.body')} hint={t('resources.form.bodyHint')} error={fieldError(change.error, 'body')}>
          {(props) => <textarea {...props} name="body" rows={10} required maxLength={20000} defaultValue={resource.body ?? ''} />}
        </Field>
      )}
      <DescriptionFields error={change.error} outputs={resource.outputs} initial={{ ...resource, tags: [...resource.tags] }} asksConsent={byAuthor} />
      <FormError error={change.error} shown={['title', 'summary', 'tags', 'licence', 'outputTitle', 'url', 'body']} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={change.isPending}>
          {t('resources.form.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The charter's outputs to publish: each published (with what answers it) or still due. */
export function CharterOutputs({ page }: { page: ResourcesPage }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  if (page.outputs.length === 0) return null;
  return (
    <section aria-labelledby="outputs-title">
      <h2 id="outputs-title">{t('resources.outputs.title')}</h2>
      <p className="hint">{t('resources.outputs.hint')}</p>
      <ul className="member-list">
        {page.outputs.map((output) => (
          <li key={output.title} className="member">
            <div>
              <span className="member-name">{output.title}</span>
              {output.resources.length > 0 && (
                <p className="small">
                  {output.resources.map((resource, index) => (
                    <span key={resource.id}>
                      {index > 0 && ', '}
                      {resource.accompanimentId === page.accompaniment.id ? <Link to={resourcePath(partnershipId, resource.accompanimentId, resource.id)}>{resource.title}</Link> : resource.title}
                    </span>
                  ))}
                </p>
              )}
            </div>
            {output.resources.length > 0 ? <Badge tone="ok">{t('resources.outputs.published')}</Badge> : <Badge tone="warn">{t('resources.outputs.due')}</Badge>}
          </li>
        ))}
      </ul>
    </section>
  );
}
