import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { sendTermEndingReminders } from '../../src/roles/term-reminders.js';
import { builder, journalOf, outboxMessages, TODAY, verifiedChain } from '../support/structure.js';
import { formatMeetingTime } from '../../src/i18n/server-messages.js';
import { newMember, newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/** Seed 004 in small: a circle of four that elects its facilitator for a year, Ana facilitating. */
async function circle() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('Maison des Possibles');
  const body = await build.body({ name: 'Cercle jardins', kind: 'circle', minSize: 3, maxSize: 8 });
  const role = await build.role({ name: 'Facilitation du cercle', purpose: 'Tenir le cadre des réunions', termMonths: 12, bodyId: body });
  const seat = async (fullName: string) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
    await build.seat(body, { personId: member.personId, organizationId: house });
    return member;
  };
  const [ana, bruno, chloe, david] = [await seat('Ana Lopes'), await seat('Bruno Petit'), await seat('Chloé Martin'), await seat('David Roux')] as [Member, Member, Member, Member];
  const opened = await ana.client.post(`${f.base}/elections`, { bodyId: body, roleId: role, qualities: 'Patience, sens du temps, écoute' });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const url = `${f.base}/elections/${opened.body.id}`;
  return { f, house, body, role, ana, bruno, chloe, david, url, electionId: opened.body.id as string };
}

type Circle = Awaited<ReturnType<typeof circle>>;

const nominate = (member: Member, url: string, nominee: Member, reason: string) => member.client.put(`${url}/nomination`, { nomineeId: nominee.personId, reason });

async function revealed(c: Circle) {
  expect((await nominate(c.ana, c.url, c.chloe, 'Elle tient les horaires')).status).toBe(200);
  expect((await nominate(c.bruno, c.url, c.chloe, 'Elle écoute tout le monde')).status).toBe(200);
  expect((await nominate(c.chloe, c.url, c.david, 'Il a le temps cette année')).status).toBe(200);
  expect((await nominate(c.david, c.url, c.david, 'Moi-même : j’aimerais apprendre')).status).toBe(200);
  expect((await c.ana.client.post(`${c.url}/phase`)).body).toEqual({ phase: 'reveal' });
}

describe('nominations', () => {
  it('stay hidden until the reveal, even through the API and to an administrator', async () => {
    const c = await circle();
    expect((await nominate(c.bruno, c.url, c.chloe, 'Elle écoute tout le monde')).status).toBe(200);
    for (const reader of [c.chloe.client, c.f.admin]) {
      const seen = (await reader.get(c.url)).body;
      expect(seen.phase).toBe('nomination');
      expect(seen.nominations).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain('Elle écoute tout le monde');
      expect(seen.members.find((m: { id: string }) => m.id === c.bruno.personId).nominated).toBe(true);
    }
    expect((await c.bruno.client.get(c.url)).body.ownNomination).toEqual({ nominee: { id: c.chloe.personId, fullName: 'Chloé Martin' }, reason: 'Elle écoute tout le monde' });
    const written = (await journalOf(t, c.f.partnershipId)).filter((e) => e.kind === 'election.nominated');
    expect(written.map((e) => e.payload)).toEqual([{ electionId: c.electionId, memberId: c.bruno.personId }]);

    await revealed(c);
    const shown = (await c.chloe.client.get(c.url)).body;
    expect(shown.nominations.map((n: { member: { fullName: string }; nominee: { fullName: string }; reason: string }) => [n.member.fullName, n.nominee.fullName, n.reason])).toEqual([
      ['Ana Lopes', 'Chloé Martin', 'Elle tient les horaires'],
      ['Bruno Petit', 'Chloé Martin', 'Elle écoute tout le monde'],
      ['Chloé Martin', 'David Roux', 'Il a le temps cette année'],
      ['David Roux', 'David Roux', 'Moi-même : j’aimerais apprendre'],
    ]);
    const reveal = (await journalOf(t, c.f.partnershipId)).find((e) => e.kind === 'election.revealed')!;
    expect(reveal.payload['nominations']).toHaveLength(4);
  });

  it('are written only by members of the body, for members of the body, with a reason', async () => {
    const c = await circle();
    const outsider = await newMember(t, c.f, { fullName: 'Eva Hors-Cercle', memberships: [{ organizationId: c.house, kind: 'volunteer' }] });
    expect((await nominate(outsider, c.url, c.ana, 'Je ne siège pas')).status).toBe(403);
    const forOutsider = await nominate(c.ana, c.url, outsider, 'Elle viendrait');
    expect(forOutsider.status).toBe(400);
    expect(forOutsider.body.fields.nomineeId).toBe('Cette personne ne siège pas dans l’instance qui élit.');
    const noReason = await nominate(c.ana, c.url, c.bruno, '  ');
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.reason).toBe('Dites pourquoi : chaque proposition de nom, chaque objection s’accompagne de ses raisons.');
    expect((await c.bruno.client.post(`${c.url}/phase`)).status).toBe(403);
  });

  it('may be changed in the change round, with the first one kept beside the new; a rewrite before the reveal stays private', async () => {
    const c = await circle();
    expect((await nominate(c.ana, c.url, c.bruno, 'Première idée, gardée pour moi')).status).toBe(200);
    await revealed(c);
    const ana = (await c.david.client.get(c.url)).body.nominations.find((n: { member: { id: string } }) => n.member.id === c.ana.personId);
    expect(ana).toMatchObject({ nominee: { id: c.chloe.personId }, changedFrom: null });
    expect(JSON.stringify((await c.david.client.get(c.url)).body)).not.toContain('Première idée');
    expect((await nominate(c.chloe, c.url, c.chloe, 'Trop tôt')).status).toBe(409);
    expect((await c.ana.client.post(`${c.url}/phase`)).body).toEqual({ phase: 'change' });
    expect((await nominate(c.chloe, c.url, c.ana, 'Convaincue par les raisons données pour Ana')).status).toBe(200);
    const changed = (await c.david.client.get(c.url)).body.nominations.find((n: { member: { id: string } }) => n.member.id === c.chloe.personId);
    expect(changed).toMatchObject({ nominee: { id: c.ana.personId }, changedFrom: { nominee: { id: c.david.personId }, reason: 'Il a le temps cette année' } });
  });
});

describe('the consent round', () => {
  it('after an objection goes back to a proposal; with every consent it elects, and the role is assigned for its term', async () => {
    const c = await circle();
    await revealed(c);
    await c.ana.client.post(`${c.url}/phase`);
    expect((await c.ana.client.post(`${c.url}/phase`)).body).toEqual({ phase: 'proposal' });
    expect((await c.ana.client.post(`${c.url}/candidate`, { candidateId: c.chloe.personId })).body).toEqual({ round: 1 });
    for (const m of [c.ana, c.bruno, c.chloe]) expect((await m.client.post(`${c.url}/stances`, { stance: 'consent' })).status).toBe(200);
    expect((await c.david.client.post(`${c.url}/stances`, { stance: 'object' })).status).toBe(400);
    expect((await c.david.client.post(`${c.url}/stances`, { stance: 'object', reason: 'Chloé part trois mois au printemps' })).status).toBe(200);
    expect((await c.ana.client.post(`${c.url}/close-round`)).body).toEqual({ phase: 'proposal' });

    expect((await c.ana.client.post(`${c.url}/candidate`, { candidateId: c.chloe.personId })).body).toEqual({ round: 2 });
    for (const m of [c.ana, c.bruno, c.chloe]) await m.client.post(`${c.url}/stances`, { stance: 'consent' });
    const early = await c.ana.client.post(`${c.url}/close-round`);
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Chaque membre doit avoir consenti pour élire : des voix manquent encore.');
    await c.david.client.post(`${c.url}/stances`, { stance: 'consent', reason: 'Avec un binôme pendant son absence' });
    const elected = await c.ana.client.post(`${c.url}/close-round`);
    expect(elected.body).toMatchObject({ phase: 'elected' });

    const page = (await c.bruno.client.get(c.url)).body;
    expect(page).toMatchObject({ phase: 'elected', elected: { id: c.chloe.personId, startsOn: TODAY, endsOn: '2027-03-10' }, can: { nominate: false, facilitate: false, takeStance: false } });
    expect(page.objections).toEqual([{ round: 1, member: { id: c.david.personId, fullName: 'David Roux' }, reason: 'Chloé part trois mois au printemps' }]);
    const role = (await c.f.admin.get(`${c.f.base}/roles/${c.role}`)).body;
    expect(JSON.stringify(role)).toContain(c.chloe.personId);
    const kinds = (await journalOf(t, c.f.partnershipId)).map((e) => e.kind);
    expect(kinds.slice(-3)).toEqual(['election.round_closed', 'role.assigned', 'election.elected']);
    expect(await verifiedChain(t, c.f.partnershipId)).toMatchObject({ ok: true });
    expect((await c.ana.client.post(`${c.url}/candidate`, { candidateId: c.bruno.personId })).status).toBe(409);
  });

  it('refuses with a 409 naming it, at the proposal and at the close, a term planned later that leaves the role no room', async () => {
    const c = await circle();
    await revealed(c);
    await c.ana.client.post(`${c.url}/phase`);
    await c.ana.client.post(`${c.url}/phase`);
    expect((await c.ana.client.post(`${c.url}/candidate`, { candidateId: c.chloe.personId })).body).toEqual({ round: 1 });
    for (const m of [c.ana, c.bruno, c.chloe, c.david]) expect((await m.client.post(`${c.url}/stances`, { stance: 'consent' })).status).toBe(200);
    // Planned meanwhile: Bruno holds the role from next month.
    expect((await c.f.admin.post(`${c.f.base}/roles/${c.role}/assignments`, { personId: c.bruno.personId, startsOn: '2026-04-01' })).status).toBe(201);
    const closing = await c.ana.client.post(`${c.url}/close-round`);
    expect(closing.status).toBe(409);
    expect(closing.body.message).toBe('Ce rôle est déjà confié à Bruno Petit à partir du 2026-04-01 : le mandat élu commencerait aujourd’hui sans place libre. Mettez d’abord fin à cette attribution à venir.');
    expect((await c.bruno.client.get(c.url)).body).toMatchObject({ phase: 'consent' });
    const abandoned = await c.ana.client.post(`${c.url}/abandon`);
    expect(abandoned.status).toBe(200);

    const again = await c.ana.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: c.role, qualities: 'Patience' });
    expect(again.status).toBe(201);
    const url = `${c.f.base}/elections/${again.body.id}`;
    for (const m of [c.ana, c.bruno, c.chloe, c.david]) expect((await nominate(m, url, c.chloe, 'Elle tient les horaires')).status).toBe(200);
    for (let step = 0; step < 3; step++) await c.ana.client.post(`${url}/phase`);
    c.ana.client.locale = 'en';
    const proposed = await c.ana.client.post(`${url}/candidate`, { candidateId: c.chloe.personId });
    expect(proposed.status).toBe(409);
    expect(proposed.body.message).toBe('This role is already given to Bruno Petit from 2026-04-01: the elected term would start today with no room left. First end that upcoming assignment.');
    expect((await c.bruno.client.get(url)).body).toMatchObject({ phase: 'proposal' });
  });

  it('seats the elected second link in the circle above for the term, until the role ends', async () => {
    const c = await circle();
    const build = builder(c.f);
    const parent = await build.body({ name: 'Cercle général', kind: 'circle' });
    const orphan = await c.f.admin.post(`${c.f.base}/roles`, { name: 'Second lien', bodyId: c.body, termMonths: 12, sitsInParent: true });
    expect(orphan.body.fields.sitsInParent).toBe('Ce rôle doit relever d’une instance rattachée à une autre, où la personne siégera.');
    expect((await c.f.admin.patch(`${c.f.base}/bodies/${c.body}`, { parentBodyId: parent })).status).toBe(200);
    const secondLink = await build.role({ name: 'Second lien', bodyId: c.body, termMonths: 12, sitsInParent: true });
    const opened = await c.bruno.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: secondLink, qualities: 'Porter la voix du cercle' });
    const url = `${c.f.base}/elections/${opened.body.id}`;
    for (const m of [c.ana, c.bruno, c.chloe, c.david]) expect((await nominate(m, url, c.chloe, 'Elle connaît le cercle général')).status).toBe(200);
    for (const phase of ['reveal', 'change', 'proposal']) expect((await c.bruno.client.post(`${url}/phase`)).body).toEqual({ phase });
    await c.bruno.client.post(`${url}/candidate`, { candidateId: c.chloe.personId });
    for (const m of [c.ana, c.bruno, c.chloe, c.david]) await m.client.post(`${url}/stances`, { stance: 'consent' });
    const elected = await c.bruno.client.post(`${url}/close-round`);
    expect(elected.body).toMatchObject({ phase: 'elected' });

    const seats = (await c.f.admin.get(`${c.f.base}/bodies/${parent}`)).body.members;
    expect(seats).toEqual([expect.objectContaining({ personId: c.chloe.personId, capacity: 'member', mandateSource: 'role', startsOn: TODAY, endsOn: '2027-03-10' })]);
    expect((await journalOf(t, c.f.partnershipId)).map((e) => e.kind).slice(-4)).toEqual(['election.round_closed', 'role.assigned', 'mandate.started', 'election.elected']);

    // Ending the role ends the seat it gave, the same day.
    const end = await c.f.admin.post(`${c.f.base}/roles/${secondLink}/assignments/${elected.body.assignmentId}/end`, { endsOn: '2026-06-30' });
    expect(end.status).toBe(200);
    const after = (await c.f.admin.get(`${c.f.base}/bodies/${parent}`)).body.members;
    expect(after).toEqual([expect.objectContaining({ personId: c.chloe.personId, endsOn: '2026-06-30' })]);
    expect((await journalOf(t, c.f.partnershipId)).at(-1)).toMatchObject({ kind: 'mandate.ended', payload: { bodyId: parent, personId: c.chloe.personId, endsOn: '2026-06-30' } });
    // Someone who already sits in the circle above keeps their own seat: no second one.
    await build.seat(parent, { personId: c.ana.personId, organizationId: c.house });
    expect((await c.f.admin.post(`${c.f.base}/roles/${secondLink}/assignments`, { personId: c.ana.personId, startsOn: TODAY })).status).toBe(201);
    const ana = (await c.f.admin.get(`${c.f.base}/bodies/${parent}`)).body.members.filter((m: { personId: string }) => m.personId === c.ana.personId);
    expect(ana.map((m: { mandateSource: string }) => m.mandateSource)).toEqual(['board']);
  });

  it('ends the previous holder’s term, and the seat it gave above, the day the newly elected one starts', async () => {
    const c = await circle();
    const parent = await builder(c.f).body({ name: 'Cercle général', kind: 'circle' });
    expect((await c.f.admin.patch(`${c.f.base}/bodies/${c.body}`, { parentBodyId: parent })).status).toBe(200);
    const secondLink = await builder(c.f).role({ name: 'Second lien', bodyId: c.body, termMonths: 12, sitsInParent: true });
    const elect = async (candidate: Member) => {
      const opened = await c.ana.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: secondLink });
      const url = `${c.f.base}/elections/${opened.body.id}`;
      for (const m of [c.ana, c.bruno, c.chloe, c.david]) expect((await nominate(m, url, candidate, 'Elle ou il connaît le cercle général')).status).toBe(200);
      for (const phase of ['reveal', 'change', 'proposal']) expect((await c.ana.client.post(`${url}/phase`)).body).toEqual({ phase });
      await c.ana.client.post(`${url}/candidate`, { candidateId: candidate.personId });
      for (const m of [c.ana, c.bruno, c.chloe, c.david]) await m.client.post(`${url}/stances`, { stance: 'consent' });
      const elected = await c.ana.client.post(`${url}/close-round`);
      expect(elected.body).toMatchObject({ phase: 'elected' });
      return elected.body.assignmentId as string;
    };
    const chloeTerm = await elect(c.chloe);
    const davidTerm = await elect(c.david);

    const role = (await c.f.admin.get(`${c.f.base}/roles/${secondLink}`)).body;
    expect(role.holders.map((h: { personId: string }) => h.personId)).toEqual([c.david.personId]);
    expect(role.assignments).toContainEqual(expect.objectContaining({ id: chloeTerm, startsOn: TODAY, endsOn: TODAY }));
    const seats = (await c.f.admin.get(`${c.f.base}/bodies/${parent}`)).body.members;
    expect(seats.filter((s: { current: boolean }) => s.current).map((s: { personId: string }) => s.personId)).toEqual([c.david.personId]);
    expect(seats).toContainEqual(expect.objectContaining({ personId: c.chloe.personId, startsOn: TODAY, endsOn: TODAY }));
    const entries = (await journalOf(t, c.f.partnershipId)).slice(-5);
    expect(entries.map((e) => e.kind)).toEqual(['role.unassigned', 'mandate.ended', 'role.assigned', 'mandate.started', 'election.elected']);
    expect(entries[0]!.payload).toEqual({ assignmentId: chloeTerm, roleId: secondLink, personId: c.chloe.personId, endsOn: TODAY, replacedBy: davidTerm });
    expect(entries[1]!.payload).toMatchObject({ bodyId: parent, personId: c.chloe.personId, endsOn: TODAY });
    expect(await checkStateAgainstJournal(t.store.db, c.f.partnershipId)).toEqual([]);
    expect(await verifiedChain(t, c.f.partnershipId)).toMatchObject({ ok: true });
  });

  it('runs at a distance with deadlines: members are asked by e-mail, nothing is taken after the deadline, and silence never elects', async () => {
    const c = await circle();
    const inHours = (hours: number) => new Date(t.clock.now().getTime() + hours * 3_600_000).toISOString();
    const role = await builder(c.f).role({ name: 'Secrétariat du cercle', bodyId: c.body, termMonths: 6 });
    expect((await c.ana.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: role, nominationDeadline: inHours(-1) })).body.fields.nominationDeadline).toBe('Choisissez une échéance à venir.');
    const nominationDeadline = inHours(48);
    const opened = await c.ana.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: role, nominationDeadline });
    expect(opened.status).toBe(201);
    const url = `${c.f.base}/elections/${opened.body.id}`;
    const electionPage = `/p/${c.f.partnershipId}/elections/${opened.body.id}`;
    const asked = (await outboxMessages(c.f)).filter((m) => m.subject.startsWith('Élection sans candidat « Secrétariat du cercle »'));
    expect(asked.map((m) => m.recipient).sort()).toEqual([c.ana.email, c.bruno.email, c.chloe.email, c.david.email].sort());
    expect(asked[0]!.body).toContain('Les noms proposés restent cachés');
    // One mail each, the call: a button to the nomination form, the deadline as a fact.
    const [nominationCall, ...duplicates] = log.mailsTo(c.bruno.email).filter((m) => m.subject.includes('Secrétariat du cercle'));
    expect(duplicates).toEqual([]);
    expect(nominationCall!.subject).toBe('Élection sans candidat « Secrétariat du cercle » : proposez un nom — Cercle jardins');
    expect(nominationCall!.button).toBe(`${electionPage}#proposer-un-nom`);
    expect(nominationCall!.body).toContain(`À faire avant le : ${formatMeetingTime('fr', new Date(nominationDeadline))}`);
    for (const m of [c.ana, c.bruno, c.chloe]) expect((await nominate(m, url, c.bruno, 'Il prend de belles notes')).status).toBe(200);
    t.clock.advanceMinutes(48 * 60 + 1);
    const late = await nominate(c.david, url, c.bruno, 'Trop tard');
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('L’échéance est passée : cette étape de l’élection est close.');
    expect((await c.david.client.get(url)).body.can.nominate).toBe(false);
    for (const phase of ['reveal', 'change', 'proposal']) expect((await c.ana.client.post(`${url}/phase`)).body).toEqual({ phase });
    expect((await c.ana.client.get(url)).body.deadline).toBeNull();

    const consentDeadline = inHours(24);
    expect((await c.ana.client.post(`${url}/candidate`, { candidateId: c.bruno.personId, deadline: consentDeadline })).status).toBe(200);
    expect((await outboxMessages(c.f)).filter((m) => m.subject.startsWith('Élection « Secrétariat du cercle » : consentez-vous à élire Bruno Petit ?'))).toHaveLength(4);
    const consentCalls = log.mailsTo(c.david.email).filter((m) => m.subject.startsWith('Élection « Secrétariat du cercle » : consentez-vous'));
    expect(consentCalls).toHaveLength(1);
    expect(consentCalls[0]!.subject).toBe('Élection « Secrétariat du cercle » : consentez-vous à élire Bruno Petit ? — Cercle jardins');
    expect(consentCalls[0]!.button).toBe(`${electionPage}#consentir`);
    expect(consentCalls[0]!.body).toContain(`À faire avant le : ${formatMeetingTime('fr', new Date(consentDeadline))}`);
    for (const m of [c.ana, c.bruno, c.chloe]) expect((await m.client.post(`${url}/stances`, { stance: 'consent' })).status).toBe(200);
    expect((await c.ana.client.post(`${url}/close-round`)).status).toBe(409);
    t.clock.advanceMinutes(24 * 60 + 1);
    expect((await c.david.client.post(`${url}/stances`, { stance: 'consent' })).status).toBe(409);
    // David did not answer in time: the round closes without electing, and the facilitator proposes again.
    expect((await c.ana.client.post(`${url}/close-round`)).body).toEqual({ phase: 'proposal' });
    expect((await c.ana.client.post(`${url}/candidate`, { candidateId: c.bruno.personId })).body).toEqual({ round: 2 });
    for (const m of [c.ana, c.bruno, c.chloe, c.david]) expect((await m.client.post(`${url}/stances`, { stance: 'consent' })).status).toBe(200);
    expect((await c.ana.client.post(`${url}/close-round`)).body).toMatchObject({ phase: 'elected' });
    const outcome = log.mailsTo(c.chloe.email).filter((m) => m.subject.startsWith('Élection « Secrétariat du cercle » : Bruno Petit tiendra le rôle'));
    expect(outcome).toHaveLength(1);
    expect(outcome[0]!.body).toContain('Cercle jardins a élu Bruno Petit au rôle « Secrétariat du cercle ».');
    expect(outcome[0]!.button).toBe(electionPage);
  });

  it('opens once per role at a time, for a role of the electing body, with a term', async () => {
    const c = await circle();
    const again = await c.bruno.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: c.role });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Une élection est déjà en cours pour ce rôle.');
    const noTerm = await builder(c.f).role({ name: 'Lien vers le comité', bodyId: c.body });
    const refused = await c.bruno.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: noTerm });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.termMonths).toBe('Indiquez la durée du mandat : ce rôle n’en a pas.');
    expect((await c.bruno.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: noTerm, termMonths: 6 })).status).toBe(201);
    // A role of no body is filled by the partnership: a member of one body may not elect it alone.
    const partnershipRole = await builder(c.f).role({ name: 'Coordination', termMonths: 12 });
    expect((await c.bruno.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: partnershipRole })).status).toBe(403);
    expect((await c.f.admin.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: partnershipRole, facilitatorId: c.bruno.personId })).status).toBe(201);
    const other = await newPartnership(t);
    expect((await other.admin.get(c.url.replace(c.f.base, other.base))).status).toBe(404);
    expect((await other.admin.get(`${other.base}/elections/${c.electionId}`)).status).toBe(404);
  });
});

describe('terms coming to an end', () => {
  it('are announced once, a month ahead, to the holder and the members of the role’s body', async () => {
    const c = await circle();
    const secretary = await builder(c.f).role({ name: 'Secrétariat du cercle', bodyId: c.body, termMonths: 12 });
    const assign = (roleId: string, personId: string, endsOn: string) => c.f.admin.post(`${c.f.base}/roles/${roleId}/assignments`, { personId, startsOn: TODAY, endsOn });
    expect((await assign(c.role, c.chloe.personId, '2026-04-01')).status).toBe(201);
    expect((await assign(secretary, c.bruno.personId, '2026-06-01')).status).toBe(201);
    await sendTermEndingReminders(t.store.db, t.clock.now());
    const reminders = (await outboxMessages(c.f)).filter((m) => m.subject.startsWith('Fin de mandat'));
    expect(reminders.map((m) => m.recipient).sort()).toEqual([c.ana.email, c.bruno.email, c.chloe.email, c.david.email].sort());
    expect(reminders[0]!.subject).toBe('Fin de mandat le 1er avril 2026 : « Facilitation du cercle »');
    expect(reminders[0]!.body).toContain('Le mandat de Chloé Martin comme « Facilitation du cercle » se termine le 1er avril 2026.');
    await sendTermEndingReminders(t.store.db, t.clock.now());
    expect((await outboxMessages(c.f)).filter((m) => m.subject.startsWith('Fin de mandat'))).toHaveLength(4);
    expect((await journalOf(t, c.f.partnershipId)).filter((e) => e.kind === 'role.term_ending').map((e) => e.payload['personId'])).toEqual([c.chloe.personId]);
  });
});
