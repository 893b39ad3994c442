// npm run bench:scale: the pages of a large partnership (issue 6: with 10,000 people and 100,000
// decisions, p95 of the list and detail endpoints under 50 ms, and as many SQL queries per request
// as in a small one; issue 18: at 1,000 common projects, the portfolio's p95 under 50 ms on PostgreSQL,
// queries constant). Each size is built in a fresh database: the structure, one decided proposal and
// one common project through the real acts, then the mass copied in SQL. Issue 19: the model
// project's budget with 10,000 entries (its page and its financial report) and the common fund's
// ledger of 3,000 rows, each beside a bare route, p95 under 50 ms on PostgreSQL. Requests go one at a time over
// HTTP to the real server, as the administrator (the things to do as a member of the body); the
// queries of each are counted by a Kysely plugin; the portfolio is set beside a bare route reading
// its first page of projects in one statement. BENCH_SIZES=people:decisions:projects,… and
// BENCH_DATABASES=pglite,postgres choose what runs.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../dist/server/server/app.js';
import { createAccountWithPassword, openSession } from '../dist/server/accounts/acts.js';
import { DECISION_LEVELS, emptyRules } from '../dist/server/charters/rules/types.js';
import { importCharter, recordAdoption, saveDraft } from '../dist/server/charters/acts.js';
import { versionDetail } from '../dist/server/charters/queries.js';
import { advancePhase, closeRound, createProposal, takeStance } from '../dist/server/decisions/acts.js';
import { createPartnership } from '../dist/server/partnerships/acts.js';
import { createProject, formalizeProject, nameLead, nameReferent, presentProject, tellCarriers } from '../dist/server/projects/acts.js';
import { addIndicator, addObjective, recordMeasurement } from '../dist/server/projects/conduct/acts.js';
import { addLine, recordEntry } from '../dist/server/budgets/acts.js';
import { migrateToLatest } from '../dist/server/common/database/migrate.js';
import { onFreshDatabase } from './fresh-database.js';

const SIZES = (process.env.BENCH_SIZES ?? '100:1000:100,10000:100000:1000').split(',').map((size) => size.split(':').map(Number));
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const ORGANIZATIONS = 20;
const SEATED = 12;
const BUDGET_ENTRIES = Number(process.env.BENCH_BUDGET_ENTRIES ?? 10_000);
/** The common fund's ledger: each house's yearly call over five years, paid in this many instalments. */
const FUND_YEARS = 5;
const FUND_INSTALMENTS = 30;

/** Counts the statements that reach the database, from the query builder or raw SQL, as their results come back: Kysely also shows a plugin the subqueries it composes. */
class QueryCounter {
  count = 0;
  transformQuery(args) {
    return args.node;
  }
  async transformResult(args) {
    this.count += 1;
    return args.result;
  }
}

async function furnish(store, people, decisions, projects) {
  await migrateToLatest(store.db);
  const now = new Date();
  const password = 'bench password 123';
  const email = `bench-${randomUUID()}@example.org`;
  const accountId = await createAccountWithPassword(store.db, email, password);
  const { partnershipId, adminPersonId } = await createPartnership(store.db, { name: 'Grand partenariat', admin: { fullName: 'Admin', email, accountId } }, now);
  await sql`insert into organization (id, partnership_id, name, kind)
    select gen_random_uuid(), ${partnershipId}, 'Maison ' || n, 'association' from generate_series(1, ${ORGANIZATIONS}) n`.execute(store.db);
  await sql`insert into person (id, partnership_id, full_name, email)
    select gen_random_uuid(), ${partnershipId}, 'Personne ' || n, 'personne' || n || '@example.org' from generate_series(1, ${people - 1}) n`.execute(store.db);
  await sql`insert into membership (id, person_id, organization_id, kind)
    select gen_random_uuid(), p.id, (select id from organization where partnership_id = ${partnershipId} order by name offset (abs(hashtext(p.id::text)) % ${ORGANIZATIONS}) limit 1), 'volunteer'
      from person p where p.partnership_id = ${partnershipId} and p.id <> ${adminPersonId}`.execute(store.db);
  const bodyId = randomUUID();
  await store.db.insertInto('body').values({ id: bodyId, partnership_id: partnershipId, parent_body_id: null, name: 'Comité de pilotage', kind: 'steering', purpose: '', delegates_per_organization: null, min_referents_per_organization: null, min_size: null, max_size: null }).execute();
  const seated = await sql`insert into body_member (id, body_id, person_id, organization_id, capacity, mandate_source, starts_on)
    select gen_random_uuid(), ${bodyId}, p.id, null, 'member', 'self', '2025-09-01'
      from person p where p.partnership_id = ${partnershipId} and p.id <> ${adminPersonId} order by p.full_name limit ${SEATED} returning person_id`.execute(store.db);
  const ctx = (personId, isPartnershipAdmin = false) => ({ db: store.db, partnershipId, now, viewer: { personId, isPartnershipAdmin, adminOfOrganizations: new Set(), memberOfBodies: new Set([bodyId]) } });
  const admin = ctx(adminPersonId, true);
  const rules = {
    ...emptyRules(),
    bodyIds: [bodyId],
    decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
  };
  const charter = await importCharter(admin, { format: 'entente-charter', formatVersion: 1, kind: 'partnership', content: { title: 'Charte', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules } });
  const { contentHash } = await saveDraft(admin, charter.id, charter.versionId, (await versionDetail(store.db, admin.viewer, partnershipId, charter.id, charter.versionId)).content);
  await recordAdoption(admin, charter.id, charter.versionId, { bodyId, adoptedOn: '2026-01-01', contentHash });
  // One proposal decided through the acts, with a reservation heard: the model for the others.
  const { id: modelId } = await createProposal(admin, { level: 'operational', topic: '', wording: 'Décision modèle', context: '', participationLevel: 'participation' });
  for (let step = 0; step < 3; step += 1) await advancePhase(admin, modelId);
  for (const [index, { person_id }] of seated.rows.entries()) {
    await takeStance(ctx(person_id), modelId, index === 0 ? { stance: 'object', reason: 'Trop tôt', idempotencyKey: randomUUID() } : { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
  }
  await closeRound(admin, modelId, { statement: 'Amendée.' });
  await advancePhase(admin, modelId);
  for (const { person_id } of seated.rows) await takeStance(ctx(person_id), modelId, { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
  await closeRound(admin, modelId, { statement: 'Adoptée.' });
  await sql`insert into proposal (id, partnership_id, charter_version_id, level, topic, wording, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement, decided_at, created_at)
    select gen_random_uuid(), partnership_id, charter_version_id, level, topic, 'Décision ' || n, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement,
           decided_at - make_interval(mins => n), created_at - make_interval(mins => n)
      from proposal, generate_series(1, ${decisions - 1}) n where id = ${modelId}`.execute(store.db);
  await sql`insert into stance (id, proposal_id, body_id, round, member_id, posted_by, stance, reason, idempotency_key, updated_at)
    select gen_random_uuid(), p.id, s.body_id, s.round, s.member_id, s.posted_by, s.stance, s.reason, gen_random_uuid()::text, s.updated_at
      from proposal p, stance s where p.partnership_id = ${partnershipId} and p.id <> ${modelId} and s.proposal_id = ${modelId}`.execute(store.db);
  const portfolio = await furnishProjects(store, { admin, ctx, partnershipId, seated: seated.rows.map((row) => row.person_id) }, projects);
  await furnishFund(store, partnershipId, adminPersonId, now);
  await sql`analyze`.execute(store.db);
  const person = await sql`select id from person where partnership_id = ${partnershipId} and id <> ${adminPersonId} order by full_name desc limit 1`.execute(store.db);
  const organization = await sql`select o.id from organization o where o.partnership_id = ${partnershipId}
    order by (select count(*) from membership m where m.organization_id = o.id) desc limit 1`.execute(store.db);
  const session = await openSession(store.db, accountId, now);
  // A member of the body, whose things to do (a stance in an open round) are read as theirs.
  const memberId = seated.rows[0].person_id;
  const memberAccountId = await createAccountWithPassword(store.db, `bench-member-${randomUUID()}@example.org`, password);
  await store.db.updateTable('person').set({ account_id: memberAccountId }).where('id', '=', memberId).execute();
  const { id: openId } = await createProposal(admin, { level: 'operational', topic: '', wording: 'Décision en cours', context: '', participationLevel: 'participation' });
  for (let step = 0; step < 3; step += 1) await advancePhase(admin, openId);
  const memberSession = await openSession(store.db, memberAccountId, now);
  return {
    partnershipId, adminPersonId, bodyId, charterId: charter.id, versionId: charter.versionId, proposalId: modelId, personId: person.rows[0].id, organizationId: organization.rows[0].id,
    cookie: `entente_session=${session.token}`, memberCookie: `entente_session=${memberSession.token}`, ...portfolio,
  };
}

/** A version 4 UUID made of the md5 of a SQL text expression, the same each time it is computed, as the answers' schemas check. */
const uuidFrom = (expression) => sql.raw(`overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`);

const STEPS = ['idea', 'formalized', 'presented', 'validated', 'carriers_told', 'working_group', 'referents', 'lead_named', 'lead_confirmed'];

/**
 * The portfolio: one common project lived through the acts (two houses, presented and validated by
 * consent, its referents and lead named, an objective, an indicator measured per house), then
 * copied `projects - 1` times in SQL, a quarter at each of four stages (idea, formalized,
 * validated, active), each with its own working group and referents from the validation on, its
 * two houses turning among the twenty.
 */
async function furnishProjects(store, { admin, ctx, partnershipId, seated }, projects) {
  const houses = (await sql`select id from organization where partnership_id = ${partnershipId} order by name`.execute(store.db)).rows.map((row) => row.id);
  const memberOf = async (organizationId) =>
    (await sql`select person_id from membership where organization_id = ${organizationId} order by person_id limit 1`.execute(store.db)).rows[0].person_id;
  const { id: modelId } = await createProject(admin, { title: 'Projet 0000', summary: 'Le projet modèle', origin: 'team', originDetail: '', carrierPersonIds: [], carrierOrganizationIds: [houses[0]] });
  await formalizeProject(admin, modelId, { needs: 'Des besoins', analysis: 'Une analyse', organizationIds: [houses[0], houses[1]] });
  // Its forecast, presented with it, is validated with it.
  const budgetLines = [];
  for (const [index, [category, amountCents]] of [['staff', 900_000], ['premises', 120_000], ['provider', 450_000], ['transport', 300_000], ['purchase', 80_000], ['contribution', 200_000], ['grant', 1_000_000], ['self_financing', 650_000]].entries()) {
    const line = { category, label: `Ligne ${index + 1}`, organizationId: houses[index % 2], internal: category === 'premises', amountCents, grantStatus: category === 'grant' ? 'granted' : null };
    budgetLines.push((await addLine(admin, modelId, line)).id);
  }
  const presentation = await presentProject(admin, modelId, {});
  for (let step = 0; step < 3; step += 1) await advancePhase(admin, presentation.id);
  for (const personId of seated) await takeStance(ctx(personId), presentation.id, { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
  await closeRound(admin, presentation.id, { statement: 'Validé.' });
  await tellCarriers(admin, modelId, { recommendations: 'Des recommandations', vigilance: '' });
  for (const organizationId of [houses[0], houses[1]]) await nameReferent(admin, modelId, { organizationId, personId: await memberOf(organizationId) });
  await nameLead(admin, modelId, { personId: seated[0], missionGoals: 'Conduire le projet', missionTime: '', missionTraining: '' });
  const objective = await addObjective(admin, modelId, { statement: 'Accueillir quarante familles des maisons', metric: 'Familles', target: '40', deadline: null, ownerId: seated[0] });
  const indicator = await addIndicator(admin, modelId, { objectiveId: objective.id, label: 'Familles inscrites', unit: 'familles', target: 40 });
  const today = ctx(seated[0]).now.toISOString().slice(0, 10);
  for (const [index, organizationId] of [houses[0], houses[1]].entries()) await recordMeasurement(admin, modelId, indicator.id, { measuredOn: today, value: 12 + index, organizationId, note: '' });

  // Each copy n: its id, stage and houses derived from n, so that every statement below finds the same ones.
  const copies = sql`(select n, ${uuidFrom("'project' || n")} as id, ${uuidFrom("'group' || n")} as group_id,
      (array['idea', 'formalized', 'validated', 'active'])[n % 4 + 1] as stage,
      ${sql.raw(`array[${houses.map((id) => `'${id}'::uuid`).join(', ')}]`)} as houses
    from generate_series(1, ${projects - 1}) n)`;
  const model = (await sql`select working_group_id from project where id = ${modelId}`.execute(store.db)).rows[0];
  await sql`insert into body select (jsonb_populate_record(null::body, to_jsonb(b) || jsonb_build_object('id', c.group_id, 'name', b.name || ' ' || c.n))).*
    from body b, ${copies} c where b.id = ${model.working_group_id} and c.stage in ('validated', 'active')`.execute(store.db);
  await sql`insert into project select (jsonb_populate_record(null::project, to_jsonb(p) || jsonb_build_object(
      'id', c.id, 'title', 'Projet ' || lpad(c.n::text, 4, '0'), 'stage', c.stage,
      'working_group_id', case when c.stage in ('validated', 'active') then c.group_id end,
      'lead_role_id', case when c.stage = 'active' then p.lead_role_id end,
      'lead_nominee_id', case when c.stage = 'active' then p.lead_nominee_id end,
      'evaluation_due_on', case when c.stage = 'active' then p.evaluation_due_on end))).*
    from project p, ${copies} c where p.id = ${modelId}`.execute(store.db);
  await sql`insert into project_carrier (id, project_id, person_id, organization_id) select ${uuidFrom("c.id::text || x.id::text")}, c.id, x.person_id, x.organization_id from project_carrier x, ${copies} c where x.project_id = ${modelId}`.execute(store.db);
  await sql`insert into project_organization (project_id, organization_id) select c.id, c.houses[(c.n + k) % ${houses.length} + 1] from ${copies} c, generate_series(0, 1) k where c.stage <> 'idea'`.execute(store.db);
  await sql`insert into project_step (project_id, step, done_at, done_by) select c.id, s.step, s.done_at, s.done_by from project_step s, ${copies} c
    where s.project_id = ${modelId} and array_position(${sql.raw(`array[${STEPS.map((step) => `'${step}'`).join(', ')}]`)}, s.step)
      <= case c.stage when 'idea' then 1 when 'formalized' then 2 when 'validated' then 7 else 9 end`.execute(store.db);
  await sql`insert into body_member (id, body_id, person_id, organization_id, capacity, mandate_source, starts_on)
    select ${uuidFrom("c.group_id::text || s.id::text")}, c.group_id, (select m.person_id from membership m where m.organization_id = h.house order by m.person_id limit 1), h.house, s.capacity, s.mandate_source, s.starts_on
      from ${copies} c
      cross join lateral (select *, row_number() over (order by id) - 1 as k from body_member where body_id = ${model.working_group_id} and capacity = 'referent') s
      cross join lateral (select c.houses[(c.n + s.k) % ${houses.length} + 1] as house) h
      where c.stage in ('validated', 'active')`.execute(store.db);
  await sql`insert into project_objective select (jsonb_populate_record(null::project_objective, to_jsonb(o) || jsonb_build_object('id', ${uuidFrom("c.id::text || o.id::text")}, 'project_id', c.id))).*
    from project_objective o, ${copies} c where o.project_id = ${modelId} and c.stage in ('validated', 'active')`.execute(store.db);
  await sql`insert into project_indicator select (jsonb_populate_record(null::project_indicator, to_jsonb(i) || jsonb_build_object(
      'id', ${uuidFrom("c.id::text || i.id::text")}, 'project_id', c.id, 'objective_id', ${uuidFrom("c.id::text || i.objective_id::text")}))).*
    from project_indicator i, ${copies} c where i.project_id = ${modelId} and c.stage in ('validated', 'active')`.execute(store.db);
  await sql`insert into project_measurement select (jsonb_populate_record(null::project_measurement, to_jsonb(m) || jsonb_build_object(
      'id', ${uuidFrom("c.id::text || m.id::text")}, 'indicator_id', ${uuidFrom("c.id::text || m.indicator_id::text")}, 'organization_id', c.houses[(c.n + k.k) % ${houses.length} + 1]))).*
    from project_measurement m, ${copies} c, (select id, row_number() over (order by id) - 1 as k from project_measurement where indicator_id = ${indicator.id}) k
    where m.indicator_id = ${indicator.id} and k.id = m.id and c.stage = 'active'`.execute(store.db);
  const budgetId = await furnishBudget(store, admin, budgetLines, houses);
  return { projectId: modelId, projectHouseId: houses[1], budgetId };
}

/**
 * The common fund's ledger in SQL: a call to each house for each of the last FUND_YEARS years,
 * due two months into it, each paid in FUND_INSTALMENTS payments (20 × 5 × 30 = 3,000 rows).
 */
async function furnishFund(store, partnershipId, adminPersonId, now) {
  const year = now.getUTCFullYear();
  await sql`insert into fund_call (id, partnership_id, organization_id, year, amount_cents, declared_budget_cents, percent, due_on, issued_by, issued_at)
    select ${uuidFrom("'call' || o.id::text || y")}, ${partnershipId}, o.id, y, 300000, null, null, make_date(y, 3, 1), ${adminPersonId}, make_date(y, 1, 1)
      from organization o, generate_series(${year - FUND_YEARS + 1}::int, ${year}::int) y where o.partnership_id = ${partnershipId}`.execute(store.db);
  await sql`insert into fund_ledger (id, partnership_id, year, kind, organization_id, call_id, proposal_id, amount_cents, occurred_on, reverses, recorded_by, recorded_at)
    select ${uuidFrom("'payment' || c.id::text || k")}, c.partnership_id, c.year, 'payment', c.organization_id, c.id, null, 10000, make_date(c.year, 1, 1) + k, null, ${adminPersonId}, make_date(c.year, 1, 1) + k
      from fund_call c, generate_series(1, ${FUND_INSTALMENTS}) k where c.partnership_id = ${partnershipId}`.execute(store.db);
}

/**
 * The model project's budget: one entry recorded through the act, copied in SQL until the budget
 * holds BUDGET_ENTRIES, spread over its lines, houses and the last three years, one in fifty reversed.
 */
async function furnishBudget(store, admin, lineKeys, houses) {
  const { id: budgetId } = (await sql`select b.id from budget b join budget_line l on l.line_key = ${lineKeys[0]} join budget_version v on v.id = l.version_id and v.budget_id = b.id`.execute(store.db)).rows[0];
  const { id: modelId } = await recordEntry(admin, budgetId, { lineKey: lineKeys[0], occurredOn: admin.now.toISOString().slice(0, 10), amountCents: 12_345, organizationId: houses[0], personId: null, counterparty: 'Fournisseur', note: 'Facture', attachment: null });
  await sql`insert into budget_entry (id, budget_id, line_key, occurred_on, amount_cents, organization_id, person_id, counterparty, note, attachment_id, reverses, recorded_by, recorded_at)
    select ${uuidFrom("'entry' || n")}, e.budget_id, (${sql.raw(`array[${lineKeys.map((key) => `'${key}'::uuid`).join(', ')}]`)})[n % ${lineKeys.length} + 1],
           e.occurred_on - (n % 1000), 100 + (n * 7919) % 250000, (${sql.raw(`array[${houses.map((id) => `'${id}'::uuid`).join(', ')}]`)})[n % 2 + 1],
           null, e.counterparty || ' ' || n, e.note, null, null, e.recorded_by, e.recorded_at - make_interval(mins => n)
      from budget_entry e, generate_series(1, ${Math.ceil(((BUDGET_ENTRIES - 1) * 50) / 51)}) n where e.id = ${modelId}`.execute(store.db);
  await sql`insert into budget_entry (id, budget_id, line_key, occurred_on, amount_cents, organization_id, person_id, counterparty, note, attachment_id, reverses, recorded_by, recorded_at)
    select ${uuidFrom("'reversal' || e.id::text")}, e.budget_id, e.line_key, e.occurred_on, -e.amount_cents, e.organization_id, null, e.counterparty, '', null, e.id, e.recorded_by, e.recorded_at + interval '1 minute'
      from budget_entry e where e.budget_id = ${budgetId} and e.id <> ${modelId}
      order by e.id limit ${BUDGET_ENTRIES - 1 - Math.ceil(((BUDGET_ENTRIES - 1) * 50) / 51)}`.execute(store.db);
  return budgetId;
}

function endpoints(f) {
  const base = `/api/v1/partnerships/${f.partnershipId}`;
  return [
    ['list', 'people (first 100)', `${base}/people`],
    ['list', 'people (the next 100)', `${base}/people?after=${f.adminPersonId}`],
    ['list', 'people search', `${base}/people?q=${encodeURIComponent('personne 42')}`],
    ['list', 'people of an organization', `${base}/people?organizationId=${f.organizationId}`],
    ['list', 'proposals', `${base}/proposals`],
    ['list', 'decision register', `${base}/bodies/${f.bodyId}/decisions`],
    ['list', 'register search', `${base}/bodies/${f.bodyId}/decisions?q=${encodeURIComponent('Décision 42')}`],
    ['list', 'agreements and disagreements', `${base}/disagreements`],
    ['list', 'agreements search', `${base}/disagreements?q=${encodeURIComponent('Décision 42')}`],
    ['list', 'journal', `${base}/journal`],
    ['list', 'overview', base],
    ['list', 'compliance', `${base}/compliance`],
    ['list', 'to do (a body member)', `${base}/to-do`, f.memberCookie],
    ['detail', 'person', `${base}/people/${f.personId}`],
    ['detail', 'organization', `${base}/organizations/${f.organizationId}`],
    ['detail', 'body', `${base}/bodies/${f.bodyId}`],
    ['detail', 'proposal', `${base}/proposals/${f.proposalId}`],
    ['detail', 'charter version', `${base}/charters/${f.charterId}/versions/${f.versionId}`],
    ['bare', 'bare route: the first 51 projects in one statement', `/bench/bare-projects/${f.partnershipId}`],
    ['list', 'projects (first 50)', `${base}/projects`],
    ['list', 'projects of a house', `${base}/projects?organizationId=${f.projectHouseId}`],
    ['list', 'projects at a step (active)', `${base}/projects?stage=active`],
    ['detail', 'project', `${base}/projects/${f.projectId}`],
    ['bare', `bare route: a budget's ${BUDGET_ENTRIES} entries summed per line in one statement`, `/bench/bare-budget/${f.budgetId}`],
    ['detail', `project budget (${BUDGET_ENTRIES} entries)`, `${base}/projects/${f.projectId}/budget`],
    ['detail', `financial report (${BUDGET_ENTRIES} entries)`, `${base}/projects/${f.projectId}/budget/report`],
    ['bare', 'bare route: the fund year’s ledger in one statement', `/bench/bare-fund/${f.partnershipId}`],
    ['detail', 'common fund (its year of the ledger)', `${base}/fund`],
    ['detail', 'common fund’s yearly statement', `${base}/fund/statement`],
  ];
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(store, people, decisions, projects) {
  const f = await furnish(store, people, decisions, projects);
  const counter = new QueryCounter();
  const db = store.db.withPlugin(counter);
  const app = await buildApp({ ...store, db }, { publicUrl: 'http://localhost', signInAttemptsPerMinute: 10, secureCookies: false, logger: false });
  // What the portfolio's first page costs at least: its projects in one statement, no session, no check.
  app.get('/bench/bare-projects/:partnershipId', async (request) =>
    (await sql`select id, title, stage, stage_since from project where partnership_id = ${request.params.partnershipId} order by title, id limit 51`.execute(db)).rows);
  // What a budget's figures cost at least: its entries summed per line and payer, no session, no check.
  app.get('/bench/bare-budget/:budgetId', async (request) =>
    (await sql`select line_key, organization_id, sum(amount_cents) as cents from budget_entry where budget_id = ${request.params.budgetId} group by line_key, organization_id`.execute(db)).rows);
  // What the fund page's ledger costs at least: the year's rows in order, in one statement.
  app.get('/bench/bare-fund/:partnershipId', async (request) =>
    (await sql`select id, kind, occurred_on, amount_cents, organization_id from fund_ledger where partnership_id = ${request.params.partnershipId} and year = extract(year from now())::int order by occurred_on, recorded_at, id`.execute(db)).rows);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const rows = [];
  try {
    for (const [kind, name, path, cookie = f.cookie] of endpoints(f)) {
      const get = async () => {
        const response = await fetch(`${address}${path}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return (await response.arrayBuffer()).byteLength;
      };
      for (let warm = 0; warm < 5; warm += 1) await get();
      // Counted after the viewer cache is warm, as most requests find it.
      counter.count = 0;
      const bytes = await get();
      const queries = counter.count;
      const times = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        const start = performance.now();
        await get();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      rows.push({ kind, endpoint: name, queries, 'kB': Math.round(bytes / 1024), 'p50 ms': percentile(times, 50).toFixed(1), 'p95 ms': percentile(times, 95).toFixed(1) });
    }
  } finally {
    await app.close();
  }
  return rows;
}

const results = {};
for (const database of DATABASES) {
  for (const [people, decisions, projects = 100] of SIZES) {
    const started = performance.now();
    const rows = await onFreshDatabase(database, (store) => measure(store, people, decisions, projects));
    console.log(`\n${database}, ${people} people, ${decisions} decisions, ${projects} projects (built and measured in ${((performance.now() - started) / 1000).toFixed(0)} s), ${REQUESTS} requests each, one at a time:`);
    console.table(rows);
    results[`${database} ${people}:${decisions}:${projects}`] = rows;
  }
}
for (const database of DATABASES) {
  const [small, large] = SIZES.map(([people, decisions, projects = 100]) => results[`${database} ${people}:${decisions}:${projects}`]);
  if (!small || !large) continue;
  const changed = small.map((row, i) => [row, large[i]]).filter(([before, after]) => before.queries !== after.queries).map(([before, after]) => `${before.endpoint}: ${before.queries} → ${after.queries}`);
  console.log(`${database}: queries per request ${changed.length === 0 ? 'the same at both sizes' : `change with size: ${changed.join('; ')}`}.`);
}
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
