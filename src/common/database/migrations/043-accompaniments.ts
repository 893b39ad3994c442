/**
 * A shared workspace for a collective's journey (issue 21, seeds 000, 002 and 003).
 *
 * - An accompaniment: a space of the partnership, or of one of its projects, with its
 *   facilitators and participants (some of them outsiders, invited by link), its days and their
 *   programme, and once over, archived read-only as the group's memory.
 * - Questionnaires: questions of six kinds, open between two instants, sent by mail; a « cold »
 *   evaluation is scheduled a number of weeks after a day. An anonymous questionnaire keeps who
 *   took part (`questionnaire_participation`) apart from what was answered
 *   (`questionnaire_response` without person nor time), so no row links the two.
 * - Resources: files kept in the database (size and type checked by the act), links and short
 *   articles, under a licence, searchable in French with accents ignored (`entente_french`).
 * - The map: cooperations, their obstacles and needs, and the skills, premises and equipment
 *   someone offers, with the organizations or people a cooperation joins.
 * - The harvest: what worked (nuggets) and what did not (pebbles), published with their author's
 *   consent as experience articles.
 */
export const accompaniments: readonly string[] = [
  `create table accompaniment (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    project_id uuid references project(id),
    title text not null check (length(title) between 1 and 200),
    purpose text not null default '' check (length(purpose) <= 5000),
    licence text not null check (licence in ('CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0', 'all_rights_reserved')),
    created_by uuid references person(id),
    created_at timestamptz not null,
    archived_at timestamptz,
    archived_by uuid references person(id)
  )`,
  `create index accompaniment_partnership on accompaniment (partnership_id, created_at)`,

  `create table accompaniment_member (
    accompaniment_id uuid not null references accompaniment(id),
    person_id uuid not null references person(id),
    role text not null check (role in ('facilitator', 'participant')),
    added_by uuid references person(id),
    added_at timestamptz not null,
    primary key (accompaniment_id, person_id)
  )`,
  `create index accompaniment_member_person on accompaniment_member (person_id)`,

  `create table accompaniment_day (
    id uuid primary key,
    accompaniment_id uuid not null references accompaniment(id),
    title text not null check (length(title) between 1 and 200),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    place text not null default '' check (length(place) <= 300),
    held_at timestamptz,
    created_by uuid references person(id),
    created_at timestamptz not null,
    check (ends_at > starts_at)
  )`,
  `create index accompaniment_day_accompaniment on accompaniment_day (accompaniment_id, starts_at)`,
  `create table accompaniment_day_item (
    id uuid primary key,
    day_id uuid not null references accompaniment_day(id),
    position integer not null check (position >= 0),
    title text not null check (length(title) between 1 and 300),
    minutes integer check (minutes between 1 and 600),
    unique (day_id, position)
  )`,
  `create table accompaniment_day_presence (
    day_id uuid not null references accompaniment_day(id),
    person_id uuid not null references person(id),
    primary key (day_id, person_id)
  )`,

  `create table questionnaire (
    id uuid primary key,
    accompaniment_id uuid not null references accompaniment(id),
    title text not null check (length(title) between 1 and 200),
    intro text not null default '' check (length(intro) <= 5000),
    template text check (template in ('before_day', 'hot_feedback', 'cold_evaluation')),
    anonymous boolean not null,
    day_id uuid references accompaniment_day(id),
    weeks_after_day integer check (weeks_after_day between 1 and 52),
    opens_at timestamptz,
    closes_at timestamptz,
    sent_at timestamptz,
    reminded_at timestamptz,
    created_by uuid references person(id),
    created_at timestamptz not null,
    check (closes_at is null or opens_at is null or closes_at > opens_at),
    check ((weeks_after_day is null) or (day_id is not null))
  )`,
  `create index questionnaire_accompaniment on questionnaire (accompaniment_id, created_at)`,
  // The clock looks for questionnaires whose opening passed and whose invitation has not left.
  `create index questionnaire_to_send on questionnaire (opens_at) where sent_at is null and opens_at is not null`,
  `create table questionnaire_question (
    id uuid primary key,
    questionnaire_id uuid not null references questionnaire(id),
    position integer not null check (position >= 0),
    kind text not null check (kind in ('short_text', 'long_text', 'single_choice', 'multiple_choice', 'scale', 'ranking')),
    label text not null check (length(label) between 1 and 500),
    help text not null default '' check (length(help) <= 1000),
    required boolean not null default false,
    choices jsonb not null default '[]',
    scale_min integer,
    scale_max integer,
    scale_min_label text not null default '' check (length(scale_min_label) <= 100),
    scale_max_label text not null default '' check (length(scale_max_label) <= 100),
    unique (questionnaire_id, position),
    check ((kind = 'scale') = (scale_min is not null and scale_max is not null)),
    check (scale_min is null or (scale_min >= 0 and scale_max <= 10 and scale_max > scale_min))
  )`,
  // A named response is its respondent's, saved as they go; an anonymous one names nobody and
  // keeps no time, and its id is random: nothing in it leads back to a participation row.
  `create table questionnaire_response (
    id uuid primary key,
    questionnaire_id uuid not null references questionnaire(id),
    person_id uuid references person(id),
    answers jsonb not null default '{}',
    submitted boolean not null default false,
    updated_at timestamptz,
    unique (questionnaire_id, person_id),
    check ((person_id is null) = (updated_at is null))
  )`,
  `create index questionnaire_response_questionnaire on questionnaire_response (questionnaire_id)`,
  `create table questionnaire_participation (
    questionnaire_id uuid not null references questionnaire(id),
    person_id uuid not null references person(id),
    answered_at timestamptz not null,
    primary key (questionnaire_id, person_id)
  )`,

  `create extension if not exists unaccent`,
  // French full-text search that ignores accents: « evenement » finds « événements ».
  `do $$
     declare
       home text := (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent');
     begin
       create text search configuration entente_french (copy = pg_catalog.french);
       execute format('alter text search configuration entente_french alter mapping for hword, hword_part, word with %I.unaccent, french_stem', home);
     end
   $$`,
  // array_to_string is only stable in general; over text it depends on nothing, so a generated
  // column may use it.
  `create function search_tags(text[]) returns text language sql immutable strict parallel safe
     as $$ select array_to_string($1, ' ') $$`,

  `create table workspace_file (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    file_name text not null check (length(file_name) between 1 and 200),
    content_type text not null check (length(content_type) between 1 and 100),
    size_bytes integer not null check (size_bytes between 1 and 10485760),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea not null,
    uploaded_by uuid references person(id),
    uploaded_at timestamptz not null
  )`,
  `create index workspace_file_partnership on workspace_file (partnership_id)`,
  `create table resource (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    accompaniment_id uuid not null references accompaniment(id),
    kind text not null check (kind in ('file', 'link', 'article')),
    title text not null check (length(title) between 1 and 300),
    summary text not null default '' check (length(summary) <= 2000),
    url text check (length(url) <= 2000),
    body text check (length(body) <= 100000),
    file_id uuid references workspace_file(id),
    author_id uuid references person(id),
    tags text[] not null default '{}',
    licence text not null check (licence in ('CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0', 'all_rights_reserved')),
    confidential boolean not null default false,
    output_title text check (length(output_title) <= 300),
    published_at timestamptz,
    created_by uuid references person(id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    search tsvector generated always as (
      to_tsvector('entente_french', title || ' ' || summary || ' ' || coalesce(body, '') || ' ' || search_tags(tags))
    ) stored,
    check ((kind = 'file') = (file_id is not null)),
    check ((kind = 'link') = (url is not null)),
    check ((kind = 'article') = (body is not null)),
    check (published_at is null or (not confidential and licence <> 'all_rights_reserved'))
  )`,
  `create index resource_accompaniment on resource (accompaniment_id, created_at)`,
  `create index resource_search on resource using gin (search)`,
  `create index resource_published on resource (published_at) where published_at is not null`,

  `create table map_entry (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    accompaniment_id uuid not null references accompaniment(id),
    kind text not null check (kind in ('cooperation', 'obstacle', 'need', 'skill', 'premises', 'equipment')),
    title text not null check (length(title) between 1 and 300),
    description text not null default '' check (length(description) <= 5000),
    -- Deferred: a restore writes a map's entries in any order.
    cooperation_id uuid references map_entry(id) deferrable initially deferred,
    status text check (status in ('under_way', 'to_come')),
    person_id uuid references person(id),
    organization_id uuid references organization(id),
    created_by uuid references person(id),
    created_at timestamptz not null,
    search tsvector generated always as (to_tsvector('entente_french', title || ' ' || description)) stored,
    check ((kind = 'cooperation') = (status is not null)),
    check (cooperation_id is null or kind in ('obstacle', 'need'))
  )`,
  `create index map_entry_accompaniment on map_entry (accompaniment_id, kind, created_at)`,
  `create index map_entry_search on map_entry using gin (search)`,
  `create table map_cooperation_party (
    entry_id uuid not null references map_entry(id),
    position integer not null check (position >= 0),
    organization_id uuid references organization(id),
    person_id uuid references person(id),
    primary key (entry_id, position),
    check ((organization_id is null) <> (person_id is null))
  )`,

  `create table harvest_item (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    accompaniment_id uuid not null references accompaniment(id),
    kind text not null check (kind in ('nugget', 'pebble')),
    text text not null check (length(text) <= 5000),
    author_id uuid references person(id),
    day_id uuid references accompaniment_day(id),
    project_id uuid references project(id),
    project_stage text check (length(project_stage) <= 100),
    created_at timestamptz not null,
    publication text not null default 'private' check (publication in ('private', 'asked', 'published')),
    publication_title text check (length(publication_title) <= 300),
    publication_asked_by uuid references person(id),
    publication_asked_at timestamptz,
    published_at timestamptz,
    check ((publication = 'published') = (published_at is not null))
  )`,
  `create index harvest_item_accompaniment on harvest_item (accompaniment_id, created_at)`,
  `create index harvest_item_published on harvest_item (published_at) where published_at is not null`,
];
