/**
 * The people of a partnership of 10,000 (bench/scale.js), read a page at a time in name order and
 * searched as one types. A search ignores case and accents, since many type "helene" for Hélène:
 * `unaccent` ships with PostgreSQL and PGlite, but is only stable, so an immutable wrapper naming
 * its dictionary, in whatever schema the extension lives, lets a trigram index serve the search.
 * The pattern is folded before its wildcards are escaped: `unaccent` turns the fullwidth ％ and ＿
 * into % and _, which must stay literal. The index in name order starts with the partnership, so
 * the one on the partnership alone goes.
 */
export const peopleSearch: readonly string[] = [
  `create extension if not exists unaccent`,
  `do $$
     declare
       home text := (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent');
     begin
       execute format(
         'create function search_folded(text) returns text language sql immutable strict parallel safe as %L',
         format('select lower(%I.unaccent(%L::regdictionary, $1))', home, quote_ident(home) || '.unaccent'));
     end
   $$`,
  String.raw`create function search_contains(text) returns text language sql immutable strict parallel safe
     as $$ select '%' || replace(replace(replace(search_folded($1), '\', '\\'), '%', '\%'), '_', '\_') || '%' $$`,
  `create index person_name_search on person using gin (search_folded(full_name) gin_trgm_ops)`,
  `create index person_by_name on person (partnership_id, full_name, id)`,
  `drop index person_partnership`,
];
