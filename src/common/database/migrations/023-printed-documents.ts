/**
 * The PDF of a document that can no longer change (published minutes, a charter version adopted
 * or superseded, with the signatures it had), kept as first printed: printed once, then read.
 * `edition` names the frozen state printed ('published'; 'adopted:2' for an adopted version
 * with two signatures), so a later state is another row and no row is ever out of date.
 * Derived data: not in backups, deleted with a person's erasure (their name may be printed).
 */
export const printedDocuments: readonly string[] = [
  `create table printed_document (
    subject_id uuid not null,
    edition text not null,
    locale text not null,
    partnership_id uuid not null references partnership(id),
    pdf bytea not null,
    printed_at timestamptz not null default now(),
    primary key (subject_id, edition, locale)
  )`,
  `create index printed_document_partnership on printed_document (partnership_id)`,
];
