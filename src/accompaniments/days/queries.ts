import type { Kysely } from 'kysely';
import type { Database } from '../../common/database/schema.js';
import { notFound } from '../../common/errors.js';
import { accompanimentInView, type InAccompaniments } from '../access.js';
import { mayFacilitate } from '../rules.js';

type Db = Kysely<Database>;

/** The days of a space in their order, with how many came to those held (a space holds a few). */
export async function dayList(db: Db, scope: InAccompaniments, accompanimentId: string) {
  const accompaniment = await accompanimentInView(db, scope, accompanimentId);
  const rows = await db
    .selectFrom('accompaniment_day as d')
    .select((eb) => [
      'd.id',
      'd.title',
      'd.starts_at',
      'd.ends_at',
      'd.place',
      'd.held_at',
      eb.selectFrom('accompaniment_day_presence as p').select((inner) => inner.fn.countAll<string>().as('n')).whereRef('p.day_id', '=', 'd.id').as('present_count'),
    ])
    .where('d.accompaniment_id', '=', accompanimentId)
    .orderBy('d.starts_at')
    .orderBy('d.id')
    .execute();
  return {
    days: rows.map((row) => ({ id: row.id, title: row.title, startsAt: row.starts_at, endsAt: row.ends_at, place: row.place, heldAt: row.held_at, presentCount: Number(row.present_count ?? 0) })),
    can: { schedule: accompaniment.archivedAt === null && mayFacilitate(accompaniment.reach) },
  };
}

/** A day's page: its programme, and the space's members with whether they came. */
export async function dayPage(db: Db, scope: InAccompaniments, dayId: string) {
  const day = await db
    .selectFrom('accompaniment_day as d')
    .innerJoin('accompaniment as a', 'a.id', 'd.accompaniment_id')
    .select(['d.id', 'd.accompaniment_id', 'd.title', 'd.starts_at', 'd.ends_at', 'd.place', 'd.held_at'])
    .where('d.id', '=', dayId)
    .where('a.partnership_id', '=', scope.partnershipId)
    .executeTakeFirst();
  if (!day) throw notFound();
  const accompaniment = await accompanimentInView(db, scope, day.accompaniment_id);
  const [programme, people] = await Promise.all([
    db.selectFrom('accompaniment_day_item').select(['id', 'title', 'minutes']).where('day_id', '=', dayId).orderBy('position').execute(),
    db
      .selectFrom('person as p')
      .leftJoin('accompaniment_member as m', (join) => join.onRef('m.person_id', '=', 'p.id').on('m.accompaniment_id', '=', day.accompaniment_id))
      .leftJoin('accompaniment_day_presence as dp', (join) => join.onRef('dp.person_id', '=', 'p.id').on('dp.day_id', '=', dayId))
      .select(['p.id', 'p.full_name', 'p.outsider', 'm.person_id as member_id', 'dp.person_id as present_id'])
      .where('p.partnership_id', '=', scope.partnershipId)
      .where((eb) => eb.or([eb('m.person_id', 'is not', null), eb('dp.person_id', 'is not', null)]))
      .orderBy('p.full_name')
      .orderBy('p.id')
      .execute(),
  ]);
  const open = accompaniment.archivedAt === null && mayFacilitate(accompaniment.reach);
  return {
    id: day.id,
    accompaniment: { id: accompaniment.id, title: accompaniment.title, archived: accompaniment.archivedAt !== null },
    title: day.title,
    startsAt: day.starts_at,
    endsAt: day.ends_at,
    place: day.place,
    heldAt: day.held_at,
    programme: programme.map((item) => ({ id: item.id, title: item.title, minutes: item.minutes })),
    people: people.map((person) => ({
      person: { id: person.id, fullName: person.full_name },
      outsider: person.outsider,
      member: person.member_id !== null,
      present: person.present_id !== null,
    })),
    can: { change: open && day.held_at === null, hold: open },
  };
}
