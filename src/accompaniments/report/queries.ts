import { sql, type Kysely } from 'kysely';
import type { Database } from '../../common/database/schema.js';
import { groupRows } from '../../common/group-rows.js';
import { resultsOf, type QuestionnaireHeading } from '../../questionnaires/results/queries.js';
import { accompanimentInView, type InAccompaniments } from '../access.js';
import { membersOfSpace } from '../queries.js';
import { mayContribute, seesConfidential, type AccompanimentRole } from '../rules.js';

type Db = Kysely<Database>;

const MAP_KINDS = ['cooperation', 'obstacle', 'need', 'skill', 'premises', 'equipment'] as const;
type MapKind = (typeof MAP_KINDS)[number];

/**
 * The final report of an accompaniment (issue 21), read by everyone the space shows itself to: the
 * space, its programme and who came, its participants by organization (outsiders apart), each
 * questionnaire sent with its results, the resources produced (confidential ones only for the
 * group), the map, the harvest, and the decisions of its project. The PDF and the page print the
 * same answer. A fixed number of queries, each bounded by the space.
 */
export async function accompanimentReport(db: Db, scope: InAccompaniments, accompanimentId: string) {
  const accompaniment = await accompanimentInView(db, scope, accompanimentId);
  const [space, days, items, presence, { members, memberships, organizationsOf }, questionnaires, resources, entries, parties, harvest, decisions] = await Promise.all([
    db
      .selectFrom('accompaniment as a')
      .leftJoin('project as p', 'p.id', 'a.project_id')
      .select(['a.purpose', 'p.title as project_title'])
      .where('a.id', '=', accompanimentId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('accompaniment_day')
      .select(['id', 'title', 'starts_at', 'ends_at', 'place', 'held_at'])
      .where('accompaniment_id', '=', accompanimentId)
      .orderBy('starts_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('accompaniment_day_item as i')
      .innerJoin('accompaniment_day as d', 'd.id', 'i.day_id')
      .select(['i.day_id', 'i.title', 'i.minutes'])
      .where('d.accompaniment_id', '=', accompanimentId)
      .orderBy('i.position')
      .execute(),
    db
      .selectFrom('accompaniment_day_presence as pr')
      .innerJoin('accompaniment_day as d', 'd.id', 'pr.day_id')
      .innerJoin('person as p', 'p.id', 'pr.person_id')
      .select(['pr.day_id', 'p.full_name'])
      .where('d.accompaniment_id', '=', accompanimentId)
      .orderBy('p.full_name')
      .orderBy('p.id')
      .execute(),
    membersOfSpace(db, accompanimentId),
    // Questionnaire results are the group's (questionnaires/results/rules.ts): a reader's report has none.
    db
      .selectFrom('questionnaire')
      .select(['id', 'title', 'anonymous', 'template', 'opens_at', 'closes_at', 'sent_at'])
      .where('accompaniment_id', '=', accompanimentId)
      .where('sent_at', 'is not', null)
      .$if(!mayContribute(accompaniment.reach), (query) => query.where(sql<boolean>`false`))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('resource as r')
      .leftJoin('person as p', 'p.id', 'r.author_id')
      .select(['r.id', 'r.title', 'r.kind', 'r.licence', 'r.confidential', 'p.full_name as author'])
      .where('r.accompaniment_id', '=', accompanimentId)
      .$if(!seesConfidential(accompaniment.reach), (query) => query.where('r.confidential', '=', false))
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('map_entry as e')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .leftJoin('organization as o', 'o.id', 'e.organization_id')
      .select(['e.id', 'e.kind', 'e.title', 'e.description', 'e.status', 'e.cooperation_id', 'p.full_name as person_name', 'o.name as organization_name'])
      .where('e.accompaniment_id', '=', accompanimentId)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('map_cooperation_party as c')
      .innerJoin('map_entry as e', 'e.id', 'c.entry_id')
      .leftJoin('person as p', 'p.id', 'c.person_id')
      .leftJoin('organization as o', 'o.id', 'c.organization_id')
      .select(['c.entry_id', 'p.full_name as person_name', 'o.name as organization_name'])
      .where('e.accompaniment_id', '=', accompanimentId)
      .orderBy('c.position')
      .execute(),
    db
      .selectFrom('harvest_item as h')
      .leftJoin('person as p', 'p.id', 'h.author_id')
      .leftJoin('accompaniment_day as d', 'd.id', 'h.day_id')
      .select(['h.id', 'h.kind', 'h.text', 'h.project_stage', 'p.full_name as author', 'd.title as day_title'])
      .where('h.accompaniment_id', '=', accompanimentId)
      // Nuggets, then pebbles.
      .orderBy('h.kind')
      .orderBy('h.created_at')
      .orderBy('h.id')
      .execute(),
    accompaniment.projectId === null
      ? Promise.resolve([])
      : db
          .selectFrom('proposal')
          .select(['id', 'wording', 'status', 'decided_at', 'outcome_statement'])
          .where('project_id', '=', accompaniment.projectId)
          .where('partnership_id', '=', scope.partnershipId)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
  ]);

  const itemsOf = groupRows(items, (item) => item.day_id);
  const presentAt = groupRows(presence, (row) => row.day_id);
  const partiesOf = groupRows(parties, (row) => row.entry_id);
  const insiders = members.filter((member) => !member.outsider);
  const person = (member: (typeof members)[number]) => ({ id: member.id, fullName: member.full_name, role: member.role as AccompanimentRole });
  // Organizations by name, each with its people by name; someone of two organizations is in both.
  const organizations = new Map<string, { id: string; name: string; people: ReturnType<typeof person>[] }>();
  for (const row of memberships) if (!organizations.has(row.id)) organizations.set(row.id, { id: row.id, name: row.name, people: [] });
  for (const member of insiders) for (const row of organizationsOf.get(member.id) ?? []) organizations.get(row.id)!.people.push(person(member));
  const titleOfEntry = new Map(entries.map((entry) => [entry.id, entry.title]));

  return {
    id: accompaniment.id,
    title: accompaniment.title,
    purpose: space.purpose,
    licence: accompaniment.licence,
    project: accompaniment.projectId !== null && space.project_title !== null ? { id: accompaniment.projectId, title: space.project_title } : null,
    archivedAt: accompaniment.archivedAt,
    days: days.map((day) => ({
      id: day.id,
      title: day.title,
      startsAt: day.starts_at,
      endsAt: day.ends_at,
      place: day.place,
      heldAt: day.held_at,
      items: (itemsOf.get(day.id) ?? []).map((item) => ({ title: item.title, minutes: item.minutes })),
      present: (presentAt.get(day.id) ?? []).map((row) => row.full_name),
    })),
    participants: {
      organizations: [...organizations.values()].filter((organization) => organization.people.length > 0),
      withoutOrganization: insiders.filter((member) => !organizationsOf.has(member.id)).map(person),
      outsiders: members.filter((member) => member.outsider).map(person),
    },
    questionnaires: await Promise.all(
      questionnaires.map((row) => {
        const heading: QuestionnaireHeading = {
          id: row.id,
          title: row.title,
          anonymous: row.anonymous,
          template: row.template as QuestionnaireHeading['template'],
          opensAt: row.opens_at,
          closesAt: row.closes_at,
          sentAt: row.sent_at,
        };
        return resultsOf(db, heading, accompaniment);
      }),
    ),
    resources: resources.map((resource) => ({
      id: resource.id,
      title: resource.title,
      kind: resource.kind as 'file' | 'link' | 'article',
      author: resource.author,
      licence: resource.licence as typeof accompaniment.licence,
      confidential: resource.confidential,
    })),
    // Cooperations first, then what stands in their way, then what people offer; each kind in its order of entry.
    map: [...entries].sort((a, b) => MAP_KINDS.indexOf(a.kind as MapKind) - MAP_KINDS.indexOf(b.kind as MapKind)).map((entry) => ({
      id: entry.id,
      kind: entry.kind as MapKind,
      title: entry.title,
      description: entry.description,
      status: entry.status as 'under_way' | 'to_come' | null,
      /** Who offers a skill, premises or equipment. */
      offeredBy: entry.person_name ?? entry.organization_name ?? null,
      /** Whom a cooperation joins. */
      parties: (partiesOf.get(entry.id) ?? []).map((party) => party.organization_name ?? party.person_name ?? ''),
      /** The cooperation an obstacle or a need stands in the way of. */
      cooperation: entry.cooperation_id === null ? null : (titleOfEntry.get(entry.cooperation_id) ?? null),
    })),
    harvest: harvest.map((item) => ({
      id: item.id,
      kind: item.kind as 'nugget' | 'pebble',
      text: item.text,
      author: item.author,
      day: item.day_title,
      projectStage: item.project_stage,
    })),
    decisions: decisions.map((proposal) => ({
      id: proposal.id,
      wording: proposal.wording,
      status: proposal.status as 'open' | 'adopted' | 'rejected' | 'arbitrated' | 'lapsed',
      decidedAt: proposal.decided_at,
      outcomeStatement: proposal.outcome_statement,
    })),
  };
}

export type AccompanimentReport = Awaited<ReturnType<typeof accompanimentReport>>;
