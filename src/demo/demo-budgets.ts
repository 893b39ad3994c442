import * as budgets from '../budgets/acts.js';
import { budgetOfProject } from '../budgets/queries.js';
import { calendarDay } from '../common/dates.js';
import type { DemoStory } from './demo-projects.js';

type Line = Parameters<typeof budgets.addLine>[2];
const line = (category: Line['category'], label: string, euros: number | null, more: Partial<Line> = {}): Line => ({
  category,
  label,
  organizationId: null,
  internal: false,
  amountCents: euros === null ? null : euros * 100,
  grantStatus: null,
  ...more,
});

/**
 * The budgets of « Les Trois Rives »' projects (seed 001: identify every cost, internal and
 * external, and aim at balance): the first holidays' forecast, presented with the project and
 * validated with it, balanced with the houses' self-financing and their staff and minibus lent in
 * kind, followed since by its lead's entries (one corrected); the festival's, validated with a
 * deficit of 1 000 € while the city's grant is only applied for.
 */
export function budgetStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, houses, ctx } = story;
  const { ago } = story.clock;
  const projectNamed = async (title: string) => (await ctx.db.selectFrom('project').select('id').where('partnership_id', '=', ctx.partnershipId).where('title', '=', title).executeTakeFirstOrThrow()).id;
  return [
    async () => {
      await by('mireille', ago(162, 8));
      const holidays = await projectNamed('Premiers départs en vacances');
      const forecast = [
        line('provider', 'Location du gîte (trois séjours)', 3600),
        line('purchase', 'Alimentation', 1500),
        line('other_cost', 'Assurance des séjours', 300),
        line('equipment', 'Minibus de la MJC et son chauffeur', 450, { internal: true, organizationId: houses.tilleuls }),
        line('staff', 'Temps des animatrices familles', 1800, { internal: true, organizationId: houses.moulin }),
        line('contribution', 'Participation des familles', 720),
        line('grant', 'Aide aux vacances de la caisse d’allocations familiales', 3000, { grantStatus: 'applied' }),
        line('self_financing', 'Autofinancement des trois maisons', 1680, { organizationId: houses.moulin }),
      ];
      const keys: string[] = [];
      for (const [index, value] of forecast.entries()) keys.push((await budgets.addLine(await by('mireille', ago(162, 8, index)), holidays, value)).id);
      const [gite, food, , , , families, caf] = keys as [string, string, string, string, string, string, string];
      // Validated with the project (ago 160); its lead keeps its books since her term started (ago 157).
      const lead = async (days: number) => by('amandine', ago(days, 18));
      const budget = (await budgetOfProject(ctx.db, ctx.partnershipId, holidays))!.id;
      await budgets.setGrantStatus(await lead(130), budget, caf, { grantStatus: 'granted' });
      const entry = (lineKey: string, days: number, euros: number, counterparty: string, note = '') =>
        ({ lineKey, occurredOn: calendarDay(ago(days, 12)), amountCents: euros * 100, organizationId: null, personId: null, counterparty, note, attachment: null }) as const;
      await budgets.recordEntry(await lead(120), budget, entry(gite, 120, 1200, 'Gîte des Trois Chênes', 'Acompte pour les trois séjours'));
      await budgets.recordEntry(await lead(95), budget, entry(caf, 95, 1500, 'Caisse d’allocations familiales', 'Premier versement'));
      await budgets.setGrantStatus(await lead(95), budget, caf, { grantStatus: 'paid' });
      const twice = await budgets.recordEntry(await lead(60), budget, entry(food, 60, 420, 'Épicerie solidaire du Moulin', 'Courses du premier séjour'));
      await budgets.recordEntry(await lead(60), budget, entry(food, 60, 420, 'Épicerie solidaire du Moulin', 'Courses du premier séjour'));
      // The same receipt entered twice: corrected by a reversing entry, never erased.
      await budgets.reverseEntry(await lead(59), budget, twice.id);
      await budgets.recordEntry(await lead(58), budget, { ...entry(families, 58, 240, ''), organizationId: houses.hautpre, note: 'Participation de huit familles du Haut-Pré' });
    },
    async () => {
      await by('helene', ago(73, 9));
      const festival = await projectNamed('Fête des Trois Rives');
      const forecast = [
        line('provider', 'Scène et sonorisation', 2400),
        line('purchase', 'Repas partagé', 800),
        line('purchase', 'Location de tables et de barnums', 600),
        line('other_cost', 'Affiches et communication', 400),
        line('premises', 'Salle du Moulin pour les répétitions', null, { internal: true, organizationId: houses.moulin }),
        line('grant', 'Subvention de la ville (politique de la ville)', 2000, { grantStatus: 'applied' }),
        line('other_income', 'Buvette', 600),
        line('self_financing', 'Autofinancement du Haut-Pré', 600, { organizationId: houses.hautpre }),
      ];
      for (const [index, value] of forecast.entries()) await budgets.addLine(await by('helene', ago(73, 9, index)), festival, value);
    },
  ];
}
