import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { groupRows } from '../common/group-rows.js';
import { may, type Viewer } from '../common/permissions.js';
import type { bookingAnswer, pooledMeansAnswer } from './contract.js';
import { lendingDirectorIds } from './directors.js';
import { mayCancel, mayDecline, type BookingStatus, type MeanKind } from './rules.js';

type Db = Kysely<Database>;

const personOf = (id: string | null, name: string | null) => (id === null ? null : { id, fullName: name ?? '' });

/** A booking's row with its project and people, as both answers give it. */
function bookings(db: Db) {
  return db
    .selectFrom('pooled_mean_booking as b')
    .innerJoin('pooled_mean as m', 'm.id', 'b.mean_id')
    .innerJoin('project as p', 'p.id', 'b.project_id')
    .leftJoin('person as rq', 'rq.id', 'b.requested_by')
    .leftJoin('person as dc', 'dc.id', 'b.decided_by')
    .select([
      'b.id', 'b.mean_id', 'b.project_id', 'p.title as project_title', 'p.working_group_id', 'p.lead_nominee_id', 'b.starts_at', 'b.ends_at', 'b.purpose', 'b.status',
      'b.requested_by', 'rq.full_name as requested_by_name', 'b.requested_at', 'b.decided_by', 'dc.full_name as decided_by_name', 'b.decided_at', 'b.decline_reason',
    ]);
}
type BookingRow = Awaited<ReturnType<ReturnType<typeof bookings>['execute']>>[number];

const bookingView = (row: BookingRow) => ({
  id: row.id,
  project: { id: row.project_id, title: row.project_title },
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  purpose: row.purpose,
  status: row.status as BookingStatus,
  requestedBy: personOf(row.requested_by, row.requested_by_name),
  requestedAt: row.requested_at,
  decidedBy: personOf(row.decided_by, row.decided_by_name),
  decidedAt: row.decided_at,
  declineReason: row.decline_reason,
});

/**
 * The partnership's means still lent, by organization, each with its live bookings still to end
 * (soonest first), in four queries whatever their number: for every person of the partnership.
 * With `projectId`, the project the booking form is for, and whether this viewer may book for it.
 */
export async function pooledMeans(db: Db, viewer: Viewer, partnershipId: string, now: Date, projectId: string | undefined): Promise<z.infer<typeof pooledMeansAnswer>> {
  const [means, upcoming, organizations, project] = await Promise.all([
    db
      .selectFrom('pooled_mean as m')
      .innerJoin('organization as o', 'o.id', 'm.organization_id')
      .select(['m.id', 'm.organization_id', 'o.name as organization_name', 'm.kind', 'm.label', 'm.conditions', 'm.created_at'])
      .where('m.partnership_id', '=', partnershipId)
      .where('m.withdrawn_at', 'is', null)
      .orderBy('o.name')
      .orderBy('m.label')
      .orderBy('m.id')
      .execute(),
    bookings(db).where('m.partnership_id', '=', partnershipId).where('m.withdrawn_at', 'is', null).where('b.status', '=', 'informed').where('b.ends_at', '>', now).orderBy('b.starts_at').orderBy('b.id').execute(),
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').orderBy('id').execute(),
    projectId === undefined
      ? Promise.resolve(undefined)
      : db.selectFrom('project').select(['id', 'title', 'stage', 'working_group_id', 'lead_nominee_id']).where('id', '=', projectId).where('partnership_id', '=', partnershipId).executeTakeFirst(),
  ]);
  if (projectId !== undefined && !project) throw notFound();
  const bookingsOf = groupRows(upcoming, (row) => row.mean_id);
  const byOrganization = groupRows(means, (row) => row.organization_id);
  return {
    organizations: [...byOrganization.values()].map((rows) => ({
      id: rows[0]!.organization_id,
      name: rows[0]!.organization_name,
      means: rows.map((row) => ({
        id: row.id,
        kind: row.kind as MeanKind,
        label: row.label,
        conditions: row.conditions,
        createdAt: row.created_at,
        upcoming: (bookingsOf.get(row.id) ?? []).map(bookingView),
      })),
    })),
    can: { lendFor: organizations.filter((organization) => may.lendMeans(viewer, organization.id)) },
    project: project
      ? {
          id: project.id,
          title: project.title,
          canBook: project.stage !== 'closed' && project.stage !== 'refused' && may.conductProject(viewer, { workingGroupId: project.working_group_id, leadNomineeId: project.lead_nominee_id }),
        }
      : null,
  };
}

/** One booking with its mean, for its page: the lenders' decline form, the team's cancel. */
export async function pooledMeanBooking(db: Db, viewer: Viewer, partnershipId: string, now: Date, bookingId: string): Promise<z.infer<typeof bookingAnswer>> {
  const row = await bookings(db)
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .select(['m.kind', 'm.label', 'm.conditions', 'm.withdrawn_at', 'm.organization_id', 'o.name as organization_name'])
    .where('b.id', '=', bookingId)
    .where('m.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const view = bookingView(row);
  const span = { startsAt: row.starts_at, endsAt: row.ends_at, status: view.status };
  const directors = await lendingDirectorIds(db, partnershipId, row.organization_id, now);
  return {
    ...view,
    mean: { id: row.mean_id, kind: row.kind as MeanKind, label: row.label, conditions: row.conditions, withdrawn: row.withdrawn_at !== null, organization: { id: row.organization_id, name: row.organization_name } },
    can: {
      decline: may.declineBooking(viewer, directors) && mayDecline(span, now).ok,
      cancel: may.cancelBooking(viewer, { requestedBy: row.requested_by, workingGroupId: row.working_group_id, leadNomineeId: row.lead_nominee_id }) && mayCancel(span, now).ok,
    },
  };
}
