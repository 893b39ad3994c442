/**
 * An erased person's tension keeps its place in the body's record, as a message in a proposal's
 * thread does, with its words emptied (personal-data/acts.ts): the text may now be empty.
 */
export const tensionErasedWords: readonly string[] = [
  `alter table tension drop constraint tension_text_check`,
  `alter table tension add constraint tension_text_check check (length(text) <= 2000)`,
];
