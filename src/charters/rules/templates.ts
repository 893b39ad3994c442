import type { BodyKind } from '../../common/structure.js';
import { DEFAULT_SILENCE, emptyRules, type ArticleKind, type CharterContent, type CharterKind, type CharterRules, type DecisionRule } from './types.js';

export const TEMPLATE_IDS = ['cooperation', 'partnership'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export type TemplateLocale = 'fr' | 'en';

interface TemplateText {
  readonly title: string;
  readonly articles: readonly { readonly kind: ArticleKind; readonly title: string; readonly body: string }[];
  readonly topics: Readonly<Record<'arbitration' | 'projectLeads' | 'legalFinancial' | 'social' | 'commonProjects' | 'projectBudget' | 'commonFund', string>>;
  readonly exitPlan: readonly string[];
  /** The outputs the licence article lists, published under it. */
  readonly outputs: readonly string[];
  /** What to do when a project's budget is in deficit; empty where the source document says nothing. */
  readonly deficitGuidance: string;
}

export interface TemplateContext {
  readonly locale: TemplateLocale;
  /** The partnership's bodies, in their usual order: the template links to the first of each kind. */
  readonly bodies: readonly { readonly id: string; readonly kind: BodyKind }[];
  /** Fresh ids for articles and rows; passed in so the domain stays free of randomness. */
  readonly newId: () => string;
}

const cooperationFr: TemplateText = {
  title: 'Charte de coopération',
  articles: [
    {
      kind: 'purpose',
      title: 'Objet',
      body: 'Pourquoi nous travaillons ensemble, et ce que nous nous engageons à produire.\n\n- Première réalisation attendue\n- Deuxième réalisation attendue',
    },
    {
      kind: 'roles',
      title: 'Rôles',
      body: 'Les rôles existent indépendamment des personnes qui les tiennent.\n\n- **Responsable du projet** : prend soin du groupe et du lien avec le commanditaire, anime les réunions de suivi, fait circuler l’information.\n- **Accompagnateur·rice** : apporte méthodes et outils, rencontre le ou la responsable chaque semaine.\n- **Personne chargée de la mémoire** : note ce qui a marché et ce qui a coincé, pour que d’autres en profitent.',
    },
    {
      kind: 'values',
      title: 'Valeurs',
      body: 'Apprendre en faisant, dire les choses franchement et avec égards, partager ce que nous savons, prendre soin de chacun·e et des moments passés ensemble.',
    },
    { kind: 'duration', title: 'Durée', body: 'La présente charte vaut pour la durée du projet.' },
    {
      kind: 'budget',
      title: 'Répartition du budget',
      body: 'Le budget du projet se répartit entre les postes ci-dessous. Chaque personne répond des résultats et du budget de son poste.',
    },
    {
      kind: 'management',
      title: 'Fonctionnement',
      body: 'Les décisions qui engagent tout le projet sont prises ensemble par l’équipe, au consentement. La structure porteuse n’intervient pas dans la conduite du projet ; elle prête ses outils et aide en cas de différend.',
    },
    {
      kind: 'disputes',
      title: 'Différends',
      body: 'En cas de crise, nous nous réunissons vite pour chercher ensemble une issue à l’amiable. Si cela ne suffit pas, nous demandons une médiation. Si la médiation échoue, nous préparons ensemble la fin du projet selon le plan de sortie ci-dessous.',
    },
    {
      kind: 'licence',
      title: 'Licence des productions',
      body: 'Les productions du projet sont publiées sous la licence ci-dessous, pour que d’autres puissent s’en servir.',
    },
    {
      kind: 'data_protection',
      title: 'Données personnelles',
      body: 'Nous ne divulguons ni les informations marquées confidentielles ni les coordonnées des personnes sans leur accord. Nous traitons les données personnelles conformément au RGPD.',
    },
    {
      kind: 'revision',
      title: 'Révision',
      body: 'La charte peut évoluer. Toute modification est proposée puis adoptée selon la règle ci-dessous, et signée à nouveau.',
    },
    { kind: 'signatories', title: 'Signataires', body: 'Chaque signataire déclare avoir lu et approuvé la présente charte.' },
  ],
  topics: {
    arbitration: 'Arbitrage',
    projectLeads: 'Nomination des chefs de projet',
    legalFinancial: 'Questions juridiques et financières',
    social: 'Questions sociales et de direction',
    commonProjects: 'Projets communs',
    projectBudget: 'Gestion du budget du projet',
    commonFund: 'Caisse commune',
  },
  exitPlan: [
    'Protéger le commanditaire : que la fin du projet ne lui cause aucun tort',
    'Protéger la structure porteuse : que la fin du projet ne lui cause aucun tort',
    'Rembourser ce qui a été payé pour un travail non fait',
    'Solder les comptes',
    'Finir par un cercle restauratif, pour prendre soin de chaque signataire',
    'Écrire ce que nous avons appris, dans le respect de chacun·e',
  ],
  // Seed 000, art. 8: what the team publishes under the licence, each a deliverable once the charter is adopted.
  outputs: [
    'Articles de retour d’expérience à la fin de chaque étape',
    'Données brutes des enquêtes',
    'Synthèses des enquêtes',
    'Restitutions des ateliers participatifs',
    'Cartographie des acteurs locaux',
  ],
  deficitGuidance: '',
};

const cooperationEn: TemplateText = {
  title: 'Cooperation charter',
  articles: [
    {
      kind: 'purpose',
      title: 'Purpose',
      body: 'Why we work together, and what we commit to deliver.\n\n- First expected result\n- Second expected result',
    },
    {
      kind: 'roles',
      title: 'Roles',
      body: 'Roles exist apart from the people who hold them.\n\n- **Project lead**: looks after the group and the link with the client, runs follow-up meetings, keeps information flowing.\n- **Coach**: brings methods and tools, meets the project lead every week.\n- **Keeper of lessons**: records what worked and what did not, so that others can learn from it.',
    },
    {
      kind: 'values',
      title: 'Values',
      body: 'Learning by doing, speaking frankly and with care, sharing what we know, looking after each other and the time we spend together.',
    },
    { kind: 'duration', title: 'Duration', body: 'This charter holds for the life of the project.' },
    {
      kind: 'budget',
      title: 'Budget split',
      body: 'The project’s budget is split between the posts below. Each person answers for the results and the budget of their post.',
    },
    {
      kind: 'management',
      title: 'How we work',
      body: 'Decisions that commit the whole project are taken together by the team, by consent. The host organization does not steer the project; it lends its tools and helps with disputes.',
    },
    {
      kind: 'disputes',
      title: 'Disputes',
      body: 'In a crisis we meet quickly to find a friendly way out together. If that is not enough, we ask for mediation. If mediation fails, we prepare the end of the project together following the exit plan below.',
    },
    { kind: 'licence', title: 'Licence of outputs', body: 'The project’s outputs are published under the licence below, so that others can use them.' },
    {
      kind: 'data_protection',
      title: 'Personal data',
      body: 'We disclose neither information marked confidential nor people’s contact details without their consent. We handle personal data according to the GDPR.',
    },
    {
      kind: 'revision',
      title: 'Revision',
      body: 'This charter may change. Any change is proposed, then adopted by the rule below, and signed again.',
    },
    { kind: 'signatories', title: 'Signatories', body: 'Each signatory declares having read and approved this charter.' },
  ],
  topics: {
    arbitration: 'Arbitration',
    projectLeads: 'Appointing project leads',
    legalFinancial: 'Legal and financial questions',
    social: 'Staff and management questions',
    commonProjects: 'Common projects',
    projectBudget: 'Managing the project budget',
    commonFund: 'Common fund',
  },
  exitPlan: [
    'Protect the client: the end of the project must do them no harm',
    'Protect the host organization: the end of the project must do it no harm',
    'Pay back what was paid for work not done',
    'Settle the accounts',
    'End with a restorative circle, to look after each signatory',
    'Write down what we learnt, respecting everyone’s privacy',
  ],
  outputs: ['Experience articles at the end of each stage', 'Raw survey data', 'Survey summaries', 'Workshop reports', 'Map of local actors'],
  deficitGuidance: '',
};

const partnershipFr: TemplateText = {
  title: 'Charte de partenariat',
  articles: [
    {
      kind: 'purpose',
      title: 'Pourquoi ce partenariat',
      body: 'Nos maisons gardent chacune leur identité et leur liberté. Elles choisissent de mettre en commun des activités, des outils ou des façons de faire, parce qu’ensemble elles servent mieux les habitant·es du territoire.',
    },
    {
      kind: 'values',
      title: 'Valeurs et vocabulaire commun',
      body: '- **Projet commun** : un projet construit ensemble par toutes les maisons qui se réfèrent à cette charte.\n- **Co-construction** : toutes les personnes concernées ont pu participer.\n- Nous cherchons l’accord sans effacer les désaccords : ils font partie du chemin.',
    },
    {
      kind: 'governance',
      title: 'Les instances',
      body: '- L’**assemblée plénière** réunit toutes les personnes engagées, deux fois par an.\n- Le **comité de pilotage** réunit des délégué·es de chaque maison, mandaté·es par leur conseil d’administration ou leur équipe.\n- Le **comité de direction** réunit les directions (et les présidences) ; il arbitre quand le comité de pilotage est bloqué et nomme les chefs de projet.\n- Chaque projet commun a son **groupe de travail**, avec au moins un·e référent·e par maison.',
    },
    {
      kind: 'decision_matrix',
      title: 'Qui décide quoi',
      body: 'Chaque décision relève d’une instance et d’une méthode. Quand une instance est bloquée, la question va à l’instance qui arbitre, ou le projet s’arrête.',
    },
    {
      kind: 'management',
      title: 'La vie d’un projet commun',
      body: '1. Une idée naît dans une maison ou une instance.\n2. Elle devient une proposition écrite.\n3. Le comité de pilotage la valide.\n4. Un groupe de travail se forme.\n5. Chaque maison nomme ses référent·es.\n6. Le comité de direction nomme un·e chef·fe de projet et lui confie une fiche de mission.\n7. Le groupe conduit le projet, puis l’évalue.',
    },
    {
      kind: 'custom',
      title: 'Consultation, concertation, participation',
      body: '- **Consultation** : l’initiateur·rice recueille des avis et décide seul·e.\n- **Concertation** : on réfléchit et on construit ensemble ; l’initiateur·rice garde la décision.\n- **Participation** : l’instance décide ensemble.',
    },
    {
      kind: 'disputes',
      title: 'Désaccords graves',
      body: 'Quand un désaccord menace le partenariat, une réunion de crise se tient rapidement. Si elle ne suffit pas, une médiation est proposée.',
    },
    {
      kind: 'revision',
      title: 'Révision de la charte',
      body: 'La charte évolue avec le partenariat. Toute modification suit la règle ci-dessous, puis la nouvelle version est signée par chaque maison.',
    },
    { kind: 'signatories', title: 'Signataires', body: 'Pour chaque maison, les personnes qui l’engagent déclarent avoir lu et approuvé la présente charte.' },
  ],
  topics: cooperationFr.topics,
  exitPlan: ['Préserver chaque maison', 'Terminer proprement les projets en cours', 'Dire ce que nous avons appris'],
  // Seed 001, « Gestion économique », said in our own words.
  outputs: [],
  deficitGuidance:
    'Le groupe de travail cherche d’abord l’équilibre par l’autofinancement. Sinon, il prépare une demande de financement complémentaire avec le comité de direction, ou propose au comité de pilotage une autre façon d’équilibrer le projet.',
};

const partnershipEn: TemplateText = {
  title: 'Partnership charter',
  articles: [
    {
      kind: 'purpose',
      title: 'Why this partnership',
      body: 'Each of our organizations keeps its identity and its freedom. They choose to pool activities, tools or ways of working, because together they serve the people of the area better.',
    },
    {
      kind: 'values',
      title: 'Values and shared words',
      body: '- **Common project**: a project built together by all the organizations that refer to this charter.\n- **Co-construction**: everyone concerned could take part.\n- We seek agreement without hiding disagreement: it is part of the way.',
    },
    {
      kind: 'governance',
      title: 'Bodies',
      body: '- The **plenary** gathers everyone involved, twice a year.\n- The **steering committee** gathers delegates of each organization, mandated by their board or their staff.\n- The **directors’ committee** gathers the directors (and chairs); it arbitrates when the steering committee is blocked and appoints project leads.\n- Each common project has its **working group**, with at least one referent per organization.',
    },
    {
      kind: 'decision_matrix',
      title: 'Who decides what',
      body: 'Each decision belongs to a body and a method. When a body is blocked, the matter goes to the body that arbitrates, or the project lapses.',
    },
    {
      kind: 'management',
      title: 'The life of a common project',
      body: '1. An idea is born in an organization or a body.\n2. It becomes a written proposal.\n3. The steering committee validates it.\n4. A working group forms.\n5. Each organization names its referents.\n6. The directors’ committee appoints a project lead and gives them a mission sheet.\n7. The group runs the project, then evaluates it.',
    },
    {
      kind: 'custom',
      title: 'Consultation, concertation, participation',
      body: '- **Consultation**: the initiator gathers advice and decides alone.\n- **Concertation**: we think and build together; the initiator keeps the decision.\n- **Participation**: the body decides together.',
    },
    {
      kind: 'disputes',
      title: 'Serious disagreements',
      body: 'When a disagreement threatens the partnership, a crisis meeting is held quickly. If that is not enough, mediation is offered.',
    },
    {
      kind: 'revision',
      title: 'Revising the charter',
      body: 'The charter changes with the partnership. Any change follows the rule below, then each organization signs the new version.',
    },
    { kind: 'signatories', title: 'Signatories', body: 'For each organization, the people who commit it declare having read and approved this charter.' },
  ],
  topics: cooperationEn.topics,
  exitPlan: ['Protect each organization', 'Close the ongoing projects properly', 'Say what we learnt'],
  outputs: [],
  deficitGuidance:
    'The working group first seeks balance through self-financing. Failing that, it prepares an application for further funding with the directors’ committee, or proposes to the steering committee another way to balance the project.',
};

const TEXTS: Record<TemplateId, Record<TemplateLocale, TemplateText>> = {
  cooperation: { fr: cooperationFr, en: cooperationEn },
  partnership: { fr: partnershipFr, en: partnershipEn },
};

export const TEMPLATE_CHARTER_KINDS: Record<TemplateId, CharterKind> = { cooperation: 'project', partnership: 'partnership' };

function rule(
  context: TemplateContext,
  level: DecisionRule['level'],
  topic: string,
  bodyId: string | null,
  method: DecisionRule['method'],
  arbitratorId: string | null | 'lapse',
  inform: readonly (string | null)[] = [],
): DecisionRule {
  return {
    id: context.newId(),
    level,
    topic,
    bodyId,
    method,
    quorumPercent: null,
    silence: DEFAULT_SILENCE,
    maxRounds: method === 'consensus' ? 2 : null,
    onBlock: arbitratorId === 'lapse' ? { kind: 'lapse' } : { kind: 'arbitration', bodyId: arbitratorId },
    informBodyIds: inform.filter((id): id is string => id !== null),
  };
}

function partnershipRules(context: TemplateContext, text: TemplateText): CharterRules {
  const first = (kind: BodyKind) => context.bodies.find((body) => body.kind === kind)?.id ?? null;
  const plenary = first('plenary');
  const steering = first('steering');
  const directors = first('directors');
  const workingGroup = first('working_group');
  return {
    ...emptyRules(),
    bodyIds: [plenary, steering, directors, workingGroup].filter((id): id is string => id !== null),
    // Information flows up (seed 001): a working group tells the steering committee, which tells the plenary.
    decisionMatrix: [
      rule(context, 'strategic', '', plenary, 'consensus', directors, [steering]),
      rule(context, 'strategic', text.topics.arbitration, directors, 'consensus', 'lapse', [plenary, steering]),
      // Seed 001: the steering committee validates common projects and decides their renewal; the directors arbitrate.
      rule(context, 'strategic', text.topics.commonProjects, steering, 'consensus', directors, [plenary, directors]),
      // Seed 003's « 1 % » serves the whole partnership: the steering committee spends it.
      rule(context, 'strategic', text.topics.commonFund, steering, 'consent', directors, [plenary]),
      rule(context, 'operational', '', steering, 'consensus', directors, [plenary]),
      rule(context, 'operational', text.topics.projectLeads, directors, 'consensus', 'lapse', [steering]),
      rule(context, 'functional', '', workingGroup, 'consent', steering, [steering]),
      rule(context, 'functional', text.topics.legalFinancial, steering, 'consensus', directors, [directors]),
      rule(context, 'functional', text.topics.social, directors, 'consensus', 'lapse', [steering]),
      // Seed 001 has the working group manage its budget with the directors' help: a revision of the forecast needs one body, the directors.
      rule(context, 'functional', text.topics.projectBudget, directors, 'consent', 'lapse', [steering]),
    ],
    participationLevels: ['consultation', 'concertation', 'participation'],
    revision: { requestedBy: 'any_member', bodyId: steering, method: 'consent', silence: DEFAULT_SILENCE },
    // Seed 001 has the directors arbitrate: they are asked for a mediation and know of every dispute; the others know one exists.
    dispute: { crisisMeetingWithinDays: 15, mediationProvider: '', exitPlanObjectives: [...text.exitPlan], mediationBodyId: directors, confidantBodyId: directors, existenceVisible: true },
    // The template knows bodies, not roles: the directors' committee confirms the lead it names until the charter names the co-presidents' role.
    projects: {
      presentation: { level: 'strategic', topic: text.topics.commonProjects },
      referentsPerOrganization: 1,
      leadNamedBy: directors,
      leadConfirmedBy: directors === null ? null : { kind: 'body', bodyId: directors },
      evaluation: { level: 'strategic', topic: text.topics.commonProjects, everyMonths: 12 },
      waitingDays: 30,
    },
    // The template knows no roles: the charter names its treasurer once the partnership has created the role.
    money: {
      budgetRevision: { level: 'functional', topic: text.topics.projectBudget },
      settlement: { level: 'strategic', topic: '' },
      treasurerRoleId: null,
      deficitGuidance: text.deficitGuidance,
      commonFund: {
        contribution: { kind: 'percent', percent: 1 },
        yearStartsMonth: 1,
        dueWithinDays: 60,
        spending: { level: 'strategic', topic: text.topics.commonFund },
      },
    },
  };
}

function cooperationRules(context: TemplateContext, text: TemplateText): CharterRules {
  const team = context.bodies.find((body) => body.kind === 'working_group' || body.kind === 'circle')?.id ?? null;
  return {
    ...emptyRules(),
    bodyIds: team === null ? [] : [team],
    decisionMatrix: (['strategic', 'operational', 'functional'] as const).map((level) => rule(context, level, '', team, 'consent', 'lapse')),
    licence: { licence: 'CC-BY-SA-4.0', outputs: [...text.outputs] },
    participationLevels: ['participation'],
    revision: { requestedBy: 'any_signatory', bodyId: team, method: 'consent', silence: DEFAULT_SILENCE },
    // Seed 000: the team asks the carrying association for a mediator, by a simple mail; nobody else is told.
    dispute: { crisisMeetingWithinDays: 7, mediationProvider: '', exitPlanObjectives: [...text.exitPlan], mediationBodyId: null, confidantBodyId: null, existenceVisible: false },
    // Seed 000: the team settles its accounts together at the end or on exit; no common fund.
    money: {
      budgetRevision: { level: 'functional', topic: '' },
      settlement: { level: 'strategic', topic: '' },
      treasurerRoleId: null,
      deficitGuidance: text.deficitGuidance,
      commonFund: null,
    },
  };
}

/** A new charter's first draft, in the reader's language, linked to the partnership's bodies where it can be. */
export function charterFromTemplate(template: TemplateId, context: TemplateContext): CharterContent {
  const text = TEXTS[template][context.locale];
  return {
    title: text.title,
    articles: text.articles.map((article) => ({ key: context.newId(), ...article })),
    rules: template === 'partnership' ? partnershipRules(context, text) : cooperationRules(context, text),
  };
}

export function blankCharter(title: string): CharterContent {
  return { title, articles: [], rules: emptyRules() };
}
