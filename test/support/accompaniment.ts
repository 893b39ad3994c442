import { expect } from 'vitest';
import { builder } from './structure.js';
import { Client, newMember, newPartnership, type ServerLog, type TestApp } from './test-app.js';

const ACTION_LINK = /http:\/\/entente\.test(\/p\/[^\s#]+)#lien=([A-Za-z0-9_-]+)/;

/** Signs a new client in by the last link a mail gave this address, as someone from outside would. */
export async function signedInByMail(t: TestApp, log: ServerLog, email: string): Promise<Client> {
  const mail = [...log.entries].reverse().find((entry) => entry['to'] === email && ACTION_LINK.test(String(entry['body'])));
  if (!mail) throw new Error(`no link mailed to ${email}`);
  const [, path, token] = ACTION_LINK.exec(String(mail['body']))!;
  const client = new Client(t.app);
  const signedIn = await client.post('/api/v1/auth/action-link', { path, token });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  return client;
}

/**
 * An accompaniment as seed 002 runs one: Claire (partnership administrator) opens it and
 * facilitates it; Amina and Bruno (two houses) take part; Odile, of the partnership, sits in a
 * body but not in the space; Éric comes from outside, invited by name and address and signed in by
 * the mail's link.
 */
export async function accompanimentWithGroup(t: TestApp, log: ServerLog, title = 'Accompagnement des conseils citoyens') {
  const f = await newPartnership(t);
  const build = builder(f);
  const nord = await build.organization('Conseil citoyen Nord');
  const sud = await build.organization('Conseil citoyen Sud');
  const amina = await newMember(t, f, { fullName: 'Amina Diallo', memberships: [{ organizationId: nord, kind: 'volunteer' }] });
  const bruno = await newMember(t, f, { fullName: 'Bruno Lemaire', memberships: [{ organizationId: sud, kind: 'volunteer' }] });
  const odile = await newMember(t, f, { fullName: 'Odile Martin', memberships: [{ organizationId: nord, kind: 'staff' }] });
  const opened = await f.admin.post(`${f.base}/accompaniments`, { title, purpose: 'Faire coopérer les conseils citoyens du territoire.' });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const id = opened.body.id as string;
  const url = `${f.base}/accompaniments/${id}`;
  for (const person of [amina, bruno]) expect((await f.admin.post(`${url}/members`, { personId: person.personId, role: 'participant' })).status).toBe(201);
  const ericEmail = `eric.${Date.now()}.${Math.random().toString(36).slice(2)}@dehors.example.org`;
  const added = await f.admin.post(`${url}/members`, { outsider: { fullName: 'Éric Dehors', email: ericEmail } });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const eric = { personId: added.body.id as string, email: ericEmail, client: await signedInByMail(t, log, ericEmail) };
  return { f, id, url, nord, sud, amina, bruno, odile, eric };
}
