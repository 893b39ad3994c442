/**
 * A resource goes on the public pages with its author's name: its author says they agree (issue
 * 21, review). Set by the author when sharing or changing it; a facilitator publishes someone
 * else's resource only once it is true. Resources shared before say nothing: false.
 */
export const resourcePublicationConsent: readonly string[] = [`alter table resource add column author_consents boolean not null default false`];
