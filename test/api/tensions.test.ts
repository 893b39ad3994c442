import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { furnishedWithFacilitator } from '../support/partnership-routes.js';
import { builder, journalOf, TODAY, verifiedChain } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

interface Tension {
  id: string;
  text: string;
  status: string;
  raisedBy: { id: string; fullName: string } | null;
  agendaItem: { id: string; meetingId: string; meetingTitle: string } | null;
  proposal: { id: string; wording: string } | null;
  task: { title: string; owner: { id: string }; dueOn: string; doneAt: string | null } | null;
  closingWord: string | null;
  settledInMeetingId: string | null;
  can: { withdraw: boolean; markDone: boolean };
}

const WORDS = 'Personne ne sait qui garde les clés du local, et on attend chaque samedi devant la porte.';

/**
 * A body whose meeting of 1 April is facilitated by Samia, where Gérard sits too; Paul belongs to
 * the same house and sits nowhere. A second body, a circle where Gérard and Samia sit, has no
 * meeting called.
 */
async function circle() {
  const f = await newPartnership(t);
  const { ids, facilitator: samia } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
  const gerard = await newMember(t, f, { fullName: 'Gérard Lefèvre', memberships: [{ organizationId: ids.organizationId, kind: 'board' }] });
  await builder(f).seat(ids.bodyId, { personId: gerard.personId, organizationId: ids.organizationId });
  const paul = await newMember(t, f, { fullName: 'Paul Girard', memberships: [{ organizationId: ids.organizationId, kind: 'volunteer' }] });
  const quietId = await builder(f).body({ name: 'Cercle jardin', kind: 'circle' });
  for (const personId of [gerard.personId, samia.personId]) await builder(f).seat(quietId, { personId, organizationId: ids.organizationId });
  const raise = (client = gerard.client, bodyId = ids.bodyId, text = WORDS) => client.post(`${f.base}/bodies/${bodyId}/tensions`, { text });
  const tension = async (id: string, client = f.admin) => {
    const response = await client.get(`${f.base}/tensions/${id}`);
    expect(response.status).toBe(200);
    return response.body as Tension;
  };
  // The facilitator opens the meeting: from then on it settles the tensions its agenda holds.
  const open = async () => expect((await samia.client.post(`${f.base}/meetings/${ids.meetingId}/advance`)).status).toBe(204);
  return { f, ids, samia, gerard, paul, quietId, raise, tension, open };
}

describe('raising a tension', () => {
  it('puts it on the agenda of the body’s meeting to come in the same act, tells the facilitator, and journals its words by fingerprint only', async () => {
    const s = await circle();
    const raised = await s.raise();
    expect(raised.status).toBe(201);
    const tension = await s.tension(raised.body.id);
    expect(tension).toMatchObject({ text: WORDS, status: 'open', raisedBy: { id: s.gerard.personId, fullName: 'Gérard Lefèvre' }, agendaItem: { meetingId: s.ids.meetingId, meetingTitle: 'Réunion' } });
    const meeting = (await s.f.admin.get(`${s.f.base}/meetings/${s.ids.meetingId}`)).body;
    const item = meeting.agenda.find((i: { id: string }) => i.id === tension.agendaItem!.id);
    expect(item).toMatchObject({ kind: 'discussion', title: 'Tension : Personne ne sait qui garde les clés du local, et on attend chaque samedi devant…', proposedBy: 'Gérard Lefèvre' });
    const entries = (await journalOf(t, s.f.partnershipId)).slice(-3);
    expect(entries.map((e) => e.kind)).toEqual(['tension.raised', 'agenda.item_added', 'tension.placed']);
    expect(entries[0]).toMatchObject({ actor_id: s.gerard.personId, payload: { tensionId: raised.body.id, bodyId: s.ids.bodyId, raisedBy: s.gerard.personId } });
    expect(entries[2]).toMatchObject({ payload: { tensionId: raised.body.id, meetingId: s.ids.meetingId, itemId: item.id } });
    expect(JSON.stringify(await journalOf(t, s.f.partnershipId))).not.toContain('clés');
    const told = log.mailsTo(s.samia.email).filter((m) => m.subject === 'Une tension est à l’ordre du jour de « Réunion »');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('Gérard Lefèvre a soulevé une tension');
    expect(told[0]!.button).toBe(`/p/${s.f.partnershipId}/reunions/${s.ids.meetingId}#ordre-du-jour`);
    // Gérard brings the item: his list reminds him of it before the meeting.
    const toDo = (await s.gerard.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string; itemId?: string } }[];
    expect(toDo).toContainEqual(expect.objectContaining({ target: expect.objectContaining({ kind: 'agenda_item', itemId: item.id }) }));
    const listed = (await s.paul.client.get(`${s.f.base}/bodies/${s.ids.bodyId}/tensions`)).body;
    expect(listed.tensions.map((x: Tension) => x.id)).toEqual([raised.body.id]);
    expect(listed.can).toEqual({ raise: false });
    expect((await s.gerard.client.get(`${s.f.base}/bodies/${s.ids.bodyId}/tensions`)).body.can).toEqual({ raise: true });
  });

  it('waits without a meeting to come, and the next meeting called has it on its agenda in the same act', async () => {
    const s = await circle();
    const first = (await s.raise(s.gerard.client, s.quietId, 'Le cercle n’a pas de lieu pour se retrouver.')).body.id as string;
    t.clock.advanceMinutes(1);
    const second = (await s.raise(s.samia.client, s.quietId, 'Les comptes rendus arrivent tard.')).body.id as string;
    expect((await s.tension(first)).agendaItem).toBeNull();
    expect((await journalOf(t, s.f.partnershipId)).at(-1)!.kind).toBe('tension.raised');
    const called = await s.gerard.client.post(`${s.f.base}/meetings`, { bodyId: s.quietId, title: 'Cercle d’avril', startsAt: '2026-04-08T18:00:00+02:00' });
    expect(called.status).toBe(201);
    const agenda = (await s.f.admin.get(`${s.f.base}/meetings/${called.body.id}`)).body.agenda as { id: string; title: string; proposedBy: string }[];
    expect(agenda.map((i) => [i.title, i.proposedBy])).toEqual([
      ['Tension : Le cercle n’a pas de lieu pour se retrouver.', 'Gérard Lefèvre'],
      ['Tension : Les comptes rendus arrivent tard.', 'Samia Haddad'],
    ]);
    expect((await s.tension(first)).agendaItem).toMatchObject({ id: agenda[0]!.id, meetingId: called.body.id });
    expect((await s.tension(second)).agendaItem).toMatchObject({ id: agenda[1]!.id, meetingId: called.body.id });
    const kinds = (await journalOf(t, s.f.partnershipId)).slice(-5).map((e) => e.kind);
    expect(kinds).toEqual(['meeting.scheduled', 'agenda.item_added', 'tension.placed', 'agenda.item_added', 'tension.placed']);
    // The facilitator, who called it, raised nothing there but Samia's tension, which he is told of.
    expect(log.mailsTo(s.gerard.email).filter((m) => m.subject === 'Une tension est à l’ordre du jour de « Cercle d’avril »')).toHaveLength(1);
    // A meeting called later leaves them where they are: the first one to come holds them.
    const later = (await s.gerard.client.post(`${s.f.base}/meetings`, { bodyId: s.quietId, title: 'Cercle de mai', startsAt: '2026-05-08T18:00:00+02:00' })).body.id as string;
    expect((await s.f.admin.get(`${s.f.base}/meetings/${later}`)).body.agenda).toEqual([]);
  });
});

describe('the meeting settles a tension', () => {
  it('into a proposal routed by the charter in force, with the tension’s words as its context; its raiser is told', async () => {
    const s = await circle();
    await s.open();
    const id = (await s.raise()).body.id as string;
    const made = await s.samia.client.post(`${s.f.base}/tensions/${id}/proposal`, { wording: 'Confier un double des clés à chaque membre', level: 'operational' });
    expect(made.status).toBe(201);
    const proposal = (await s.f.admin.get(`${s.f.base}/proposals/${made.body.id}`)).body;
    expect(proposal).toMatchObject({ wording: 'Confier un double des clés à chaque membre', context: WORDS, status: 'open' });
    expect(await s.tension(id)).toMatchObject({ status: 'proposal', proposal: { id: made.body.id, wording: 'Confier un double des clés à chaque membre' }, settledInMeetingId: s.ids.meetingId });
    expect((await journalOf(t, s.f.partnershipId)).slice(-2).map((e) => [e.kind, e.payload['tensionId'] ?? e.payload['proposalId']])).toEqual([
      ['proposal.created', made.body.id],
      ['tension.proposed', id],
    ]);
    const told = log.mailsTo(s.gerard.email).filter((m) => m.subject === 'Votre tension est devenue une proposition');
    expect(told).toHaveLength(1);
    expect(told[0]!.button).toBe(`/p/${s.f.partnershipId}/tensions/${id}`);
    // Settled, it leaves the body's list of open tensions.
    expect((await s.f.admin.get(`${s.f.base}/bodies/${s.ids.bodyId}/tensions`)).body.tensions).toEqual([]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('into a task owned by a member: its owner is mailed and finds it in « À faire pour vous », marks it done, once', async () => {
    const s = await circle();
    await s.open();
    const id = (await s.raise(s.samia.client)).body.id as string;
    const task = { title: 'Faire un tableau des clés', ownerId: s.gerard.personId, dueOn: '2026-04-15' };
    expect((await s.samia.client.post(`${s.f.base}/tensions/${id}/task`, task)).status).toBe(204);
    expect(await s.tension(id, s.gerard.client)).toMatchObject({ status: 'task', task: { title: task.title, owner: { id: s.gerard.personId }, dueOn: '2026-04-15', doneAt: null }, can: { markDone: true } });
    expect((await s.tension(id, s.samia.client)).can.markDone).toBe(false);
    const entry = (await journalOf(t, s.f.partnershipId)).at(-1)!;
    expect(entry).toMatchObject({ kind: 'tension.tasked', payload: { tensionId: id, meetingId: s.ids.meetingId, ownerId: s.gerard.personId, dueOn: '2026-04-15' } });
    expect(JSON.stringify(entry.payload)).not.toContain('tableau');
    const toDo = (await s.gerard.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string }; title: string; path: string }[];
    expect(toDo).toContainEqual(expect.objectContaining({ target: { kind: 'tension_task', tensionId: id }, title: task.title, path: `/p/${s.f.partnershipId}/tensions/${id}#marquer-fait` }));
    const mails = log.mailsTo(s.gerard.email).filter((m) => m.subject === 'Une tâche vous est confiée : Faire un tableau des clés');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.button).toBe(`/p/${s.f.partnershipId}/tensions/${id}#marquer-fait`);
    // The body's page lists the task under way.
    expect((await s.f.admin.get(`${s.f.base}/bodies/${s.ids.bodyId}/tensions`)).body.tensions.map((x: Tension) => x.id)).toEqual([id]);
    expect((await s.samia.client.post(`${s.f.base}/tensions/${id}/task-done`)).status).toBe(403);
    expect((await s.gerard.client.post(`${s.f.base}/tensions/${id}/task-done`)).status).toBe(204);
    expect((await s.tension(id)).task!.doneAt).not.toBeNull();
    expect((await s.gerard.client.post(`${s.f.base}/tensions/${id}/task-done`)).status).toBe(409);
    expect(((await s.gerard.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string } }[]).filter((i) => i.target.kind === 'tension_task')).toEqual([]);
    expect((await s.f.admin.get(`${s.f.base}/bodies/${s.ids.bodyId}/tensions`)).body.tensions).toEqual([]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('closed with a word: its raiser reads it', async () => {
    const s = await circle();
    await s.open();
    const id = (await s.raise()).body.id as string;
    expect((await s.samia.client.post(`${s.f.base}/tensions/${id}/close`, { word: 'Réglé : la mairie a posé une boîte à clés.' })).status).toBe(204);
    expect(await s.tension(id)).toMatchObject({ status: 'closed', closingWord: 'Réglé : la mairie a posé une boîte à clés.', settledInMeetingId: s.ids.meetingId });
    const told = log.mailsTo(s.gerard.email).filter((m) => m.subject === 'Votre tension est close');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('la mairie a posé une boîte à clés');
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });
});

describe('refusals', () => {
  it('a non-member may not raise one, nor anyone but whoever runs the meeting settle it: 403, nothing written', async () => {
    const s = await circle();
    await s.open();
    expect((await s.raise(s.paul.client)).status).toBe(403);
    expect((await s.raise(s.f.admin)).status).toBe(403);
    const id = (await s.raise()).body.id as string;
    const before = (await journalOf(t, s.f.partnershipId)).length;
    expect((await s.gerard.client.post(`${s.f.base}/tensions/${id}/close`, { word: 'Non' })).status).toBe(403);
    expect((await s.paul.client.post(`${s.f.base}/tensions/${id}/task`, { title: 'X', ownerId: s.gerard.personId, dueOn: '2026-04-15' })).status).toBe(403);
    expect((await s.samia.client.post(`${s.f.base}/tensions/${id}/withdraw`, { word: 'Non' })).status).toBe(403);
    expect((await journalOf(t, s.f.partnershipId)).length).toBe(before);
    // An administrator stands in for whoever runs the meeting.
    expect((await s.f.admin.post(`${s.f.base}/tensions/${id}/close`, { word: 'Vu en réunion.' })).status).toBe(204);
  });

  it('a tension settled once is not settled again: 409', async () => {
    const s = await circle();
    await s.open();
    const id = (await s.raise()).body.id as string;
    expect((await s.samia.client.post(`${s.f.base}/tensions/${id}/close`, { word: 'Réglé.' })).status).toBe(204);
    const again = await s.samia.client.post(`${s.f.base}/tensions/${id}/task`, { title: 'X', ownerId: s.gerard.personId, dueOn: '2026-04-15' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Cette tension a déjà été traitée : elle ne change plus.');
    expect((await s.gerard.client.post(`${s.f.base}/tensions/${id}/withdraw`, { word: 'Trop tard' })).status).toBe(409);
    // A tension waiting for a meeting is settled by none yet; its raiser may withdraw it.
    const waiting = (await s.raise(s.gerard.client, s.quietId)).body.id as string;
    const early = await s.f.admin.post(`${s.f.base}/tensions/${waiting}/close`, { word: 'Réglé.' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Cette tension attend encore une réunion : elle se traite à la réunion dont l’ordre du jour la porte.');
    expect((await s.gerard.client.post(`${s.f.base}/tensions/${waiting}/withdraw`, { word: 'Finalement on a trouvé.' })).status).toBe(204);
    expect(await s.tension(waiting)).toMatchObject({ status: 'closed', closingWord: 'Finalement on a trouvé.', settledInMeetingId: null });
    // Withdrawn, it no longer goes to the next meeting called.
    const next = (await s.gerard.client.post(`${s.f.base}/meetings`, { bodyId: s.quietId, title: 'Cercle', startsAt: '2026-04-08T18:00:00+02:00' })).body.id as string;
    expect((await s.f.admin.get(`${s.f.base}/meetings/${next}`)).body.agenda).toEqual([]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('bad input is 400 in the user’s language, and writes nothing', async () => {
    const s = await circle();
    await s.open();
    const before = (await journalOf(t, s.f.partnershipId)).length;
    const empty = await s.raise(s.gerard.client, s.ids.bodyId, '   ');
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toEqual({ text: 'Ce champ est obligatoire.' });
    s.gerard.client.locale = 'en';
    const tooLong = await s.raise(s.gerard.client, s.ids.bodyId, 'x'.repeat(2001));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields).toEqual({ text: 'This text is too long.' });
    s.gerard.client.locale = undefined;
    const id = (await s.raise()).body.id as string;
    const outsider = await s.samia.client.post(`${s.f.base}/tensions/${id}/task`, { title: 'X', ownerId: s.paul.personId, dueOn: '2026-04-15' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.fields).toEqual({ ownerId: 'Confiez la tâche à un membre de l’instance.' });
    s.samia.client.locale = 'en';
    const past = await s.samia.client.post(`${s.f.base}/tensions/${id}/task`, { title: 'X', ownerId: s.gerard.personId, dueOn: '2026-03-01' });
    expect(past.status).toBe(400);
    expect(past.body.fields).toEqual({ dueOn: 'The due day cannot be past.' });
    const noLevel = await s.samia.client.post(`${s.f.base}/tensions/${id}/proposal`, { wording: 'X', level: 'cosmic' });
    expect(noLevel.status).toBe(400);
    expect(Object.keys(noLevel.body.fields)).toEqual(['level']);
    expect((await s.samia.client.post(`${s.f.base}/tensions/${id}/close`, { word: '' })).status).toBe(400);
    expect((await s.tension(id)).status).toBe('open');
    expect((await journalOf(t, s.f.partnershipId)).length).toBe(before + 3);
    expect((await s.f.admin.get(`${s.f.base}/tensions/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await s.f.admin.post(`${s.f.base}/bodies/00000000-0000-0000-0000-000000000000/tensions`, { text: 'X' })).status).toBe(404);
  });
});

describe('before its meeting opens', () => {
  it('a tension on its agenda is not settled yet: 409 saying why, nothing written; its raiser may still withdraw it', async () => {
    const s = await circle();
    const id = (await s.raise()).body.id as string;
    expect((await s.f.admin.get(`${s.f.base}/meetings/${s.ids.meetingId}/tensions`)).body.can.settle).toBe(false);
    const before = (await journalOf(t, s.f.partnershipId)).length;
    const early = await s.samia.client.post(`${s.f.base}/tensions/${id}/close`, { word: 'Réglé.' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('La réunion qui porte cette tension n’est pas encore ouverte : elle la traitera une fois ouverte.');
    s.samia.client.locale = 'en';
    const task = await s.samia.client.post(`${s.f.base}/tensions/${id}/task`, { title: 'X', ownerId: s.gerard.personId, dueOn: '2026-04-15' });
    expect(task.status).toBe(409);
    expect(task.body.message).toBe('The meeting holding this tension has not opened yet: it will deal with it once open.');
    expect((await journalOf(t, s.f.partnershipId)).length).toBe(before);
    expect((await s.tension(id)).status).toBe('open');
    await s.open();
    expect((await s.samia.client.get(`${s.f.base}/meetings/${s.ids.meetingId}/tensions`)).body.can.settle).toBe(true);
    expect((await s.gerard.client.post(`${s.f.base}/tensions/${id}/withdraw`, { word: 'On a trouvé.' })).status).toBe(204);
  });
});

describe('erasing the raiser', () => {
  it('empties the words of their tensions and the word they withdrew one with, keeps the rows and what the meeting made of them; the journal still proves them', async () => {
    const s = await circle();
    await s.open();
    const tasked = (await s.raise()).body.id as string;
    const taskedItem = (await s.tension(tasked)).agendaItem!.id;
    const exported = (await s.gerard.client.get('/api/v1/auth/export')).body;
    expect(exported.tensions).toMatchObject([{ id: tasked, text: WORDS, status: 'open' }]);
    expect((await s.samia.client.post(`${s.f.base}/tensions/${tasked}/task`, { title: 'Faire un tableau', ownerId: s.samia.personId, dueOn: TODAY })).status).toBe(204);
    const withdrawn = (await s.raise(s.gerard.client, s.quietId, 'Mon voisin Didier ne vient jamais.')).body.id as string;
    expect((await s.gerard.client.post(`${s.f.base}/tensions/${withdrawn}/withdraw`, { word: 'Didier est malade.' })).status).toBe(204);
    expect((await s.f.admin.post(`${s.f.base}/people/${s.gerard.personId}/erase`)).status).toBe(200);
    expect(await s.tension(tasked)).toMatchObject({ text: '', status: 'task', task: { title: 'Faire un tableau', owner: { id: s.samia.personId } } });
    expect(await s.tension(withdrawn)).toMatchObject({ text: '', status: 'closed', closingWord: '' });
    // The agenda item it sits on, titled by its words, says « Tension » alone.
    const agenda = (await s.f.admin.get(`${s.f.base}/meetings/${s.ids.meetingId}`)).body.agenda as { id: string; title: string }[];
    expect(agenda.find((i) => i.id === taskedItem)!.title).toBe('Tension');
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });
});
