import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../common/database/schema.js';
import { groupRows } from '../common/group-rows.js';
import { accompanimentInView, type InAccompaniments } from '../accompaniments/access.js';
import { mayContribute } from '../accompaniments/rules.js';
import type { mapSearch } from './contract.js';
import { cooperationGraph, mayChangeEntry, MAP_KINDS, partyKey, type CooperationStatus, type MapKind, type MapParty } from './rules.js';

type Db = Kysely<Database>;

/** The side of the graph's square, in the drawing's units: the circle's diameter. */
const GRAPH_SIZE = 400;

interface PartyRow {
  readonly organization_id: string | null;
  readonly organization_name: string | null;
  readonly person_id: string | null;
  readonly person_name: string | null;
}

function partyOf(row: PartyRow): { kind: 'organization' | 'person'; id: string; name: string } | null {
  if (row.organization_id !== null) return { kind: 'organization', id: row.organization_id, name: row.organization_name ?? '' };
  if (row.person_id !== null) return { kind: 'person', id: row.person_id, name: row.person_name ?? '' };
  return null;
}

/**
 * The map of a space: its entries (those the words and the kind select: « Qui sait… ? » searches
 * titles and descriptions in French, accents ignored, best match first), the graph of who
 * cooperates with whom over all its cooperations, and what a new entry may name. Five statements.
 */
export async function mapOf(db: Db, scope: InAccompaniments, accompanimentId: string, search: z.infer<typeof mapSearch>) {
  const accompaniment = await accompanimentInView(db, scope, accompanimentId);
  const words = search.q !== undefined && search.q !== '' ? search.q : null;
  const query = sql`websearch_to_tsquery('entente_french'::regconfig, ${words ?? ''})`;
  let entries = db
    .selectFrom('map_entry as e')
    .leftJoin('map_entry as c', 'c.id', 'e.cooperation_id')
    .leftJoin('organization as o', 'o.id', 'e.organization_id')
    .leftJoin('person as p', 'p.id', 'e.person_id')
    .leftJoin('person as a', 'a.id', 'e.created_by')
    .select([
      'e.id',
      'e.kind',
      'e.title',
      'e.description',
      'e.status',
      'e.cooperation_id',
      'c.title as cooperation_title',
      'e.organization_id',
      'o.name as organization_name',
      'e.person_id',
      'p.full_name as person_name',
      'e.created_by',
      'a.full_name as author_name',
      'e.created_at',
    ])
    .where('e.accompaniment_id', '=', accompanimentId);
  if (search.kind !== undefined) entries = entries.where('e.kind', '=', search.kind);
  if (words !== null) entries = entries.where(sql<boolean>`e.search @@ ${query}`).orderBy(sql`ts_rank(e.search, ${query})`, 'desc');
  const [rows, parties, organizations, people] = await Promise.all([
    entries.orderBy('e.created_at').orderBy('e.id').limit(500).execute(),
    db
      .selectFrom('map_cooperation_party as cp')
      .innerJoin('map_entry as e', 'e.id', 'cp.entry_id')
      .leftJoin('organization as o', 'o.id', 'cp.organization_id')
      .leftJoin('person as p', 'p.id', 'cp.person_id')
      .select(['cp.entry_id', 'e.status', 'cp.organization_id', 'o.name as organization_name', 'cp.person_id', 'p.full_name as person_name'])
      .where('e.accompaniment_id', '=', accompanimentId)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .orderBy('cp.position')
      .execute(),
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', scope.partnershipId).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('accompaniment_member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['p.id', 'p.full_name'])
      .where('m.accompaniment_id', '=', accompanimentId)
      .orderBy('p.full_name')
      .orderBy('p.id')
      .execute(),
  ]);
  const partiesOf = groupRows(parties, (party) => party.entry_id);
  const open = accompaniment.archivedAt === null;
  // Without words, the list reads kind by kind; with words, best match first.
  const listed = words !== null ? rows : [...rows].sort((a, b) => MAP_KINDS.indexOf(a.kind as MapKind) - MAP_KINDS.indexOf(b.kind as MapKind));
  const cooperations = [...partiesOf].map(([id, joined]) => ({
    id,
    status: joined[0]!.status as CooperationStatus,
    parties: joined.map((party): MapParty => (party.organization_id !== null ? { organizationId: party.organization_id } : { personId: party.person_id! })),
  }));
  const graph = cooperationGraph(cooperations, GRAPH_SIZE / 2);
  const names = new Map(parties.map((party) => [partyKey(party.organization_id !== null ? { organizationId: party.organization_id } : { personId: party.person_id! }), partyOf(party)!]));
  return {
    accompaniment: { id: accompaniment.id, title: accompaniment.title },
    entries: listed.map((row) => ({
      id: row.id,
      kind: row.kind as MapKind,
      title: row.title,
      description: row.description,
      status: row.status as CooperationStatus | null,
      cooperation: row.cooperation_id !== null ? { id: row.cooperation_id, title: row.cooperation_title ?? '' } : null,
      parties: (partiesOf.get(row.id) ?? []).map((party) => partyOf(party)!),
      offeredBy: partyOf(row),
      author: row.created_by !== null ? { id: row.created_by, fullName: row.author_name ?? '' } : null,
      createdAt: row.created_at,
      can: { change: open && mayChangeEntry(accompaniment.reach, row.created_by, scope.viewer.personId) },
    })),
    graph: {
      size: GRAPH_SIZE,
      nodes: graph.nodes.map((node) => ({ ...names.get(node.key)!, key: node.key, x: node.x, y: node.y })),
      edges: graph.edges,
    },
    choices: { organizations, people: people.map((person) => ({ id: person.id, fullName: person.full_name })) },
    can: { add: open && mayContribute(accompaniment.reach) },
  };
}
