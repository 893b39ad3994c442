import { sql, type Kysely } from 'kysely';
import { lateCrisisMeetings } from '../disputes/queries.js';
import { organizationsBehind } from '../fund/queries.js';
import { checkCharter, type CharterIssue } from './rules/check.js';
import { diffCharters } from './rules/diff.js';
import { projectRulesOf, type CharterContent, type CharterKind, type CharterRules, type ProjectRules, type VersionStatus } from './rules/types.js';
import { calendarDay, PARTNERSHIP_TIME_ZONE } from '../common/dates.js';
import { cadenceShortfall } from '../meetings/rules.js';
import type { ProposalStatus } from '../decisions/rules.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';
import { contentOf, loadCharterReferences, type CharterNames } from './references.js';

type Db = Kysely<Database>;

/** The partnership charter in force, which routes decisions and holds the project rules (the same one createProposal routes by). */
export async function partnershipRules(db: Db, partnershipId: string): Promise<CharterRules | undefined> {
  const version = await db
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select('v.rules')
    .where('c.partnership_id', '=', partnershipId)
    .where('c.kind', '=', 'partnership')
    .where('v.status', '=', 'adopted')
    .orderBy('c.created_at')
    .executeTakeFirst();
  return version?.rules as CharterRules | undefined;
}

export interface SignatoryView {
  readonly signatoryId: string;
  readonly personId: string | null;
  readonly fullName: string | null;
  readonly organizationId: string | null;
  readonly organizationName: string | null;
  readonly capacity: string;
  readonly signature: { readonly typedName: string; readonly statement: string; readonly signedAt: Date; readonly contentHash: string } | null;
}

async function signaturesOf(db: Db, versionIds: readonly string[]) {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('charter_signature')
    .select(['version_id', 'signatory_id', 'person_id', 'typed_name', 'statement', 'signed_at', 'content_hash'])
    .where('version_id', 'in', versionIds)
    .execute();
}

function signatoriesOf(content: CharterContent, signatures: Awaited<ReturnType<typeof signaturesOf>>, names: CharterNames): SignatoryView[] {
  return content.rules.signatories.map((signatory) => {
    const signature = signatures.find((s) => s.signatory_id === signatory.id && s.person_id === signatory.personId);
    return {
      signatoryId: signatory.id,
      personId: signatory.personId,
      fullName: signatory.personId === null ? null : (names.peopleNames.get(signatory.personId) ?? null),
      organizationId: signatory.organizationId,
      organizationName: signatory.organizationId === null ? null : (names.organizationNames.get(signatory.organizationId) ?? null),
      capacity: signatory.capacity,
      signature: signature
        ? { typedName: signature.typed_name, statement: signature.statement, signedAt: signature.signed_at, contentHash: signature.content_hash }
        : null,
    };
  });
}

const versionColumns = [
  'v.id',
  'v.charter_id',
  'v.number',
  'v.status',
  'v.title',
  'v.content_hash',
  'v.adopted_on',
  'v.adopted_by_body_id',
  'v.created_at',
  'v.updated_at',
] as const;

export async function listCharters(db: Db, viewer: Viewer, partnershipId: string) {
  const versions = await db
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select([...versionColumns, 'c.kind', 'v.rules'])
    .where('c.partnership_id', '=', partnershipId)
    .where('v.status', 'in', ['draft', 'adopted'])
    .orderBy('c.created_at')
    .execute();
  const adopted = versions.filter((v) => v.status === 'adopted');
  const signatures = await signaturesOf(
    db,
    adopted.map((v) => v.id),
  );
  const charterIds = [...new Set(versions.map((v) => v.charter_id))];
  return {
    charters: charterIds.map((charterId) => {
      const own = versions.filter((v) => v.charter_id === charterId);
      // Adopted, so adopted on a day (the table's check).
      const inForce = own.find((v): v is typeof v & { adopted_on: string } => v.status === 'adopted' && v.adopted_on !== null);
      const draft = own.find((v) => v.status === 'draft');
      const shown = inForce ?? draft!;
      const expected = inForce ? (inForce.rules as CharterContent['rules']).signatories.length : 0;
      return {
        id: charterId,
        kind: shown.kind as CharterKind,
        title: shown.title,
        inForce: inForce
          ? {
              versionId: inForce.id,
              number: inForce.number,
              adoptedOn: inForce.adopted_on,
              signed: signatures.filter((s) => s.version_id === inForce.id).length,
              expectedSignatures: expected,
            }
          : null,
        draft: draft ? { versionId: draft.id, number: draft.number, updatedAt: draft.updated_at } : null,
      };
    }),
    can: { manage: may.manageCharters(viewer) },
  };
}

export async function charterDetail(db: Db, viewer: Viewer, partnershipId: string, charterId: string) {
  const versions = await db
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .leftJoin('body as b', 'b.id', 'v.adopted_by_body_id')
    .select([...versionColumns, 'c.kind', 'b.name as adopted_by_body_name', 'v.rules'])
    .where('c.id', '=', charterId)
    .where('c.partnership_id', '=', partnershipId)
    .orderBy('v.number', 'desc')
    .execute();
  if (versions.length === 0) throw notFound();
  const inForce = versions.find((v) => v.status === 'adopted');
  const kind = versions[0]!.kind as CharterKind;
  const proposals =
    kind === 'project'
      ? await db
          .selectFrom('proposal as p')
          .innerJoin('charter_version as v', 'v.id', 'p.charter_version_id')
          .innerJoin('body as b', 'b.id', 'p.body_id')
          .select(['p.id', 'p.wording', 'p.status', 'p.body_id', 'b.name as body_name', 'p.created_at', 'p.decided_at'])
          .where('v.charter_id', '=', charterId)
          .where('p.partnership_id', '=', partnershipId)
          .orderBy('p.created_at', 'desc')
          .limit(100)
          .execute()
      : [];
  return {
    id: charterId,
    kind,
    title: (versions.find((v) => v.status === 'adopted') ?? versions[0]!).title,
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      status: v.status as VersionStatus,
      title: v.title,
      contentHash: v.content_hash,
      adoptedOn: v.adopted_on,
      adoptedBy: v.adopted_by_body_id === null ? null : { id: v.adopted_by_body_id, name: v.adopted_by_body_name ?? '' },
      createdAt: v.created_at,
      updatedAt: v.updated_at,
    })),
    // The table's check holds the status to the domain's words.
    proposals: proposals.map((p) => ({ id: p.id, wording: p.wording, status: p.status as ProposalStatus, body: { id: p.body_id, name: p.body_name }, createdAt: p.created_at, decidedAt: p.decided_at })),
    can: { manage: may.manageCharters(viewer), amend: may.amendCharter(viewer, inForce ? (inForce.rules as CharterRules) : null) },
  };
}

/** One version as it is read, edited, signed and printed, with the names its rules refer to. */
export async function versionDetail(db: Db, viewer: Viewer, partnershipId: string, charterId: string, versionId: string) {
  const row = await db
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .leftJoin('body as b', 'b.id', 'v.adopted_by_body_id')
    .select([...versionColumns, 'c.kind', 'v.articles', 'v.rules', 'b.name as adopted_by_body_name'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('charter_version as w').select('w.id').whereRef('w.charter_id', '=', 'c.id').where('w.status', '<>', 'draft'))
        .as('adopted_before'),
    )
    .select((eb) =>
      eb.selectFrom('charter_version as f').select('f.rules').whereRef('f.charter_id', '=', 'c.id').where('f.status', '=', 'adopted').as('rules_in_force'),
    )
    .where('v.id', '=', versionId)
    .where('c.id', '=', charterId)
    .where('c.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const content = contentOf(row);
  const [names, signatures] = await Promise.all([loadCharterReferences(db, partnershipId, [content]), signaturesOf(db, [versionId])]);
  const signatories = signatoriesOf(content, signatures, names);
  const status = row.status as VersionStatus;
  return {
    charterId,
    kind: row.kind as CharterKind,
    id: row.id,
    number: row.number,
    status,
    contentHash: row.content_hash,
    adoptedOn: row.adopted_on,
    adoptedBy: row.adopted_by_body_id === null ? null : { id: row.adopted_by_body_id, name: row.adopted_by_body_name ?? '' },
    updatedAt: row.updated_at,
    content,
    issues: checkCharter(content, names),
    names: {
      bodies: Object.fromEntries(names.bodies),
      roles: Object.fromEntries(names.roles),
      organizations: Object.fromEntries(names.organizationNames),
      people: Object.fromEntries(names.peopleNames),
    },
    signatories,
    can: {
      manage: may.manageCharters(viewer),
      /** Edit or discard this draft: see `may.amendCharter`. */
      amend: may.amendCharter(viewer, (row.rules_in_force as CharterRules | null) ?? null),
      /** By hand, only a first adoption made outside Entente; revisions are decided by proposal. */
      recordAdoption: may.manageCharters(viewer) && !row.adopted_before,
      signAs: status === 'adopted' ? signatories.filter((s) => s.personId === viewer.personId && s.signature === null).map((s) => s.signatoryId) : [],
    },
  };
}

export type VersionDetail = Awaited<ReturnType<typeof versionDetail>>;

export async function charterDiff(db: Db, partnershipId: string, charterId: string, fromVersionId: string, toVersionId: string) {
  const rows = await db
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select(['v.id', 'v.number', 'v.status', 'v.title', 'v.articles', 'v.rules'])
    .where('c.id', '=', charterId)
    .where('c.partnership_id', '=', partnershipId)
    .where('v.id', 'in', [fromVersionId, toVersionId])
    .execute();
  const from = rows.find((r) => r.id === fromVersionId);
  const to = rows.find((r) => r.id === toVersionId);
  if (!from || !to) throw notFound();
  const side = (r: typeof from) => ({ id: r.id, number: r.number, status: r.status as VersionStatus, rules: (r.rules as CharterContent['rules']) });
  return { from: side(from), to: side(to), diff: diffCharters(contentOf(from), contentOf(to)) };
}

/** A row of the compliance view: where the partnership's reality departs from its charter. */
export type ComplianceFinding =
  | { readonly code: 'no_charter_in_force' }
  | { readonly code: 'charter_expired'; readonly charterId: string; readonly title: string; readonly endsOn: string }
  | { readonly code: 'signatures_missing'; readonly charterId: string; readonly versionId: string; readonly title: string; readonly missing: readonly string[] }
  | { readonly code: 'charter_rule'; readonly charterId: string; readonly title: string; readonly issue: CharterIssue }
  | { readonly code: 'role_vacant'; readonly roleId: string; readonly role: string }
  | { readonly code: 'term_expired'; readonly roleId: string; readonly role: string; readonly personId: string; readonly fullName: string; readonly since: string }
  | { readonly code: 'meeting_cadence'; readonly bodyId: string; readonly body: string; readonly meetingsPerYear: number; readonly expected: number; readonly held: number }
  | { readonly code: 'project_waiting_referents'; readonly projectId: string; readonly project: string; readonly days: number; readonly organizations: readonly string[] }
  | { readonly code: 'project_waiting_lead'; readonly projectId: string; readonly project: string; readonly days: number }
  | { readonly code: 'project_waiting_confirmation'; readonly projectId: string; readonly project: string; readonly days: number; readonly nominee: string }
  | { readonly code: 'project_without_indicators'; readonly projectId: string; readonly project: string }
  | { readonly code: 'project_evaluation_overdue'; readonly projectId: string; readonly project: string; readonly dueOn: string }
  | { readonly code: 'fund_contribution_behind'; readonly organizationId: string; readonly organization: string; readonly year: number; readonly remainingCents: number; readonly dueOn: string }
  | { readonly code: 'dispute_crisis_late'; readonly charterId: string; readonly title: string; readonly dueAt: Date };

/** Stages where a project has its working group and its steps 5 to 9 may wait on someone. */
const VALIDATED_STAGES = ['validated', 'active', 'evaluating'] as const;

/** The day an instant falls on in the partnership's calendar, in SQL, so that days are counted there. */
const dayOf = (column: string) => sql<string>`(${sql.ref(column)} at time zone ${sql.lit(PARTNERSHIP_TIME_ZONE)})::date`;

/**
 * The common projects against the partnership charter's project rules, in two queries: steps
 * that wait longer than its waiting delay (referents since the working group was created, the
 * lead's nomination since then too, its confirmation since the nomination), active projects
 * that measure nothing, evaluations past due. A working group missing a participating house's
 * referent later on is a composition gap of that body (bodies/queries.ts counts only the
 * project's houses there).
 */
async function projectFindings(db: Db, partnershipId: string, rules: ProjectRules, today: string): Promise<ComplianceFinding[]> {
  const waiting = rules.waitingDays;
  const [projects, referentGaps] = await Promise.all([
    db
      .selectFrom('project as p')
      .leftJoin('project_step as wg', (join) => join.onRef('wg.project_id', '=', 'p.id').on('wg.step', '=', 'working_group'))
      .leftJoin('project_step as named', (join) => join.onRef('named.project_id', '=', 'p.id').on('named.step', '=', 'lead_named'))
      .leftJoin('person as nominee', 'nominee.id', 'p.lead_nominee_id')
      .select(['p.id', 'p.title', 'p.stage', 'p.evaluation_due_on', 'nominee.full_name as nominee'])
      .select((eb) => [
        eb.exists(eb.selectFrom('project_indicator as i').select('i.id').whereRef('i.project_id', '=', 'p.id')).as('has_indicators'),
        eb.exists(eb.selectFrom('project_step as s').select('s.step').whereRef('s.project_id', '=', 'p.id').where('s.step', '=', 'referents')).as('referents_done'),
        eb.exists(eb.selectFrom('project_step as s').select('s.step').whereRef('s.project_id', '=', 'p.id').where('s.step', '=', 'lead_confirmed')).as('lead_confirmed'),
        sql<number | null>`${today}::date - ${dayOf('wg.done_at')}`.as('group_days'),
        sql<number | null>`${today}::date - ${dayOf('named.done_at')}`.as('named_days'),
        sql<boolean | null>`${today}::date - ${dayOf('wg.done_at')} > ${waiting}`.as('group_overdue'),
        sql<boolean | null>`${today}::date - ${dayOf('named.done_at')} > ${waiting}`.as('named_overdue'),
        sql<boolean | null>`p.evaluation_due_on < ${today}::date`.as('evaluation_overdue'),
      ])
      .where('p.partnership_id', '=', partnershipId)
      .where('p.stage', 'in', VALIDATED_STAGES)
      .orderBy('p.title')
      .execute(),
    // Each participating house of a project still naming its referents, with the referent seats it holds today in the working group.
    db
      .selectFrom('project as p')
      .innerJoin('project_organization as po', 'po.project_id', 'p.id')
      .innerJoin('organization as o', 'o.id', 'po.organization_id')
      .leftJoin('body_member as m', (join) =>
        join.onRef('m.body_id', '=', 'p.working_group_id').onRef('m.organization_id', '=', 'po.organization_id').on('m.capacity', '=', 'referent').on(heldOn('m', today)),
      )
      .select(['p.id as project_id', 'o.name'])
      .where('p.partnership_id', '=', partnershipId)
      .where('p.stage', 'in', VALIDATED_STAGES)
      .where('p.working_group_id', 'is not', null)
      .groupBy(['p.id', 'o.id', 'o.name'])
      .having((eb) => eb.fn.count('m.id'), '<', rules.referentsPerOrganization)
      .orderBy('o.name')
      .execute(),
  ]);
  const findings: ComplianceFinding[] = [];
  for (const p of projects) {
    const project = { projectId: p.id, project: p.title };
    const missing = referentGaps.filter((gap) => gap.project_id === p.id).map((gap) => gap.name);
    if (!p.referents_done && p.group_overdue && missing.length > 0) {
      findings.push({ code: 'project_waiting_referents', ...project, days: p.group_days!, organizations: missing });
    }
    if (p.group_overdue && p.named_days === null && !p.lead_confirmed) findings.push({ code: 'project_waiting_lead', ...project, days: p.group_days! });
    if (rules.leadConfirmedBy !== null && p.named_overdue && !p.lead_confirmed) {
      findings.push({ code: 'project_waiting_confirmation', ...project, days: p.named_days!, nominee: p.nominee ?? '?' });
    }
    if (p.stage === 'active' && !p.has_indicators) findings.push({ code: 'project_without_indicators', ...project });
    if (p.stage === 'active' && p.evaluation_overdue) findings.push({ code: 'project_evaluation_overdue', ...project, dueOn: p.evaluation_due_on! });
  }
  return findings;
}

/**
 * The charters in force against reality: charters past their end, signatures missing, rules the
 * structure no longer satisfies (a body removed), roles nobody holds, terms held past their length,
 * common projects against the partnership charter's project rules. Body composition gaps come
 * from the overview; later capabilities add their own rows here.
 */
export async function charterCompliance(db: Db, partnershipId: string, now: Date): Promise<ComplianceFinding[]> {
  const today = calendarDay(now);
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const [inForce, roles, assignments, paced, meetings] = await Promise.all([
    db
      .selectFrom('charter_version as v')
      .innerJoin('charter as c', 'c.id', 'v.charter_id')
      .select(['v.id', 'v.charter_id', 'c.kind', 'v.title', 'v.articles', 'v.rules'])
      .where('c.partnership_id', '=', partnershipId)
      .where('v.status', '=', 'adopted')
      .orderBy('c.created_at')
      .execute(),
    db.selectFrom('role').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    db
      .selectFrom('role_assignment as a')
      .innerJoin('role as r', 'r.id', 'a.role_id')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['a.role_id', 'a.person_id', 'p.full_name'])
      // PostgreSQL's calendar: a term of one month started on 31 January ends on the last day of February.
      .select(sql<string | null>`(a.starts_on + make_interval(months => r.term_months))::date`.as('term_ends_on'))
      .where('r.partnership_id', '=', partnershipId)
      .where(heldOn('a', today))
      .execute(),
    db.selectFrom('body').select(['id', 'name', 'meetings_per_year', 'founded_on']).where('partnership_id', '=', partnershipId).where('meetings_per_year', 'is not', null).orderBy('name').execute(),
    db.selectFrom('meeting').select(['body_id', 'starts_at']).where('partnership_id', '=', partnershipId).where('starts_at', '>=', yearAgo).where('starts_at', '<=', now).execute(),
  ]);
  const contents = inForce.map(contentOf);
  // The partnership charter routes projects and holds their rules; without one, projects follow projectRulesOf's defaults.
  const partnershipCharter = inForce.findIndex((version) => version.kind === 'partnership');
  const [names, signatures, projects] = await Promise.all([
    loadCharterReferences(db, partnershipId, contents),
    signaturesOf(db, inForce.map((v) => v.id)),
    projectFindings(db, partnershipId, projectRulesOf(partnershipCharter === -1 ? {} : contents[partnershipCharter]!.rules), today),
  ]);
  const findings: ComplianceFinding[] = [];
  if (inForce.length === 0) findings.push({ code: 'no_charter_in_force' });
  inForce.forEach((version, index) => {
    const content = contents[index]!;
    const endsOn = content.rules.duration.endsOn;
    if (endsOn !== null && endsOn < today) findings.push({ code: 'charter_expired', charterId: version.charter_id, title: version.title, endsOn });
    const missing = signatoriesOf(content, signatures.filter((s) => s.version_id === version.id), names)
      .filter((s) => s.signature === null)
      .map((s) => s.fullName ?? '?');
    if (missing.length > 0) findings.push({ code: 'signatures_missing', charterId: version.charter_id, versionId: version.id, title: version.title, missing });
    for (const issue of checkCharter(content, names)) findings.push({ code: 'charter_rule', charterId: version.charter_id, title: version.title, issue });
  });
  for (const role of roles) {
    const holders = assignments.filter((a) => a.role_id === role.id);
    if (holders.length === 0) findings.push({ code: 'role_vacant', roleId: role.id, role: role.name });
    for (const holder of holders) {
      if (holder.term_ends_on !== null && holder.term_ends_on <= today) {
        findings.push({ code: 'term_expired', roleId: role.id, role: role.name, personId: holder.person_id, fullName: holder.full_name, since: holder.term_ends_on });
      }
    }
  }
  for (const body of paced) {
    const meetingStarts = meetings.filter((m) => m.body_id === body.id).map((m) => m.starts_at);
    const shortfall = cadenceShortfall({ meetingsPerYear: body.meetings_per_year!, foundedOn: body.founded_on, now, meetingStarts });
    if (shortfall) findings.push({ code: 'meeting_cadence', bodyId: body.id, body: body.name, meetingsPerYear: body.meetings_per_year!, ...shortfall });
  }
  findings.push(...projects);
  for (const call of await organizationsBehind(db, partnershipId, today)) {
    findings.push({ code: 'fund_contribution_behind', organizationId: call.organizationId, organization: call.name, year: call.year, remainingCents: call.amountCents - call.paidCents, dueOn: call.dueOn });
  }
  // A dispute's crisis meeting overdue, worded without its subject or its parties (disputes/queries.ts keeps to those whose existence is shown).
  for (const late of await lateCrisisMeetings(db, partnershipId, now)) {
    const charter = inForce.find((version) => version.charter_id === late.charterId);
    findings.push({ code: 'dispute_crisis_late', charterId: late.charterId, title: charter?.title ?? '', dueAt: late.dueAt });
  }
  return findings;
}
