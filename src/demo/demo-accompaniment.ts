import type { ActContext } from '../common/act.js';
import * as accompaniments from '../accompaniments/acts.js';
import * as days from '../accompaniments/days/acts.js';
import * as map from '../cooperation-map/acts.js';
import type { DemoStory } from './demo-projects.js';

/**
 * Seed 002's accompaniment, in the demo's own words: Paul, who knows sociocracy, accompanies the
 * three houses and a neighbourhood council from outside the partnership (Élise, invited by her
 * address) towards cooperating better. A questionnaire before the day, answered by the group; the
 * day itself, held; hot feedback at its end; resources, a map of who cooperates with whom and what
 * each offers; the harvest of what worked and what did not; and the cold evaluation, scheduled
 * some weeks after the day, still to come.
 */
export function accompanimentStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, id, houses } = story;
  const { ago } = story.clock;
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

      await days.holdDay(await by('paul', ago(30, 17)), day.id, { presentIds: ['nadia', 'samia', 'helene', 'karim', 'amandine'].map(id).concat([elise.id]) });
    },
  ];
}
