import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';

/**
 * A questionnaire of the six kinds, written straight into its tables (its acts belong to the
 * questionnaires' capability), and answers sent to it: what the results and the report read.
 */
export async function questionnaireWithQuestions(t: TestApp, accompanimentId: string, options: { anonymous: boolean; sent?: boolean; title?: string }) {
  const id = randomUUID();
  const now = new Date('2026-03-02T09:00:00Z');
  await t.store.db
    .insertInto('questionnaire')
    .values({ id, accompaniment_id: accompanimentId, title: options.title ?? 'Avant la journée', anonymous: options.anonymous, created_at: now, sent_at: options.sent === false ? null : now })
    .execute();
  const q = {
    name: randomUUID(),
    hopes: randomUUID(),
    format: randomUUID(),
    themes: randomUUID(),
    energy: randomUUID(),
    priorities: randomUUID(),
  };
  const choices = (...labels: string[]) => JSON.stringify(labels.map((label, index) => ({ id: `c${index + 1}`, label })));
  await t.store.db
    .insertInto('questionnaire_question')
    .values([
      { id: q.name, questionnaire_id: id, position: 0, kind: 'short_text', label: 'Votre conseil citoyen' },
      { id: q.hopes, questionnaire_id: id, position: 1, kind: 'long_text', label: 'Qu’attendez-vous de la journée ?' },
      { id: q.format, questionnaire_id: id, position: 2, kind: 'single_choice', label: 'Quel format préférez-vous ?', choices: choices('Ateliers', 'Plénière') },
      { id: q.themes, questionnaire_id: id, position: 3, kind: 'multiple_choice', label: 'Quels thèmes ?', choices: choices('Logement', 'Mobilité', 'Jeunesse') },
      { id: q.energy, questionnaire_id: id, position: 4, kind: 'scale', label: 'Votre envie de coopérer', scale_min: 1, scale_max: 5 },
      { id: q.priorities, questionnaire_id: id, position: 5, kind: 'ranking', label: 'Vos priorités', choices: choices('Se connaître', 'Agir ensemble', 'Se former') },
    ])
    .execute();
  /** One answer sent: by its respondent when named, by nobody (with a participation row apart) when anonymous. */
  const answer = async (personId: string, answers: Record<string, unknown>, submitted = true) => {
    await t.store.db
      .insertInto('questionnaire_response')
      .values({
        id: randomUUID(),
        questionnaire_id: id,
        person_id: options.anonymous ? null : personId,
        updated_at: options.anonymous ? null : now,
        answers: JSON.stringify(answers),
        submitted,
      })
      .execute();
    if (submitted) await t.store.db.insertInto('questionnaire_participation').values({ questionnaire_id: id, person_id: personId, answered_at: options.anonymous ? null : now }).execute();
  };
  return { id, q, answer };
}
