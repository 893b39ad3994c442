import * as pooledMeans from '../pooled-means/acts.js';
import type { DemoStory } from './demo-projects.js';

/**
 * What the houses of « Les Trois Rives » lend (seed 003's pooled means): the Moulin its multi-purpose
 * room, the Tilleuls its nine-seat minibus; the first holidays for families have booked the
 * minibus for their stay next week, and the Tilleuls' directors have it to review until it leaves.
 */
export function pooledMeanStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, houses, ctx } = story;
  const { ago, ahead } = story.clock;
  return [
    async () => {
      await pooledMeans.listMean(await by('samia', ago(40, 10)), {
        organizationId: houses.moulin,
        kind: 'room',
        label: 'Salle polyvalente du Moulin',
        conditions: 'Trente places assises, cuisine attenante. Clés à l’accueil du centre social aux heures d’ouverture ; rendre la salle rangée.',
      });
      const minibus = await pooledMeans.listMean(await by('nadia', ago(40, 11)), {
        organizationId: houses.tilleuls,
        kind: 'vehicle',
        label: 'Minibus neuf places',
        conditions: 'Permis B depuis plus de trois ans. Le plein au retour ; le carnet de bord rempli.',
      });
      await by('amandine', ago(3, 10));
      const holidays = await ctx.db.selectFrom('project').select('id').where('partnership_id', '=', ctx.partnershipId).where('title', '=', 'Premiers départs en vacances').executeTakeFirstOrThrow();
      await pooledMeans.bookMean(await by('amandine', ago(3, 10)), holidays.id, {
        meanId: minibus.id,
        startsAt: ahead(8, 7).toISOString(),
        endsAt: ahead(10, 17).toISOString(),
        purpose: 'Le premier séjour au gîte : emmener et ramener quatre familles du Haut-Pré.',
      });
    },
  ];
}
