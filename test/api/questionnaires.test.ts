import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDeadlineReminders } from '../../src/participation/digest.js';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { sendDueQuestionnaires } from '../../src/questionnaires/clock.js';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { journalOf } from '../support/structure.js';
import { ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

/** One question of each kind, as the builder sends them. */
const sixKinds = [
  { kind: 'short_text', label: 'Votre structure ?', required: true },
  { kind: 'long_text', label: 'Une coopération réussie ?' },
  { kind: 'single_choice', label: 'Venez-vous ?', required: true, choices: [{ label: 'Oui' }, { label: 'Non' }] },
  { kind: 'multiple_choice', label: 'Avec qui ?', choices: [{ label: 'Mairie' }, { label: 'Associations' }, { label: 'Habitants' }] },
  { kind: 'scale', label: 'Votre envie ?', scaleMin: 1, scaleMax: 5, scaleMinLabel: 'Faible', scaleMaxLabel: 'Forte' },
  { kind: 'ranking', label: 'Vos priorités', choices: [{ label: 'Se connaître' }, { label: 'Agir' }, { label: 'Peser' }] },
];

type Group = Awaited<ReturnType<typeof accompanimentWithGroup>>;
type Question = { id: string; kind: string; choices: { id: string; label: string }[] };

async function written(s: Group, overrides: Record<string, unknown> = {}) {
  const made = await s.f.admin.post(`${s.url}/questionnaires`, { title: 'Avant la journée', intro: 'Pour préparer.', anonymous: false, questions: sixKinds, ...overrides });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const url = `${s.f.base}/questionnaires/${made.body.id}`;
  const page = await s.f.admin.get(url);
  return { id: made.body.id as string, url, questions: page.body.questions as Question[] };
}

/** A full answer to the six questions, picking by the choices' ids. */
const fullAnswer = (questions: Question[], scale = 4) => ({
  [questions[0]!.id]: 'Conseil citoyen Nord',
  [questions[1]!.id]: 'La fête de quartier.',
  [questions[2]!.id]: questions[2]!.choices[0]!.id,
  [questions[3]!.id]: [questions[3]!.choices[0]!.id, questions[3]!.choices[2]!.id],
  [questions[4]!.id]: scale,
  [questions[5]!.id]: [questions[5]!.choices[2]!.id, questions[5]!.choices[0]!.id, questions[5]!.choices[1]!.id],
});

describe('the builder', () => {
  it('writes six kinds of questions with stable choice ids, reorders them, and is its facilitators’ until sent', async () => {
    const s = await accompanimentWithGroup(t, log);
    const q = await written(s);
    expect(q.questions.map((question) => question.kind)).toEqual(['short_text', 'long_text', 'single_choice', 'multiple_choice', 'scale', 'ranking']);
    expect(q.questions[3]!.choices).toEqual([{ id: 'c1', label: 'Mairie' }, { id: 'c2', label: 'Associations' }, { id: 'c3', label: 'Habitants' }]);

    // Reordered, a choice removed and one added: the known keep their ids, the new one takes a free one.
    const [a, b, c, d, e, f] = q.questions;
    const again = [f, e, d, c, b, a].map((question) => ({ ...question }));
    again[2] = { ...d!, choices: [{ id: 'c3', label: 'Habitants' }, { id: null, label: 'Entreprises' } as never, { id: 'c1', label: 'Mairie' }] };
    const saved = await s.f.admin.put(q.url, { title: 'Avant la journée', anonymous: true, questions: again });
    expect(saved.status, JSON.stringify(saved.body)).toBe(204);
    const page = (await s.f.admin.get(q.url)).body;
    expect(page.questions.map((question: Question) => question.id)).toEqual([f, e, d, c, b, a].map((question) => question!.id));
    expect(page.questions[2].choices).toEqual([{ id: 'c3', label: 'Habitants' }, { id: 'c2', label: 'Entreprises' }, { id: 'c1', label: 'Mairie' }]);
    expect(page).toMatchObject({ anonymous: true, state: 'draft', can: { change: true, send: true, close: false, answer: false } });

    // A draft is its facilitators’: others do not see it, nor write one.
    expect((await s.amina.client.get(q.url)).status).toBe(404);
    expect((await s.amina.client.get(`${s.url}/questionnaires`)).body.questionnaires).toEqual([]);
    expect((await s.amina.client.post(`${s.url}/questionnaires`, { title: 'Le mien', anonymous: false, questions: sixKinds })).status).toBe(403);
    expect((await s.odile.client.put(q.url, { title: 'X', anonymous: false, questions: sixKinds })).status).toBe(404);
    expect((await s.eric.client.post(`${s.url}/questionnaires`, { title: 'Le mien', anonymous: false, questions: sixKinds })).status).toBe(404);
  });

  it('refuses malformed questions with the path of their field, and a question id of another questionnaire', async () => {
    const s = await accompanimentWithGroup(t, log);
    const bad = await s.f.admin.post(`${s.url}/questionnaires`, {
      title: 'Q',
      anonymous: false,
      questions: [
        { kind: 'single_choice', label: 'Un seul choix', choices: [{ label: 'Oui' }] },
        { kind: 'scale', label: 'Échelle', scaleMin: 5, scaleMax: 3 },
        { kind: 'dessin', label: 'Dessinez' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toMatchObject({
      'questions.0.choices': 'Proposez au moins deux choix.',
      'questions.1.scaleMax': 'L’échelle va d’un nombre entre 0 et 9 à un nombre plus grand, jusqu’à 10.',
      'questions.2.kind': 'Choisissez une des valeurs proposées.',
    });
    expect((await s.f.admin.post(`${s.url}/questionnaires`, { title: 'Q', anonymous: false, questions: [] })).body.fields).toEqual({ questions: 'Ajoutez au moins une question.' });
    const one = await written(s);
    const other = await written(s);
    const stolen = await s.f.admin.put(other.url, { title: 'Q', anonymous: false, questions: [{ ...one.questions[0], label: 'Volée' }] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.fields).toEqual({ 'questions.0.id': 'Cet élément est introuvable.' });
    const late = await s.f.admin.post(`${s.url}/questionnaires`, { title: 'Q', anonymous: false, questions: sixKinds, opensAt: '2026-05-01T10:00:00Z', closesAt: '2026-04-01T10:00:00Z' });
    expect(late.body.fields).toEqual({ closesAt: 'La clôture doit venir après l’ouverture.' });
  });

  it('refuses an opening or a close typed in the past, and a close that is not after the opening, in the facilitator’s language', async () => {
    const s = await accompanimentWithGroup(t, log);
    const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
    const post = (dates: { opensAt?: string; closesAt?: string }) => s.f.admin.post(`${s.url}/questionnaires`, { title: 'Q', anonymous: false, questions: sixKinds, ...dates });

    const passed = await post({ opensAt: at(-60), closesAt: at(-30) });
    expect(passed.status).toBe(400);
    expect(passed.body.fields).toEqual({
      opensAt: 'L’ouverture doit venir plus tard que maintenant. Laissez-la vide pour envoyer le questionnaire vous-même.',
      closesAt: 'La clôture doit venir plus tard que maintenant.',
    });
    // Now is not to come: a close at this very instant would take no answer.
    expect((await post({ closesAt: at(0) })).body.fields).toEqual({ closesAt: 'La clôture doit venir plus tard que maintenant.' });
    expect((await post({ opensAt: at(60), closesAt: at(60) })).body.fields).toEqual({ closesAt: 'La clôture doit venir après l’ouverture.' });

    s.f.admin.locale = 'en';
    try {
      expect((await post({ opensAt: at(-1), closesAt: at(60) })).body.fields).toEqual({ opensAt: 'The opening must come later than now. Leave it empty to send the questionnaire yourself.' });
      expect((await post({ closesAt: at(0) })).body.fields).toEqual({ closesAt: 'The close must come later than now.' });
      expect((await post({ opensAt: at(60), closesAt: at(60) })).body.fields).toEqual({ closesAt: 'The close must come after the opening.' });
    } finally {
      s.f.admin.locale = undefined;
    }

    // Saved again later, a draft's dates are checked against the instant of the change.
    const q = await written(s, { opensAt: at(60), closesAt: at(120) });
    expect((await s.f.admin.put(q.url, { title: 'Q', anonymous: false, questions: q.questions, opensAt: at(-60), closesAt: at(120) })).body.fields).toEqual({
      opensAt: 'L’ouverture doit venir plus tard que maintenant. Laissez-la vide pour envoyer le questionnaire vous-même.',
    });
    expect((await s.f.admin.put(q.url, { title: 'Q', anonymous: false, questions: q.questions, closesAt: at(1) })).status).toBe(204);

    // Sent at the very instant it closes, it is refused with a message the page that sends can show.
    const start = t.clock.current;
    try {
      t.clock.advanceMinutes(1);
      const sent = await s.f.admin.post(`${q.url}/send`);
      expect(sent.status).toBe(409);
      expect(sent.body.message).toBe('La clôture de ce questionnaire est passée : modifiez-le pour lui donner une clôture à venir, puis envoyez-le.');
      s.f.admin.locale = 'en';
      expect((await s.f.admin.post(`${q.url}/send`)).body.message).toBe('This questionnaire’s close has passed: change it to give it a close to come, then send it.');
    } finally {
      t.clock.current = start;
      s.f.admin.locale = undefined;
    }
  });

  it('starts from the three templates in the facilitator’s language; the cold evaluation opens weeks after its day, computed by the database', async () => {
    const s = await accompanimentWithGroup(t, log);
    const before = await s.f.admin.post(`${s.url}/questionnaires/from-template`, { template: 'before_day' });
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    const beforePage = (await s.f.admin.get(`${s.f.base}/questionnaires/${before.body.id}`)).body;
    expect(beforePage).toMatchObject({ title: 'Avant la journée', template: 'before_day', anonymous: false, state: 'draft' });
    expect(beforePage.questions.map((question: Question) => question.kind)).toContain('ranking');

    s.f.admin.locale = 'en';
    const hot = await s.f.admin.post(`${s.url}/questionnaires/from-template`, { template: 'hot_feedback' });
    expect((await s.f.admin.get(`${s.f.base}/questionnaires/${hot.body.id}`)).body).toMatchObject({ title: 'Hot feedback', anonymous: true });
    s.f.admin.locale = undefined;

    const dayId = randomUUID();
    await t.store.db
      .insertInto('accompaniment_day')
      .values({ id: dayId, accompaniment_id: s.id, title: 'La journée', starts_at: new Date('2026-03-28T08:00:00Z'), ends_at: new Date('2026-03-28T16:00:00Z'), created_at: t.clock.now() })
      .execute();
    const cold = await s.f.admin.post(`${s.url}/questionnaires/from-template`, { template: 'cold_evaluation', dayId, weeksAfterDay: 4 });
    expect(cold.status, JSON.stringify(cold.body)).toBe(201);
    const coldPage = (await s.f.admin.get(`${s.f.base}/questionnaires/${cold.body.id}`)).body;
    expect(coldPage).toMatchObject({
      title: 'Évaluation à froid',
      anonymous: true,
      state: 'scheduled',
      weeksAfterDay: 4,
      day: { id: dayId, title: 'La journée' },
      opensAt: '2026-04-25T08:00:00.000Z',
      closesAt: '2026-05-09T08:00:00.000Z',
    });
    const elsewhere = await accompanimentWithGroup(t, log);
    const foreignDay = await s.f.admin.post(`${elsewhere.url}/questionnaires/from-template`, { template: 'cold_evaluation', dayId });
    expect(foreignDay.status).toBe(404);
    const notTheirs = await elsewhere.f.admin.post(`${elsewhere.url}/questionnaires/from-template`, { template: 'cold_evaluation', dayId });
    expect(notTheirs.body.fields).toEqual({ dayId: 'Cet élément est introuvable.' });
  });
});

describe('sending and answering', () => {
  it('mails every member, outsiders included, lists it to do until answered, saves named answers as one goes and checks them', async () => {
    const s = await accompanimentWithGroup(t, log);
    const q = await written(s, { closesAt: '2026-03-20T18:00:00Z' });
    expect((await s.amina.client.put(`${q.url}/response`, { answers: {}, submit: false })).status).toBe(404);
    expect((await s.f.admin.post(`${q.url}/send`)).status).toBe(204);
    const path = `/p/${s.f.partnershipId}/accompagnements/${s.id}/questionnaires/${q.id}#repondre-au-questionnaire`;
    for (const email of [s.amina.email, s.bruno.email, s.eric.email]) {
      expect(log.mailsTo(email).map((mail) => [mail.subject, mail.button])).toContainEqual(['Questionnaire à remplir : « Avant la journée »', path]);
    }
    expect(log.mailsTo(s.odile.email).some((mail) => mail.subject.includes('Questionnaire'))).toBe(false);
    expect((await s.f.admin.put(q.url, { title: 'Trop tard', anonymous: false, questions: sixKinds })).status).toBe(409);

    const toDo = async (client: typeof s.amina.client) => (await client.get(`${s.f.base}/to-do`)).body.items.filter((item: { target: { kind: string } }) => item.target.kind === 'questionnaire');
    expect(await toDo(s.amina.client)).toEqual([
      {
        target: { kind: 'questionnaire', accompanimentId: s.id, questionnaireId: q.id },
        title: 'Avant la journée',
        bodyName: 'Accompagnement des conseils citoyens',
        deadline: { kind: 'instant', at: '2026-03-20T18:00:00.000Z' },
        path,
      },
    ]);

    // Saved as one goes: a partial draft, then wrong values named by their field.
    const answers = fullAnswer(q.questions);
    const draft = await s.amina.client.put(`${q.url}/response`, { answers: { [q.questions[0]!.id]: 'Conseil Nord' }, submit: false });
    expect(draft.status, JSON.stringify(draft.body)).toBe(204);
    expect((await s.amina.client.get(q.url)).body.myResponse).toEqual({ answers: { [q.questions[0]!.id]: 'Conseil Nord' }, submitted: false });
    const wrong = await s.amina.client.put(`${q.url}/response`, {
      answers: { [q.questions[2]!.id]: 'zz', [q.questions[3]!.id]: ['c1', 'c1'], [q.questions[4]!.id]: 9, [q.questions[5]!.id]: ['c1'], nowhere: 'x' },
      submit: false,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual({
      [`answers.${q.questions[2]!.id}`]: 'Choisissez une des valeurs proposées.',
      [`answers.${q.questions[3]!.id}`]: 'Le même choix est coché deux fois.',
      [`answers.${q.questions[4]!.id}`]: 'Choisissez une valeur de l’échelle.',
      [`answers.${q.questions[5]!.id}`]: 'Classez chacun des choix, une fois chacun.',
      'answers.nowhere': 'Cette question ne fait pas partie du questionnaire.',
    });
    const incomplete = await s.amina.client.put(`${q.url}/response`, { answers: { [q.questions[1]!.id]: 'Rien' }, submit: true });
    expect(incomplete.body.fields).toEqual({ [`answers.${q.questions[0]!.id}`]: 'Ce champ est obligatoire.', [`answers.${q.questions[2]!.id}`]: 'Ce champ est obligatoire.' });
    expect(await toDo(s.amina.client)).toHaveLength(1);

    expect((await s.amina.client.put(`${q.url}/response`, { answers, submit: true })).status).toBe(204);
    expect(await toDo(s.amina.client)).toEqual([]);
    expect((await s.amina.client.get(q.url)).body).toMatchObject({ myResponse: { answers, submitted: true }, answeredByMe: true, answerCount: 1, can: { answer: true } });
    expect((await s.amina.client.put(`${q.url}/response`, { answers, submit: false })).status).toBe(409);
    expect((await s.eric.client.put(`${q.url}/response`, { answers, submit: true })).status).toBe(204);
    expect((await s.odile.client.put(`${q.url}/response`, { answers, submit: true })).status).toBe(403);
    const row = await t.store.db.selectFrom('questionnaire_response').selectAll().where('questionnaire_id', '=', q.id).where('person_id', '=', s.amina.personId).executeTakeFirstOrThrow();
    const answered = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'questionnaire.answered');
    expect(answered.map((entry) => Object.keys(entry.payload as object).sort())).toEqual([
      ['answersHash', 'questionnaireId', 'responseId'],
      ['answersHash', 'questionnaireId', 'responseId'],
    ]);
    expect((answered[0]!.payload as { responseId: string }).responseId).toBe(row.id);

    // Closed: no more answers.
    t.clock.advanceMinutes(1);
    expect((await s.amina.client.post(`${q.url}/close`)).status).toBe(403);
    expect((await s.f.admin.post(`${q.url}/close`)).status).toBe(204);
    const closed = await s.bruno.client.put(`${q.url}/response`, { answers, submit: true });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toBe('Ce questionnaire est clos : il ne prend plus de réponses.');
    expect(await toDo(s.bruno.client)).toEqual([]);
  });

  it('is sent by the clock once its opening passed, and reminds the day before its close only those who have not answered', async () => {
    const s = await accompanimentWithGroup(t, log);
    const opensAt = new Date(t.clock.now().getTime() + 2 * 3_600_000);
    const closesAt = new Date(t.clock.now().getTime() + 5 * 24 * 3_600_000);
    const q = await written(s, { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() });
    expect((await s.f.admin.get(q.url)).body.state).toBe('scheduled');
    expect(await sendDueQuestionnaires(t.store.db, t.clock.now(), t.app.afterCommit)).toBe(0);
    const later = new Date(opensAt.getTime() + 60_000);
    expect(await sendDueQuestionnaires(t.store.db, later, t.app.afterCommit)).toBeGreaterThanOrEqual(1);
    expect(await sendDueQuestionnaires(t.store.db, later, t.app.afterCommit)).toBe(0);
    await t.app.mailer.idle();
    expect(log.mailsTo(s.bruno.email).filter((mail) => mail.subject === 'Questionnaire à remplir : « Avant la journée »')).toHaveLength(1);
    const sent = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'questionnaire.sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.actor_id).toBeNull();

    const answers = fullAnswer(q.questions);
    expect((await s.amina.client.put(`${q.url}/response`, { answers, submit: true })).status).toBe(204);
    await sendDeadlineReminders(t.store.db, new Date(closesAt.getTime() - 12 * 3_600_000), t.app.afterCommit);
    await t.app.mailer.idle();
    const reminded = (email: string) => log.mailsTo(email).filter((mail) => mail.subject.includes('Rappel') && mail.subject.includes('Avant la journée'));
    expect(reminded(s.bruno.email)).toHaveLength(1);
    expect(reminded(s.eric.email)).toHaveLength(1);
    expect(reminded(s.amina.email)).toHaveLength(0);
  });

  it('reads « Non envoyé » once its close passed before it left, and is scheduled again by new dates', async () => {
    const s = await accompanimentWithGroup(t, log);
    const start = t.clock.current;
    const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString();
    const q = await written(s, { opensAt: at(2), closesAt: at(3) });
    try {
      // The clock did not run between its opening and its close: past the close, it sends it no more.
      t.clock.advanceMinutes(4 * 60);
      await sendDueQuestionnaires(t.store.db, t.clock.now(), t.app.afterCommit);
      expect((await s.f.admin.get(q.url)).body).toMatchObject({ state: 'lapsed', sentAt: null, can: { change: true, send: false, close: false } });
      const listed = (await s.f.admin.get(`${s.url}/questionnaires`)).body.questionnaires.find((item: { id: string }) => item.id === q.id);
      expect(listed.state).toBe('lapsed');
      expect((await s.amina.client.get(q.url)).status).toBe(404);
      // The page that sends shows the refusal's message, which says what to do.
      const sent = await s.f.admin.post(`${q.url}/send`);
      expect(sent.status).toBe(409);
      expect(sent.body.message).toBe('La clôture de ce questionnaire est passée : modifiez-le pour lui donner une clôture à venir, puis envoyez-le.');
      expect(sent.body.fields).toEqual({ closesAt: 'La clôture doit venir plus tard que maintenant.' });
      const again = await s.f.admin.put(q.url, { title: 'Avant la journée', anonymous: false, questions: q.questions, opensAt: at(5), closesAt: at(48) });
      expect(again.status, JSON.stringify(again.body)).toBe(204);
      expect((await s.f.admin.get(q.url)).body).toMatchObject({ state: 'scheduled', can: { send: true } });
    } finally {
      t.clock.current = start;
    }
  });

  it('reads « Non envoyé », never scheduled, once its space is archived before it left, and the clock sends it no more', async () => {
    const s = await accompanimentWithGroup(t, log);
    const opensAt = new Date(t.clock.now().getTime() + 2 * 3_600_000);
    const q = await written(s, { opensAt: opensAt.toISOString(), closesAt: new Date(opensAt.getTime() + 48 * 3_600_000).toISOString() });
    expect((await s.f.admin.post(`${s.url}/archive`)).status).toBe(204);
    expect((await s.f.admin.get(q.url)).body).toMatchObject({ state: 'lapsed', sentAt: null, can: { change: false, send: false } });
    const listed = (await s.f.admin.get(`${s.url}/questionnaires`)).body.questionnaires.find((item: { id: string }) => item.id === q.id);
    expect(listed.state).toBe('lapsed');
    await sendDueQuestionnaires(t.store.db, new Date(opensAt.getTime() + 60_000), t.app.afterCommit);
    expect((await s.f.admin.get(q.url)).body).toMatchObject({ state: 'lapsed', sentAt: null });
  });

  it('reads « Clos » once its space is archived while it was open, as the space takes no more answers', async () => {
    const s = await accompanimentWithGroup(t, log);
    const q = await written(s);
    expect((await s.f.admin.post(`${q.url}/send`)).status).toBe(204);
    expect((await s.f.admin.get(q.url)).body.state).toBe('open');
    expect((await s.f.admin.post(`${s.url}/archive`)).status).toBe(204);
    expect((await s.f.admin.get(q.url)).body).toMatchObject({ state: 'closed', can: { close: false } });
    const listed = (await s.f.admin.get(`${s.url}/questionnaires`)).body.questionnaires.find((item: { id: string }) => item.id === q.id);
    expect(listed.state).toBe('closed');
    expect((await s.amina.client.put(`${q.url}/response`, { answers: fullAnswer(q.questions), submit: true })).status).toBe(409);
  });
});

describe('an anonymous questionnaire', () => {
  it('answered by three people keeps no link between a person and a response: not in rows, answers (administrators included), backup nor journal', async () => {
    const s = await accompanimentWithGroup(t, log);
    const q = await written(s, { anonymous: true });
    expect((await s.f.admin.post(`${q.url}/send`)).status).toBe(204);
    // Sent without a close, it closes two weeks later: the to-do list has a deadline, and the reminder follows.
    expect((await s.f.admin.get(q.url)).body.closesAt).toBe(new Date(t.clock.now().getTime() + 14 * 24 * 3_600_000).toISOString());
    expect((await s.f.admin.put(q.url, { title: 'Nommé finalement', anonymous: false, questions: sixKinds })).status).toBe(409);
    const respondents = [s.amina, s.bruno, s.eric];
    const sentAnswers = respondents.map((_, index) => fullAnswer(q.questions, index + 2));
    expect((await s.amina.client.put(`${q.url}/response`, { answers: sentAnswers[0], submit: false })).status).toBe(409);
    const resultsUrl = `${s.f.base}/questionnaires/${q.id}/results`;
    for (const [index, person] of respondents.entries()) {
      // Under three answers, the figures would give away the first ones to whoever knows who answered: withheld, the CSV too.
      const results = (await s.bruno.client.get(resultsUrl)).body;
      expect(results).toMatchObject({ respondents: index, withheld: true, questions: [] });
      const csv = await s.f.admin.get(`${s.f.base}/questionnaires/${q.id}/answers.csv`);
      expect([csv.status, csv.body.message]).toEqual([409, 'Les résultats apparaîtront à partir de 3 réponses, pour que personne ne soit reconnu.']);
      t.clock.advanceMinutes(3);
      expect((await person.client.put(`${q.url}/response`, { answers: sentAnswers[index], submit: true })).status).toBe(204);
    }
    expect((await s.bruno.client.get(resultsUrl)).body).toMatchObject({ respondents: 3, withheld: false, questions: expect.arrayContaining([expect.objectContaining({ kind: 'scale', mean: 3 })]) });
    expect((await s.f.admin.get(`${s.f.base}/questionnaires/${q.id}/answers.csv`)).status).toBe(200);
    expect((await s.amina.client.put(`${q.url}/response`, { answers: sentAnswers[0], submit: true })).status).toBe(409);

    // Rows: the response table holds no person, no time, no order but its random id.
    const responses = await t.store.db.selectFrom('questionnaire_response').selectAll().where('questionnaire_id', '=', q.id).orderBy('id').execute();
    expect(responses).toHaveLength(3);
    for (const response of responses) expect(response).toEqual({ id: response.id, questionnaire_id: q.id, person_id: null, answers: expect.any(Object), submitted: true, updated_at: null });
    expect(responses.map((response) => (response.answers as Record<string, number>)[q.questions[4]!.id]).sort()).toEqual([2, 3, 4]);
    const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'questionnaire_response' order by column_name`.execute(t.store.db);
    expect(columns.rows.map((column) => column.column_name)).toEqual(['answers', 'id', 'person_id', 'questionnaire_id', 'submitted', 'updated_at']);
    // Who took part is kept apart, with no time: the moment would match the journal's and the live results'.
    const participation = await t.store.db.selectFrom('questionnaire_participation').select(['person_id', 'answered_at']).where('questionnaire_id', '=', q.id).execute();
    expect(participation.map((row) => row.person_id).sort()).toEqual(respondents.map((person) => person.personId).sort());
    for (const row of participation) expect(row.answered_at).toBeNull();

    // Answers: nobody's own response comes back, the administrator's view names none.
    for (const client of [s.f.admin, s.amina.client, s.eric.client]) {
      const page = (await client.get(q.url)).body;
      expect(page.myResponse).toBeNull();
      const text = JSON.stringify(page);
      for (const response of responses) expect(text).not.toContain(response.id);
    }
    expect((await s.amina.client.get(q.url)).body).toMatchObject({ answeredByMe: true, answerCount: 3, can: { answer: false } });

    // Journal: each answer's entry names the questionnaire only, never a response.
    const entries = await journalOf(t, s.f.partnershipId);
    const answered = entries.filter((entry) => entry.kind === 'questionnaire.answered');
    expect(answered.map((entry) => entry.payload)).toEqual([{ questionnaireId: q.id }, { questionnaireId: q.id }, { questionnaireId: q.id }]);
    const journalText = JSON.stringify(entries);
    for (const response of responses) expect(journalText).not.toContain(response.id);
    // The journal as any member reads it names no actor for them either.
    const read = await s.bruno.client.get(`${s.f.base}/journal?limit=200`);
    expect(read.status).toBe(200);
    const readAnswered = (read.body as { kind: string; actorId: string | null; payload: unknown }[]).filter((entry) => entry.kind === 'questionnaire.answered');
    expect(readAnswered.map((entry) => [entry.actorId, entry.payload])).toEqual([0, 1, 2].map(() => [null, { questionnaireId: q.id }]));
    for (const person of respondents) expect(JSON.stringify(readAnswered)).not.toContain(person.personId);

    // Backup: the responses leave without person nor time, in the order of their random ids.
    const backup = await s.f.admin.get(`${s.f.base}/backup`);
    expect(backup.status).toBe(200);
    const backedUp = (backup.body.tables['questionnaire_response'] as { id: string; person_id: string | null; updated_at: string | null; questionnaire_id: string }[]).filter((row) => row.questionnaire_id === q.id);
    expect(backedUp.map((row) => row.id)).toEqual(responses.map((response) => response.id));
    for (const row of backedUp) expect([row.person_id, row.updated_at]).toEqual([null, null]);
    const backedUpParticipation = (backup.body.tables['questionnaire_participation'] as { questionnaire_id: string; answered_at: string | null }[]).filter((row) => row.questionnaire_id === q.id);
    expect(backedUpParticipation.map((row) => row.answered_at)).toEqual([null, null, null]);
  });
});

describe('a person erased', () => {
  it('leaves their named answers in the group’s results, naming no one and keeping no time', async () => {
    const s = await accompanimentWithGroup(t, log);
    const q = await written(s);
    expect((await s.f.admin.post(`${q.url}/send`)).status).toBe(204);
    expect((await s.amina.client.put(`${q.url}/response`, { answers: fullAnswer(q.questions), submit: true })).status).toBe(204);
    expect((await s.f.admin.post(`${s.f.base}/people/${s.amina.personId}/erase`)).status).toBe(200);
    const rows = await t.store.db.selectFrom('questionnaire_response').select(['person_id', 'updated_at', 'answers']).where('questionnaire_id', '=', q.id).execute();
    expect(rows).toEqual([{ person_id: null, updated_at: null, answers: fullAnswer(q.questions) }]);
  });
});

describe('the journal', () => {
  it('proves each questionnaire’s questions, anonymity, dates and sending, never its answers: a row edited without an act is named', async () => {
    const s = await accompanimentWithGroup(t, log);
    const later = (hours: number) => new Date(t.clock.now().getTime() + hours * 3_600_000).toISOString();
    const named = await written(s, { closesAt: later(72) });
    const changed = named.questions.map((question, index) => (index === 0 ? { ...question, label: 'Quelle structure ?' } : question));
    expect((await s.f.admin.put(named.url, { title: 'Avant la journée', anonymous: false, questions: changed, closesAt: later(96) })).status).toBe(204);
    expect((await s.f.admin.post(`${named.url}/send`)).status).toBe(204);
    expect((await s.amina.client.put(`${named.url}/response`, { answers: fullAnswer((await s.f.admin.get(named.url)).body.questions), submit: true })).status).toBe(204);
    t.clock.advanceMinutes(1);
    expect((await s.f.admin.post(`${named.url}/close`)).status).toBe(204);
    const anonymous = await written(s, { anonymous: true });
    expect((await s.f.admin.post(`${anonymous.url}/send`)).status).toBe(204);
    for (const [index, person] of [s.amina, s.bruno, s.eric].entries()) {
      expect((await person.client.put(`${anonymous.url}/response`, { answers: fullAnswer(anonymous.questions, index + 2), submit: true })).status).toBe(204);
    }
    const scheduled = await written(s, { opensAt: later(24), closesAt: later(48) });
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);

    // Answers are not proven: an anonymous one leads to no one, and its words are not the journal's.
    await t.store.db.updateTable('questionnaire_response').set({ answers: JSON.stringify({}) }).where('questionnaire_id', '=', anonymous.id).execute();
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);

    await t.store.db.updateTable('questionnaire').set({ anonymous: true }).where('id', '=', named.id).execute();
    await t.store.db.updateTable('questionnaire').set({ sent_at: null }).where('id', '=', anonymous.id).execute();
    await t.store.db.updateTable('questionnaire_question').set({ label: 'Une question réécrite' }).where('id', '=', scheduled.questions[0]!.id).execute();
    await t.store.db.updateTable('questionnaire').set({ opens_at: new Date(later(1)) }).where('id', '=', scheduled.id).execute();
    const slipped = randomUUID();
    await t.store.db.insertInto('questionnaire').values({ id: slipped, accompaniment_id: s.id, title: 'Glissé', anonymous: false, created_at: t.clock.now() }).execute();
    const found = await checkStateAgainstJournal(t.store.db, s.f.partnershipId);
    expect(found.map((row) => [row.table, row.rowId]).sort()).toEqual([
      ['questionnaire', named.id],
      ['questionnaire', anonymous.id],
      ['questionnaire', scheduled.id],
      ['questionnaire', slipped],
    ].sort());
    const said = new Map(found.map((row) => [row.rowId, describeDisagreement(row)]));
    expect(said.get(named.id)).toBe(`questionnaire ${named.id}: anonymous is true, the journal says false`);
    expect(said.get(anonymous.id)).toBe(`questionnaire ${anonymous.id}: sent is false, the journal says true`);
    expect(said.get(scheduled.id)).toMatch(/opensAt is .*; questionsHash is "[0-9a-f]{64}", the journal says "[0-9a-f]{64}"$/);
    expect(said.get(slipped)).toBe(`questionnaire ${slipped}: no journal entry made this row`);
    // Nothing the proof compares names a respondent.
    for (const person of [s.amina, s.bruno, s.eric]) expect(JSON.stringify(found)).not.toContain(person.personId);
  });
});
