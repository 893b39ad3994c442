import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRoundsPastDeadline, takeStance } from '../../src/decisions/acts.js';
import { backgroundWorkEnded } from '../../src/common/database/database.js';
import { sendDueReviewReminders } from '../../src/decisions/review-reminders.js';
import { pdfText } from '../support/pdf-text.js';
import { statementsSaying } from '../support/statements.js';
import { anchorIn, builder, headOf, journalOf, outboxMessages, TODAY, verifiedChain } from '../support/structure.js';
import { Client, newMember, newPartnership, startTestApp, type Response, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * Seed 001 in small: two houses, a steering committee of two delegates per house, a directors'
 * committee of one director per house, and the partnership charter of the template in force.
 */
async function partnershipWithCharter(adjust: (content: { rules: { decisionMatrix: Record<string, unknown>[]; bodyIds: string[] } }, bodies: { group: string }) => void = () => {}) {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  const plenary = await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  const directors = await build.body({ name: 'Codir', kind: 'directors' });
  const group = await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const member = async (fullName: string, organizationId: string, bodyId: string) => {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board' }] });
    await build.seat(bodyId, { personId: person.personId, organizationId });
    return person;
  };
  const steeringMembers = [
    await member('Nadia Benali', tilleuls, steering),
    await member('Gérard Lefèvre', tilleuls, steering),
    await member('Samia Haddad', moulin, steering),
    await member('Bernard Colin', moulin, steering),
  ];
  const directorMembers = [await member('Hélène Dubois', tilleuls, directors), await member('Jacques Arnaud', moulin, directors)];
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  adjust(content, { group });
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status).toBe(200);
  return { f, tilleuls, moulin, plenary, steering, directors, group, steeringMembers, directorMembers, member, charterId: charter.body.id as string, versionUrl };
}

type Setting = Awaited<ReturnType<typeof partnershipWithCharter>>;

async function propose(s: Setting, input: Record<string, unknown> = {}) {
  const created = await s.f.admin.post(`${s.f.base}/proposals`, {
    level: 'operational',
    wording: 'Organiser deux séjours familles par an, un l’été et un à la Toussaint.',
    context: 'Les familles des trois maisons le demandent.',
    participationLevel: 'participation',
    ...input,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return `${s.f.base}/proposals/${created.body.id}`;
}

async function toRound(s: Setting, url: string) {
  for (;;) {
    const proposal = await s.f.admin.get(url);
    if (proposal.body.phase === 'round') return;
    expect((await s.f.admin.post(`${url}/phase`)).status).toBe(200);
  }
}

const stance = (client: Client, url: string, value: string, reason = '', extra: Record<string, unknown> = {}) =>
  client.post(`${url}/stances`, { stance: value, reason, idempotencyKey: randomUUID(), ...extra });

async function everyone(members: Member[], url: string, value: string) {
  for (const m of members) expect((await stance(m.client, url, value)).status).toBe(200);
}

describe('routing by the charter in force', () => {
  it('sends an operational proposal to the steering committee, by consensus, and says why', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    const proposal = await s.f.admin.get(url);
    expect(proposal.body).toMatchObject({ body: { id: s.steering, name: 'Comité de pilotage' }, method: 'consensus', phase: 'clarification', round: 1, status: 'open', stage: 'decision' });
    expect(proposal.body.routing).toBe('Décision opérationnelle → Comité de pilotage, par consensus (charte, art. 4)');
    s.f.admin.locale = 'en';
    expect((await s.f.admin.get(url)).body.routing).toBe('Operational decision → Comité de pilotage, by consensus (charter, art. 4)');
    expect((await journalOf(t, s.f.partnershipId)).at(-1)).toMatchObject({ kind: 'proposal.created', payload: { bodyId: s.steering, level: 'operational', method: 'consensus' } });
  });

  it('routes a named topic to its own row: the directors appoint project leads', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s, { topic: 'Nomination des chefs de projet', wording: 'Nommer Inès Fabre cheffe de projet du groupe jardins.' });
    expect((await s.f.admin.get(url)).body.body.id).toBe(s.directors);
  });

  it('refuses a proposal while no partnership charter is in force', async () => {
    const f = await newPartnership(t);
    const refused = await f.admin.post(`${f.base}/proposals`, { level: 'strategic', wording: 'Faire un site commun.', participationLevel: 'participation' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Aucune charte de partenariat n’est en vigueur : elle seule dit qui décide. Une équipe régie par sa propre charte choisit cette charte comme cadre de sa proposition.');
  });
});

describe('a consensus round table', () => {
  it('adopts when every member agrees, reservations kept, and journals each step', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    expect((await stance(s.steeringMembers[0]!.client, url, 'agree')).status).toBe(409);
    await toRound(s, url);
    const [nadia, gerard, samia, bernard] = s.steeringMembers as [Member, Member, Member, Member];
    await everyone([nadia, gerard, samia], url, 'agree');
    expect((await stance(bernard.client, url, 'agree_with_reservation')).status).toBe(400);
    expect((await stance(bernard.client, url, 'agree_with_reservation', 'Le budget de la Toussaint reste à trouver.')).status).toBe(200);
    const closed = await s.f.admin.post(`${url}/close-round`, { statement: 'Deux séjours par an, budget de la Toussaint à confirmer.', reviewOn: '2027-03-01' });
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ outcome: 'adopted', reason: 'noObjection' });
    const proposal = await s.f.admin.get(url);
    expect(proposal.body).toMatchObject({ status: 'adopted', outcomeStatement: 'Deux séjours par an, budget de la Toussaint à confirmer.', reviewOn: '2027-03-01' });
    expect(proposal.body.members.find((m: { personId: string }) => m.personId === bernard.personId).stance).toMatchObject({ stance: 'agree_with_reservation', reason: 'Le budget de la Toussaint reste à trouver.' });
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'stance.taken')).toHaveLength(4);
    expect(kinds.slice(-3)).toEqual(['round.closed', 'proposal.decided', 'information_note.sent']);
    const entries = JSON.stringify((await journalOf(t, s.f.partnershipId)).map((entry) => entry.payload));
    expect(entries).not.toContain('Toussaint');
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
  });

  it('counts one stance per member when the same stance is sent 100 times at once', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const nadia = s.steeringMembers[0]!;
    const journalBefore = (await journalOf(t, s.f.partnershipId)).length;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 100 }, () => nadia.client.post(`${url}/stances`, { stance: 'agree', idempotencyKey: key })));
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(answers.filter((a) => a.body.changed)).toHaveLength(1);
    const rows = await t.store.db.selectFrom('stance').select('id').where('member_id', '=', nadia.personId).execute();
    expect(rows).toHaveLength(1);
    expect((await journalOf(t, s.f.partnershipId)).length).toBe(journalBefore + 1);
  });

  it('sends the stances members take at the same moment in one statement, each recorded with its own entry', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const proposalId = url.split('/').pop()!;
    const together = statementsSaying(t.store.db, 'stance_take_together');
    const alone = statementsSaying(together.db, 'select stance_take(');
    const followedUp = new Map<string, unknown>();
    const takes = s.steeringMembers.map((member) =>
      takeStance(
        {
          db: alone.db,
          partnershipId: s.f.partnershipId,
          now: t.clock.now(),
          viewer: { personId: member.personId, isPartnershipAdmin: false, adminOfOrganizations: new Set(), memberOfBodies: new Set([s.steering]) },
          afterCommit: async (committed) => void followedUp.set(member.personId, committed.events),
        },
        proposalId,
        { stance: 'agree', reason: '', idempotencyKey: randomUUID() },
      ),
    );
    expect(await Promise.all(takes)).toEqual(s.steeringMembers.map((member) => ({ memberId: member.personId, round: 1, changed: true })));
    expect([together.count(), alone.count()]).toEqual([1, 0]);
    // Each act is followed up (live events, mail) with its own entry, whatever its place in the statement.
    for (const member of s.steeringMembers) {
      expect(followedUp.get(member.personId)).toEqual([{ kind: 'stance.taken', payload: expect.objectContaining({ memberId: member.personId, bodyId: s.steering, round: 1, stance: 'agree' }) }]);
    }
    await backgroundWorkEnded(alone.db);
    const taken = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'stance.taken');
    expect(taken.map((entry) => entry.payload['memberId']).sort()).toEqual(s.steeringMembers.map((member) => member.personId).sort());
    expect(taken.map((entry) => entry.actor_id).sort()).toEqual(s.steeringMembers.map((member) => member.personId).sort());
    const members = (await s.f.admin.get(url)).body.members as { personId: string; stance: { stance: string } | null }[];
    expect(members.filter((m) => s.steeringMembers.some((member) => member.personId === m.personId)).map((m) => m.stance?.stance)).toEqual(['agree', 'agree', 'agree', 'agree']);
    expect(await verifiedChain(t, s.f.partnershipId)).toMatchObject({ ok: true });
  });

  it('lets no stance land in a round while it closes: the round’s tally holds every stance recorded in it', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const proposalId = url.split('/').pop()!;
    const stances = s.steeringMembers.flatMap((m) => Array.from({ length: 10 }, () => stance(m.client, url, 'agree')));
    const [closed, ...answers] = await Promise.all([s.f.admin.post(`${url}/close-round`, { statement: 'Clos pendant le tour.' }), ...stances]);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(new Set(answers.map((a) => a.status))).toSatisfy((statuses: Set<number>) => [...statuses].every((status) => status === 200 || status === 409));
    const entry = (await journalOf(t, s.f.partnershipId)).find((e) => e.kind === 'round.closed')!;
    const recorded = await t.store.db.selectFrom('stance').select('member_id').distinct().where('proposal_id', '=', proposalId).where('round', '=', 1).execute();
    expect(entry.payload['voices']).toBe(recorded.length);
  });

  it('ignores a stale retry of an earlier stance, even after the member changed it', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const nadia = s.steeringMembers[0]!;
    const first = { stance: 'object', reason: 'Trop cher.', idempotencyKey: randomUUID() };
    expect((await nadia.client.post(`${url}/stances`, first)).body.changed).toBe(true);
    expect((await stance(nadia.client, url, 'agree')).body.changed).toBe(true);
    expect((await nadia.client.post(`${url}/stances`, first)).body.changed).toBe(false);
    const rows = await t.store.db.selectFrom('stance').select(['stance']).where('member_id', '=', nadia.personId).execute();
    expect(rows).toEqual([{ stance: 'agree' }]);
  });

  it('refuses a retry overtaken by many later changes, keeps the row bounded, and takes another member’s request with the same key', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const [nadia, samia] = [s.steeringMembers[0]!, s.steeringMembers[1]!];
    const first = { stance: 'object', reason: 'Trop cher.', idempotencyKey: randomUUID() };
    expect((await nadia.client.post(`${url}/stances`, first)).body.changed).toBe(true);
    for (let change = 0; change < 15; change += 1) expect((await stance(nadia.client, url, change % 2 === 0 ? 'agree' : 'object', 'Encore.')).body.changed).toBe(true);
    expect((await nadia.client.post(`${url}/stances`, first)).body.changed).toBe(false);
    for (let change = 0; change < 5; change += 1) expect((await stance(nadia.client, url, 'agree')).body.changed).toBe(true);
    const [row] = await t.store.db.selectFrom('stance').select(['stance', 'earlier_keys']).where('member_id', '=', nadia.personId).execute();
    expect(row!.stance).toBe('agree');
    expect(row!.earlier_keys).toHaveLength(16);
    expect((await samia.client.post(`${url}/stances`, first)).body.changed).toBe(true);
  });

  it('lets a member change their stance until the round closes, keeping one row', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const nadia = s.steeringMembers[0]!;
    await stance(nadia.client, url, 'object', 'Trop cher pour les familles.');
    await stance(nadia.client, url, 'agree');
    const rows = await t.store.db.selectFrom('stance').select(['stance']).where('member_id', '=', nadia.personId).execute();
    expect(rows).toEqual([{ stance: 'agree' }]);
  });

  it('refuses a stance from someone who does not sit in the deciding body, and an unknown stance', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    expect((await stance(s.directorMembers[0]!.client, url, 'agree')).status).toBe(403);
    expect((await stance(s.f.admin, url, 'agree')).status).toBe(403);
    const wrong = await stance(s.steeringMembers[0]!.client, url, 'consent');
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.stance).toBe('Cette position n’existe pas dans la méthode de l’instance.');
  });

  it('leaves the phases and the round to the facilitator', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    const member = s.steeringMembers[0]!.client;
    expect((await member.post(`${url}/phase`)).status).toBe(403);
    expect((await member.post(`${url}/close-round`, {})).status).toBe(403);
    expect((await member.post(`${url}/blocked`)).status).toBe(403);
    expect((await s.f.admin.get(url)).body.phase).toBe('clarification');
  });
});

describe('blocks and arbitration (seed 001)', () => {
  async function blockSteering(s: Setting, url: string) {
    await toRound(s, url);
    const [nadia, gerard, samia, bernard] = s.steeringMembers as [Member, Member, Member, Member];
    for (let round = 1; round <= 2; round += 1) {
      await everyone([nadia, gerard, samia], url, 'agree');
      expect((await stance(bernard.client, url, 'object', 'Le Moulin ne peut pas assurer l’encadrement l’été.')).status).toBe(200);
      const closed = await s.f.admin.post(`${url}/close-round`, {});
      expect(closed.body.outcome).toBe(round === 1 ? 'amend' : 'blocked');
      if (round === 1) expect((await s.f.admin.post(`${url}/phase`)).body).toEqual({ phase: 'round', round: 2 });
    }
  }

  it('sends a steering committee blocked after two rounds to the directors, who arbitrate', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await blockSteering(s, url);
    const escalated = await s.f.admin.get(url);
    expect(escalated.body).toMatchObject({ stage: 'arbitration', body: { id: s.directors }, phase: 'clarification', round: 1, status: 'open' });
    expect(escalated.body.routing).toBe('Arbitrage → Codir, par consensus (charte, en cas de blocage)');
    expect(escalated.body.history.filter((h: { stance: string }) => h.stance === 'object')).toHaveLength(2);
    await toRound(s, url);
    await everyone(s.directorMembers, url, 'agree');
    const decided = await s.f.admin.post(`${url}/close-round`, { statement: 'Un seul séjour cet été, l’autre l’an prochain.' });
    expect(decided.body).toEqual({ outcome: 'arbitrated', reason: 'noObjection' });
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind);
    expect(kinds).toContain('proposal.escalated');
    expect((await journalOf(t, s.f.partnershipId)).find((entry) => entry.kind === 'proposal.decided')).toMatchObject({ payload: { status: 'arbitrated', bodyId: s.directors } });
  });

  it('tells the arbitration to the plenary the blocked row names and to the blocked steering committee, the matter keeping its topic', async () => {
    const s = await partnershipWithCharter();
    const odile = await s.member('Odile Perrin', s.tilleuls, s.plenary);
    const url = await propose(s);
    await blockSteering(s, url);
    await toRound(s, url);
    await everyone(s.directorMembers, url, 'agree');
    await s.f.admin.post(`${url}/close-round`, { statement: 'Un seul séjour cet été.' });
    const proposal = (await s.f.admin.get(url)).body;
    const stored = await t.store.db.selectFrom('proposal').select('rule').where('id', '=', proposal.id).executeTakeFirstOrThrow();
    expect(stored.rule).toMatchObject({ bodyId: s.directors, topic: '' });
    expect(proposal.informed.map((note: { body: { id: string } }) => note.body.id).sort()).toEqual([s.plenary, s.steering].sort());
    const mail = (await outboxMessages(s.f)).find((message) => message.recipient === odile.email);
    expect(mail?.subject).toBe('Note d’information — Codir : « Organiser deux séjours familles par an, un l’été et un à la Toussaint. »');
    const note = (await journalOf(t, s.f.partnershipId)).at(-1)!;
    expect(note.kind).toBe('information_note.sent');
    expect([...(note.payload as { bodyIds: string[] }).bodyIds].sort()).toEqual([s.plenary, s.steering].sort());
  });

  it('decides once when two arbitrations are closed at the same moment: one wins, the other gets a 409', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await blockSteering(s, url);
    await toRound(s, url);
    await everyone(s.directorMembers, url, 'agree');
    const before = (await journalOf(t, s.f.partnershipId)).length;
    const answers = await Promise.all([
      s.f.admin.post(`${url}/close-round`, { statement: 'Un seul séjour cet été.' }),
      s.f.admin.post(`${url}/close-round`, { statement: 'Deux séjours, l’un réduit.' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const proposal = (await s.f.admin.get(url)).body;
    expect(proposal.status).toBe('arbitrated');
    expect(['Un seul séjour cet été.', 'Deux séjours, l’un réduit.']).toContain(proposal.outcomeStatement);
    const decided = (await journalOf(t, s.f.partnershipId)).slice(before).filter((entry) => entry.kind === 'proposal.decided');
    expect(decided).toHaveLength(1);
  });

  it('lapses when the directors themselves are blocked', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await blockSteering(s, url);
    const lapsed = await s.f.admin.post(`${url}/blocked`);
    expect(lapsed.body).toEqual({ outcome: 'lapsed' });
    expect((await s.f.admin.get(url)).body.status).toBe('lapsed');
    expect((await stance(s.directorMembers[0]!.client, url, 'agree')).status).toBe(409);
  });
});

describe('proxies', () => {
  it('let a member speak for another member of the same house, visibly, but not across houses', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    const [nadia, gerard, samia] = s.steeringMembers as [Member, Member, Member];
    const across = await nadia.client.post(`${url}/proxies`, { holderId: samia.personId });
    expect(across.status).toBe(400);
    expect(across.body.fields.holderId).toBe('Une procuration se donne à un membre de la même structure.');
    expect((await nadia.client.post(`${url}/proxies`, { holderId: gerard.personId })).status).toBe(201);
    await toRound(s, url);
    expect((await stance(samia.client, url, 'agree', '', { onBehalfOf: nadia.personId })).status).toBe(403);
    expect((await stance(gerard.client, url, 'agree', '', { onBehalfOf: nadia.personId })).status).toBe(200);
    const proposal = await samia.client.get(url);
    const shown = proposal.body.members.find((m: { personId: string }) => m.personId === nadia.personId);
    expect(shown).toMatchObject({ proxyHolder: { personId: gerard.personId, fullName: 'Gérard Lefèvre' }, stance: { stance: 'agree', postedBy: gerard.personId } });
    expect((await gerard.client.get(url)).body.can.speakFor).toEqual([gerard.personId, nadia.personId]);
  });
});

describe('lead decides', () => {
  it('within a scope the body delegated: without a role or a delegation from the body, the lead may not decide alone', async () => {
    const s = await partnershipWithCharter((content, { group }) => {
      content.rules.decisionMatrix.push({ id: randomUUID(), level: 'functional', topic: 'Achats du jardin', bodyId: group, method: 'lead_decides', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] });
    });
    const lea = await s.member('Léa Martin', s.tilleuls, s.group);
    const colette = await s.member('Colette Roux', s.tilleuls, s.group);
    const proposed = await lea.client.post(`${s.f.base}/proposals`, { level: 'functional', topic: 'Achats du jardin', wording: 'Acheter des semences pour le printemps', participationLevel: 'participation' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const url = `${s.f.base}/proposals/${proposed.body.id}`;
    expect((await lea.client.get(url)).body).toMatchObject({ method: 'lead_decides', body: { id: s.group }, can: { decide: false, lacksDelegatedScope: true } });
    const decision = { outcome: 'adopted', statement: 'Semences achetées chez le grainetier du quartier.', reviewOn: null };
    const refused = await lea.client.post(`${url}/decision`, decision);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('La charte laisse cette décision à qui tient un rôle de l’instance ou en a reçu une délégation : ce n’est pas votre cas aujourd’hui.');
    await builder(s.f).delegation({ fromPersonId: colette.personId, toPersonId: lea.personId, bodyId: s.group, scope: 'Achats du jardin jusqu’à 200 €' });
    expect((await lea.client.get(url)).body.can).toMatchObject({ decide: true, lacksDelegatedScope: false });
    const decided = await lea.client.post(`${url}/decision`, decision);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await lea.client.get(url)).body).toMatchObject({ status: 'adopted', outcomeStatement: decision.statement });
  });
});

describe('information notes', () => {
  it('tell the bodies the charter names of the decision and its reasons', async () => {
    const s = await partnershipWithCharter();
    const odile = await s.member('Odile Perrin', s.tilleuls, s.plenary);
    const url = await propose(s);
    await toRound(s, url);
    await everyone(s.steeringMembers, url, 'agree');
    await s.f.admin.post(`${url}/close-round`, { statement: 'Deux séjours, l’été et à la Toussaint.' });
    const proposal = await s.f.admin.get(url);
    expect(proposal.body.informed).toEqual([expect.objectContaining({ body: { id: s.plenary, name: 'Assemblée plénière' }, recipients: 1 })]);
    const mail = (await outboxMessages(s.f)).find((message) => message.recipient === odile.email);
    expect(mail?.subject).toBe('Note d’information — Comité de pilotage : « Organiser deux séjours familles par an, un l’été et un à la Toussaint. »');
    expect(mail?.body).toContain('Issue : adoptée.\nRelevé de décision : Deux séjours, l’été et à la Toussaint.');
    expect(mail?.body).toContain('Journal du partenariat à l’envoi de ce message : acte n°');
    // The head when the note was written, before the decision's own entries were sealed.
    const anchor = await anchorIn(t, s.f.partnershipId, mail!.body);
    const journal = await journalOf(t, s.f.partnershipId);
    expect(journal.slice(anchor.seq).map((entry) => entry.kind)).toContain('information_note.sent');
    expect(journal.at(-1)).toMatchObject({ kind: 'information_note.sent', payload: { bodyIds: [s.plenary] } });
  });
});

describe('charter amendments', () => {
  it('are proposals to the revision body; adopted by consent, the draft comes into force', async () => {
    const s = await partnershipWithCharter();
    const draft = await s.f.admin.post(`${s.f.base}/charters/${s.charterId}/drafts`);
    const draftUrl = `${s.f.base}/charters/${s.charterId}/versions/${draft.body.id}`;
    const content = (await s.f.admin.get(draftUrl)).body.content;
    expect((await s.f.admin.put(draftUrl, { ...content, title: 'Charte de partenariat, révisée' })).status).toBe(200);

    const [nadia] = s.steeringMembers as [Member];
    const proposed = await nadia.client.post(`${s.f.base}/proposals`, { level: 'strategic', wording: 'Adopter la version 2 de la charte', participationLevel: 'participation', amendsVersionId: draft.body.id });
    expect(proposed.status).toBe(201);
    const url = `${s.f.base}/proposals/${proposed.body.id}`;
    const proposal = await s.f.admin.get(url);
    expect(proposal.body).toMatchObject({ body: { id: s.steering }, method: 'consent', amends: { versionId: draft.body.id, number: 2 } });
    const locked = await s.f.admin.put(draftUrl, { ...content, title: 'Autre titre' });
    expect(locked.status).toBe(409);
    expect(locked.body.message).toBe('Ce projet est soumis à décision : il ne peut pas changer tant que l’instance n’a pas tranché.');
    expect((await nadia.client.post(`${s.f.base}/proposals`, { level: 'strategic', wording: 'Encore', participationLevel: 'participation', amendsVersionId: draft.body.id })).status).toBe(409);

    await toRound(s, url);
    await everyone(s.steeringMembers, url, 'consent');
    expect((await s.f.admin.post(`${url}/close-round`, { statement: 'Révision adoptée.' })).body).toEqual({ outcome: 'adopted', reason: 'noObjection' });
    const history = await s.f.admin.get(`${s.f.base}/charters/${s.charterId}`);
    expect(history.body.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [2, 'adopted'],
      [1, 'superseded'],
    ]);
    expect((await s.f.admin.get(draftUrl)).body).toMatchObject({ status: 'adopted', adoptedOn: TODAY, adoptedBy: { id: s.steering } });
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind);
    expect(kinds.slice(kinds.indexOf('round.closed'))).toEqual(['round.closed', 'proposal.decided', 'charter.adopted', 'information_note.sent']);
  });

  it('are refused to whom the revision rule does not name', async () => {
    const s = await partnershipWithCharter();
    const content = (await s.f.admin.get(s.versionUrl)).body.content;
    // A new charter whose revision rule lets only members of the revision body ask; a director is not one.
    const revised = { ...content, rules: { ...content.rules, revision: { ...content.rules.revision, requestedBy: 'body_member' } } };
    const second = await s.f.admin.post(`${s.f.base}/charters`, { template: null, kind: 'project', title: 'Charte du jardin' });
    const secondUrl = `${s.f.base}/charters/${second.body.id}/versions/${second.body.versionId}`;
    expect((await s.f.admin.put(secondUrl, { ...revised, title: 'Charte du jardin' })).status).toBe(200);
    const director = s.directorMembers[0]!.client;
    expect((await director.post(`${s.f.base}/proposals`, { level: 'strategic', wording: 'Adopter', participationLevel: 'participation', amendsVersionId: second.body.versionId })).status).toBe(403);
    expect((await s.steeringMembers[0]!.client.post(`${s.f.base}/proposals`, { level: 'strategic', wording: 'Adopter', participationLevel: 'participation', amendsVersionId: second.body.versionId })).status).toBe(201);
  });
});

describe('rounds held online', () => {
  it('close by themselves at their deadline, and refuse stances after it', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    for (let step = 0; step < 2; step += 1) await s.f.admin.post(`${url}/phase`);
    expect((await s.f.admin.post(`${url}/phase`, { deadline: '2026-03-01T12:00:00+01:00' })).status).toBe(400);
    expect((await s.f.admin.post(`${url}/phase`, { deadline: '2026-03-12T18:00:00+01:00' })).body).toEqual({ phase: 'round', round: 1 });
    expect((await s.f.admin.get(url)).body.roundDeadline).toBe('2026-03-12T17:00:00.000Z');
    await everyone(s.steeringMembers, url, 'agree');

    expect(await closeRoundsPastDeadline(t.store.db, new Date('2026-03-12T16:59:00Z'))).toBe(0);
    t.clock.current = new Date('2026-03-12T17:00:00Z');
    try {
      const late = await stance(s.steeringMembers[0]!.client, url, 'object', 'Trop tard ?');
      expect(late.status).toBe(409);
      expect(late.body.message).toBe('Le tour est clos : sa date limite est passée.');
    } finally {
      t.clock.current = new Date('2026-03-10T09:00:00Z');
    }
    expect(await closeRoundsPastDeadline(t.store.db, new Date('2026-03-12T17:00:00Z'))).toBeGreaterThanOrEqual(1);
    const closed = await s.f.admin.get(url);
    expect(closed.body).toMatchObject({ status: 'adopted', roundDeadline: null });
    const entry = (await journalOf(t, s.f.partnershipId)).find((e) => e.kind === 'round.closed');
    expect(entry).toMatchObject({ actor_id: null, payload: { outcome: 'adopted', voices: 4 } });
  });
});

describe('review dates', () => {
  it('bring the decision back to its initiator once, when the day comes', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    await everyone(s.steeringMembers, url, 'agree');
    await s.f.admin.post(`${url}/close-round`, { statement: 'À l’essai un an.', reviewOn: '2026-04-01' });
    const reminders = async () => (await outboxMessages(s.f)).filter((m) => m.recipient === s.f.adminEmail && m.subject.startsWith('À revoir'));

    await sendDueReviewReminders(t.store.db, new Date('2026-03-31T20:00:00Z'));
    expect(await reminders()).toEqual([]);
    await sendDueReviewReminders(t.store.db, new Date('2026-04-01T06:00:00Z'));
    const sent = await reminders();
    expect(sent.map((m) => m.subject)).toEqual(['À revoir : « Organiser deux séjours familles par an, un l’été et un à la Toussaint. »']);
    expect(sent[0]!.body).toContain('devait être revue le 1er avril 2026');
    await sendDueReviewReminders(t.store.db, new Date('2026-04-02T06:00:00Z'));
    expect(await reminders()).toHaveLength(1);
    expect((await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'proposal.review_due')).toHaveLength(1);
  });
});

describe('registers', () => {
  it('keeps each body’s decisions, searchable and printable, and every reservation heard', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const [nadia, gerard, samia, bernard] = s.steeringMembers as [Member, Member, Member, Member];
    await everyone([nadia, gerard, samia], url, 'agree');
    await stance(bernard.client, url, 'agree_with_reservation', 'Le budget de la Toussaint reste à trouver.');
    await s.f.admin.post(`${url}/close-round`, { statement: 'Deux séjours par an (100 % des maisons d’accord).' });

    const register = await nadia.client.get(`${s.f.base}/bodies/${s.steering}/decisions`);
    expect(register.status).toBe(200);
    expect(register.body.decisions).toEqual([
      expect.objectContaining({
        wording: 'Organiser deux séjours familles par an, un l’été et un à la Toussaint.',
        status: 'adopted',
        method: 'consensus',
        participants: ['Bernard Colin', 'Gérard Lefèvre', 'Nadia Benali', 'Samia Haddad'],
        reservations: 1,
      }),
    ]);
    expect((await nadia.client.get(`${s.f.base}/bodies/${s.steering}/decisions?q=${encodeURIComponent('100 %')}`)).body.decisions).toHaveLength(1);
    expect((await nadia.client.get(`${s.f.base}/bodies/${s.steering}/decisions?q=${encodeURIComponent('10_ %')}`)).body.decisions).toHaveLength(0);
    expect((await nadia.client.get(`${s.f.base}/bodies/${s.steering}/decisions?q=camping`)).body.decisions).toHaveLength(0);
    expect((await nadia.client.get(`${s.f.base}/bodies/${s.directors}/decisions`)).body.decisions).toEqual([]);

    const pdf = await t.app.inject({ method: 'GET', url: `${s.f.base}/bodies/${s.steering}/decisions.pdf`, headers: { cookie: nadia.client.cookie! } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(pdf.rawPayload))).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Registre des décisions — Comité de pilotage');
    expect(await anchorIn(t, s.f.partnershipId, text)).toEqual(await headOf(t, s.f.partnershipId));
    expect(text).toContain('Organiser deux séjours familles par an');
    expect(text).toContain('adoptée, consensus — 1 réserve ou objection');

  });
});

describe('the register of agreements and disagreements (seed 003)', () => {
  it('lists each decision with the agreement it met beside the dissent heard, newest first, and finds them by their words or their reasons', async () => {
    const s = await partnershipWithCharter();
    const [nadia, gerard, samia, bernard] = s.steeringMembers as [Member, Member, Member, Member];
    const unanimous = await propose(s, { wording: 'Ouvrir la ludothèque le samedi.' });
    await toRound(s, unanimous);
    await everyone(s.steeringMembers, unanimous, 'agree');
    await s.f.admin.post(`${unanimous}/close-round`, { statement: 'Ouverte le samedi.' });
    t.clock.advanceMinutes(1);

    const reserved = await propose(s, { wording: 'Acheter un minibus commun.' });
    await toRound(s, reserved);
    await everyone([nadia, gerard, samia], reserved, 'agree');
    await stance(bernard.client, reserved, 'agree_with_reservation', 'Le budget de l’assurance reste à trouver.');
    await s.f.admin.post(`${reserved}/close-round`, { statement: 'Minibus acheté.' });
    t.clock.advanceMinutes(1);

    const objected = await propose(s, { wording: 'Fusionner les deux fêtes de quartier.' });
    await toRound(s, objected);
    await everyone([nadia, gerard, samia], objected, 'agree');
    await stance(bernard.client, objected, 'object', 'Le Moulin perdrait sa fête des voisins.');
    expect((await s.f.admin.post(`${objected}/close-round`, {})).body.outcome).toBe('amend');
    expect((await s.f.admin.post(`${objected}/phase`)).body).toEqual({ phase: 'round', round: 2 });
    await everyone(s.steeringMembers, objected, 'agree');
    await s.f.admin.post(`${objected}/close-round`, { statement: 'Une fête commune, la fête des voisins gardée.' });

    const open = await propose(s, { wording: 'Changer les horaires du secrétariat.' });
    const id = (url: string) => url.split('/').at(-1);

    const register = await samia.client.get(`${s.f.base}/disagreements`);
    expect(register.status).toBe(200);
    expect(register.body.next).toBeNull();
    expect(register.body.entries.map((entry: { proposalId: string }) => entry.proposalId)).toEqual([id(objected), id(reserved), id(unanimous)]);
    expect(register.body.entries.map((entry: { agreement: string }) => entry.agreement)).toEqual(['after_objections', 'with_reservations', 'unanimous']);
    expect(register.body.entries[0]).toMatchObject({
      wording: 'Fusionner les deux fêtes de quartier.',
      body: 'Comité de pilotage',
      status: 'adopted',
      statement: 'Une fête commune, la fête des voisins gardée.',
      dissent: [{ fullName: 'Bernard Colin', stance: 'object', reason: 'Le Moulin perdrait sa fête des voisins.', body: 'Comité de pilotage', round: 1 }],
    });
    expect(register.body.entries[1].dissent).toEqual([{ fullName: 'Bernard Colin', stance: 'agree_with_reservation', reason: 'Le budget de l’assurance reste à trouver.', body: 'Comité de pilotage', round: 1 }]);
    expect(register.body.entries[2].dissent).toEqual([]);
    expect(register.body.entries.some((entry: { proposalId: string }) => entry.proposalId === id(open))).toBe(false);

    const byReason = await samia.client.get(`${s.f.base}/disagreements?q=${encodeURIComponent('ASSURANCE')}`);
    expect(byReason.body).toMatchObject({ search: 'ASSURANCE', next: null });
    expect(byReason.body.entries.map((entry: { proposalId: string }) => entry.proposalId)).toEqual([id(reserved)]);
    const byWording = await samia.client.get(`${s.f.base}/disagreements?q=${encodeURIComponent('ludothèque')}`);
    expect(byWording.body.entries.map((entry: { proposalId: string }) => entry.proposalId)).toEqual([id(unanimous)]);
    expect((await samia.client.get(`${s.f.base}/disagreements?q=${encodeURIComponent('_')}`)).body.entries).toEqual([]);
    expect((await samia.client.get(`${s.f.base}/disagreements?before=hier`)).status).toBe(400);
  });

  it('comes 50 decisions at a time, each page going on from the last one’s end, with their dissent', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    const [nadia, gerard, samia, bernard] = s.steeringMembers as [Member, Member, Member, Member];
    await everyone([nadia, gerard, samia], url, 'agree');
    await stance(bernard.client, url, 'agree_with_reservation', 'Le budget de la Toussaint reste à trouver.');
    await s.f.admin.post(`${url}/close-round`, { statement: 'Adoptée.' });
    const modelId = url.split('/').at(-1)!;
    // 119 more, one minute apart, two at the same instant across the end of the first page; each with the model's stances.
    await sql`insert into proposal (id, partnership_id, charter_version_id, level, topic, wording, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement, decided_at, created_at)
      select gen_random_uuid(), partnership_id, charter_version_id, level, topic, 'Décision ' || n, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement,
             decided_at - make_interval(mins => case when n = 50 then 49 else n end), created_at
        from proposal, generate_series(1, 119) n where id = ${modelId}`.execute(t.store.db);
    await sql`insert into stance (id, proposal_id, body_id, round, member_id, posted_by, stance, reason, idempotency_key, updated_at)
      select gen_random_uuid(), p.id, s.body_id, s.round, s.member_id, s.posted_by, s.stance, s.reason, gen_random_uuid()::text, s.updated_at
        from proposal p, stance s where p.partnership_id = ${s.f.partnershipId} and p.id <> ${modelId} and s.proposal_id = ${modelId}`.execute(t.store.db);
    const pages = [];
    let before: string | null = '';
    while (before !== null) {
      const page: Response = await s.f.admin.get(`${s.f.base}/disagreements${before ? `?before=${encodeURIComponent(before)}` : ''}`);
      expect(page.status).toBe(200);
      pages.push(page.body.entries as { proposalId: string; decidedAt: string; agreement: string; dissent: unknown[] }[]);
      before = page.body.next;
    }
    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
    const entries = pages.flat();
    expect(new Set(entries.map((entry) => entry.proposalId)).size).toBe(120);
    const times = entries.map((entry) => entry.decidedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(entries.every((entry) => entry.agreement === 'with_reservations' && entry.dissent.length === 1)).toBe(true);
  });
});

describe('a long register', () => {
  it('comes 100 decisions at a time, newest first, each page going on from the last one’s end', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    await toRound(s, url);
    await everyone(s.steeringMembers, url, 'agree');
    await s.f.admin.post(`${url}/close-round`, { statement: 'Adoptée.' });
    const modelId = url.split('/').at(-1)!;
    // 249 more decisions, one minute apart, with four at the same instant across the end of the first page (99th to 102nd).
    await sql`insert into proposal (id, partnership_id, charter_version_id, level, topic, wording, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement, decided_at, created_at)
      select gen_random_uuid(), partnership_id, charter_version_id, level, topic, 'Décision ' || n, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement,
             decided_at - make_interval(mins => case when n between 98 and 101 then 98 else n end), created_at
        from proposal, generate_series(1, 249) n where id = ${modelId}`.execute(t.store.db);
    const register = `${s.f.base}/bodies/${s.steering}/decisions`;
    const pages = [];
    let before: string | null = '';
    while (before !== null) {
      const page: Response = await s.f.admin.get(`${register}${before ? `?before=${encodeURIComponent(before)}` : ''}`);
      expect(page.status).toBe(200);
      pages.push(page.body.decisions as { id: string; decidedAt: string }[]);
      before = page.body.next;
    }
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    const decisions = pages.flat();
    expect(new Set(decisions.map((d) => d.id)).size).toBe(250);
    const times = decisions.map((d) => d.decidedAt);
    expect(times).toEqual([...times].sort().reverse());

    const searched = await s.f.admin.get(`${register}?q=${encodeURIComponent('Décision 1')}`);
    expect(searched.body.decisions).toHaveLength(100);
    expect(searched.body.next).not.toBeNull();
    const bad = await s.f.admin.get(`${register}?before=yesterday`);
    expect(bad.status).toBe(400);
  });
});

describe('another partnership', () => {
  it('sees none of the proposals: 404', async () => {
    const s = await partnershipWithCharter();
    const url = await propose(s);
    const other = await newPartnership(t);
    const foreign = url.replace(s.f.base, other.base);
    expect((await other.admin.get(foreign)).status).toBe(404);
    expect((await other.admin.post(`${foreign}/phase`)).status).toBe(404);
    expect((await other.admin.post(`${foreign}/stances`, { stance: 'agree', idempotencyKey: randomUUID() })).status).toBe(404);
    expect((await other.admin.get(`${other.base}/proposals`)).body).toEqual([]);
  });
});
