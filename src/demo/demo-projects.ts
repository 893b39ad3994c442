import type { ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import * as decisions from '../decisions/acts.js';
import type { Stance } from '../decisions/rules.js';
import * as projects from '../projects/acts.js';
import * as conduct from '../projects/conduct/acts.js';
import { projectPage } from '../projects/queries.js';
import type { DemoClock, DemoHouseKey } from './demo-history.js';

/** What the history lends the project storylines: who acts when, and its people, houses and steering committee. */
export interface DemoStory {
  readonly ctx: ActContext;
  readonly clock: DemoClock;
  readonly houses: Readonly<Record<DemoHouseKey, string>>;
  /** The context of one person (by key) acting at one moment, once every earlier act has run. */
  readonly by: (key: string, when: Date) => Promise<ActContext>;
  readonly id: (key: string) => string;
  /** The demo person's key of a person id. */
  readonly keyOf: (personId: string) => string;
  readonly stance: (key: string, when: Date, proposalId: string, value: Stance, reason?: string) => Promise<unknown>;
  readonly advance: (key: string, when: Date, proposalId: string, deadline?: Date) => Promise<unknown>;
  readonly steering: readonly string[];
}

/**
 * The common projects of « Les Trois Rives », each at its own step of the charter's nine, lived
 * through the projects' own acts: first holidays for families, under way since the first weeks of
 * the partnership with its indicators measured house by house and its evaluation coming; a festival
 * of the three neighbourhoods, validated, its group waiting for the Haut-Pré's referent and its lead
 * for the confirmers; homework help in common, before the steering committee in an open round; and a
 * repair café, an idea noted a few days ago.
 */
export function projectStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, id, stance, advance, houses } = story;
  const { ago, ahead } = story.clock;
  const allHouses = [houses.tilleuls, houses.moulin, houses.hautpre];

  /** Presented, heard by the steering committee by consensus, and validated: the act that validates creates the working group. */
  const validate = async (key: string, projectId: string, days: { presented: number; decided: number }, statement: string) => {
    const presentation = await projects.presentProject(await by(key, ago(days.presented, 9)), projectId, { facilitatorId: id('ines') });
    await advance('ines', ago(days.presented, 9, 10), presentation.id);
    await advance('ines', ago(days.presented - 1, 9), presentation.id);
    await advance('ines', ago(days.presented - 1, 9, 30), presentation.id);
    for (const member of story.steering) await stance(member, ago(days.presented - 1, 18), presentation.id, 'agree');
    await decisions.closeRound(await by('ines', ago(days.decided, 9)), presentation.id, { statement, reviewOn: null });
  };

  return [
    // 12. First holidays for families: validated in the partnership's first weeks, active, measured, its evaluation due soon.
    async () => {
      const { id: holidays } = await projects.createProject(await by('mireille', ago(163, 10)), {
        title: 'Premiers départs en vacances',
        summary: 'Des familles des trois quartiers qui ne partent jamais vivent un premier court séjour, préparé ensemble dans les maisons.',
        origin: 'team',
        originDetail: 'L’équipe familles du Moulin, après l’été',
        carrierPersonIds: [id('amandine')],
        carrierOrganizationIds: [houses.moulin],
      });
      await projects.formalizeProject(await by('mireille', ago(163, 15)), holidays, {
        needs: 'Beaucoup de familles suivies par nos accueils n’ont jamais quitté Valbourg : le coût, la peur de ne pas savoir s’organiser, l’isolement.',
        analysis: 'Chaque maison aide quelques familles seule, sans moyens pour un séjour. À trois, on peut louer un gîte, partager un minibus et accompagner les familles de la préparation au retour.',
        organizationIds: allHouses,
      });
      await validate('mireille', holidays, { presented: 162, decided: 160 }, 'Projet validé : trois séjours de trois jours au printemps, une préparation commune dans les maisons.');
      await projects.tellCarriers(await by('ines', ago(160, 11)), holidays, {
        recommendations: 'Associer les familles au choix du lieu et du programme ; commencer par des séjours courts.',
        vigilance: 'Ne pas laisser le coût restant à charge décourager les familles : prévoir l’aide de la caisse d’allocations familiales.',
      });
      for (const [admin, referent, house] of [['nadia', 'thomas', 'tilleuls'], ['samia', 'sophie', 'moulin'], ['helene', 'malik', 'hautpre']] as const) {
        await projects.nameReferent(await by(admin, ago(159, 10)), holidays, { organizationId: houses[house], personId: id(referent) });
      }
      await nameAndConfirmLead(holidays, 'bernard', 'amandine', { named: 158, approved: 157 }, {
        missionGoals: 'Coordonner les trois séjours : choix du gîte avec les familles, budget, réunions de préparation, retour d’expérience.',
        missionTime: 'Quatre heures par semaine, sur l’année',
        missionTraining: 'Formation à l’accompagnement des départs en vacances (Vacances et familles).',
      });
      const lead = async (when: Date) => by('amandine', when);
      await conduct.writeDiagnosis(await lead(ago(155, 10)), holidays, {
        diagnosis: 'Sur les trois quartiers, les accueils recensent une soixantaine de familles qui ne sont pas parties depuis plus de cinq ans. Les freins cités : le coût, l’absence de voiture, l’appréhension de l’inconnu.',
        sources: 'Relevé des trois accueils (septembre) ; échanges avec l’assistante sociale du secteur.',
      });
      await conduct.addPurpose(await lead(ago(155, 11)), holidays, { statement: 'Que des familles qui ne partent jamais découvrent le plaisir d’un séjour hors de Valbourg.' });
      await conduct.addPurpose(await lead(ago(155, 11, 10)), holidays, { statement: 'Créer des liens entre familles des trois quartiers, qui se retrouveront ensuite dans les activités des maisons.' });
      const departures = await conduct.addObjective(await lead(ago(154, 10)), holidays, {
        statement: 'Faire partir vingt-quatre familles en séjour de trois jours',
        metric: 'Familles parties',
        target: '24 familles, huit par maison',
        deadline: calendarDay(ahead(150, 12)),
        ownerId: id('amandine'),
      });
      const preparation = await conduct.addObjective(await lead(ago(154, 10, 10)), holidays, {
        statement: 'Réunir deux fois chaque groupe de familles avant le départ',
        metric: 'Réunions de préparation tenues',
        target: '6 réunions',
        deadline: null,
        ownerId: id('malik'),
      });
      await conduct.addObjective(await lead(ago(154, 10, 20)), holidays, {
        statement: 'Obtenir l’aide aux vacances de la caisse d’allocations familiales pour chaque famille éligible',
        metric: 'Dossiers d’aide acceptés',
        target: 'Toutes les familles éligibles',
        deadline: calendarDay(ahead(60, 12)),
        ownerId: id('sophie'),
      });
      const registrations = await conduct.addIndicator(await lead(ago(153, 10)), holidays, { objectiveId: departures.id, label: 'Familles inscrites', unit: 'familles', target: 24 });
      const meetingsHeld = await conduct.addIndicator(await lead(ago(153, 10, 10)), holidays, { objectiveId: preparation.id, label: 'Réunions de préparation', unit: 'réunions', target: 6 });
      await conduct.recordMeans(await lead(ago(150, 10)), holidays, { organizationId: houses.moulin, kind: 'room', description: 'La salle des Saules, un samedi matin par mois, pour les réunions de préparation.' });
      await conduct.recordMeans(await lead(ago(150, 10, 10)), holidays, { organizationId: houses.tilleuls, kind: 'equipment', description: 'Le minibus de neuf places de la MJC, avec son chauffeur, pour chaque séjour.' });
      await conduct.recordMeans(await lead(ago(149, 10)), holidays, { organizationId: houses.hautpre, kind: 'volunteer_time', description: 'Deux bénévoles qui accompagnent chaque séjour.' });
      // Registrations counted house by house, and the preparation meetings for the whole project, in the order of their days.
      const readings: readonly [day: number, indicatorId: string, house: DemoHouseKey | null, value: number, note: string][] = [
        [120, registrations.id, 'tilleuls', 2, ''],
        [120, registrations.id, 'moulin', 4, ''],
        [120, registrations.id, 'hautpre', 1, ''],
        [75, registrations.id, 'tilleuls', 5, ''],
        [75, registrations.id, 'moulin', 7, ''],
        [75, registrations.id, 'hautpre', 3, 'Deux familles de plus après la réunion d’information à la Maison Haut-Pré.'],
        [40, meetingsHeld.id, null, 2, 'Une réunion au Moulin, une aux Tilleuls.'],
        [30, registrations.id, 'tilleuls', 6, ''],
        [30, registrations.id, 'moulin', 8, ''],
        [30, registrations.id, 'hautpre', 5, ''],
        [12, meetingsHeld.id, null, 4, 'Le Haut-Pré a réuni ses familles deux fois.'],
      ];
      for (const [day, indicatorId, house, value, note] of readings) {
        await conduct.recordMeasurement(await lead(ago(day, 18)), holidays, indicatorId, { measuredOn: calendarDay(ago(day, 12)), value, organizationId: house === null ? null : houses[house], note });
      }
    },
    // 13. A festival of the three neighbourhoods: validated, its group waiting for the Haut-Pré's referent, its lead for the confirmers.
    async () => {
      const { id: festival } = await projects.createProject(await by('helene', ago(80, 10)), {
        title: 'Fête des Trois Rives',
        summary: 'Une fête en juin sur la place du Marché, préparée par les habitant·es des trois quartiers : scène ouverte, repas partagé, jeux.',
        origin: 'public',
        originDetail: 'Demandée par des habitant·es à l’assemblée plénière',
        carrierPersonIds: [id('jacques')],
        carrierOrganizationIds: [houses.hautpre],
      });
      await projects.formalizeProject(await by('helene', ago(76, 11)), festival, {
        needs: 'Les habitant·es des trois quartiers se croisent peu ; chaque maison fait sa fête de fin d’année de son côté, devant les mêmes personnes.',
        analysis: 'Une fête commune, dans un lieu neutre et préparée avec les habitant·es, ferait se rencontrer les publics et connaître les trois maisons.',
        organizationIds: allHouses,
      });
      await validate('helene', festival, { presented: 72, decided: 64 }, 'Fête validée pour juin, place du Marché ; budget à présenter au comité de direction.');
      await projects.tellCarriers(await by('lucie', ago(62, 10)), festival, {
        recommendations: 'Impliquer des habitant·es dès la préparation, pas seulement le jour de la fête.',
        vigilance: 'La place du Marché demande une autorisation de la ville trois mois avant.',
      });
      await projects.nameReferent(await by('nadia', ago(50, 10)), festival, { organizationId: houses.tilleuls, personId: id('yanis') });
      await projects.nameReferent(await by('samia', ago(45, 10)), festival, { organizationId: houses.moulin, personId: id('karim') });
      await nameAndConfirmLead(festival, 'jacques', 'claire', { named: 20, approved: 6 }, {
        missionGoals: 'Réunir le groupe de travail, tenir le rétroplanning jusqu’en juin, porter la demande d’autorisation à la ville.',
        missionTime: 'Une demi-journée par semaine jusqu’à la fête',
        missionTraining: '',
      }, { waitForOne: true });
    },
    // 14. Homework help in common: before the steering committee, its round open, some members still to speak.
    async () => {
      const { id: homework } = await projects.createProject(await by('lucie', ago(32, 10)), {
        title: 'Accompagnement à la scolarité en commun',
        summary: 'Ouvrir les séances d’aide aux devoirs de chaque maison aux enfants des deux autres quartiers, et former ensemble les bénévoles.',
        origin: 'team',
        originDetail: 'Les animatrices des trois accueils périscolaires',
        carrierPersonIds: [id('ines')],
        carrierOrganizationIds: [houses.tilleuls],
      });
      await projects.formalizeProject(await by('lucie', ago(27, 15)), homework, {
        needs: 'Aux Tilleuls, la liste d’attente de l’aide aux devoirs compte quinze enfants ; au Moulin, des créneaux restent à moitié vides.',
        analysis: 'Des horaires alignés et une formation commune des bénévoles permettraient d’accueillir chaque enfant là où il y a de la place.',
        organizationIds: [houses.tilleuls, houses.moulin],
      });
      const presentation = await projects.presentProject(await by('lucie', ago(19, 10)), homework, { facilitatorId: id('ines') });
      await advance('ines', ago(18, 9, 30), presentation.id);
      await advance('ines', ago(14, 9, 30), presentation.id);
      await advance('ines', ago(11, 9, 30), presentation.id, ahead(9, 20));
      for (const [key, day] of [['lucie', 11], ['nadia', 9], ['ines', 8], ['paul', 5], ['claire', 3]] as const) await stance(key, ago(day, 19), presentation.id, 'agree');
    },
    // 15. A repair café: an idea noted after a workshop, nothing more yet.
    async () => {
      await projects.createProject(await by('karim', ago(3, 20)), {
        title: 'Café réparation partagé',
        summary: 'Un samedi par mois, des bénévoles aident les habitant·es à réparer leurs objets, à tour de rôle dans chaque maison.',
        origin: 'informal_meeting',
        originDetail: 'Une discussion à la sortie de l’atelier numérique',
        carrierPersonIds: [],
        carrierOrganizationIds: [houses.moulin],
      });
    },
  ];

  /**
   * Step 8 by a member of the body that names leads, then step 9 by those the charter asks to
   * confirm, read from the project page as its confirmers: all of them, or all but one when the
   * project is to wait for the last.
   */
  async function nameAndConfirmLead(
    projectId: string,
    namer: string,
    nominee: string,
    days: { named: number; approved: number },
    sheet: { missionGoals: string; missionTime: string; missionTraining: string },
    options: { waitForOne?: boolean } = {},
  ): Promise<void> {
    await projects.nameLead(await by(namer, ago(days.named, 10)), projectId, { personId: id(nominee), ...sheet });
    const { lead } = await projectPage(story.ctx.db, story.ctx.viewer, story.ctx.partnershipId, projectId, ago(days.named, 10));
    const confirmers = options.waitForOne === true ? lead.confirmers.slice(0, -1) : lead.confirmers;
    for (const [index, confirmer] of confirmers.entries()) await projects.approveLead(await by(story.keyOf(confirmer.id), ago(days.approved, 11, index * 5)), projectId);
  }
}
