import { calendarDay } from '../common/dates.js';
import * as meetings from '../meetings/acts.js';
import * as tensions from '../tensions/acts.js';
import type { DemoStory } from './demo-projects.js';

/**
 * Seed 004's open handling of tensions, in the family outings' working group (the demo has no
 * sociocratic circle of its own yet): Karim's tension waited for the group's next meeting, which
 * made it a task for Yanis; Amandine's and Yanis's, raised since, wait for the next one called.
 */
export function tensionStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, ctx, id } = story;
  const { ago, ahead } = story.clock;
  return [
    async () => {
      await by('karim', ago(12, 18));
      const group = await ctx.db
        .selectFrom('body')
        .select('id')
        .where('partnership_id', '=', ctx.partnershipId)
        .where('name', '=', 'Groupe de travail Sorties familles')
        .executeTakeFirstOrThrow();
      const registrations = await tensions.raiseTension(await by('karim', ago(12, 18)), group.id, {
        text: 'Les inscriptions aux sorties arrivent par trois chemins (papier à l’accueil, téléphone, messages) et on en perd : deux familles sont restées sur le quai la dernière fois.',
      });
      const meeting = await meetings.scheduleMeeting(await by('mireille', ago(11, 9)), {
        bodyId: group.id,
        title: 'Point sorties familles',
        startsAt: ago(5, 18).toISOString(),
        durationMinutes: 90,
        place: 'Centre social du Moulin, petite salle',
        onlineUrl: null,
        facilitatorId: id('mireille'),
        secretaryId: id('amandine'),
      });
      await meetings.advanceMeeting(await by('mireille', ago(5, 18, 5)), meeting.id);
      await meetings.advanceMeeting(await by('mireille', ago(5, 18, 15)), meeting.id);
      await tensions.taskFromTension(await by('mireille', ago(5, 18, 40)), registrations.id, {
        title: 'Un seul formulaire d’inscription pour les trois maisons, relevé chaque lundi',
        ownerId: id('yanis'),
        dueOn: calendarDay(ahead(12, 12)),
      });
      await meetings.advanceMeeting(await by('mireille', ago(5, 19, 20)), meeting.id);
      await meetings.advanceMeeting(await by('mireille', ago(5, 19, 30)), meeting.id);
      await tensions.raiseTension(await by('amandine', ago(2, 20)), group.id, {
        text: 'Personne ne sait qui garde la trousse de secours entre deux sorties, ni si elle est complète.',
      });
      await tensions.raiseTension(await by('yanis', ago(1, 17)), group.id, {
        text: 'Les ados aimeraient proposer eux-mêmes une destination, mais ne savent pas à qui en parler ni comment.',
      });
    },
  ];
}
