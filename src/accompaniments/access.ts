import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { conflict, notFound } from '../common/errors.js';
import type { Viewer } from '../common/permissions.js';
import type { Licence } from '../charters/rules/enums.js';
import { accompanimentReach, archivedRefusal, type AccompanimentReach, type AccompanimentRole } from './rules.js';

/**
 * One accompaniment as its acts and pages need it, with this viewer's reach. Every read and act of
 * the workspace (questionnaires, resources, map, harvest, report) goes through here, so what an
 * outsider reaches, and what archiving freezes, is decided in one place.
 */
export interface AccompanimentInView {
  readonly id: string;
  readonly title: string;
  readonly projectId: string | null;
  readonly licence: Licence;
  readonly archivedAt: Date | null;
  readonly memberRole: AccompanimentRole | null;
  readonly reach: Exclude<AccompanimentReach, 'none'>;
}

type Reader = Kysely<Database> | Transaction<Database>;

export interface InAccompaniments {
  readonly partnershipId: string;
  readonly viewer: Viewer;
}

/**
 * The accompaniment, or 404 when it does not exist in this partnership or does not name this
 * outsider. In a transaction, `lock` takes its row FOR SHARE, so archiving (which takes it FOR
 * UPDATE) waits for the acts under way and no act lands after it.
 */
export async function accompanimentInView(
  db: Reader,
  scope: InAccompaniments,
  accompanimentId: string,
  options: { readonly lock?: 'share' | 'update' } = {},
): Promise<AccompanimentInView> {
  let query = db
    .selectFrom('accompaniment as a')
    .leftJoin('accompaniment_member as m', (join) => join.onRef('m.accompaniment_id', '=', 'a.id').on('m.person_id', '=', scope.viewer.personId))
    .select(['a.id', 'a.title', 'a.project_id', 'a.licence', 'a.archived_at', 'm.role'])
    .where('a.id', '=', accompanimentId)
    .where('a.partnership_id', '=', scope.partnershipId);
  if (options.lock === 'share') query = query.forShare('a');
  if (options.lock === 'update') query = query.forUpdate('a');
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  const memberRole = (row.role ?? null) as AccompanimentRole | null;
  const reach = accompanimentReach(scope.viewer, memberRole);
  if (reach === 'none') throw notFound();
  return { id: row.id, title: row.title, projectId: row.project_id, licence: row.licence as Licence, archivedAt: row.archived_at, memberRole, reach };
}

/**
 * The accompaniment an act writes into: locked for share, and refused (409) once archived. Every
 * act of the workspace starts here.
 */
export async function openAccompanimentForAct(trx: Transaction<Database>, scope: InAccompaniments, accompanimentId: string): Promise<AccompanimentInView> {
  const accompaniment = await accompanimentInView(trx, scope, accompanimentId, { lock: 'share' });
  const refusal = archivedRefusal(accompaniment.archivedAt);
  if (refusal !== null) throw conflict(refusal);
  return accompaniment;
}
