import { sql, type Kysely } from 'kysely';
import type { CharterRules, Licence } from '../charters/rules/types.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import { isOverdue, licenceAllowsPublishing, moveIsManagers, nextStatuses, outputStates, type DeliverableStatus } from './rules.js';

type Db = Pick<Kysely<Database>, 'selectFrom'>;

/**
 * A charter of the partnership and what its deliverables hang on: the bodies and signatories of
 * its version in force, else of its draft (a team writes its deliverables while its charter is
 * being signed), and the licence its outputs are published under. Another partnership's charter
 * is not found.
 */
export async function deliverableFrame(db: Db, partnershipId: string, charterId: string) {
  const rows = await db
    .selectFrom('charter as c')
    .innerJoin('charter_version as v', 'v.charter_id', 'c.id')
    .select(['c.id', 'c.kind', 'v.title', 'v.status', 'v.rules'])
    .where('c.id', '=', charterId)
    .where('c.partnership_id', '=', partnershipId)
    .orderBy('v.number', 'desc')
    .execute();
  if (rows.length === 0) throw notFound();
  // Superseded versions only name the charter when nothing else does.
  const version = rows.find((row) => row.status === 'adopted') ?? rows.find((row) => row.status === 'draft');
  const rules = (version?.rules ?? null) as Pick<CharterRules, 'bodyIds' | 'signatories' | 'licence'> | null;
  return {
    charter: { id: rows[0]!.id, title: (version ?? rows[0]!).title, kind: rows[0]!.kind },
    team: {
      bodyIds: rules?.bodyIds ?? [],
      signatoryPersonIds: (rules?.signatories ?? []).flatMap((signatory) => (signatory.personId === null ? [] : [signatory.personId])),
    },
    licence: (rules?.licence.licence ?? 'CC-BY-SA-4.0') as Licence,
    outputs: rules?.licence.outputs ?? [],
  };
}

/**
 * The charter's deliverables page, for anyone of the partnership, in two queries: the charter's
 * versions that frame it and its deliverables with their owners, soonest due first (undated last).
 */
export async function charterDeliverables(db: Kysely<Database>, viewer: Viewer, partnershipId: string, charterId: string, now: Date) {
  const frame = await deliverableFrame(db, partnershipId, charterId);
  const rows = await db
    .selectFrom('deliverable as d')
    .leftJoin('person as o', 'o.id', 'd.owner_id')
    .select(['d.id', 'd.title', 'd.description', 'd.owner_id', 'o.full_name as owner_name', 'd.due_on', 'd.status', 'd.licence_output', 'd.published_url'])
    .where('d.charter_id', '=', charterId)
    .where('d.partnership_id', '=', partnershipId)
    .orderBy(sql`d.due_on nulls last`)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  const today = calendarDay(now);
  const manage = may.manageDeliverables(viewer, frame.team);
  const publishable = licenceAllowsPublishing(frame.licence);
  const deliverables = rows.map((row) => {
    const status = row.status as DeliverableStatus;
    const moves = may.moveDeliverable(viewer, { ownerId: row.owner_id });
    const statuses = nextStatuses(status).filter(
      (to) => to === status || ((moveIsManagers(status, to) ? manage : moves) && (to !== 'published' || publishable)),
    );
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      owner: row.owner_id === null ? null : { id: row.owner_id, fullName: row.owner_name ?? '' },
      dueOn: row.due_on,
      status,
      licenceOutput: row.licence_output,
      publishedUrl: row.published_url,
      overdue: isOverdue({ status, dueOn: row.due_on }, today),
      statuses: statuses.length > 1 ? statuses : [],
    };
  });
  return {
    charter: frame.charter,
    licence: frame.licence,
    publishable,
    today,
    deliverables,
    outputs: outputStates(
      frame.outputs,
      deliverables.filter((deliverable) => deliverable.licenceOutput),
    ),
    can: { manage },
  };
}
