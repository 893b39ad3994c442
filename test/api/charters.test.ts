import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.js';
import { anchorIn, builder, headOf, journalLength, journalOf, kindsAfter, TODAY, uniqueName, verifiedChain } from '../support/structure.js';
import { Client, newMember, newPartnership, ServerLog, startTestApp, type PartnershipFixture, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

/** A partnership shaped like seed 001: three houses, the four bodies the template links to, two signatories. */
async function furnishedPartnership() {
  const f = await newPartnership(t);
  const build = builder(f);
  const houses = [await build.organization('MJC des Tilleuls'), await build.organization('Maison du Port')];
  const plenary = await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  const directors = await build.body({ name: 'Codir', kind: 'directors' });
  const group = await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const nadia = await newMember(t, f, { fullName: 'Nadia Benali', memberships: [{ organizationId: houses[0]!, kind: 'board' }] });
  const paul = await newMember(t, f, { fullName: 'Paul Girard', memberships: [{ organizationId: houses[1]!, kind: 'board' }] });
  return { f, houses, plenary, steering, directors, group, nadia, paul };
}

type Furnished = Awaited<ReturnType<typeof furnishedPartnership>>;

async function createFromTemplate(f: PartnershipFixture, template: 'partnership' | 'cooperation' = 'partnership') {
  const created = await f.admin.post(`${f.base}/charters`, { template });
  expect(created.status).toBe(201);
  const charterId = created.body.id as string;
  const versionId = created.body.versionId as string;
  const version = await f.admin.get(`${f.base}/charters/${charterId}/versions/${versionId}`);
  expect(version.status).toBe(200);
  return { charterId, versionId, url: `${f.base}/charters/${charterId}/versions/${versionId}`, version: version.body };
}

/** The template's draft with two signatories and seed 000's budget, which adds up, ready to adopt. */
async function readyDraft(p: Furnished) {
  const draft = await createFromTemplate(p.f);
  const content = {
    ...draft.version.content,
    rules: {
      ...draft.version.content.rules,
      duration: { startsOn: '2026-01-01', endsOn: '2028-12-31' },
      budget: {
        totalCents: 827_200,
        posts: [
          { id: randomUUID(), label: 'Maison porteuse', percent: 10, amountCents: 71_200, percentOf: { label: 'Prestations facturées', amountCents: 712_000 } },
          { id: randomUUID(), label: 'Coordination', percent: null, amountCents: 548_000 },
          { id: randomUUID(), label: 'Accompagnement', percent: null, amountCents: 208_000 },
        ],
      },
      signatories: [
        { id: randomUUID(), personId: p.nadia.personId, organizationId: p.houses[0], capacity: 'Présidente' },
        { id: randomUUID(), personId: p.paul.personId, organizationId: p.houses[1], capacity: 'Président' },
      ],
    },
  };
  content.articles = [...content.articles, { key: randomUUID(), kind: 'budget', title: 'Budget commun', body: 'Le budget se répartit **ainsi** :' }];
  const saved = await p.f.admin.put(draft.url, content);
  expect(saved.status).toBe(200);
  expect(saved.body.issues).toEqual([]);
  return { ...draft, content };
}

async function adopt(p: Furnished, url: string) {
  const { contentHash } = (await p.f.admin.get(url)).body;
  const adopted = await p.f.admin.post(`${url}/adoption`, { bodyId: p.steering, adoptedOn: TODAY, contentHash });
  expect(adopted.status).toBe(200);
}

/**
 * Once adopted, a charter changes by decision: the steering committee (its revision body in the
 * template) consents to the draft, with Nadia and Paul seated in it.
 */
async function adoptByDecision(p: Furnished, draftVersionId: string) {
  await builder(p.f).seat(p.steering, { personId: p.nadia.personId, organizationId: p.houses[0]! });
  await builder(p.f).seat(p.steering, { personId: p.paul.personId, organizationId: p.houses[1]! });
  const proposed = await p.nadia.client.post(`${p.f.base}/proposals`, { level: 'strategic', wording: 'Adopter la révision de la charte', participationLevel: 'participation', amendsVersionId: draftVersionId });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const url = `${p.f.base}/proposals/${proposed.body.id}`;
  while ((await p.f.admin.get(url)).body.phase !== 'round') expect((await p.f.admin.post(`${url}/phase`)).status).toBe(200);
  for (const member of [p.nadia, p.paul]) expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
  expect((await p.f.admin.post(`${url}/close-round`, { statement: 'Révision adoptée.' })).body).toEqual({ outcome: 'adopted', reason: 'noObjection' });
}

async function sign(client: Client, url: string, signatoryId: string, typedName: string) {
  const version = await client.get(url);
  return client.post(`${url}/signatures`, { signatoryId, typedName, readAndApproved: true, contentHash: version.body.contentHash });
}

describe('creating a charter', () => {
  it('creates the partnership template linked to the structure, with no issue, and journals it', async () => {
    const p = await furnishedPartnership();
    const draft = await createFromTemplate(p.f);
    expect(draft.version).toMatchObject({ number: 1, status: 'draft', kind: 'partnership', issues: [] });
    expect(draft.version.content.title).toBe('Charte de partenariat');
    expect(draft.version.content.rules.bodyIds).toEqual([p.plenary, p.steering, p.directors, p.group]);
    const operational = draft.version.content.rules.decisionMatrix.find((rule: { level: string; topic: string }) => rule.level === 'operational' && rule.topic === '');
    expect(operational).toMatchObject({ bodyId: p.steering, method: 'consensus', onBlock: { kind: 'arbitration', bodyId: p.directors } });
    const journal = await journalOf(t, p.f.partnershipId);
    expect(journal.at(-1)).toMatchObject({ kind: 'charter.created', payload: { charterId: draft.charterId, versionId: draft.versionId, charterKind: 'partnership', origin: 'template:partnership' } });
  });

  it('writes the template in English for an English reader, its exit plan with the six objectives of seed 000', async () => {
    const p = await furnishedPartnership();
    p.f.admin.locale = 'en';
    const draft = await createFromTemplate(p.f, 'cooperation');
    expect(draft.version.content.title).toBe('Cooperation charter');
    expect(draft.version.kind).toBe('project');
    expect(draft.version.content.rules.dispute.exitPlanObjectives).toHaveLength(6);
  });

  it('creates a blank charter whose check asks for articles and for a body at each level', async () => {
    const p = await furnishedPartnership();
    const created = await p.f.admin.post(`${p.f.base}/charters`, { template: null, title: 'Charte du jardin partagé' });
    expect(created.status).toBe(201);
    const version = await p.f.admin.get(`${p.f.base}/charters/${created.body.id}/versions/${created.body.versionId}`);
    expect(version.body.content.title).toBe('Charte du jardin partagé');
    expect(version.body.issues.map((issue: { code: string }) => issue.code)).toEqual(['no_articles', 'level_without_body', 'level_without_body', 'level_without_body']);
    expect(version.body.issues[1].message).toBe('Aucune ligne ne dit qui prend les décisions stratégiques : ajoutez une ligne sans sujet précis pour ce niveau.');
  });

  it('lists the charters with their draft and their version in force', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const before = await p.f.admin.get(`${p.f.base}/charters`);
    expect(before.body.charters).toEqual([expect.objectContaining({ id: draft.charterId, inForce: null, draft: expect.objectContaining({ versionId: draft.versionId, number: 1 }) })]);
    await adopt(p, draft.url);
    const after = await p.f.admin.get(`${p.f.base}/charters`);
    expect(after.body.charters[0]).toMatchObject({ draft: null, inForce: { versionId: draft.versionId, number: 1, signed: 0, expectedSignatures: 2 } });
  });
});

describe('the rules check', () => {
  it('answers a save with the budget message at the total, in French and in English', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const broken = structuredClone(draft.content);
    broken.rules.budget.posts[1].amountCents = 500_000;
    const saved = await p.f.admin.put(draft.url, broken);
    expect(saved.status).toBe(200);
    expect(saved.body.issues).toEqual([
      { path: 'rules.budget.totalCents', code: 'budget_sum_mismatch', message: expect.stringMatching(/^Les postes font 7\s?792,00\s€, mais le total annoncé est 8\s?272,00\s€\.$/) },
    ]);
    p.f.admin.locale = 'en';
    const english = await p.f.admin.get(draft.url);
    expect(english.body.issues[0].message).toBe('The posts add up to €7,792.00, but the stated total is €8,272.00.');
  });

  it('says at its amount that a post’s percent and amount disagree once the sum they share is the total, in French and in English', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const ofTheTotal = structuredClone(draft.content);
    delete ofTheTotal.rules.budget.posts[0].percentOf;
    const saved = await p.f.admin.put(draft.url, ofTheTotal);
    expect(saved.status).toBe(200);
    expect(saved.body.issues).toEqual([
      {
        path: 'rules.budget.posts.0.amountCents',
        code: 'budget_percent_disagrees',
        message: expect.stringMatching(/^10 % de 8\s?272,00\s€ font 827,20\s€, pas 712,00\s€ : corrigez le pourcentage ou le montant, ou dites de quelle somme ce pourcentage est la part\.$/),
      },
    ]);
    p.f.admin.locale = 'en';
    expect((await p.f.admin.get(draft.url)).body.issues[0].message).toBe('10% of €8,272.00 is €827.20, not €712.00: correct the percentage or the amount, or say what sum this percentage is a share of.');
    const unnamed = structuredClone(draft.content);
    unnamed.rules.budget.posts[0].percentOf = { label: ' ', amountCents: null };
    const refused = await p.f.admin.put(draft.url, unnamed);
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toMatchObject({ 'rules.budget.posts.0.percentOf.label': 'This field is required.', 'rules.budget.posts.0.percentOf.amountCents': 'This field is required.' });
  });

  it('refuses to adopt a draft whose rules have issues, with the messages at their fields, and writes nothing', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const broken = structuredClone(draft.content);
    broken.rules.decisionMatrix[0].onBlock = { kind: 'arbitration', bodyId: p.plenary };
    await p.f.admin.put(draft.url, broken);
    const journalBefore = (await journalOf(t, p.f.partnershipId)).length;
    const refused = await p.f.admin.post(`${draft.url}/adoption`, { bodyId: p.steering, adoptedOn: TODAY, contentHash: (await p.f.admin.get(draft.url)).body.contentHash });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('La charte ne peut pas être adoptée tant que ses règles ont des erreurs.');
    expect(refused.body.fields['rules.decisionMatrix.0.onBlock.bodyId']).toContain('Assemblée plénière → Assemblée plénière');
    expect((await journalOf(t, p.f.partnershipId)).length).toBe(journalBefore);
    expect((await p.f.admin.get(draft.url)).body.status).toBe('draft');
  });

  it('answers malformed content with a 400 and a message per field, never a partial save', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const bad = structuredClone(draft.content);
    bad.rules.budget.posts[0].percent = 140;
    bad.rules.decisionMatrix[0].method = 'coin_toss';
    bad.articles[0].title = '';
    const refused = await p.f.admin.put(draft.url, bad);
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toMatchObject({
      'rules.budget.posts.0.percent': 'Un pourcentage va de 0 à 100.',
      'rules.decisionMatrix.0.method': 'Choisissez une des valeurs proposées.',
      'articles.0.title': 'Ce champ est obligatoire.',
    });
    expect((await p.f.admin.get(draft.url)).body.content).toEqual(draft.content);
  });
});

describe('long charters', () => {
  it('saves a charter longer than the server’s usual request size (ten articles of 40,000 characters)', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const long = { ...draft.content, articles: draft.content.articles.map((article: object) => ({ ...article, body: 'Texte de la charte. '.repeat(2_000) })) };
    const saved = await p.f.admin.put(draft.url, long);
    expect(saved.status).toBe(200);
    expect((await p.f.admin.get(draft.url)).body.content.articles[0].body).toHaveLength(40_000);
  });
});

describe('adoption, versions and signatures', () => {
  it('adopts, signs as two people, and journals each signature with the content hash and no name', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    await adopt(p, draft.url);
    const adopted = await p.f.admin.get(draft.url);
    expect(adopted.body).toMatchObject({ status: 'adopted', adoptedOn: TODAY, adoptedBy: { id: p.steering, name: 'Comité de pilotage' } });
    const [nadiaSeat, paulSeat] = adopted.body.signatories;
    // Each signatory it names is called, once, with a button to the signature form.
    for (const signatory of [p.nadia, p.paul]) {
      const calls = log.mailsTo(signatory.email).filter((m) => m.subject.startsWith('À signer'));
      expect(calls).toHaveLength(1);
      expect(calls[0]!.subject).toBe('À signer : « Charte de partenariat » (version 1)');
      expect(calls[0]!.button).toBe(`/p/${p.f.partnershipId}/chartes/${draft.charterId}/versions/${draft.versionId}#signer`);
      expect(calls[0]!.body).toContain('Comité de pilotage a adopté la version 1');
    }
    expect(log.mailsTo(p.paul.email).find((m) => m.subject.startsWith('À signer'))!.body).toContain('Vous signez en tant que : Président');

    expect((await p.nadia.client.get(draft.url)).body.can.signAs).toEqual([nadiaSeat.signatoryId]);
    expect((await sign(p.nadia.client, draft.url, nadiaSeat.signatoryId, 'Nadia Benali')).status).toBe(201);
    expect((await sign(p.paul.client, draft.url, paulSeat.signatoryId, 'Paul Girard')).status).toBe(201);

    const signed = await p.f.admin.get(draft.url);
    expect(signed.body.signatories.map((s: { fullName: string; signature: { typedName: string; statement: string; contentHash: string } }) => [s.fullName, s.signature.typedName, s.signature.statement, s.signature.contentHash])).toEqual([
      ['Nadia Benali', 'Nadia Benali', 'Lu et approuvé', adopted.body.contentHash],
      ['Paul Girard', 'Paul Girard', 'Lu et approuvé', adopted.body.contentHash],
    ]);
    const journal = await journalOf(t, p.f.partnershipId);
    const signatures = journal.filter((entry) => entry.kind === 'charter.signed');
    expect(signatures.map((entry) => entry.payload)).toEqual([
      { charterId: draft.charterId, versionId: draft.versionId, signatoryId: nadiaSeat.signatoryId, personId: p.nadia.personId, organizationId: p.houses[0], contentHash: adopted.body.contentHash },
      { charterId: draft.charterId, versionId: draft.versionId, signatoryId: paulSeat.signatoryId, personId: p.paul.personId, organizationId: p.houses[1], contentHash: adopted.body.contentHash },
    ]);
    expect(JSON.stringify(journal.map((entry) => entry.payload))).not.toContain('Nadia');
    expect(journal.find((entry) => entry.kind === 'charter.adopted')!.payload).toMatchObject({ versionId: draft.versionId, bodyId: p.steering, adoptedOn: TODAY, contentHash: adopted.body.contentHash });
    expect(await verifiedChain(t, p.f.partnershipId)).toMatchObject({ ok: true });
  });

  it('lets only the signatory sign for themself, once, with « Lu et approuvé », on the text they saw', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const early = await p.f.admin.get(draft.url);
    const nadiaSeat = early.body.content.rules.signatories[0].id;
    const tooEarly = await sign(p.nadia.client, draft.url, nadiaSeat, 'Nadia Benali');
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.message).toBe('Seule la version en vigueur peut être signée.');
    await adopt(p, draft.url);

    expect((await sign(p.paul.client, draft.url, nadiaSeat, 'Paul Girard')).status).toBe(403);
    expect((await sign(p.f.admin, draft.url, nadiaSeat, 'Admin')).status).toBe(403);
    const unticked = await p.nadia.client.post(`${draft.url}/signatures`, { signatoryId: nadiaSeat, typedName: 'Nadia Benali', readAndApproved: false, contentHash: early.body.contentHash });
    expect(unticked.status).toBe(400);
    expect(unticked.body.fields.readAndApproved).toBe('Cochez « Lu et approuvé » pour signer.');
    const otherText = await p.nadia.client.post(`${draft.url}/signatures`, { signatoryId: nadiaSeat, typedName: 'Nadia Benali', readAndApproved: true, contentHash: 'a'.repeat(64) });
    expect(otherText.status).toBe(409);
    expect((await sign(p.nadia.client, draft.url, nadiaSeat, 'Nadia Benali')).status).toBe(201);
    const twice = await sign(p.nadia.client, draft.url, nadiaSeat, 'Nadia Benali');
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('Cette signature a déjà été donnée.');
    const rows = await t.store.db.selectFrom('charter_signature').select('id').where('version_id', '=', draft.versionId).execute();
    expect(rows).toHaveLength(1);
  });

  it('counts one signature per signatory when both signatories send theirs ten times at once', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    await adopt(p, draft.url);
    const [nadiaSeat, paulSeat] = (await p.f.admin.get(draft.url)).body.signatories.map((s: { signatoryId: string }) => s.signatoryId);
    const journalBefore = await journalLength(t, p.f.partnershipId);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => [sign(p.nadia.client, draft.url, nadiaSeat, 'Nadia Benali'), sign(p.paul.client, draft.url, paulSeat, 'Paul Girard')]).flat(),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(18);
    const rows = await t.store.db.selectFrom('charter_signature').select('signatory_id').where('version_id', '=', draft.versionId).execute();
    expect(rows.map((row) => row.signatory_id).sort()).toEqual([nadiaSeat, paulSeat].sort());
    expect(await kindsAfter(t, p.f.partnershipId, journalBefore)).toEqual(['charter.signed', 'charter.signed']);
    const signatories = (await p.f.admin.get(draft.url)).body.signatories;
    expect(signatories.map((s: { signature: unknown }) => s.signature !== null)).toEqual([true, true]);
  });

  it('revises: a new draft copies the version in force, its adoption supersedes it and asks for new signatures', async () => {
    const p = await furnishedPartnership();
    const first = await readyDraft(p);
    await adopt(p, first.url);
    const seat = (await p.f.admin.get(first.url)).body.signatories[0].signatoryId;
    await sign(p.nadia.client, first.url, seat, 'Nadia Benali');

    const edit = await p.f.admin.put(first.url, first.content);
    expect(edit.status).toBe(409);
    expect(edit.body.message).toBe('Cette version n’est plus un projet : elle ne peut plus changer.');
    const frozen = sql`update charter_version set title = 'Falsifiée' where id = ${first.versionId}`.execute(t.store.db);
    await expect(frozen).rejects.toThrow(/cannot change/);

    const started = await p.f.admin.post(`${p.f.base}/charters/${first.charterId}/drafts`);
    expect(started.status).toBe(201);
    expect((await p.f.admin.post(`${p.f.base}/charters/${first.charterId}/drafts`)).status).toBe(409);
    const secondUrl = `${p.f.base}/charters/${first.charterId}/versions/${started.body.id}`;
    const second = await p.f.admin.get(secondUrl);
    expect(second.body).toMatchObject({ number: 2, status: 'draft', content: first.content });

    const revised = structuredClone(first.content);
    revised.articles[0].body = revised.articles[0].body.replace('mieux', 'bien mieux');
    revised.articles.splice(1, 1);
    expect((await p.f.admin.put(secondUrl, revised)).body.issues).toEqual([]);
    const byHand = await p.f.admin.post(`${secondUrl}/adoption`, { bodyId: p.steering, adoptedOn: TODAY, contentHash: (await p.f.admin.get(secondUrl)).body.contentHash });
    expect(byHand.status).toBe(409);
    expect(byHand.body.message).toBe('Cette charte a déjà été adoptée : sa révision se décide par une proposition à l’instance que nomme sa règle de révision.');
    expect((await p.f.admin.get(secondUrl)).body.can.recordAdoption).toBe(false);
    await adoptByDecision(p, started.body.id);

    const history = await p.f.admin.get(`${p.f.base}/charters/${first.charterId}`);
    expect(history.body.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [2, 'adopted'],
      [1, 'superseded'],
    ]);
    const now = await p.f.admin.get(secondUrl);
    expect(now.body.signatories.every((s: { signature: unknown }) => s.signature === null)).toBe(true);
    expect((await sign(p.paul.client, first.url, (await p.f.admin.get(first.url)).body.signatories[1].signatoryId, 'Paul Girard')).status).toBe(409);

    const diff = await p.f.admin.get(`${p.f.base}/charters/${first.charterId}/diff?from=${first.versionId}&to=${started.body.id}`);
    expect(diff.status).toBe(200);
    const statuses = diff.body.diff.articles.map((a: { status: string }) => a.status);
    expect(statuses[0]).toBe('changed');
    expect(statuses[1]).toBe('removed');
    expect(diff.body.diff.articles[0].body.filter((part: { added: boolean }) => part.added).map((part: { value: string }) => part.value.trim())).toContain('bien');
  });

  it('refuses a save based on a draft someone else has saved since', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const loaded = (await p.f.admin.get(draft.url)).body.contentHash;
    expect((await p.f.admin.put(`${draft.url}?basedOn=${loaded}`, { ...draft.content, title: 'Première reprise' })).status).toBe(200);
    const second = await p.f.admin.put(`${draft.url}?basedOn=${loaded}`, { ...draft.content, title: 'Seconde reprise' });
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('Le texte a changé depuis que vous l’avez ouvert : relisez-le avant de continuer.');
    expect((await p.f.admin.get(draft.url)).body.content.title).toBe('Première reprise');
  });

  it('refuses an adoption of a text other than the one shown, and a second partnership charter in force', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const shown = (await p.f.admin.get(draft.url)).body.contentHash;
    await p.f.admin.put(draft.url, { ...draft.content, title: 'Charte revue entre-temps' });
    const stale = await p.f.admin.post(`${draft.url}/adoption`, { bodyId: p.steering, adoptedOn: TODAY, contentHash: shown });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('Le texte a changé depuis que vous l’avez ouvert : relisez-le avant de continuer.');
    await adopt(p, draft.url);
    const second = await readyDraft(p);
    const refused = await p.f.admin.post(`${second.url}/adoption`, { bodyId: p.steering, adoptedOn: TODAY, contentHash: (await p.f.admin.get(second.url)).body.contentHash });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Une autre charte de partenariat est déjà en vigueur : révisez-la plutôt que d’en adopter une seconde.');
  });

  it('keeps signatures as they were given: the database refuses to change or delete one', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    await adopt(p, draft.url);
    const seat = (await p.f.admin.get(draft.url)).body.signatories[0].signatoryId;
    await sign(p.nadia.client, draft.url, seat, 'Nadia Benali');
    await expect(sql`update charter_signature set typed_name = 'Quelqu’un d’autre' where version_id = ${draft.versionId}`.execute(t.store.db)).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from charter_signature where version_id = ${draft.versionId}`.execute(t.store.db)).rejects.toThrow(/cannot be changed/);
    await expect(sql`update charter_version set status = 'draft' where id = ${draft.versionId}`.execute(t.store.db)).rejects.toThrow();
  });

  it('discards a draft, but never the only version nor an adopted one', async () => {
    const p = await furnishedPartnership();
    const first = await readyDraft(p);
    expect((await p.f.admin.delete(first.url)).status).toBe(409);
    await adopt(p, first.url);
    expect((await p.f.admin.delete(first.url)).status).toBe(409);
    const started = await p.f.admin.post(`${p.f.base}/charters/${first.charterId}/drafts`);
    const draftUrl = `${p.f.base}/charters/${first.charterId}/versions/${started.body.id}`;
    expect((await p.f.admin.delete(draftUrl)).status).toBe(200);
    expect((await p.f.admin.get(draftUrl)).status).toBe(404);
    expect((await journalOf(t, p.f.partnershipId)).at(-1)!.kind).toBe('charter.draft_discarded');
  });
});

describe('printing and exchanging', () => {
  it('prints an A4 PDF with the numbered articles, the budget table, both signatures and the licence', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    await adopt(p, draft.url);
    const seats = (await p.f.admin.get(draft.url)).body.signatories;
    await sign(p.nadia.client, draft.url, seats[0].signatoryId, 'Nadia Benali');
    await sign(p.paul.client, draft.url, seats[1].signatoryId, 'Paul Girard');
    const response = await t.app.inject({ method: 'GET', url: `${draft.url}/pdf`, headers: { cookie: p.f.admin.cookie! } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="Charte-de-partenariat-v1.pdf"');
    const pages = await pdfText(new Uint8Array(response.rawPayload));
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Charte de partenariat');
    expect(text).toContain('Article 1 — Pourquoi ce partenariat');
    expect(text).toContain('Article 10 — Budget commun');
    expect(text).toContain('Coordination 5 480,00 €');
    expect(text).toContain('Maison porteuse 10 % de « Prestations facturées » (7 120,00 €) 712,00 €');
    expect(text).toContain('Total 8 272,00 €');
    expect(text).toContain('Un projet commun suit neuf étapes :');
    expect(text).toMatch(/Confirmation : chaque membre de l’instance Codir confirme la nomination ; elle prend effet quand tous l’ont fait\./);
    expect(text).not.toContain('\u0000');
    expect(text).toMatch(/Nadia Benali MJC des Tilleuls Présidente .*Lu et approuvé Nadia Benali/);
    expect(text).toMatch(/Paul Girard Maison du Port Président .*Lu et approuvé Paul Girard/);
    expect(text).toContain('Comité de pilotage');
    expect(text).toContain('Texte sous licence Creative Commons Attribution');
    expect(text).toContain(`Page 1 sur ${pages.length}`);
    expect(await anchorIn(t, p.f.partnershipId, text)).toEqual(await headOf(t, p.f.partnershipId));
  });

  it('keeps the PDF of an adopted version as first printed, and prints it again at each new signature', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const printed = async () => {
      const response = await t.app.inject({ method: 'GET', url: `${draft.url}/pdf`, headers: { cookie: p.f.admin.cookie! } });
      expect(response.statusCode).toBe(200);
      const bytes = Buffer.from(response.rawPayload);
      return { bytes, text: (await pdfText(new Uint8Array(bytes))).join(' ').replace(/\s+/g, ' ') };
    };
    const rename = async (name: string) => expect((await p.f.admin.patch(`${p.f.base}/organizations/${p.houses[0]}`, { name })).status).toBe(200);
    await adopt(p, draft.url);
    const unsigned = await printed();
    expect(unsigned.text).toMatch(/Nadia Benali MJC des Tilleuls Présidente .*pas encore signé/);
    await rename('MJC des Tilleuls et du Parc');
    const again = await printed();
    expect(again.bytes.equals(unsigned.bytes)).toBe(true);
    const seats = (await p.f.admin.get(draft.url)).body.signatories;
    expect((await sign(p.nadia.client, draft.url, seats[0].signatoryId, 'Nadia Benali')).status).toBe(201);
    expect((await printed()).text).toMatch(/Nadia Benali MJC des Tilleuls et du Parc Présidente .*Lu et approuvé Nadia Benali/);
    const kept = await t.store.db.selectFrom('printed_document').select('edition').where('subject_id', '=', draft.versionId).orderBy('edition').execute();
    expect(kept.map((row) => row.edition)).toEqual(['adopted:0', 'adopted:1']);
  });

  it('exports Markdown with the articles and the tables', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const markdown = await p.f.admin.get(`${draft.url}/markdown`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(markdown.body).toContain('# Charte de partenariat\n\n_Version 1 — Projet, non adopté_');
    expect(markdown.body).toContain('## Article 4 — Qui décide quoi');
    expect(markdown.body).toMatch(/\| Décisions opérationnelles \| tous les autres sujets \| Comité de pilotage \| consensus, 2 tours au plus, le silence compte absent \| arbitrage par Codir \| Assemblée plénière \|/);
    // What a silent member counts as, said once in plain words under the matrix and under the revision rule.
    const silenceSaid = 'Qui ne s’est pas exprimé quand un tour se termine est compté comme absent : si trop de membres manquent, le quorum n’est pas atteint et la proposition revient pour un nouveau tour.';
    expect(markdown.body.split(silenceSaid)).toHaveLength(3);
    // The project rules under the article on how the partnership works, naming their bodies.
    expect(markdown.body).toContain('Un projet commun suit neuf étapes :\n\n- Idée : ');
    expect(markdown.body).toContain('- Présentation : les porteurs présentent le projet à l’instance Comité de pilotage, sous le sujet « Projets communs ».');
    expect(markdown.body).toContain('- Confirmation : chaque membre de l’instance Codir confirme la nomination ; elle prend effet quand tous l’ont fait.');
    expect(markdown.body).toContain('Évaluation : tous les 12 mois, le groupe de travail rend compte à l’instance Comité de pilotage');
    p.f.admin.locale = 'en';
    const english = await p.f.admin.get(`${draft.url}/markdown`);
    expect(english.body).toContain('consensus, at most 2 rounds, silence counts as absence');
    expect(english.body).toContain('A member who has not spoken when a round ends counts as absent: if too many are missing, the quorum is not reached and the proposal comes back for another round.');
    expect(markdown.body).toMatch(/\| \*\*Total\*\* \|  \| \*\*8\s?272,00\s€\*\* \|/);
  });

  it('gives back the same charter after an export and an import into another partnership', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const exported = await p.f.admin.get(`${draft.url}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'entente-charter', formatVersion: 1, kind: 'partnership' });
    const other = await newPartnership(t);
    const imported = await other.admin.post(`${other.base}/charters/import`, exported.body);
    expect(imported.status).toBe(201);
    const copy = await other.admin.get(`${other.base}/charters/${imported.body.id}/versions/${imported.body.versionId}/export`);
    expect(copy.body).toEqual(exported.body);
    expect(copy.body.content.rules.projects).toMatchObject({ referentsPerOrganization: 1, waitingDays: 30 });
    const copyVersion = await other.admin.get(`${other.base}/charters/${imported.body.id}/versions/${imported.body.versionId}`);
    expect(copyVersion.body.contentHash).toBe((await p.f.admin.get(draft.url)).body.contentHash);
    expect(copyVersion.body.issues.map((issue: { code: string }) => issue.code)).toContain('body_unknown');
    const wrong = await other.admin.post(`${other.base}/charters/import`, { ...exported.body, format: 'docx' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.format).toBe('Ce fichier n’est pas une charte exportée par Entente.');
  });
});

describe('permissions', () => {
  it('lets members read charters but only administrators write them', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const member = p.nadia.client;
    expect((await member.get(`${p.f.base}/charters`)).status).toBe(200);
    expect((await member.get(draft.url)).body.can).toEqual({ manage: false, amend: false, recordAdoption: false, signAs: [] });
    expect((await member.post(`${p.f.base}/charters`, { template: 'partnership' })).status).toBe(403);
    expect((await member.put(draft.url, draft.content)).status).toBe(403);
    expect((await member.post(`${draft.url}/adoption`, { bodyId: p.steering, adoptedOn: TODAY, contentHash: '0'.repeat(64) })).status).toBe(403);
    expect((await member.post(`${p.f.base}/charters/${draft.charterId}/drafts`)).status).toBe(403);
    expect((await member.delete(draft.url)).status).toBe(403);
  });

  it('lets a signatory start, write and propose an amendment, which goes to the body the revision rule names, and refuses it to a member who is not one', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const signatoriesOnly = structuredClone(draft.content);
    signatoriesOnly.rules.revision.requestedBy = 'any_signatory';
    expect((await p.f.admin.put(draft.url, signatoriesOnly)).status).toBe(200);
    await adopt(p, draft.url);
    const odile = await newMember(t, p.f, { fullName: 'Odile Perrin', memberships: [{ organizationId: p.houses[0]!, kind: 'volunteer' }] });
    const drafts = `${p.f.base}/charters/${draft.charterId}/drafts`;

    const before = await journalLength(t, p.f.partnershipId);
    expect((await odile.client.post(drafts)).status).toBe(403);
    expect(await journalLength(t, p.f.partnershipId)).toBe(before);
    expect((await odile.client.get(`${p.f.base}/charters/${draft.charterId}`)).body.can).toEqual({ manage: false, amend: false });
    expect((await p.nadia.client.get(`${p.f.base}/charters/${draft.charterId}`)).body.can).toEqual({ manage: false, amend: true });

    const started = await p.nadia.client.post(drafts);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const amendmentUrl = `${p.f.base}/charters/${draft.charterId}/versions/${started.body.id}`;
    const amendment = (await p.nadia.client.get(amendmentUrl)).body;
    expect(amendment.can).toMatchObject({ manage: false, amend: true, recordAdoption: false });
    expect((await p.nadia.client.put(amendmentUrl, { ...amendment.content, title: 'Charte de partenariat, révisée' })).status).toBe(200);
    expect((await odile.client.put(amendmentUrl, amendment.content)).status).toBe(403);
    expect((await odile.client.delete(amendmentUrl)).status).toBe(403);
    expect((await odile.client.get(amendmentUrl)).body.can.amend).toBe(false);
    const journal = await journalOf(t, p.f.partnershipId);
    expect(journal.filter((entry) => entry.kind === 'charter.draft_started' || entry.kind === 'charter.draft_saved').slice(-2).map((entry) => entry.actor_id)).toEqual([p.nadia.personId, p.nadia.personId]);

    const proposed = await p.nadia.client.post(`${p.f.base}/proposals`, { level: 'strategic', wording: 'Adopter la révision de la charte', participationLevel: 'participation', amendsVersionId: started.body.id });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect((await p.f.admin.get(`${p.f.base}/proposals/${proposed.body.id}`)).body).toMatchObject({ body: { id: p.steering }, stage: 'decision', status: 'open' });
  });

  it('shows nothing of a charter to another partnership', async () => {
    const p = await furnishedPartnership();
    const draft = await readyDraft(p);
    const other = await newPartnership(t);
    const foreign = `${other.base}/charters/${draft.charterId}/versions/${draft.versionId}`;
    expect((await other.admin.get(foreign)).status).toBe(404);
    expect((await other.admin.get(`${foreign}/pdf`)).status).toBe(404);
    expect((await other.admin.put(foreign, draft.content)).status).toBe(404);
    expect((await other.admin.get(`${other.base}/charters/${draft.charterId}`)).status).toBe(404);
    const outsider = await other.admin.post(`${other.base}/charters/${draft.charterId}/versions/${draft.versionId}/adoption`, { bodyId: p.steering, adoptedOn: TODAY, contentHash: '0'.repeat(64) });
    expect(outsider.status).toBe(404);
    expect((await p.f.admin.get(draft.url)).body.status).toBe('draft');
  });
});

describe('compliance', () => {
  it('sets reality against the charter: no charter, missing signatures, vacant roles, expired terms, composition gaps', async () => {
    const p = await furnishedPartnership();
    const build = builder(p.f);
    await build.role({ name: uniqueName('Trésorerie') });
    const facilitation = await build.role({ name: 'Animation', termMonths: 1 });
    await build.assign(facilitation, p.nadia.personId, '2026-01-31');
    const gapBody = await build.body({ name: 'Comité restreint', kind: 'steering', delegatesPerOrganization: 1 });

    const before = await p.f.admin.get(`${p.f.base}/compliance`);
    expect(before.status).toBe(200);
    const codes = (body: { findings: { code: string }[] }) => body.findings.map((finding) => finding.code);
    expect(codes(before.body)).toContain('no_charter_in_force');
    expect(codes(before.body)).toContain('role_vacant');
    const term = before.body.findings.find((finding: { code: string }) => finding.code === 'term_expired');
    expect(term.message).toBe('Nadia Benali tient le rôle « Animation » au-delà de son mandat, terminé le 28 février 2026.');
    expect(before.body.findings).toContainEqual(expect.objectContaining({ code: 'delegates_missing', link: { kind: 'body', id: gapBody } }));

    const draft = await readyDraft(p);
    await adopt(p, draft.url);
    const after = await p.f.admin.get(`${p.f.base}/compliance`);
    expect(codes(after.body)).not.toContain('no_charter_in_force');
    const unsigned = after.body.findings.find((finding: { code: string }) => finding.code === 'signatures_missing');
    expect(unsigned.message).toBe('« Charte de partenariat » attend encore la signature de : Nadia Benali, Paul Girard.');
    expect(unsigned.link).toEqual({ kind: 'charter', id: draft.charterId });

    const ended = await createFromTemplate(p.f, 'cooperation');
    await p.f.admin.put(ended.url, { ...ended.version.content, title: 'Charte 2024-2025', rules: { ...ended.version.content.rules, duration: { startsOn: '2024-01-01', endsOn: '2025-12-31' } } });
    await adopt(p, ended.url);
    const expired = await p.f.admin.get(`${p.f.base}/compliance`);
    expect(expired.body.findings.find((finding: { code: string }) => finding.code === 'charter_expired').message).toBe(
      '« Charte 2024-2025 » a pris fin le 31 décembre 2025 : révisez-la ou prolongez-la.',
    );
  });

  it('points out common projects waiting longer than the charter allows, active without indicators or past their evaluation', async () => {
    // The lifecycle's acts are another capability's: the projects are written as those acts leave them.
    const p = await furnishedPartnership();
    const build = builder(p.f);
    const outsider = await build.organization('Comité Haut-Pré');
    const draft = await readyDraft(p);
    await adopt(p, draft.url);
    const [tilleuls, port] = p.houses as [string, string];
    const group = (name: string) => build.body({ name, kind: 'working_group', parentBodyId: p.steering, minReferentsPerOrganization: 1 });
    const at = (instant: string) => new Date(instant);
    const project = async (title: string, values: { stage: string; workingGroupId?: string; nominee?: string; evaluationDueOn?: string }, steps: Record<string, string>) => {
      const id = randomUUID();
      await t.store.db
        .insertInto('project')
        .values({
          id,
          partnership_id: p.f.partnershipId,
          title,
          origin: 'team',
          stage: values.stage,
          working_group_id: values.workingGroupId ?? null,
          lead_nominee_id: values.nominee ?? null,
          evaluation_due_on: values.evaluationDueOn ?? null,
          stage_since: at('2025-11-01T10:00:00Z'),
          created_by: p.nadia.personId,
          created_at: at('2025-11-01T10:00:00Z'),
        })
        .execute();
      await t.store.db.insertInto('project_organization').values([tilleuls, port].map((organization_id) => ({ project_id: id, organization_id }))).execute();
      await t.store.db
        .insertInto('project_step')
        .values(Object.entries(steps).map(([step, doneAt]) => ({ project_id: id, step, done_at: at(doneAt), done_by: p.nadia.personId })))
        .execute();
      return id;
    };
    const early = { idea: '2025-11-01T10:00:00Z', formalized: '2025-11-02T10:00:00Z', presented: '2025-11-03T10:00:00Z', validated: '2025-11-20T10:00:00Z' };

    // 49 days after its working group was created, one house of two has named its referent and nobody has named the lead.
    const gardensGroup = await group('Groupe de travail Jardins partagés');
    await build.seat(gardensGroup, { personId: p.nadia.personId, organizationId: tilleuls, capacity: 'referent' });
    const gardens = await project('Jardins partagés', { stage: 'validated', workingGroupId: gardensGroup }, { ...early, working_group: '2026-01-20T10:00:00Z' });
    // A lead named 54 days ago whom the directors have not all confirmed; another named 30 days ago, within the delay.
    const repairGroup = await group('Groupe de travail Repair café');
    const confirmedLater = { ...early, working_group: '2025-11-20T10:00:00Z', referents: '2025-12-01T10:00:00Z' };
    const repair = await project('Repair café', { stage: 'validated', workingGroupId: repairGroup, nominee: p.paul.personId }, { ...confirmedLater, lead_named: '2026-01-15T10:00:00Z' });
    const musicGroup = await group('Groupe de travail Musique');
    await project('Musique', { stage: 'validated', workingGroupId: musicGroup, nominee: p.paul.personId }, { ...confirmedLater, lead_named: '2026-02-08T22:30:00Z' });
    // Under way: one measures nothing and should have been evaluated on 1 March; one measures and is due today.
    const lived = { ...confirmedLater, lead_named: '2025-12-10T10:00:00Z', lead_confirmed: '2025-12-12T10:00:00Z' };
    const partyGroup = await group('Groupe de travail Fête');
    const party = await project('Fête de quartier', { stage: 'active', workingGroupId: partyGroup, evaluationDueOn: '2026-03-01' }, lived);
    const readingGroup = await group('Groupe de travail Lecture');
    const reading = await project('Lecture partagée', { stage: 'active', workingGroupId: readingGroup, evaluationDueOn: TODAY }, lived);
    const objective = randomUUID();
    await t.store.db.insertInto('project_objective').values({ id: objective, project_id: reading, position: 0, statement: 'Faire lire les familles' }).execute();
    await t.store.db.insertInto('project_indicator').values({ id: randomUUID(), project_id: reading, objective_id: objective, position: 0, label: 'Familles inscrites', target: '30' }).execute();
    // Closed long ago, past its evaluation and measuring nothing: nothing to say.
    await project('Ancien projet', { stage: 'closed', evaluationDueOn: '2025-01-01' }, early);

    const projectFindings = async () =>
      ((await p.f.admin.get(`${p.f.base}/compliance`)).body.findings as { code: string; link: unknown; message: string }[]).filter((finding) => finding.code.startsWith('project_'));
    const link = (id: string) => ({ kind: 'project', id });
    // By project title; nothing for the project measuring and due today, nor for the lead named 30 days ago.
    expect(await projectFindings()).toEqual([
      { code: 'project_without_indicators', link: link(party), message: '« Fête de quartier » est en cours mais n’a aucun indicateur pour mesurer ses objectifs.' },
      { code: 'project_evaluation_overdue', link: link(party), message: 'L’évaluation de « Fête de quartier » était attendue le 1er mars 2026.' },
      { code: 'project_waiting_referents', link: link(gardens), message: '« Jardins partagés » attend depuis 49 jours les personnes référentes de : Maison du Port.' },
      { code: 'project_waiting_lead', link: link(gardens), message: '« Jardins partagés » attend depuis 49 jours que soit nommé son chef ou sa cheffe de projet.' },
      { code: 'project_waiting_confirmation', link: link(repair), message: '« Repair café » attend depuis 54 jours la confirmation de Paul Girard comme chef ou cheffe de projet.' },
    ]);
    p.f.admin.locale = 'en';
    expect((await projectFindings()).map((finding) => finding.message)).toContain('“Repair café” has been waiting 54 days for Paul Girard to be confirmed as project lead.');
    p.f.admin.locale = 'fr';

    // A project's working group is composed of its participating houses only: the third house owes it no referent.
    const overview = (await p.f.admin.get(p.f.base)).body;
    const gaps = overview.bodies.find((body: { id: string }) => body.id === gardensGroup).gaps;
    expect(gaps.map((gap: { code: string; organizationId: string }) => [gap.code, gap.organizationId])).toEqual([['referents_missing', port]]);
    const detail = (await p.f.admin.get(`${p.f.base}/bodies/${gardensGroup}`)).body;
    expect(detail.gaps.map((gap: { organizationId: string }) => gap.organizationId)).toEqual([port]);
    // A working group of no project still counts every house.
    const plain = overview.bodies.find((body: { id: string }) => body.id === p.group);
    expect(plain.gaps.map((gap: { organizationId?: string }) => gap.organizationId)).not.toContain(outsider);
  });

  it('points out a body meeting less often than its charter asks (a circle six times a year, seed 004)', async () => {
    const p = await furnishedPartnership();
    const circle = await builder(p.f).body({ name: 'Cercle Jardins', kind: 'circle', minSize: 6, maxSize: 8, meetingsPerYear: 6 });
    expect((await p.f.admin.patch(`${p.f.base}/bodies/${circle}`, { meetingsPerYear: 0 })).body.fields.meetingsPerYear).toBeDefined();
    expect((await p.f.admin.get(`${p.f.base}/bodies/${circle}`)).body.rule).toMatchObject({ minSize: 6, maxSize: 8, meetingsPerYear: 6 });
    // A circle of more than a year, which met twice in the last twelve months (and plans a meeting to come).
    expect((await p.f.admin.patch(`${p.f.base}/bodies/${circle}`, { foundedOn: '2024-09-01' })).status).toBe(200);
    const met = (startsAt: string) => ({
      id: randomUUID(),
      partnership_id: p.f.partnershipId,
      body_id: circle,
      title: 'Cercle',
      starts_at: new Date(startsAt),
      duration_minutes: 90,
      facilitator_id: p.nadia.personId,
      secretary_id: null,
      place: '',
      online_url: null,
      created_by: p.nadia.personId,
      created_at: new Date(startsAt),
    });
    await t.store.db.insertInto('meeting').values([met('2025-01-15T18:00:00Z'), met('2025-06-15T18:00:00Z'), met('2025-11-15T18:00:00Z'), met('2026-06-15T18:00:00Z')]).execute();
    const findings = (await p.f.admin.get(`${p.f.base}/compliance`)).body.findings;
    expect(findings.find((finding: { code: string }) => finding.code === 'meeting_cadence')).toEqual({
      code: 'meeting_cadence',
      link: { kind: 'body', id: circle },
      message: 'Cercle Jardins doit se réunir au moins 6 fois par an : sur les douze derniers mois, l’instance s’est réunie 2 fois, au lieu de 6.',
    });
    expect((await p.f.admin.patch(`${p.f.base}/bodies/${circle}`, { meetingsPerYear: null })).status).toBe(200);
    expect((await p.f.admin.get(`${p.f.base}/compliance`)).body.findings.map((finding: { code: string }) => finding.code)).not.toContain('meeting_cadence');
  });
});
