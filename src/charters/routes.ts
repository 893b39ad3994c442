import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CharterIssue } from './rules/check.js';
import {
  adoptInput,
  charterCreatedAnswer,
  charterDetailAnswer,
  charterDiffAnswer,
  charterExportAnswer,
  charterListAnswer,
  complianceAnswer,
  createCharterInput,
  diffQuery,
  draftSavedAnswer,
  importCharterInput,
  saveDraftInput,
  signInput,
  versionDetailAnswer,
} from './contract.js';
import { binaryAnswer, created, createdId, textAnswer } from '../common/contract.js';
import { exportCharterDocument } from './rules/exchange.js';
import { formatCalendarDate, formatMeetingTime, translator, type Locale } from '../i18n/server-messages.js';
import * as acts from './acts.js';
import { charterCompliance, charterDetail, charterDiff, listCharters, versionDetail, type ComplianceFinding } from './queries.js';
import { partnershipOverview } from '../partnerships/queries.js';
import { renderCharterMarkdown } from './print/markdown.js';
import { charterPrintJob } from './print/pdf.js';
import { inPartnership, withId } from '../server/params.js';

const inCharter = withId('charterId');
const inVersion = inCharter.extend({ versionId: z.string() });
/** A whole charter travels in one request: up to 100 articles of 50,000 characters. */
const CHARTER_BODY_LIMIT = 8 * 1024 * 1024;
const charterCreated = { 201: charterCreatedAnswer };

export function translateCharterIssue(locale: Locale, issue: CharterIssue) {
  return { path: issue.path.join('.'), code: issue.code, message: translator(locale)(`charterCheck.${issue.code}`, issue.params) };
}

function translateFinding(locale: Locale, finding: ComplianceFinding): string {
  const t = translator(locale);
  switch (finding.code) {
    case 'charter_expired':
      return t('compliance.charter_expired', { title: finding.title, endsOn: formatCalendarDate(locale, finding.endsOn) });
    case 'signatures_missing':
      return t('compliance.signatures_missing', { title: finding.title, missing: finding.missing.join(', ') });
    case 'charter_rule':
      return t('compliance.charter_rule', { title: finding.title, message: translateCharterIssue(locale, finding.issue).message });
    case 'term_expired':
      return t('compliance.term_expired', { fullName: finding.fullName, role: finding.role, since: formatCalendarDate(locale, finding.since) });
    case 'role_vacant':
      return t('compliance.role_vacant', { role: finding.role });
    case 'no_charter_in_force':
      return t('compliance.no_charter_in_force');
    case 'meeting_cadence':
      return t('compliance.meeting_cadence', { body: finding.body, count: finding.meetingsPerYear, expected: finding.expected, held: finding.held });
    case 'project_waiting_referents':
      return t('compliance.project_waiting_referents', { project: finding.project, count: finding.days, organizations: finding.organizations.join(', ') });
    case 'project_waiting_lead':
      return t('compliance.project_waiting_lead', { project: finding.project, count: finding.days });
    case 'project_waiting_confirmation':
      return t('compliance.project_waiting_confirmation', { project: finding.project, count: finding.days, nominee: finding.nominee });
    case 'project_without_indicators':
      return t('compliance.project_without_indicators', { project: finding.project });
    case 'project_evaluation_overdue':
      return t('compliance.project_evaluation_overdue', { project: finding.project, dueOn: formatCalendarDate(locale, finding.dueOn) });
    case 'fund_contribution_behind':
      return t('compliance.fund_contribution_behind', {
        organization: finding.organization,
        year: finding.year,
        amount: new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(finding.remainingCents / 100),
        dueOn: formatCalendarDate(locale, finding.dueOn),
      });
    case 'dispute_crisis_late':
      return t('compliance.dispute_crisis_late', { title: finding.title, dueAt: formatMeetingTime(locale, finding.dueAt) });
  }
}

/** A file name a person recognises, safe in a header: the title's letters and digits only. */
function fileName(title: string, number: number, extension: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return `${base || 'charte'}-v${number}.${extension}`;
}

export const charterRoutes: FastifyPluginAsyncZod = async (app) => {
  const detail = (request: FastifyRequest, params: { charterId: string; versionId: string }) =>
    versionDetail(app.store.db, request.act.viewer, request.act.partnershipId, params.charterId, params.versionId);

  app.get(
    '/:partnershipId/charters',
    { schema: { tags: ['charters'], summary: 'Charters of the partnership: the version in force, the draft, signatures', params: inPartnership, response: { 200: charterListAnswer } } },
    async (request) => listCharters(app.store.db, request.act.viewer, request.act.partnershipId),
  );
  app.post(
    '/:partnershipId/charters',
    { schema: { tags: ['charters'], summary: 'Create a charter from a template, or blank; its first version is a draft', params: inPartnership, body: createCharterInput, response: charterCreated } },
    async (request, reply) => reply.status(201).send(await acts.createCharter(request.act, request.body, request.locale)),
  );
  app.post(
    '/:partnershipId/charters/import',
    { bodyLimit: CHARTER_BODY_LIMIT, schema: { tags: ['charters'], summary: 'Create a charter from an exported charter file', params: inPartnership, body: importCharterInput, response: charterCreated } },
    async (request, reply) => reply.status(201).send(await acts.importCharter(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/charters/:charterId',
    { schema: { tags: ['charters'], summary: 'A charter and its versions', params: inCharter, response: { 200: charterDetailAnswer } } },
    async (request) => charterDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.charterId),
  );
  app.post(
    '/:partnershipId/charters/:charterId/drafts',
    { schema: { tags: ['charters'], summary: 'Start the next version as a draft, from the version in force', params: inCharter, response: created } },
    async (request, reply) => reply.status(201).send(await acts.startDraft(request.act, request.params.charterId)),
  );
  app.get(
    '/:partnershipId/charters/:charterId/diff',
    { schema: { tags: ['charters'], summary: 'Differences between two versions, by article and by word', params: inCharter, querystring: diffQuery, response: { 200: charterDiffAnswer } } },
    async (request) => charterDiff(app.store.db, request.act.partnershipId, request.params.charterId, request.query.from, request.query.to),
  );
  app.get(
    '/:partnershipId/charters/:charterId/versions/:versionId',
    { schema: { tags: ['charters'], summary: 'A version: articles, rules, the check of its rules, signatories', params: inVersion, response: { 200: versionDetailAnswer } } },
    async (request) => {
      const version = await detail(request, request.params);
      return { ...version, issues: version.issues.map((issue) => translateCharterIssue(request.locale, issue)) };
    },
  );
  app.put(
    '/:partnershipId/charters/:charterId/versions/:versionId',
    {
      bodyLimit: CHARTER_BODY_LIMIT,
      schema: {
        tags: ['charters'],
        summary: 'Save a draft whole; the answer holds the check of its rules. basedOn: the hash the editor started from (409 if the draft changed since)',
        params: inVersion,
        querystring: z.object({ basedOn: z.string().regex(/^[0-9a-f]{64}$/, { error: 'error.reference' }).optional() }),
        body: saveDraftInput,
        response: { 200: draftSavedAnswer },
      },
    },
    async (request) => {
      const saved = await acts.saveDraft(request.act, request.params.charterId, request.params.versionId, request.body, request.query.basedOn);
      return { ...saved, issues: saved.issues.map((issue) => translateCharterIssue(request.locale, issue)) };
    },
  );
  app.delete(
    '/:partnershipId/charters/:charterId/versions/:versionId',
    { schema: { tags: ['charters'], summary: 'Discard a draft', params: inVersion, response: { 200: createdId } } },
    async (request) => acts.discardDraft(request.act, request.params.charterId, request.params.versionId),
  );
  app.post(
    '/:partnershipId/charters/:charterId/versions/:versionId/adoption',
    {
      schema: {
        tags: ['charters'],
        summary: 'Record that a body adopted this draft on a date; the version in force is superseded',
        params: inVersion,
        body: adoptInput,
        response: { 200: createdId },
      },
    },
    async (request) => acts.recordAdoption(request.act, request.params.charterId, request.params.versionId, request.body),
  );
  app.post(
    '/:partnershipId/charters/:charterId/versions/:versionId/signatures',
    { schema: { tags: ['charters'], summary: 'Sign the version in force, « Lu et approuvé », as one of its signatories', params: inVersion, body: signInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.signVersion(request.act, request.params.charterId, request.params.versionId, request.body)),
  );
  app.get(
    '/:partnershipId/charters/:charterId/versions/:versionId/export',
    { schema: { tags: ['charters'], summary: 'The version as a charter file (JSON) another partnership can import', params: inVersion, response: { 200: charterExportAnswer } } },
    async (request, reply) => {
      const version = await detail(request, request.params);
      return reply
        .header('content-disposition', `attachment; filename="${fileName(version.content.title, version.number, 'json')}"`)
        .send(exportCharterDocument(version.kind, version.content));
    },
  );
  app.get(
    '/:partnershipId/charters/:charterId/versions/:versionId/markdown',
    { schema: { tags: ['charters'], summary: 'The version as Markdown', params: inVersion, response: textAnswer('text/markdown') } },
    async (request, reply) => {
      const version = await detail(request, request.params);
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(version.content.title, version.number, 'md')}"`)
        .send(renderCharterMarkdown(version, request.locale));
    },
  );
  app.get(
    '/:partnershipId/charters/:charterId/versions/:versionId/pdf',
    { schema: { tags: ['charters'], summary: 'The version as a PDF to print and sign (A4)', params: inVersion, response: binaryAnswer('application/pdf') } },
    async (request, reply) => {
      const version = await detail(request, request.params);
      const { locale, act } = request;
      const job = async () => charterPrintJob(version, locale, await app.printing.anchor(act.partnershipId, act.now));
      // An adopted version still gathers signatures (never withdrawn), then is superseded: each
      // count of signatures of each status is a frozen state of its own.
      const signed = version.signatories.filter((signatory) => signatory.signature !== null).length;
      const pdf =
        version.status === 'draft'
          ? await app.printing.print(await job())
          : await app.printing.kept({ partnershipId: act.partnershipId, subjectId: version.id, edition: `${version.status}:${signed}`, locale }, job);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(version.content.title, version.number, 'pdf')}"`)
        .send(pdf);
    },
  );
  app.get(
    '/:partnershipId/compliance',
    { schema: { tags: ['charters'], summary: 'Reality against the charters: composition gaps, vacant roles, expired terms, meeting cadence, charters, signatures, common projects waiting or unmeasured', params: inPartnership, response: { 200: complianceAnswer } } },
    async (request) => {
      const locale = request.locale;
      const [overview, findings] = await Promise.all([
        partnershipOverview(app.store.db, request.act.viewer, request.act.partnershipId, request.act.now),
        charterCompliance(app.store.db, request.act.partnershipId, request.act.now),
      ]);
      const t = translator(locale);
      const compositionRows = overview.bodies.flatMap((body) =>
        body.gaps.map((view) => ({
          code: view.gap.code,
          link: { kind: 'body' as const, id: body.id },
          message: t(`composition.${view.gap.code}`, { body: view.bodyName, organization: view.organizationName ?? '', count: view.gap.actual, actual: view.gap.actual, expected: view.gap.expected }),
        })),
      );
      const charterRows = findings.map((finding) => ({
        code: finding.code,
        link:
          'charterId' in finding
            ? { kind: 'charter' as const, id: finding.charterId }
            : 'roleId' in finding
              ? { kind: 'role' as const, id: finding.roleId }
              : 'bodyId' in finding
                ? { kind: 'body' as const, id: finding.bodyId }
                : 'projectId' in finding
                  ? { kind: 'project' as const, id: finding.projectId }
                  : 'organizationId' in finding
                    ? { kind: 'fund' as const, id: finding.organizationId }
                    : null,
        message: translateFinding(locale, finding),
      }));
      return { findings: [...charterRows, ...compositionRows] };
    },
  );
};
