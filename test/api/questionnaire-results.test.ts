import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { questionnaireWithQuestions } from '../support/questionnaire-rows.js';
import { newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let origin: string;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

/** Three answers as the group sends them: Amina, Bruno and Éric (from outside). */
async function answered(s: Awaited<ReturnType<typeof accompanimentWithGroup>>, anonymous: boolean) {
  const questionnaire = await questionnaireWithQuestions(t, s.id, { anonymous });
  const { q } = questionnaire;
  await questionnaire.answer(s.amina.personId, {
    [q.name]: 'Nord',
    [q.hopes]: '=Se rencontrer enfin',
    [q.format]: 'c1',
    [q.themes]: ['c1', 'c2'],
    [q.energy]: 5,
    [q.priorities]: ['c2', 'c1', 'c3'],
  });
  await questionnaire.answer(s.bruno.personId, { [q.name]: 'Sud', [q.format]: 'c1', [q.themes]: ['c2'], [q.energy]: 3, [q.priorities]: ['c2', 'c3', 'c1'] });
  // A choice since removed and a number out of bounds are not counted.
  await questionnaire.answer(s.eric.personId, { [q.hopes]: 'Des idées', [q.format]: 'c2', [q.themes]: ['gone'], [q.energy]: 9, [q.priorities]: ['c1', 'c2', 'c3'] });
  return questionnaire;
}

describe('a questionnaire’s results', () => {
  it('are tallied for the whole group, outsiders included, with no name in them, and are not the partnership’s other people’s', async () => {
    const s = await accompanimentWithGroup(t, log);
    const questionnaire = await answered(s, false);
    // A named draft is still its respondent's.
    await questionnaire.answer(s.f.adminPersonId, { [questionnaire.q.format]: 'c2' }, false);
    const url = `${s.f.base}/questionnaires/${questionnaire.id}/results`;
    const results = await s.eric.client.get(url);
    expect(results.status, JSON.stringify(results.body)).toBe(200);
    // Asked: its facilitator and its three participants, who are all mailed it.
    expect(results.body).toMatchObject({ title: 'Avant la journée', anonymous: false, respondents: 3, asked: 4, accompaniment: { id: s.id }, can: { exportAnswers: false } });
    const [name, hopes, format, themes, energy, priorities] = results.body.questions;
    // Listed in the order of the responses' ids, random: nothing in it says who answered when.
    expect(name).toMatchObject({ kind: 'short_text', answered: 2 });
    expect(name.texts.toSorted()).toEqual(['Nord', 'Sud']);
    expect(hopes.texts.toSorted()).toEqual(['=Se rencontrer enfin', 'Des idées']);
    expect(format.choices).toEqual([
      { id: 'c1', label: 'Ateliers', count: 2, percent: 66.7 },
      { id: 'c2', label: 'Plénière', count: 1, percent: 33.3 },
    ]);
    expect(themes).toMatchObject({ answered: 2, choices: [{ count: 1, percent: 50 }, { count: 2, percent: 100 }, { count: 0, percent: 0 }] });
    expect(energy).toMatchObject({ kind: 'scale', answered: 2, mean: 4, min: 1, max: 5 });
    expect(energy.distribution.map((bar: { count: number }) => bar.count)).toEqual([0, 0, 1, 0, 1]);
    expect(priorities.choices.map((c: { label: string; points: number; averagePosition: number }) => [c.label, c.points, c.averagePosition])).toEqual([
      ['Agir ensemble', 5, 1.33],
      ['Se connaître', 3, 2],
      ['Se former', 1, 2.67],
    ]);
    expect(JSON.stringify(results.body)).not.toMatch(/Amina|Bruno|Éric/);
    // A reader of the partnership knows the space, but the results are its group's: 403, their stream too.
    expect((await s.odile.client.get(url)).status).toBe(403);
    expect((await s.odile.client.get(`${s.f.base}/questionnaires/${questionnaire.id}/events`)).status).toBe(403);
    expect((await s.f.admin.get(url)).body.can.exportAnswers).toBe(true);
    // Whoever answered and left the space was asked all the same: the answers never outnumber the people asked.
    expect((await s.f.admin.delete(`${s.url}/members/${s.bruno.personId}`)).status).toBe(204);
    expect((await s.eric.client.get(url)).body).toMatchObject({ respondents: 3, asked: 4 });
  });

  it('are hidden where the space is: another partnership, an outsider it does not name, a draft for all but its facilitators', async () => {
    const s = await accompanimentWithGroup(t, log);
    const draft = await questionnaireWithQuestions(t, s.id, { anonymous: false, sent: false });
    expect((await s.amina.client.get(`${s.f.base}/questionnaires/${draft.id}/results`)).status).toBe(404);
    expect((await s.f.admin.get(`${s.f.base}/questionnaires/${draft.id}/results`)).body).toMatchObject({ respondents: 0, sentAt: null });
    const other = await s.f.admin.post(`${s.f.base}/accompaniments`, { title: 'Un autre groupe' });
    const elsewhere = await questionnaireWithQuestions(t, other.body.id, { anonymous: false });
    expect((await s.eric.client.get(`${s.f.base}/questionnaires/${elsewhere.id}/results`)).status).toBe(404);
    expect((await s.eric.client.get(`${s.f.base}/questionnaires/${elsewhere.id}/events`)).status).toBe(404);
    const stranger = await newPartnership(t);
    expect((await stranger.admin.get(`${stranger.base}/questionnaires/${elsewhere.id}/results`)).status).toBe(404);
  });
});

describe('the answers as CSV', () => {
  it('name each respondent of a named questionnaire, for its facilitators alone, formulas defused', async () => {
    const s = await accompanimentWithGroup(t, log);
    const questionnaire = await answered(s, false);
    const url = `${s.f.base}/questionnaires/${questionnaire.id}/answers.csv`;
    const csv = await s.f.admin.get(url);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Personne;Votre conseil citoyen;Qu’attendez-vous de la journée ?;Quel format préférez-vous ?;Quels thèmes ?;Votre envie de coopérer;Vos priorités');
    expect(lines.slice(1)).toEqual([
      'Amina Diallo;Nord;\'=Se rencontrer enfin;Ateliers;Logement / Mobilité;5;Agir ensemble > Se connaître > Se former',
      'Bruno Lemaire;Sud;;Ateliers;Mobilité;3;Agir ensemble > Se former > Se connaître',
      'Éric Dehors;;Des idées;Plénière;;9;Se connaître > Agir ensemble > Se former',
    ]);
    for (const client of [s.amina.client, s.odile.client]) expect((await client.get(url)).status).toBe(403);
    expect((await s.eric.client.get(url)).status).toBe(404);
  });

  it('of an anonymous questionnaire have no person column, rows in the order of their random ids', async () => {
    const s = await accompanimentWithGroup(t, log);
    const questionnaire = await answered(s, true);
    const csv = await s.f.admin.get(`${s.f.base}/questionnaires/${questionnaire.id}/answers.csv`);
    expect(csv.status).toBe(200);
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Votre conseil citoyen;Qu’attendez-vous de la journée ?;Quel format préférez-vous ?;Quels thèmes ?;Votre envie de coopérer;Vos priorités');
    expect(csv.body).not.toMatch(/Amina|Bruno|Éric|Admin/);
    const ids = await t.store.db.selectFrom('questionnaire_response').select(['id', 'answers']).where('questionnaire_id', '=', questionnaire.id).orderBy('id').execute();
    expect(lines.slice(1).map((line) => line.split(';')[4])).toEqual(ids.map((row) => String((row.answers as Record<string, unknown>)[questionnaire.q.energy])));
    s.f.admin.locale = 'en';
    const english = await s.f.admin.get(`${s.f.base}/questionnaires/${questionnaire.id}/answers.csv`);
    expect((english.body as string).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Votre conseil citoyen,Qu’attendez-vous de la journée ?,Quel format préférez-vous ?,Quels thèmes ?,Votre envie de coopérer,Vos priorités');
  });
});

describe('live results', () => {
  it('tell a page open on them, an outsider’s, each time an answer is sent', async () => {
    const s = await accompanimentWithGroup(t, log);
    const questionnaire = await questionnaireWithQuestions(t, s.id, { anonymous: true });
    const stream = await fetch(`${origin}${s.f.base}/questionnaires/${questionnaire.id}/events`, { headers: { cookie: s.eric.client.cookie! } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp) => {
      const deadline = Date.now() + 2_000;
      while (!pattern.test(text) && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
        if (chunk === null || chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      return pattern.test(text);
    };
    try {
      expect(await until(/: connected\n\n/)).toBe(true);
      const sent = await s.amina.client.put(`${s.f.base}/questionnaires/${questionnaire.id}/response`, { answers: { [questionnaire.q.energy]: 4 }, submit: true });
      expect(sent.status, JSON.stringify(sent.body)).toBe(204);
      expect(await until(/event: changed\ndata: \{"kind":"questionnaire\.answered"\}\n\n/)).toBe(true);
      expect((await s.eric.client.get(`${s.f.base}/questionnaires/${questionnaire.id}/results`)).body.respondents).toBe(1);
    } finally {
      await reader.cancel();
    }
  });
});
