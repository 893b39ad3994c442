import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../../common/act.js';
import type { Database } from '../../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../../common/errors.js';
import { textHash } from '../../journal/chain.js';
import type { JournalEvent } from '../../journal/journal-store.js';
import { openAccompanimentForAct } from '../access.js';
import { mayFacilitate } from '../rules.js';
import type { dayHeldInput, dayInput } from './contract.js';
import { dayChangeRefusal, dayHoldRefusal, programmeText } from './rules.js';

type Trx = Transaction<Database>;
type DayInput = z.infer<typeof dayInput>;

const inAccompaniments = (ctx: ActContext) => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

/** What the journal keeps of a day: its times, and fingerprints of its words. */
const dayFacts = (input: DayInput) => ({
  startsAt: new Date(input.startsAt).toISOString(),
  endsAt: new Date(input.endsAt).toISOString(),
  titleHash: textHash(input.title),
  placeHash: textHash(input.place),
  programmeHash: textHash(programmeText(input.programme)),
});

async function writeProgramme(trx: Trx, dayId: string, programme: DayInput['programme']) {
  await trx.deleteFrom('accompaniment_day_item').where('day_id', '=', dayId).execute();
  if (programme.length === 0) return;
  await trx
    .insertInto('accompaniment_day_item')
    .values(programme.map((item, position) => ({ id: randomUUID(), day_id: dayId, position, title: item.title, minutes: item.minutes })))
    .execute();
}

/**
 * A facilitator schedules a day of the accompaniment with its programme; every other member,
 * outsiders included, is convened by mail with the day as a calendar event.
 */
export async function scheduleDay(ctx: ActContext, accompanimentId: string, input: DayInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    const id = randomUUID();
    await trx
      .insertInto('accompaniment_day')
      .values({ id, accompaniment_id: accompanimentId, title: input.title, starts_at: new Date(input.startsAt), ends_at: new Date(input.endsAt), place: input.place, created_by: ctx.viewer.personId, created_at: ctx.now })
      .execute();
    await writeProgramme(trx, id, input.programme);
    return { result: { id }, events: [{ kind: 'accompaniment.dayScheduled', payload: { accompanimentId, dayId: id, ...dayFacts(input) } }] };
  });
}

/** The day and its space, for an act on it: 404 when the viewer does not reach the space, 409 once it is archived. */
async function dayForAct(trx: Trx, ctx: ActContext, dayId: string) {
  const day = await trx
    .selectFrom('accompaniment_day as d')
    .innerJoin('accompaniment as a', 'a.id', 'd.accompaniment_id')
    .select(['d.id', 'd.accompaniment_id', 'd.starts_at', 'd.held_at'])
    .where('d.id', '=', dayId)
    .where('a.partnership_id', '=', ctx.partnershipId)
    .executeTakeFirst();
  if (!day) throw notFound();
  const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), day.accompaniment_id);
  if (!mayFacilitate(accompaniment.reach)) throw forbidden();
  // Taken after the space, in the order every act of the space takes its locks.
  const locked = await trx.selectFrom('accompaniment_day').select(['starts_at', 'held_at']).where('id', '=', dayId).forUpdate().executeTakeFirstOrThrow();
  return { id: day.id, accompanimentId: day.accompaniment_id, startsAt: locked.starts_at, heldAt: locked.held_at };
}

/**
 * The questionnaires not yet sent that open some weeks after this day (the cold evaluation) move
 * with it: their opening is computed again from the day's start, as the questionnaires' builder
 * computes it (questionnaires/acts.ts `openingAfterDay`), and their close keeps its distance.
 */
async function moveQuestionnairesAfterDay(trx: Trx, dayId: string): Promise<JournalEvent[]> {
  const moved = await trx
    .updateTable('questionnaire as q')
    .from('accompaniment_day as d')
    .set({
      opens_at: sql<Date>`d.starts_at + make_interval(weeks => q.weeks_after_day)`,
      closes_at: sql<Date | null>`coalesce(q.closes_at + ((d.starts_at + make_interval(weeks => q.weeks_after_day)) - q.opens_at), q.closes_at)`,
    })
    .whereRef('d.id', '=', 'q.day_id')
    .where('q.day_id', '=', dayId)
    .where('q.weeks_after_day', 'is not', null)
    .where('q.sent_at', 'is', null)
    .where(sql<boolean>`q.opens_at is distinct from d.starts_at + make_interval(weeks => q.weeks_after_day)`)
    .returning(['q.id', 'q.anonymous', 'q.opens_at', 'q.closes_at'])
    .execute();
  return moved
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((row) => ({
      kind: 'questionnaire.changed',
      payload: { questionnaireId: row.id, anonymous: row.anonymous, opensAt: row.opens_at?.toISOString() ?? null, closesAt: row.closes_at?.toISOString() ?? null },
    }));
}

/** A facilitator changes a day not yet held (its time, place or programme); the members are told again, with the new event. */
export async function changeDay(ctx: ActContext, dayId: string, input: DayInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const day = await dayForAct(trx, ctx, dayId);
    const refusal = dayChangeRefusal(day);
    if (refusal !== null) throw conflict(refusal);
    await trx
      .updateTable('accompaniment_day')
      .set({ title: input.title, starts_at: new Date(input.startsAt), ends_at: new Date(input.endsAt), place: input.place })
      .where('id', '=', dayId)
      .execute();
    await writeProgramme(trx, dayId, input.programme);
    const followers = await moveQuestionnairesAfterDay(trx, dayId);
    return {
      result: undefined,
      events: [{ kind: 'accompaniment.dayChanged', payload: { accompanimentId: day.accompanimentId, dayId, ...dayFacts(input) } }, ...followers],
    };
  });
}

/**
 * A facilitator says the day was held, once it has begun, noting who came among the space's
 * members; said again, it corrects who came. The report's « programme held » reads it.
 */
export async function holdDay(ctx: ActContext, dayId: string, input: z.infer<typeof dayHeldInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const day = await dayForAct(trx, ctx, dayId);
    const refusal = dayHoldRefusal(day, ctx.now);
    if (refusal !== null) throw conflict(refusal);
    // Sorted as the state proof sorts them (journal/state-proof.ts), in lower case as the database writes a uuid.
    const presentIds = [...new Set(input.presentIds.map((personId) => personId.toLowerCase()))].sort();
    const previous = await trx.selectFrom('accompaniment_day_presence').select('person_id').where('day_id', '=', dayId).execute();
    const known = new Set(previous.map((row) => row.person_id));
    const newcomers = presentIds.filter((personId) => !known.has(personId));
    if (newcomers.length > 0) {
      const members = await trx
        .selectFrom('accompaniment_member')
        .select('person_id')
        .where('accompaniment_id', '=', day.accompanimentId)
        .where('person_id', 'in', newcomers)
        .execute();
      // Someone noted present before leaving the space stays present; anyone else must be a member.
      if (members.length !== newcomers.length) throw invalid('presentIds', 'accompaniment.day.field.notAMember');
    }
    await trx.deleteFrom('accompaniment_day_presence').where('day_id', '=', dayId).execute();
    if (presentIds.length > 0) await trx.insertInto('accompaniment_day_presence').values(presentIds.map((personId) => ({ day_id: dayId, person_id: personId }))).execute();
    if (day.heldAt === null) await trx.updateTable('accompaniment_day').set({ held_at: ctx.now }).where('id', '=', dayId).execute();
    return { result: undefined, events: [{ kind: 'accompaniment.dayHeld', payload: { accompanimentId: day.accompanimentId, dayId, presentIds } }] };
  });
}
