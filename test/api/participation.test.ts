import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_LEVELS, emptyRules } from '../../src/charters/rules/types.js';
import { toDoOf } from '../../src/participation/queries.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;
interface Item {
  target: Record<string, string>;
  title: string;
  bodyName: string | null;
  deadline: { kind: 'instant'; at: string } | { kind: 'day'; on: string } | null;
  path: string;
}

/**
 * A steering committee of two delegates, Nadia and Samia, under the partnership charter in force
 * that sends every decision to it by consent and names Nadia its signatory; Odile belongs to the
 * partnership and sits nowhere.
 */
async function committee() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('MJC des Tilleuls');
  const body = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  const member = async (fullName: string, seated = true) => {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'board' }] });
    if (seated) await build.seat(body, { personId: person.personId, organizationId: house });
    return person;
  };
  const [nadia, samia, odile] = [await member('Nadia Benali'), await member('Samia Haddad'), await member('Odile Perrin', false)] as [Member, Member, Member];
  const signatoryId = randomUUID();
  const content = {
    title: 'Charte du partenariat',
    articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }],
    rules: {
      ...emptyRules(),
      bodyIds: [body],
      signatories: [{ id: signatoryId, personId: nadia.personId, organizationId: house, capacity: 'Présidente' }],
      decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId: body, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
    },
  };
  const charter = await f.admin.post(`${f.base}/charters/import`, { format: 'entente-charter', formatVersion: 1, kind: 'partnership', content });
  const charterId = charter.body.id as string;
  const versionId = charter.body.versionId as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${versionId}`;
  const contentHash = (await f.admin.get(versionUrl)).body.contentHash as string;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: body, adoptedOn: TODAY, contentHash })).status).toBe(200);
  return { f, build, house, body, nadia, samia, odile, charterId, versionId, versionUrl, contentHash, signatoryId };
}
type Committee = Awaited<ReturnType<typeof committee>>;

async function toDo(s: Committee, member: Member): Promise<Item[]> {
  const answer = await member.client.get(`${s.f.base}/to-do`);
  expect(answer.status).toBe(200);
  expect(answer.body.count).toBe(answer.body.items.length);
  return answer.body.items;
}
const kinds = (items: Item[]) => items.map((item) => item.target['kind']);

/** A proposal in its consent round, with a deadline when one is given. */
async function roundOpen(s: Committee, wording: string, deadline?: string) {
  const created = await s.f.admin.post(`${s.f.base}/proposals`, { level: 'operational', wording, participationLevel: 'participation' });
  expect(created.status).toBe(201);
  const url = `${s.f.base}/proposals/${created.body.id}`;
  for (let move = 0; move < 3; move++) expect((await s.f.admin.post(`${url}/phase`, move === 2 && deadline ? { deadline } : {})).status).toBe(200);
  return { id: created.body.id as string, url };
}

describe('the things to do of a body member', () => {
  it('list a stance due in an open round, with the link to the form, until it is taken', async () => {
    const s = await committee();
    const proposal = await roundOpen(s, 'Organiser deux séjours familles par an.');
    const items = await toDo(s, s.samia);
    expect(items).toEqual([
      {
        target: { kind: 'stance', proposalId: proposal.id },
        title: 'Organiser deux séjours familles par an.',
        bodyName: 'Comité de pilotage',
        deadline: null,
        path: `/p/${s.f.partnershipId}/propositions/${proposal.id}#prendre-position`,
      },
    ]);
    expect((await s.samia.client.post(`${proposal.url}/stances`, { stance: 'consent', reason: '', idempotencyKey: randomUUID() })).status).toBe(200);
    expect(kinds(await toDo(s, s.samia))).toEqual([]);
    // Nadia's stance is still awaited, and her signature.
    expect(kinds(await toDo(s, s.nadia))).toEqual(['stance', 'signature']);
  });

  it('list no stance before the round opens, nor once the proposal is decided', async () => {
    const s = await committee();
    const created = await s.f.admin.post(`${s.f.base}/proposals`, { level: 'operational', wording: 'Pas encore', participationLevel: 'participation' });
    expect(kinds(await toDo(s, s.samia))).toEqual([]);
    const url = `${s.f.base}/proposals/${created.body.id}`;
    for (let move = 0; move < 3; move++) await s.f.admin.post(`${url}/phase`);
    expect(kinds(await toDo(s, s.samia))).toEqual(['stance']);
    for (const member of [s.nadia, s.samia]) await member.client.post(`${url}/stances`, { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
    expect((await s.f.admin.post(`${url}/close-round`, { statement: 'Adoptée.' })).status).toBe(200);
    expect(kinds(await toDo(s, s.samia))).toEqual([]);
  });

  it('list one’s nomination in an election of one’s body, then one’s consent to the name proposed', async () => {
    const s = await committee();
    const role = await s.build.role({ name: 'Facilitation du comité', bodyId: s.body, termMonths: 12 });
    const opened = await s.nadia.client.post(`${s.f.base}/elections`, { bodyId: s.body, roleId: role, nominationDeadline: '2026-03-20T18:00:00+01:00' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const url = `${s.f.base}/elections/${opened.body.id}`;
    const [nomination] = await toDo(s, s.samia);
    expect(nomination).toEqual({
      target: { kind: 'nomination', electionId: opened.body.id },
      title: 'Facilitation du comité',
      bodyName: 'Comité de pilotage',
      deadline: { kind: 'instant', at: '2026-03-20T17:00:00.000Z' },
      path: `/p/${s.f.partnershipId}/elections/${opened.body.id}#proposer-un-nom`,
    });
    for (const member of [s.nadia, s.samia]) expect((await member.client.put(`${url}/nomination`, { nomineeId: s.samia.personId, reason: 'Elle tient les horaires' })).status).toBe(200);
    expect(kinds(await toDo(s, s.samia))).toEqual([]);
    for (let move = 0; move < 3; move++) expect((await s.nadia.client.post(`${url}/phase`)).status).toBe(200);
    expect((await s.nadia.client.post(`${url}/candidate`, { candidateId: s.samia.personId })).status).toBe(200);
    expect(kinds(await toDo(s, s.samia))).toEqual(['consent']);
    expect((await s.samia.client.post(`${url}/stances`, { stance: 'consent' })).status).toBe(200);
    expect(kinds(await toDo(s, s.samia))).toEqual([]);
    expect(kinds(await toDo(s, s.nadia))).toEqual(['consent', 'signature']);
  });

  it('list the signature of the charter in force that names them, until they sign it', async () => {
    const s = await committee();
    const [signature] = await toDo(s, s.nadia);
    expect(signature).toEqual({
      target: { kind: 'signature', charterId: s.charterId, versionId: s.versionId },
      title: 'Charte du partenariat',
      bodyName: 'Comité de pilotage',
      deadline: null,
      path: `/p/${s.f.partnershipId}/chartes/${s.charterId}/versions/${s.versionId}#signer`,
    });
    expect(kinds(await toDo(s, s.samia))).toEqual([]);
    const signed = await s.nadia.client.post(`${s.versionUrl}/signatures`, { signatoryId: s.signatoryId, typedName: 'Nadia Benali', readAndApproved: true, contentHash: s.contentHash });
    expect(signed.status).toBe(201);
    expect(kinds(await toDo(s, s.nadia))).toEqual([]);
  });

  it('list minutes to review, a date poll to answer, an agenda item to prepare and a term ending, soonest first', async () => {
    const s = await committee();
    const meeting = await s.nadia.client.post(`${s.f.base}/meetings`, { bodyId: s.body, title: 'Comité de mars', startsAt: '2026-03-10T08:00:00+01:00', secretaryId: s.nadia.personId });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const meetingUrl = `${s.f.base}/meetings/${meeting.body.id}`;
    for (const member of [s.nadia, s.samia]) expect((await s.nadia.client.put(`${meetingUrl}/attendance`, { personId: member.personId, status: 'present', representedBy: null })).status).toBe(204);
    expect((await s.nadia.client.put(`${meetingUrl}/minutes`, { text: 'Présents : Nadia, Samia.', basedOn: 0 })).status).toBe(200);
    expect((await s.nadia.client.post(`${meetingUrl}/minutes/review`, { until: '2026-03-17T18:00:00+01:00' })).status).toBe(204);

    const next = await s.nadia.client.post(`${s.f.base}/meetings`, { bodyId: s.body, title: 'Comité d’avril', startsAt: '2026-04-07T18:00:00+02:00' });
    const item = await s.samia.client.post(`${s.f.base}/meetings/${next.body.id}/agenda`, { kind: 'information', title: 'Nouvelles du jardin' });
    expect(item.status).toBe(201);
    const poll = await s.nadia.client.post(`${s.f.base}/date-polls`, { bodyId: s.body, title: 'Comité de mai', slots: ['2026-05-05T18:00:00+02:00', '2026-05-12T18:00:00+02:00'] });
    expect(poll.status).toBe(201);
    const role = await s.build.role({ name: 'Trésorerie', bodyId: s.body });
    const term = await s.f.admin.post(`${s.f.base}/roles/${role}/assignments`, { personId: s.samia.personId, startsOn: '2025-03-25', endsOn: '2026-03-25' });
    expect(term.status).toBe(201);

    const items = await toDo(s, s.samia);
    expect(items.map((i) => [i.target['kind'], i.title, i.deadline])).toEqual([
      ['minutes_review', 'Comité de mars', { kind: 'instant', at: '2026-03-17T17:00:00.000Z' }],
      ['term_ending', 'Trésorerie', { kind: 'day', on: '2026-03-25' }],
      ['agenda_item', 'Nouvelles du jardin', { kind: 'instant', at: '2026-04-07T16:00:00.000Z' }],
      ['date_poll', 'Comité de mai', { kind: 'instant', at: '2026-05-05T16:00:00.000Z' }],
    ]);
    expect(items.map((i) => i.path)).toEqual([
      `/p/${s.f.partnershipId}/reunions/${meeting.body.id}#relire-le-compte-rendu`,
      `/p/${s.f.partnershipId}/roles/${role}#titulaires`,
      `/p/${s.f.partnershipId}/reunions/${next.body.id}#ordre-du-jour`,
      `/p/${s.f.partnershipId}/sondages/${poll.body.id}#repondre`,
    ]);
    // The secretary who wrote the minutes does not review them.
    expect(kinds(await toDo(s, s.nadia))).toEqual(['date_poll', 'signature']);

    const version = (await s.samia.client.get(meetingUrl)).body.minutesVersion;
    expect((await s.samia.client.put(`${meetingUrl}/minutes/review`, { verdict: 'approve', basedOn: version })).status).toBe(204);
    const slotId = (await s.samia.client.get(`${s.f.base}/date-polls/${poll.body.id}`)).body.slots[0].id;
    expect((await s.samia.client.put(`${s.f.base}/date-polls/${poll.body.id}/answers`, { answers: [{ slotId, answer: 'yes' }] })).status).toBe(204);
    expect(kinds(await toDo(s, s.samia))).toEqual(['term_ending', 'agenda_item']);
    // A new version of the minutes asks for a new reading.
    expect((await s.nadia.client.put(`${meetingUrl}/minutes`, { text: 'Présentes : Nadia et Samia.', basedOn: version })).status).toBe(200);
    expect(kinds(await toDo(s, s.samia))).toEqual(['minutes_review', 'term_ending', 'agenda_item']);
  });

  it('list a seat ending within a month, unless the next one is already there', async () => {
    const s = await committee();
    const seat = await s.build.seat(s.body, { personId: s.odile.personId, organizationId: s.house, endsOn: '2026-04-01' });
    const odile = async () => toDo(s, s.odile);
    expect((await odile()).map((i) => [i.target, i.deadline, i.path])).toEqual([
      [{ kind: 'seat_ending', bodyId: s.body, seatId: seat }, { kind: 'day', on: '2026-04-01' }, `/p/${s.f.partnershipId}/instances/${s.body}#membres`],
    ]);
    await s.build.seat(s.body, { personId: s.odile.personId, organizationId: s.house, startsOn: '2026-04-01' });
    expect(kinds(await odile())).toEqual([]);
  });
});

describe('the things to do of someone else', () => {
  it('are not shown to a person who sits in no body and signs nothing', async () => {
    const s = await committee();
    await roundOpen(s, 'Acheter un barnum.');
    await s.nadia.client.post(`${s.f.base}/elections`, { bodyId: s.body, roleId: await s.build.role({ bodyId: s.body, termMonths: 12 }) });
    expect(kinds(await toDo(s, s.samia))).toEqual(['stance', 'nomination']);
    expect(await toDo(s, s.odile)).toEqual([]);
    expect((await s.f.admin.get(`${s.f.base}/to-do`)).body).toEqual({ items: [], count: 0 });
  });

  it('are not shown outside the partnership', async () => {
    const s = await committee();
    const other = await newPartnership(t);
    expect((await other.admin.get(`${s.f.base}/to-do`)).status).toBe(404);
    expect((await s.samia.client.get(`${other.base}/to-do`)).status).toBe(404);
  });
});

describe('the query', () => {
  it('is one statement, whatever the size of the partnership and the number of things to do', async () => {
    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    };
    const db = t.store.db.withPlugin(counting);
    const s = await committee();
    const count = async () => {
      statements = 0;
      const answer = await toDoOf(db, s.f.partnershipId, s.samia.personId, t.clock.now());
      return { statements, items: answer.count };
    };
    expect(await count()).toEqual({ statements: 1, items: 0 });
    for (let i = 0; i < 5; i++) await roundOpen(s, `Proposition ${i}`);
    for (let i = 0; i < 3; i++) await s.nadia.client.post(`${s.f.base}/date-polls`, { bodyId: s.body, title: `Sondage ${i}`, slots: ['2026-05-05T18:00:00+02:00', '2026-05-12T18:00:00+02:00'] });
    for (let i = 0; i < 20; i++) await s.build.seat(s.body, { personId: await s.build.person(), organizationId: null });
    expect(await count()).toEqual({ statements: 1, items: 8 });
  });
});
