import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { journalOf } from '../support/structure.js';
import { ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

const theDay = {
  title: 'Journée de coopération',
  startsAt: '2030-03-14T08:30:00.000Z',
  endsAt: '2030-03-14T16:00:00.000Z',
  place: 'Maison des associations, Lille',
  programme: [
    { title: 'Accueil et tour de table', minutes: 30 },
    { title: 'Ateliers : nos coopérations', minutes: 120 },
    { title: 'Retours à chaud', minutes: null },
  ],
};

describe('a day of an accompaniment', () => {
  it('is scheduled by a facilitator with its programme; every member, the outsider too, is convened with its calendar event', async () => {
    const s = await accompanimentWithGroup(t, log);
    const scheduled = await s.f.admin.post(`${s.url}/days`, theDay);
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    const dayUrl = `${s.f.base}/accompaniment-days/${scheduled.body.id}`;
    const page = await s.eric.client.get(dayUrl);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      title: 'Journée de coopération',
      accompaniment: { id: s.id, archived: false },
      startsAt: theDay.startsAt,
      heldAt: null,
      programme: [
        { title: 'Accueil et tour de table', minutes: 30 },
        { title: 'Ateliers : nos coopérations', minutes: 120 },
        { title: 'Retours à chaud', minutes: null },
      ],
      can: { change: false, hold: false },
    });
    expect(page.body.people.map((p: { person: { fullName: string }; present: boolean }) => [p.person.fullName, p.present])).toEqual([
      ['Admin Test', false],
      ['Amina Diallo', false],
      ['Bruno Lemaire', false],
      ['Éric Dehors', false],
    ]);
    for (const email of [s.amina.email, s.eric.email]) {
      expect(log.mailsTo(email).map((mail) => [mail.subject.startsWith('Journée « Journée de coopération » le'), mail.button])).toContainEqual([
        true,
        `/p/${s.f.partnershipId}/accompagnements/${s.id}/journees/${scheduled.body.id}`,
      ]);
    }
    const stored = await t.store.db.selectFrom('outbox_message').select('calendar').where('partnership_id', '=', s.f.partnershipId).where('subject', 'like', 'Journée%').execute();
    expect(stored).toHaveLength(3);
    // Long lines of an iCalendar file are folded; unfolded, the event says when and what.
    const events = stored.map((row) => row.calendar?.replace(/\r\n[ \t]/g, '') ?? '');
    expect(events.every((event) => event.includes('DTSTART:20300314T083000Z') && event.includes('DTEND:20300314T160000Z') && event.includes('2. Ateliers : nos coopérations (120 min)'))).toBe(true);
    const list = await s.amina.client.get(`${s.url}/days`);
    expect(list.body).toMatchObject({ days: [{ id: scheduled.body.id, title: 'Journée de coopération', presentCount: 0 }], can: { schedule: false } });
    expect((await s.f.admin.get(`${s.url}/days`)).body.can.schedule).toBe(true);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('is changed while not held, the members told again; participants and readers neither schedule nor change it', async () => {
    const s = await accompanimentWithGroup(t, log);
    const day = (await s.f.admin.post(`${s.url}/days`, theDay)).body.id as string;
    const dayUrl = `${s.f.base}/accompaniment-days/${day}`;
    expect((await s.amina.client.post(`${s.url}/days`, theDay)).status).toBe(403);
    expect((await s.odile.client.put(dayUrl, theDay)).status).toBe(403);
    expect((await s.odile.client.get(dayUrl)).status).toBe(200);
    const cold = (await s.f.admin.post(`${s.url}/questionnaires/from-template`, { template: 'cold_evaluation', dayId: day, weeksAfterDay: 4 })).body.id as string;
    const coldUrl = `${s.f.base}/questionnaires/${cold}`;
    expect((await s.f.admin.get(coldUrl)).body).toMatchObject({ opensAt: '2030-04-11T08:30:00.000Z', closesAt: '2030-04-25T08:30:00.000Z' });
    const moved = { ...theDay, startsAt: '2030-03-21T08:30:00.000Z', endsAt: '2030-03-21T16:00:00.000Z', programme: [{ title: 'Un seul atelier', minutes: 240 }] };
    expect((await s.f.admin.put(dayUrl, moved)).status).toBe(204);
    // The cold evaluation moves with its day, so the clock sends it the right week.
    expect((await s.f.admin.get(coldUrl)).body).toMatchObject({ state: 'scheduled', opensAt: '2030-04-18T08:30:00.000Z', closesAt: '2030-05-02T08:30:00.000Z' });
    expect((await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'questionnaire.changed').map((entry) => entry.payload)).toEqual([
      { questionnaireId: cold, anonymous: true, opensAt: '2030-04-18T08:30:00.000Z', closesAt: '2030-05-02T08:30:00.000Z' },
    ]);
    expect((await s.f.admin.get(dayUrl)).body).toMatchObject({ startsAt: moved.startsAt, programme: [{ title: 'Un seul atelier', minutes: 240 }], can: { change: true, hold: true } });
    expect(log.mailsTo(s.bruno.email).some((mail) => mail.subject.startsWith('La journée « Journée de coopération » change'))).toBe(true);
    const backwards = await s.f.admin.put(dayUrl, { ...theDay, endsAt: '2030-03-14T07:00:00.000Z' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toEqual({ endsAt: 'La fin ne peut pas précéder le début.' });
    const empty = await s.f.admin.post(`${s.url}/days`, { ...theDay, programme: [{ title: ' ', minutes: 0 }] });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.fields).sort()).toEqual(['programme.0.minutes', 'programme.0.title']);
    // Changed again (its place only), the event's SEQUENCE rises so calendars replace it; the evaluation stays put.
    expect((await s.f.admin.put(dayUrl, { ...moved, place: 'La Condition publique, Roubaix' })).status).toBe(204);
    const sequences = async (subject: string) =>
      (await t.store.db.selectFrom('outbox_message').select('calendar').where('partnership_id', '=', s.f.partnershipId).where('subject', 'like', subject).execute())
        .map((row) => /SEQUENCE:(\d+)/.exec(row.calendar ?? '')?.[1])
        .sort();
    expect(await sequences('Journée%')).toEqual(['0', '0', '0']);
    expect(await sequences('La journée%')).toEqual(['1', '1', '1', '2', '2', '2']);
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind.startsWith('accompaniment.day') || kind === 'questionnaire.changed')).toEqual([
      'accompaniment.dayScheduled',
      'accompaniment.dayChanged',
      'questionnaire.changed',
      'accompaniment.dayChanged',
    ]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('is held once begun, noting who came among the members; then it no longer changes, and who came may be corrected', async () => {
    const s = await accompanimentWithGroup(t, log);
    const future = (await s.f.admin.post(`${s.url}/days`, theDay)).body.id as string;
    const early = await s.f.admin.post(`${s.f.base}/accompaniment-days/${future}/held`, { presentIds: [] });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Une journée se dit tenue une fois commencée.');
    const past = (await s.f.admin.post(`${s.url}/days`, { ...theDay, startsAt: '2025-01-10T08:30:00.000Z', endsAt: '2025-01-10T16:00:00.000Z' })).body.id as string;
    const dayUrl = `${s.f.base}/accompaniment-days/${past}`;
    expect((await s.amina.client.post(`${dayUrl}/held`, { presentIds: [s.amina.personId] })).status).toBe(403);
    const stranger = await s.f.admin.post(`${dayUrl}/held`, { presentIds: [s.amina.personId, s.odile.personId] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields).toEqual({ presentIds: 'Seules les personnes de l’accompagnement peuvent être notées présentes.' });
    expect((await s.f.admin.post(`${dayUrl}/held`, { presentIds: [s.amina.personId, s.eric.personId, s.f.adminPersonId] })).status).toBe(204);
    const held = await s.eric.client.get(dayUrl);
    expect(held.body).toMatchObject({ heldAt: expect.any(String), can: { change: false, hold: false } });
    expect(held.body.people.filter((p: { present: boolean }) => p.present).map((p: { person: { fullName: string } }) => p.person.fullName)).toEqual(['Admin Test', 'Amina Diallo', 'Éric Dehors']);
    const changed = await s.f.admin.put(dayUrl, theDay);
    expect(changed.status).toBe(409);
    expect(changed.body.message).toBe('Cette journée a eu lieu : son horaire, son lieu et son programme ne changent plus.');
    // Éric leaves the space: he stays noted present, and who came is corrected without him being added again.
    expect((await s.f.admin.delete(`${s.url}/members/${s.eric.personId}`)).status).toBe(204);
    expect((await s.f.admin.post(`${dayUrl}/held`, { presentIds: [s.eric.personId, s.bruno.personId, s.f.adminPersonId] })).status).toBe(204);
    const corrected = await s.f.admin.get(dayUrl);
    expect(corrected.body.people.map((p: { person: { fullName: string }; member: boolean; present: boolean }) => [p.person.fullName, p.member, p.present])).toEqual([
      ['Admin Test', true, true],
      ['Amina Diallo', true, false],
      ['Bruno Lemaire', true, true],
      ['Éric Dehors', false, true],
    ]);
    expect((await s.f.admin.get(`${s.url}/days`)).body.days.map((d: { presentCount: number }) => d.presentCount)).toEqual([3, 0]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
    // Someone noted present, or a programme rewritten, without an act: the state proof names the day.
    await t.store.db.insertInto('accompaniment_day_presence').values({ day_id: past, person_id: s.amina.personId }).execute();
    await t.store.db.updateTable('accompaniment_day_item').set({ title: 'Autre chose' }).where('day_id', '=', future).where('position', '=', 0).execute();
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map((row) => [row.table, row.rowId])).toEqual([
      ['accompaniment_day', expect.any(String)],
      ['accompaniment_day', expect.any(String)],
    ]);
  });

  it('is out of reach of an outsider the space does not name, and frozen once the space is archived', async () => {
    const s = await accompanimentWithGroup(t, log);
    const other = await accompanimentWithGroup(t, log, 'Un autre groupe');
    const day = (await s.f.admin.post(`${s.url}/days`, theDay)).body.id as string;
    expect((await s.eric.client.get(`${s.f.base}/accompaniment-days/${day}`)).status).toBe(200);
    expect((await other.eric.client.get(`${other.f.base}/accompaniment-days/${day}`)).status).toBe(404);
    expect((await other.f.admin.get(`${other.f.base}/accompaniment-days/${day}`)).status).toBe(404);
    expect((await s.f.admin.post(`${s.url}/archive`)).status).toBe(204);
    expect((await s.f.admin.get(`${s.f.base}/accompaniment-days/${day}`)).body).toMatchObject({ accompaniment: { archived: true }, can: { change: false, hold: false } });
    expect((await s.f.admin.put(`${s.f.base}/accompaniment-days/${day}`, theDay)).status).toBe(409);
    expect((await s.f.admin.post(`${s.url}/days`, theDay)).status).toBe(409);
  });
});
