import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { forbidden, invalid, notFound } from '../common/errors.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { openAccompanimentForAct, type AccompanimentInView } from '../accompaniments/access.js';
import { mayContribute } from '../accompaniments/rules.js';
import type { mapEntryInput } from './contract.js';
import { mayChangeEntry, repeatedParty, type MapParty } from './rules.js';

type Trx = Transaction<Database>;
type EntryInput = z.infer<typeof mapEntryInput>;

const inAccompaniments = (ctx: ActContext) => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

/** A party must be an organization of the partnership or a person of the space (outsiders of the space included). */
async function requireParty(trx: Trx, ctx: ActContext, accompanimentId: string, party: MapParty, path: string) {
  if ('organizationId' in party) {
    const found = await trx.selectFrom('organization').select('id').where('id', '=', party.organizationId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
    if (!found) throw invalid(path, 'error.organizationNotInPartnership');
    return;
  }
  const member = await trx.selectFrom('accompaniment_member').select('person_id').where('accompaniment_id', '=', accompanimentId).where('person_id', '=', party.personId).executeTakeFirst();
  if (!member) throw invalid(path, 'map.field.personNotInSpace');
}

/** Checks the input's references, and gives the row's columns and the journal's fields (ids and hashes only). */
async function entryOf(trx: Trx, ctx: ActContext, accompanimentId: string, input: EntryInput) {
  let status: string | null = null;
  let cooperationId: string | null = null;
  let offeredBy: MapParty | null = null;
  let parties: readonly MapParty[] = [];
  if (input.kind === 'cooperation') {
    const repeated = repeatedParty(input.parties);
    if (repeated !== null) throw invalid(`parties.${repeated}`, 'map.field.partyTwice');
    for (const [index, party] of input.parties.entries()) await requireParty(trx, ctx, accompanimentId, party, `parties.${index}`);
    status = input.status;
    parties = input.parties;
  } else if ('cooperationId' in input) {
    const cooperation = await trx
      .selectFrom('map_entry')
      .select('id')
      .where('id', '=', input.cooperationId)
      .where('accompaniment_id', '=', accompanimentId)
      .where('kind', '=', 'cooperation')
      .forShare()
      .executeTakeFirst();
    if (!cooperation) throw invalid('cooperationId', 'map.field.cooperation');
    cooperationId = input.cooperationId;
  } else {
    await requireParty(trx, ctx, accompanimentId, input.offeredBy, 'offeredBy');
    offeredBy = input.offeredBy;
  }
  const personId = offeredBy !== null && 'personId' in offeredBy ? offeredBy.personId : null;
  const organizationId = offeredBy !== null && 'organizationId' in offeredBy ? offeredBy.organizationId : null;
  return {
    columns: { kind: input.kind, title: input.title, description: input.description, status, cooperation_id: cooperationId, person_id: personId, organization_id: organizationId },
    parties,
    journaled: {
      kind: input.kind,
      status,
      cooperationId,
      personId,
      organizationId,
      parties: parties.map((party) => ('organizationId' in party ? { organizationId: party.organizationId } : { personId: party.personId })),
      titleHash: textHash(input.title),
      descriptionHash: textHash(input.description),
    },
  };
}

async function writeParties(trx: Trx, entryId: string, parties: readonly MapParty[]) {
  await trx.deleteFrom('map_cooperation_party').where('entry_id', '=', entryId).execute();
  if (parties.length === 0) return;
  await trx
    .insertInto('map_cooperation_party')
    .values(parties.map((party, position) => ({ entry_id: entryId, position, organization_id: 'organizationId' in party ? party.organizationId : null, person_id: 'personId' in party ? party.personId : null })))
    .execute();
}

/** A person of the space puts something on the map: a cooperation, an obstacle or a need of one, or what they or an organization offer. */
export async function addMapEntry(ctx: ActContext, accompanimentId: string, input: EntryInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayContribute(accompaniment.reach)) throw forbidden();
    const entry = await entryOf(trx, ctx, accompanimentId, input);
    const id = randomUUID();
    await trx
      .insertInto('map_entry')
      .values({ id, partnership_id: ctx.partnershipId, accompaniment_id: accompanimentId, ...entry.columns, created_by: ctx.viewer.personId, created_at: ctx.now })
      .execute();
    await writeParties(trx, id, entry.parties);
    const events: JournalEvent[] = [{ kind: 'map.entryAdded', payload: { entryId: id, accompanimentId, createdBy: ctx.viewer.personId, ...entry.journaled } }];
    return { result: { id }, events };
  });
}

/** The entry, locked, in an open space, if this viewer may change it: its author or a facilitator. */
async function entryToChange(trx: Trx, ctx: ActContext, entryId: string): Promise<{ accompaniment: AccompanimentInView; kind: string }> {
  const row = await trx.selectFrom('map_entry').select(['accompaniment_id', 'kind', 'created_by']).where('id', '=', entryId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
  if (!row) throw notFound();
  const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), row.accompaniment_id);
  await trx.selectFrom('map_entry').select('id').where('id', '=', entryId).forUpdate().execute();
  if (!mayChangeEntry(accompaniment.reach, row.created_by, ctx.viewer.personId)) throw forbidden();
  return { accompaniment, kind: row.kind };
}

/** Its author or a facilitator rewrites an entry; its kind stays. */
export async function changeMapEntry(ctx: ActContext, entryId: string, input: EntryInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { accompaniment, kind } = await entryToChange(trx, ctx, entryId);
    if (kind !== input.kind) throw invalid('kind', 'map.field.kindStays');
    const entry = await entryOf(trx, ctx, accompaniment.id, input);
    await trx.updateTable('map_entry').set(entry.columns).where('id', '=', entryId).execute();
    await writeParties(trx, entryId, entry.parties);
    return { result: undefined, events: [{ kind: 'map.entryChanged', payload: { entryId, accompanimentId: accompaniment.id, ...entry.journaled } }] };
  });
}

/** Its author or a facilitator takes an entry off the map; a cooperation takes its obstacles and needs with it. */
export async function removeMapEntry(ctx: ActContext, entryId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { accompaniment } = await entryToChange(trx, ctx, entryId);
    const tied = await trx.deleteFrom('map_entry').where('cooperation_id', '=', entryId).returning('id').execute();
    await trx.deleteFrom('map_cooperation_party').where('entry_id', '=', entryId).execute();
    await trx.deleteFrom('map_entry').where('id', '=', entryId).execute();
    const events: JournalEvent[] = [...tied.map((entry) => entry.id), entryId].map((id) => ({ kind: 'map.entryRemoved', payload: { entryId: id, accompanimentId: accompaniment.id } }));
    return { result: undefined, events };
  });
}
