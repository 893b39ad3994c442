import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MandateSource, MembershipKind, OrganizationKind, SeatCapacity } from '../common/structure.js';
import { createAccountWithPassword } from '../accounts/acts.js';
import * as charterActs from '../charters/acts.js';
import { versionDetail } from '../charters/queries.js';
import type { ActContext, AfterCommit } from '../common/act.js';
import { createPartnership } from '../partnerships/acts.js';
import { createBody, addSeat } from '../bodies/acts.js';
import { createDelegation } from '../delegations/acts.js';
import { createOrganization } from '../organizations/acts.js';
import { createPerson } from '../people/acts.js';
import { assignRole, createRole } from '../roles/acts.js';
import type { Database } from '../common/database/schema.js';
import { moneyRulesOf, projectRulesOf, type DecisionRule } from '../charters/rules/types.js';
import { calendarDay } from '../common/dates.js';
import { writeDemoCircles } from './demo-circles.js';
import { DEMO_HISTORY_DAYS, demoClock, communicationRule, writeDemoHistory, type DemoBodyKey } from './demo-history.js';

/**
 * A fictional partnership in the shape of seed 001: three neighbourhood houses, a plenary, a
 * steering committee with four delegates per house, a directors' committee and one working
 * group. The MJC des Tilleuls has only three delegates: the gap a newcomer fixes first.
 */
export const DEMO_SIGN_IN = { email: 'camille.martin@trois-rives.example', password: 'demo-trois-rives' } as const;
export const DEMO_NAME = 'Les Trois Rives';
const SINCE = '2025-09-01';

interface DemoPerson {
  readonly key: string;
  readonly fullName: string;
  readonly house: 'tilleuls' | 'moulin' | 'hautpre';
  readonly kind: MembershipKind;
  readonly houseAdmin?: boolean;
}

const houses: Record<DemoPerson['house'], { name: string; kind: OrganizationKind; email: string; address: string }> = {
  tilleuls: { name: 'MJC des Tilleuls', kind: 'youth_centre', email: 'accueil@mjc-tilleuls.example', address: '12 allée des Tilleuls, Valbourg' },
  moulin: { name: 'Centre social du Moulin', kind: 'social_centre', email: 'contact@cs-moulin.example', address: '3 rue du Moulin, Valbourg' },
  hautpre: { name: 'Comité de quartier Haut-Pré', kind: 'residents_committee', email: 'bureau@haut-pre.example', address: 'Maison Haut-Pré, place du Marché, Valbourg' },
};

const people: readonly DemoPerson[] = [
  { key: 'nadia', fullName: 'Nadia Benali', house: 'tilleuls', kind: 'staff', houseAdmin: true },
  { key: 'gerard', fullName: 'Gérard Lefèvre', house: 'tilleuls', kind: 'board', houseAdmin: true },
  { key: 'lucie', fullName: 'Lucie Garnier', house: 'tilleuls', kind: 'staff' },
  { key: 'yanis', fullName: 'Yanis Morel', house: 'tilleuls', kind: 'volunteer' },
  { key: 'odile', fullName: 'Odile Perrin', house: 'tilleuls', kind: 'board' },
  { key: 'thomas', fullName: 'Thomas Roux', house: 'tilleuls', kind: 'volunteer' },
  { key: 'samia', fullName: 'Samia Haddad', house: 'moulin', kind: 'staff', houseAdmin: true },
  { key: 'bernard', fullName: 'Bernard Colin', house: 'moulin', kind: 'board', houseAdmin: true },
  { key: 'ines', fullName: 'Inès Fabre', house: 'moulin', kind: 'staff' },
  { key: 'paul', fullName: 'Paul Mercier', house: 'moulin', kind: 'board' },
  { key: 'mireille', fullName: 'Mireille Blanc', house: 'moulin', kind: 'volunteer' },
  { key: 'karim', fullName: 'Karim Toure', house: 'moulin', kind: 'volunteer' },
  { key: 'helene', fullName: 'Hélène Dubois', house: 'hautpre', kind: 'staff', houseAdmin: true },
  { key: 'jacques', fullName: 'Jacques Arnaud', house: 'hautpre', kind: 'board', houseAdmin: true },
  { key: 'amandine', fullName: 'Amandine Giraud', house: 'hautpre', kind: 'volunteer' },
  { key: 'rene', fullName: 'René Fontaine', house: 'hautpre', kind: 'board' },
  { key: 'claire', fullName: 'Claire Lambert', house: 'hautpre', kind: 'staff' },
  { key: 'malik', fullName: 'Malik Chevalier', house: 'hautpre', kind: 'volunteer' },
  { key: 'sophie', fullName: 'Sophie Vidal', house: 'moulin', kind: 'volunteer' },
];

/**
 * Who holds the charter's treasurer role (« Trésorerie »): a person the demo's door lets one enter
 * as, so that a visitor can keep the books, and the demo's money (budgets, the common fund) is
 * recorded by her as the charter says it is.
 */
export const DEMO_TREASURER = 'samia';

/** Each house's president, in the houses' order: they sign the charter and share the co-presidency. */
const presidents = ['gerard', 'bernard', 'jacques'] as const;

type Seating = readonly [person: string, capacity: SeatCapacity, source: MandateSource];

const steering: readonly Seating[] = [
  ['nadia', 'delegate', 'staff_body'],
  ['gerard', 'delegate', 'board'],
  ['lucie', 'delegate', 'staff_body'],
  ['samia', 'delegate', 'staff_body'],
  ['bernard', 'delegate', 'board'],
  ['ines', 'delegate', 'staff_body'],
  ['paul', 'delegate', 'board'],
  ['helene', 'delegate', 'staff_body'],
  ['jacques', 'delegate', 'board'],
  ['rene', 'delegate', 'board'],
  ['claire', 'delegate', 'staff_body'],
];
const directors: readonly Seating[] = [
  ['nadia', 'delegate', 'board'],
  ['gerard', 'delegate', 'board'],
  ['samia', 'delegate', 'board'],
  ['bernard', 'delegate', 'board'],
  ['helene', 'delegate', 'board'],
  ['jacques', 'delegate', 'board'],
];
const familyOutings: readonly Seating[] = [
  ['yanis', 'referent', 'staff_body'],
  ['mireille', 'referent', 'board'],
  ['amandine', 'referent', 'board'],
  ['karim', 'member', 'self'],
];

/**
 * The demo partnership. `withCharter: false` leaves out its charter, for a walk-through that
 * writes one from the template. Its acts are followed like any other (`afterCommit`) when a
 * running app creates it, so its mail leaves at once.
 *
 * `history: true` (what `entente serve` and `entente demo` create) founds it months before `now`
 * and lives those months through the real acts (demo-history.ts): decisions by each method of its
 * charter, meetings, an election, an amendment of the charter, with rounds and polls still open
 * today. Without it, everything starts on a fixed day and nothing has happened yet, which the
 * tests that walk through a first use rely on.
 */
export async function createDemoPartnership(
  db: Kysely<Database>,
  now: Date,
  options: { readonly withCharter?: boolean; readonly afterCommit?: AfterCommit; readonly history?: boolean } = {},
): Promise<{ partnershipId: string }> {
  const clock = demoClock(now);
  const history = options.history === true && options.withCharter !== false;
  const foundedAt = history ? clock.ago(DEMO_HISTORY_DAYS, 8) : now;
  const since = history ? calendarDay(foundedAt) : SINCE;
  const accountId = await createAccountWithPassword(db, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
  const { partnershipId, adminPersonId } = await createPartnership(
    db,
    {
      name: DEMO_NAME,
      description:
        'Coopération de trois maisons de quartier de Valbourg : des projets communs, des instances partagées, et chaque maison garde son identité.',
      admin: { fullName: 'Camille Martin', email: DEMO_SIGN_IN.email, accountId },
    },
    foundedAt,
  );
  const ctx: ActContext = {
    db,
    partnershipId,
    now: foundedAt,
    viewer: { personId: adminPersonId, isPartnershipAdmin: true, adminOfOrganizations: new Set(), memberOfBodies: new Set() },
    afterCommit: options.afterCommit,
  };

  const houseIds = {} as Record<DemoPerson['house'], string>;
  for (const [key, house] of Object.entries(houses) as [DemoPerson['house'], (typeof houses)[DemoPerson['house']]][]) {
    houseIds[key] = (await createOrganization(ctx, { name: house.name, kind: house.kind, contactEmail: house.email, address: house.address })).id;
  }
  const personIds: Record<string, string> = {};
  for (const person of people) {
    const { id } = await createPerson(ctx, {
      fullName: person.fullName,
      email: `${person.key}@trois-rives.example`,
      memberships: [{ organizationId: houseIds[person.house], kind: person.kind, isOrganizationAdmin: person.houseAdmin ?? false }],
    });
    personIds[person.key] = id;
  }

  const plenary = await createBody(ctx, {
    name: 'Assemblée plénière',
    kind: 'plenary',
    purpose: 'Réunit deux fois par an toutes les personnes engagées dans les projets communs : bilan, liens, nouvelles orientations.',
    meetingsPerYear: 2,
  });
  const steeringBody = await createBody(ctx, {
    name: 'Comité de pilotage',
    kind: 'steering',
    parentBodyId: plenary.id,
    purpose: 'Pilote le partenariat : oriente, valide les projets communs et décide de leur bonne marche.',
    delegatesPerOrganization: 4,
    meetingsPerYear: 6,
  });
  const directorsBody = await createBody(ctx, {
    name: 'Codir / Coprédir',
    kind: 'directors',
    purpose: 'Directions et présidences des trois maisons : garantes du partenariat, arbitrent en cas de blocage, nomment les chef·fes de projet.',
    delegatesPerOrganization: 2,
  });
  const workingGroup = await createBody(ctx, {
    name: 'Groupe de travail Sorties familles',
    kind: 'working_group',
    parentBodyId: steeringBody.id,
    purpose: 'Organise les sorties familles communes aux trois maisons : destinations, calendrier, inscriptions.',
    minReferentsPerOrganization: 1,
    minSize: 3,
  });

  const person = (key: string) => people.find((p) => p.key === key)!;
  const seat = async (bodyId: string, seating: readonly Seating[]) => {
    for (const [key, capacity, mandateSource] of seating) {
      await addSeat(ctx, bodyId, {
        personId: personIds[key]!,
        organizationId: houseIds[person(key).house],
        capacity,
        mandateSource,
        startsOn: since,
      });
    }
  };
  await seat(steeringBody.id, steering);
  await seat(directorsBody.id, directors);
  await seat(workingGroup.id, familyOutings);
  await addSeat(ctx, plenary.id, { personId: adminPersonId, organizationId: null, capacity: 'member', mandateSource: 'partnership', startsOn: since });
  for (const p of people) {
    await addSeat(ctx, plenary.id, { personId: personIds[p.key]!, organizationId: houseIds[p.house], capacity: 'member', mandateSource: 'self', startsOn: since });
  }

  const projectLead = await createRole(ctx, {
    name: 'Chef·fe de projet Sorties familles',
    bodyId: workingGroup.id,
    purpose: 'Coordonner le projet au service des trois maisons.',
    accountabilities: ['Animer le groupe de travail', 'Suivre le budget du projet', 'Rendre compte au comité de pilotage'],
    termMonths: 12,
  });
  const facilitator = await createRole(ctx, {
    name: 'Animation du comité de pilotage',
    bodyId: steeringBody.id,
    purpose: 'Faire vivre des réunions où chacun·e peut parler et décider.',
    accountabilities: ['Préparer l’ordre du jour', 'Distribuer la parole', 'Veiller au temps'],
    termMonths: 6,
  });
  const secretary = await createRole(ctx, {
    name: 'Secrétariat du comité de pilotage',
    bodyId: steeringBody.id,
    purpose: 'Garder la mémoire des décisions.',
    accountabilities: ['Rédiger le compte rendu', 'Diffuser la note d’information aux instances'],
    termMonths: 6,
  });
  const coordination = await createRole(ctx, {
    name: 'Coordination du partenariat',
    purpose: 'Tenir à jour la structure du partenariat et accueillir les nouvelles personnes.',
    accountabilities: ['Inviter les personnes', 'Veiller à la composition des instances'],
  });
  // The three houses' presidents confirm together the leads the directors name (seed 001, step 9).
  const coPresidency = await createRole(ctx, {
    name: 'Coprésidence',
    bodyId: directorsBody.id,
    purpose: 'Porter ensemble la parole des trois maisons et confirmer les chef·fes de projet que nomme le Codir.',
    accountabilities: ['Confirmer les chef·fes de projet', 'Représenter le partenariat auprès des financeurs'],
    maxHolders: 3,
  });
  // The charter names it as the one who keeps the partnership's books (issue 19).
  const treasury = await createRole(ctx, {
    name: 'Trésorerie',
    bodyId: directorsBody.id,
    purpose: 'Tenir les comptes des projets communs et de la caisse commune, au service des trois maisons.',
    accountabilities: ['Enregistrer les dépenses et les recettes', 'Appeler les contributions à la caisse commune', 'Rendre compte des comptes au comité de pilotage'],
    maxHolders: 1,
  });
  await assignRole(ctx, treasury.id, { personId: personIds[DEMO_TREASURER]!, startsOn: since });
  await assignRole(ctx, projectLead.id, { personId: personIds['mireille']!, startsOn: since });
  for (const president of presidents) await assignRole(ctx, coPresidency.id, { personId: personIds[president]!, startsOn: since });
  await assignRole(ctx, facilitator.id, { personId: personIds['ines']!, startsOn: since });
  if (history) {
    // A partnership that has lived months has its secretary and its coordinator; the bare demo leaves them for a newcomer to fill.
    await assignRole(ctx, secretary.id, { personId: personIds['claire']!, startsOn: since });
    await assignRole(ctx, coordination.id, { personId: adminPersonId, startsOn: since });
  }
  await createDelegation(
    { ...ctx, viewer: { ...ctx.viewer, personId: personIds['mireille']! } },
    {
      fromPersonId: personIds['mireille']!,
      toPersonId: personIds['karim']!,
      bodyId: workingGroup.id,
      scope: 'Réserver le car et collecter les autorisations parentales pour la sortie de printemps.',
      startsOn: since,
    },
  );
  if (options.withCharter === false) return { partnershipId };
  const charter = await adoptDemoCharter(ctx, {
    since,
    steering: steeringBody.id,
    coPresidency: coPresidency.id,
    treasury: treasury.id,
    // The history consults on what the houses say together: a row decided after advice.
    extraRules: history ? [communicationRule(steeringBody.id, plenary.id)] : [],
    signatories: [
      { personId: adminPersonId, organizationId: null, capacity: 'Coordinatrice du partenariat', signed: true },
      ...presidents.map((president, index) => ({ personId: personIds[president]!, organizationId: houseIds[person(president).house], capacity: 'Président', signed: index === 0 })),
    ],
  });
  if (history) {
    await writeDemoHistory({
      ctx,
      clock,
      personIds,
      memberOf: memberships(),
      bodies: { plenary: plenary.id, steering: steeringBody.id, directors: directorsBody.id, workingGroup: workingGroup.id },
      houses: houseIds,
      houseAdminOf: Object.fromEntries(people.filter((p) => p.houseAdmin === true).map((p) => [p.key, p.house])),
      roles: { facilitator: facilitator.id, secretary: secretary.id },
      charter,
    });
    await writeDemoCircles(ctx, { since, clock, personIds });
  }
  return { partnershipId };
}

/** The bodies each demo person sits in, by their key: who may speak where in the history. */
function memberships(): Record<string, DemoBodyKey[]> {
  const memberOf: Record<string, DemoBodyKey[]> = Object.fromEntries(people.map((p) => [p.key, ['plenary']]));
  const sit = (body: DemoBodyKey, seating: readonly Seating[]) => seating.forEach(([key]) => memberOf[key]!.push(body));
  sit('steering', steering);
  sit('directors', directors);
  sit('workingGroup', familyOutings);
  return memberOf;
}

/**
 * The partnership charter, from the template, adopted by the steering committee and signed by
 * half its signatories: the list of charters, the signing page and the compliance view all have
 * something to show.
 */
async function adoptDemoCharter(
  ctx: ActContext,
  input: {
    since: string;
    steering: string;
    coPresidency: string;
    treasury: string;
    extraRules: readonly DecisionRule[];
    signatories: { personId: string; organizationId: string | null; capacity: string; signed: boolean }[];
  },
): Promise<{ id: string; versionId: string }> {
  const { id: charterId, versionId } = await charterActs.createCharter(ctx, { template: 'partnership', title: 'Charte de partenariat des Trois Rives' }, 'fr');
  const draft = await versionDetail(ctx.db, ctx.viewer, ctx.partnershipId, charterId, versionId);
  const projectRules = projectRulesOf(draft.content.rules);
  const signatories = input.signatories.map(({ signed: _signed, ...signatory }) => ({ id: randomUUID(), ...signatory }));
  const content = {
    ...draft.content,
    rules: {
      ...draft.content.rules,
      decisionMatrix: [...draft.content.rules.decisionMatrix, ...input.extraRules],
      duration: { startsOn: input.since, endsOn: null },
      dispute: { ...draft.content.rules.dispute, mediationProvider: 'Médiation de quartier de Valbourg' },
      signatories,
      // The template knows no roles: the co-presidents, not the whole directors' committee, confirm a lead. A young
      // partnership looks at its projects every six months: the history's first project comes up for evaluation soon.
      projects: { ...projectRules, leadConfirmedBy: { kind: 'role' as const, roleId: input.coPresidency }, evaluation: { ...projectRules.evaluation, everyMonths: 6 } },
      // The template's money rules (the common fund's 1 %), with the treasurer the partnership has named.
      money: { ...moneyRulesOf(draft.content.rules), treasurerRoleId: input.treasury },
    },
  };
  const { contentHash } = await charterActs.saveDraft(ctx, charterId, versionId, content);
  await charterActs.recordAdoption(ctx, charterId, versionId, { bodyId: input.steering, adoptedOn: input.since, contentHash });
  for (const [index, signatory] of input.signatories.entries()) {
    if (!signatory.signed) continue;
    const signer = { ...ctx, viewer: { ...ctx.viewer, personId: signatory.personId } };
    const typedName = (await ctx.db.selectFrom('person').select('full_name').where('id', '=', signatory.personId).executeTakeFirstOrThrow()).full_name;
    await charterActs.signVersion(signer, charterId, versionId, { signatoryId: signatories[index]!.id, typedName, readAndApproved: true, contentHash });
  }
  return { id: charterId, versionId };
}

export async function hasAnyPartnership(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('partnership').select('id').limit(1).executeTakeFirst()) !== undefined;
}
