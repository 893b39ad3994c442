import type { Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { accompanimentInView, type InAccompaniments } from '../accompaniments/access.js';
import { mayContribute, mayFacilitate } from '../accompaniments/rules.js';
import { PROJECT_STAGES, type ProjectStage } from '../projects/rules.js';
import { publicationAnswerRefusal, publicationAskRefusal, type HarvestKind, type PublicationState } from './rules.js';

type Db = Kysely<Database>;

/**
 * The harvest of a space, oldest first, as the group gathered it, with what each viewer may do on
 * each item, and what a new item may be tied to. Two statements.
 */
export async function harvestOf(db: Db, scope: InAccompaniments, accompanimentId: string) {
  const accompaniment = await accompanimentInView(db, scope, accompanimentId);
  const [items, days] = await Promise.all([
    db
      .selectFrom('harvest_item as h')
      .leftJoin('person as a', 'a.id', 'h.author_id')
      .leftJoin('accompaniment_day as d', 'd.id', 'h.day_id')
      .select([
        'h.id',
        'h.kind',
        'h.text',
        'h.author_id',
        'a.full_name as author_name',
        'h.day_id',
        'd.title as day_title',
        'd.starts_at as day_starts_at',
        'h.project_stage',
        'h.created_at',
        'h.publication',
        'h.publication_title',
        'h.published_at',
      ])
      .where('h.accompaniment_id', '=', accompanimentId)
      .orderBy('h.created_at')
      .orderBy('h.id')
      .limit(1000)
      .execute(),
    db.selectFrom('accompaniment_day').select(['id', 'title', 'starts_at']).where('accompaniment_id', '=', accompanimentId).orderBy('starts_at').orderBy('id').execute(),
  ]);
  const open = accompaniment.archivedAt === null;
  return {
    accompaniment: { id: accompaniment.id, title: accompaniment.title, licence: accompaniment.licence },
    items: items.map((row) => {
      const state = { publication: row.publication as PublicationState, authorId: row.author_id };
      return {
        id: row.id,
        kind: row.kind as HarvestKind,
        text: row.text,
        author: row.author_id !== null ? { id: row.author_id, fullName: row.author_name ?? '' } : null,
        day: row.day_id !== null && row.day_title !== null && row.day_starts_at !== null ? { id: row.day_id, title: row.day_title, startsAt: row.day_starts_at } : null,
        projectStage: row.project_stage as ProjectStage | null,
        createdAt: row.created_at,
        publication: state.publication,
        publicationTitle: row.publication_title,
        publishedAt: row.published_at,
        can: {
          askPublication: open && mayFacilitate(accompaniment.reach) && publicationAskRefusal(state, accompaniment.licence) === null,
          answerPublication: open && row.author_id === scope.viewer.personId && publicationAnswerRefusal(state, accompaniment.licence, true) === null,
        },
      };
    }),
    days: days.map((day) => ({ id: day.id, title: day.title, startsAt: day.starts_at })),
    projectStages: accompaniment.projectId !== null ? [...PROJECT_STAGES] : [],
    can: { add: open && mayContribute(accompaniment.reach) },
  };
}
