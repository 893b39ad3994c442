import type { ActContext } from '../common/act.js';
import * as accompaniments from '../accompaniments/acts.js';
import * as days from '../accompaniments/days/acts.js';
import * as map from '../cooperation-map/acts.js';
import * as questionnaires from '../questionnaires/acts.js';
import * as resources from '../resources/acts.js';
import type { DemoStory } from './demo-projects.js';

/**
 * Seed 002's accompaniment, in the demo's own words: Paul, who knows sociocracy, accompanies the
 * three houses and a neighbourhood council from outside the partnership (Élise, invited by her
 * address) towards cooperating better. A questionnaire before the day, answered by the group; the
 * day itself, held; hot feedback at its end; resources, a map of who cooperates with whom and what
 * each offers; the harvest of what worked and what did not; and the cold evaluation, scheduled
 * some weeks after the day, still to come.
 */
/** Words the group wrote, given in turn to its text questions. */
const WORDS = [
  'Mieux connaître ce que font les autres maisons, pour ne plus se marcher sur les pieds.',
  'Des salles qui manquent le soir, et des bénévoles qui s’épuisent.',
  'Que chacun reparte avec un contact dans chaque maison.',
  'Les habitants nous demandent une seule porte d’entrée, pas trois.',
  'Partager le matériel au lieu de louer chacun de son côté.',
  'Une journée dense, des idées concrètes : on repart avec la carte.',
];

interface DemoQuestion {
  readonly id: string;
  readonly kind: string;
  readonly choices: unknown;
  readonly scale_min: number | null;
  readonly scale_max: number | null;
}

/** One respondent's answers, different from the next one's: each kind of question gets a value of its shape. */
function answersOf(questions: readonly DemoQuestion[], respondent: number): Record<string, string | string[] | number> {
  const answers: Record<string, string | string[] | number> = {};
  for (const question of questions) {
    const choices = (question.choices as { id: string }[]).map((choice) => choice.id);
    const turn = (respondent + questions.indexOf(question)) % Math.max(choices.length, 1);
    if (question.kind === 'short_text' || question.kind === 'long_text') answers[question.id] = WORDS[(respondent + questions.indexOf(question)) % WORDS.length]!;
    else if (question.kind === 'single_choice') answers[question.id] = choices[turn]!;
    else if (question.kind === 'multiple_choice') answers[question.id] = [choices[turn]!, choices[(turn + 1) % choices.length]!].filter((value, index, all) => all.indexOf(value) === index);
    else if (question.kind === 'ranking') answers[question.id] = [...choices.slice(turn), ...choices.slice(0, turn)];
    else if (question.kind === 'scale') answers[question.id] = question.scale_max! - (respondent % (question.scale_max! - question.scale_min! + 1));
  }
  return answers;
}

export function accompanimentStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, ctx, id, houses } = story;
  const { ago } = story.clock;
  const questionsOf = (questionnaireId: string) =>
    ctx.db.selectFrom('questionnaire_question').select(['id', 'kind', 'choices', 'scale_min', 'scale_max']).where('questionnaire_id', '=', questionnaireId).orderBy('position').execute();
  /** Those who answer, in turn: each member's context at their moment. */
  const answerAll = async (questionnaireId: string, respondents: readonly (() => Promise<ActContext>)[]) => {
    const questions = await questionsOf(questionnaireId);
    for (const [index, respondent] of respondents.entries()) {
      await questionnaires.answerQuestionnaire(await respondent(), questionnaireId, { answers: answersOf(questions, index), submit: true });
    }
  };
  /** Élise comes from outside: she reaches this space alone, signed in by her mails' links. */
  const asOutsider = async (personId: string, when: Date): Promise<ActContext> => ({
    ...(await by('camille', when)),
    viewer: { personId, isPartnershipAdmin: false, adminOfOrganizations: new Set(), memberOfBodies: new Set(), outsider: true },
  });
  return [
    async () => {
      const space = await accompaniments.createAccompaniment(await by('paul', ago(48, 10)), {
        title: 'Coopérer entre nos maisons et avec les conseils citoyens',
        purpose:
          'Un parcours de trois mois pour mieux travailler ensemble : ce que chacun sait faire et peut prêter, ce qui bloque nos coopérations, et une journée pour décider de la suite.',
        projectId: null,
      });
      for (const key of ['camille', 'nadia', 'samia', 'helene', 'karim', 'amandine']) {
        await accompaniments.addMember(await by('paul', ago(48, 10, 5)), space.id, { personId: id(key), role: 'participant' });
      }
      const elise = await accompaniments.addMember(await by('paul', ago(48, 10, 10)), space.id, {
        outsider: { fullName: 'Élise Garnier', email: 'elise.garnier@conseil-citoyen-rives.example.org' },
      });
      const day = await days.scheduleDay(await by('paul', ago(45, 9)), space.id, {
        title: 'Journée de coopération',
        startsAt: ago(30, 8, 30).toISOString(),
        endsAt: ago(30, 16, 30).toISOString(),
        place: 'Maison Haut-Pré, grande salle',
        programme: [
          { title: 'Accueil et météo de chacun', minutes: 30 },
          { title: 'Ce que disent les réponses au questionnaire', minutes: 45 },
          { title: 'Carte des coopérations : qui fait quoi avec qui', minutes: 90 },
          { title: 'Ateliers : lever trois obstacles', minutes: 120 },
          { title: 'Retours à chaud et suite du parcours', minutes: 45 },
        ],
      });

      const before = await questionnaires.createFromTemplate(await by('paul', ago(44, 9)), space.id, { template: 'before_day', dayId: null, weeksAfterDay: null }, 'fr');
      await questionnaires.sendQuestionnaire(await by('paul', ago(44, 9, 30)), before.id);

      await resources.addResource(await by('paul', ago(43, 10)), space.id, {
        kind: 'article',
        title: 'Coopérer sans s’épuiser : cinq repères',
        summary: 'Ce que nous avons appris d’autres partenariats de quartier.',
        tags: ['coopération', 'bénévolat'],
        confidential: false,
        outputTitle: null,
        publishable: false,
        body: '## Cinq repères\n\n1. Se dire ce que chacun peut vraiment donner.\n2. Une personne référente par maison.\n3. Des décisions écrites, relues ensemble.\n4. Partager le matériel avant d’en acheter.\n5. Fêter ce qui marche.',
      });
      await resources.addResource(await by('helene', ago(42, 11)), space.id, {
        kind: 'link',
        title: 'Guide des conseils citoyens',
        summary: 'Le guide national, pour comprendre leur rôle et leur fonctionnement.',
        tags: ['conseils citoyens'],
        confidential: false,
        outputTitle: null,
        publishable: false,
        url: 'https://www.example.org/guide-conseils-citoyens',
      });
      await resources.addResource(await by('samia', ago(41, 15)), space.id, {
        kind: 'file',
        title: 'Contacts des référents',
        summary: 'Qui appeler dans chaque maison.',
        tags: ['contacts'],
        confidential: true,
        outputTitle: null,
        publishable: false,
        file: {
          fileName: 'referents.csv',
          contentType: 'text/csv',
          contentBase64: Buffer.from('maison;référent\nTilleuls;Nadia Benali\nMoulin;Samia Haddad\nHaut-Pré;Hélène Dubois\n').toString('base64'),
        },
      });

      const festival = await map.addMapEntry(await by('samia', ago(40, 18)), space.id, {
        kind: 'cooperation',
        title: 'Fête des trois quartiers',
        description: 'Une fête commune en juin, préparée par les trois maisons et le conseil citoyen.',
        status: 'under_way',
        parties: [{ organizationId: houses.moulin }, { organizationId: houses.tilleuls }, { organizationId: houses.hautpre }, { personId: elise.id }],
      });
      const homework = await map.addMapEntry(await by('nadia', ago(40, 19)), space.id, {
        kind: 'cooperation',
        title: 'Aide aux devoirs en commun',
        description: 'Les bénévoles des Tilleuls et du Haut-Pré accueillent ensemble les collégiens deux soirs par semaine.',
        status: 'to_come',
        parties: [{ organizationId: houses.tilleuls }, { organizationId: houses.hautpre }],
      });
      await map.addMapEntry(await by('helene', ago(39, 12)), space.id, {
        kind: 'obstacle',
        title: 'Pas de salle libre le mardi soir',
        description: 'Les deux maisons ont leurs salles prises le mardi.',
        cooperationId: homework.id,
      });
      await map.addMapEntry(await by('karim', ago(39, 20)), space.id, {
        kind: 'need',
        title: 'Des bénévoles pour tenir les stands',
        description: 'Il en faudrait une vingtaine le jour de la fête.',
        cooperationId: festival.id,
      });
      await map.addMapEntry(await by('amandine', ago(38, 18)), space.id, {
        kind: 'skill',
        title: 'Animation de réunions en langue des signes',
        description: 'Je signe couramment et je peux traduire une réunion de deux heures.',
        offeredBy: { personId: id('amandine') },
      });
      await map.addMapEntry(await by('samia', ago(38, 19)), space.id, {
        kind: 'premises',
        title: 'Salle des Saules, trente places',
        description: 'Libre le mardi et le jeudi soir, avec vidéoprojecteur.',
        offeredBy: { organizationId: houses.moulin },
      });
      await map.addMapEntry(await asOutsider(elise.id, ago(37, 21)), space.id, {
        kind: 'equipment',
        title: 'Sono portable et deux micros',
        description: 'Prêtée par le conseil citoyen pour les fêtes de quartier.',
        offeredBy: { personId: elise.id },
      });

      await answerAll(before.id, [
        () => by('nadia', ago(36, 18)),
        () => by('samia', ago(35, 12)),
        () => by('karim', ago(34, 20)),
        () => asOutsider(elise.id, ago(34, 21)),
        () => by('amandine', ago(33, 17)),
      ]);
      await days.holdDay(await by('paul', ago(30, 17)), day.id, { presentIds: ['nadia', 'samia', 'helene', 'karim', 'amandine'].map(id).concat([elise.id]) });
      const hot = await questionnaires.createFromTemplate(await by('paul', ago(30, 17, 5)), space.id, { template: 'hot_feedback', dayId: day.id, weeksAfterDay: null }, 'fr');
      await questionnaires.sendQuestionnaire(await by('paul', ago(30, 17, 10)), hot.id);
      await answerAll(hot.id, [() => by('helene', ago(30, 17, 20)), () => by('karim', ago(30, 17, 25)), () => asOutsider(elise.id, ago(30, 18)), () => by('nadia', ago(29, 9))]);
      await questionnaires.closeQuestionnaire(await by('paul', ago(27, 9)), hot.id);
      // The cold evaluation leaves by itself, six weeks after the day.
      await questionnaires.createFromTemplate(await by('paul', ago(27, 10)), space.id, { template: 'cold_evaluation', dayId: day.id, weeksAfterDay: 6 }, 'fr');
      const notes = await resources.addResource(await by('paul', ago(27, 11)), space.id, {
        kind: 'article',
        title: 'Ce que la journée a décidé',
        summary: 'Trois obstacles levés, trois coopérations lancées.',
        tags: ['journée', 'compte rendu'],
        confidential: false,
        outputTitle: null,
        publishable: true,
        body: '## Ce que nous avons décidé\n\n- La salle des Saules accueille l’aide aux devoirs le mardi.\n- Une liste commune de bénévoles pour la fête des trois quartiers.\n- La sono du conseil citoyen circule entre les maisons.',
      });
      await resources.publishResource(await by('paul', ago(27, 11, 30)), notes.id);
    },
  ];
}
