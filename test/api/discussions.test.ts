import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { furnishedWithFacilitator } from '../support/partnership-routes.js';
import { builder, countRows, journalOf, outboxMessages, verifiedChain } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

interface ThreadMessage {
  id: string;
  kind: string;
  phase: string;
  round: number;
  replyTo: string | null;
  body: string;
  author: { id: string; fullName: string; erased: boolean };
  answered: { by: { fullName: string } } | null;
}

/**
 * A proposal in its consent method's presentation, proposed by the administrator and facilitated
 * by Samia, who sits in the body with Gérard; Paul belongs to the same house and sits nowhere.
 */
async function proposalWithThread() {
  const f = await newPartnership(t);
  const { ids, facilitator: samia } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
  const gerard = await newMember(t, f, { fullName: 'Gérard Lefèvre', memberships: [{ organizationId: ids.organizationId, kind: 'board' }] });
  await builder(f).seat(ids.bodyId, { personId: gerard.personId, organizationId: ids.organizationId });
  const paul = await newMember(t, f, { fullName: 'Paul Girard', memberships: [{ organizationId: ids.organizationId, kind: 'volunteer' }] });
  const url = `${f.base}/proposals/${ids.proposalId}`;
  const thread = async (client: Client = f.admin) => {
    const response = await client.get(`${url}/messages`);
    expect(response.status).toBe(200);
    return response.body as { messages: ThreadMessage[]; can: { open: string[]; answer: boolean; markAnswered: boolean } };
  };
  // A minute between messages, so the thread's order is the order they were written in.
  const post = (client: Client, kind: string, body: string, replyTo?: string) => {
    t.clock.advanceMinutes(1);
    return client.post(`${url}/messages`, { kind, body, ...(replyTo && { replyTo }) });
  };
  return { f, ids, samia, gerard, paul, url, thread, post };
}

describe('a clarifying question', () => {
  it('is tagged with its phase, waits on the facilitator, who is mailed, and the journal names it by id only', async () => {
    const s = await proposalWithThread();
    const asked = await s.post(s.gerard.client, 'question', 'Le budget **comprend-il** le transport ?');
    expect(asked.status).toBe(201);
    const message = (await s.thread(s.paul.client)).messages.find((m) => m.id === asked.body.id)!;
    expect(message).toMatchObject({ kind: 'question', phase: 'presentation', round: 1, replyTo: null, body: 'Le budget **comprend-il** le transport ?', author: { id: s.gerard.personId, fullName: 'Gérard Lefèvre', erased: false }, answered: null });
    const entry = (await journalOf(t, s.f.partnershipId)).at(-1)!;
    expect(entry).toMatchObject({ kind: 'discussion.posted', actor_id: s.gerard.personId, payload: { proposalId: s.ids.proposalId, messageId: asked.body.id, authorId: s.gerard.personId, kind: 'question', phase: 'presentation', round: 1, replyTo: null } });
    expect(JSON.stringify(await journalOf(t, s.f.partnershipId))).not.toContain('transport');
    const mail = (await outboxMessages(s.f)).filter((m) => m.recipient === s.samia.email && m.body.includes('Gérard'));
    expect(mail).toEqual([expect.objectContaining({ subject: 'Une question vous attend : « Une proposition »' })]);
    expect(mail[0]!.body).toContain('Gérard Lefèvre pose une question de clarification sur la proposition « Une proposition »');
    // One mail, the call, whose button opens the proposal's page and its thread.
    const questionsToSamia = () => log.mailsTo(s.samia.email).filter((m) => m.subject.startsWith('Une question vous attend'));
    const calls = questionsToSamia().filter((m) => m.body.includes('Gérard Lefèvre pose une question'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.button).toBe(`/p/${s.f.partnershipId}/propositions/${s.ids.proposalId}`);
    expect(calls[0]!.body).toContain('parce que vous animez cette proposition');
    // Her own question calls nobody.
    const before = questionsToSamia().length;
    expect((await s.post(s.samia.client, 'question', 'Une question à moi-même ?')).status).toBe(201);
    expect(questionsToSamia()).toHaveLength(before);
  });

  it('is answered by anyone who may speak, and marked answered by the facilitator alone, once', async () => {
    const s = await proposalWithThread();
    const question = (await s.post(s.gerard.client, 'question', 'Combien de familles ?')).body.id as string;
    const answer = await s.post(s.f.admin, 'answer', 'Une vingtaine.', question);
    expect(answer.status).toBe(201);
    expect((await s.post(s.gerard.client, 'answer', 'Une réponse à une réponse', answer.body.id)).body.fields).toEqual({ replyTo: 'Une réponse se donne à une question de la discussion.' });
    expect((await s.gerard.client.post(`${s.url}/messages/${question}/answered`)).status).toBe(403);
    expect((await s.samia.client.post(`${s.url}/messages/${answer.body.id}/answered`)).body.message).toBe('Seule une question peut être marquée comme répondue.');
    expect(log.mailsTo(s.gerard.email).filter((m) => m.subject.startsWith('Votre question'))).toEqual([]);
    expect((await s.samia.client.post(`${s.url}/messages/${question}/answered`)).status).toBe(204);
    const told = log.mailsTo(s.gerard.email).filter((m) => m.subject.startsWith('Votre question'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe('Votre question a reçu sa réponse : « Une proposition »');
    expect(told[0]!.button).toBe(`/p/${s.f.partnershipId}/propositions/${s.ids.proposalId}`);
    expect((await journalOf(t, s.f.partnershipId)).at(-1)).toMatchObject({ kind: 'discussion.answered', payload: { proposalId: s.ids.proposalId, messageId: question, answeredBy: s.samia.personId } });
    const again = await s.samia.client.post(`${s.url}/messages/${question}/answered`);
    expect([again.status, again.body.message]).toEqual([409, 'Cette question est déjà marquée comme répondue.']);
    const { messages, can } = await s.thread(s.samia.client);
    expect(messages.find((m) => m.id === question)!.answered).toMatchObject({ by: { fullName: 'Samia Haddad' } });
    expect(messages.find((m) => m.id === answer.body.id)).toMatchObject({ kind: 'answer', replyTo: question, author: { id: s.f.adminPersonId } });
    expect(can).toEqual({ open: ['question'], answer: true, markAnswered: true });
  });
});

describe('the phases of the method', () => {
  it('take reactions once past clarification, and answers to earlier questions still', async () => {
    const s = await proposalWithThread();
    const question = (await s.post(s.gerard.client, 'question', 'Qui encadre ?')).body.id as string;
    for (let move = 0; move < 2; move++) expect((await s.samia.client.post(`${s.url}/phase`)).status).toBe(200);
    expect((await s.thread(s.gerard.client)).can.open).toEqual(['reaction']);
    const refused = await s.post(s.gerard.client, 'question', 'Et le coût ?');
    expect([refused.status, refused.body.fields]).toEqual([400, { kind: 'Ce genre de message n’est pas prévu dans la phase en cours.' }]);
    s.gerard.client.locale = 'en';
    expect((await s.post(s.gerard.client, 'comment', 'Un commentaire')).body.fields).toEqual({ kind: 'This kind of message is not expected in the current phase.' });
    const reaction = await s.post(s.gerard.client, 'reaction', 'Je suis pour, si le transport suit.');
    expect(reaction.status).toBe(201);
    expect((await s.post(s.samia.client, 'answer', 'Deux animateurs.', question)).status).toBe(201);
    const { messages } = await s.thread();
    expect(messages.filter((m) => m.author.id !== s.f.adminPersonId).map((m) => [m.kind, m.phase])).toEqual([
      ['question', 'presentation'],
      ['reaction', 'reactions'],
      ['answer', 'reactions'],
    ]);
  });
});

describe('who may write', () => {
  it('refuses someone who neither sits in the deciding body, nor proposed, nor facilitates, and writes nothing', async () => {
    const s = await proposalWithThread();
    const before = await countRows(t, s.f.partnershipId);
    const refused = await s.post(s.paul.client, 'question', 'Puis-je venir ?');
    expect([refused.status, refused.body.message]).toEqual([403, 'Vous n’avez pas le droit de faire cela.']);
    expect(await countRows(t, s.f.partnershipId)).toEqual(before);
    expect((await s.thread(s.paul.client)).can).toEqual({ open: [], answer: false, markAnswered: false });
    expect((await s.post(s.gerard.client, 'question', 'x', s.ids.proposalId)).body.fields).toEqual({ replyTo: 'Cet élément est introuvable.' });
  });

  it('closes the thread once the proposal is settled', async () => {
    const s = await proposalWithThread();
    const question = (await s.post(s.gerard.client, 'question', 'Et l’hiver ?')).body.id as string;
    expect((await s.samia.client.post(`${s.url}/blocked`)).body).toEqual({ outcome: 'lapsed' });
    const before = await countRows(t, s.f.partnershipId);
    for (const client of [s.gerard.client, s.samia.client, s.f.admin]) {
      const refused = await s.post(client, 'reaction', 'Trop tard ?');
      expect([refused.status, refused.body.message]).toEqual([409, 'Cette proposition est tranchée : la discussion est close.']);
    }
    expect((await s.post(s.f.admin, 'answer', 'Au printemps.', question)).status).toBe(409);
    expect((await s.samia.client.post(`${s.url}/messages/${question}/answered`)).status).toBe(409);
    expect(await countRows(t, s.f.partnershipId)).toEqual(before);
    expect((await s.thread(s.samia.client)).can).toEqual({ open: [], answer: false, markAnswered: false });
  });
});

describe('a person’s words in threads', () => {
  it('are in their export, and their erasure empties them, keeps the answers to them, and the journal still proves the thread', async () => {
    const s = await proposalWithThread();
    const question = (await s.post(s.gerard.client, 'question', 'Les **enfants** viennent-ils ?')).body.id as string;
    const answer = (await s.post(s.samia.client, 'answer', 'Oui, avec leurs parents.', question)).body.id as string;
    expect((await s.samia.client.post(`${s.url}/messages/${question}/answered`)).status).toBe(204);
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/auth/export', headers: { cookie: s.gerard.client.cookie! } });
    expect(exported.json().discussionMessages).toEqual([expect.objectContaining({ id: question, kind: 'question', phase: 'presentation', body: 'Les **enfants** viennent-ils ?' })]);

    expect((await s.f.admin.post(`${s.f.base}/people/${s.gerard.personId}/erase`)).status).toBe(200);
    const { messages } = await s.thread();
    expect(messages.find((m) => m.id === question)).toMatchObject({ body: '', author: { fullName: 'Personne effacée', erased: true }, answered: { by: { fullName: 'Samia Haddad' } } });
    expect(messages.find((m) => m.id === answer)).toMatchObject({ body: 'Oui, avec leurs parents.', replyTo: question });
    const rows = await t.store.db.selectFrom('discussion_message').select('body').where('author_id', '=', s.gerard.personId).execute();
    expect(rows).toEqual([{ body: '' }]);
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('are proven by the journal: words changed under it are named', async () => {
    const s = await proposalWithThread();
    const question = (await s.post(s.gerard.client, 'question', 'Quel budget ?')).body.id as string;
    await t.store.db.updateTable('discussion_message').set({ body: 'Quel budget, déjà voté ?' }).where('id', '=', question).execute();
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([expect.objectContaining({ table: 'discussion_message', rowId: question })]);
  });
});
