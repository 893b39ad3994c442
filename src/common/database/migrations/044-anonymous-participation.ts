/**
 * Who took part in an anonymous questionnaire keeps no time: the exact instant of a participation
 * matched the instant of its answer's journal entry and of live results changing, so it linked a
 * person to what they answered. Named participations keep theirs; the to-do list and the
 * reminders only ask whether a participation exists.
 */
export const anonymousParticipation: readonly string[] = [
  `alter table questionnaire_participation alter column answered_at drop not null`,
  `update questionnaire_participation p set answered_at = null from questionnaire q where q.id = p.questionnaire_id and q.anonymous`,
];
