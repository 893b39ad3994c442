/**
 * The people of a partnership of 10,000 (bench/scale.js), read a page at a time in name order and
 * searched as one types. A search ignores case and accents, since many type "helene" for Hélène:
 * `unaccent` ships with PostgreSQL and PGlite, but is only stable, so an immutable wrapper naming
 * its dictionary lets a trigram index serve the search. The index in name order starts with the
 * partnership, so the one on the partnership alone goes.
 */
export const peopleSearch: readonly string[] = [
  `create extension if not exists unaccent`,
  `create function search_folded(text) returns text language sql immutable strict parallel safe
     as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
  `create index person_name_search on person using gin (search_folded(full_name) gin_trgm_ops)`,
  `create index person_by_name on person (partnership_id, full_name, id)`,
  `drop index person_partnership`,
];
