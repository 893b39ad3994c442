import { calendarDay } from '../common/dates.js';
import * as decisions from '../decisions/acts.js';
import * as fund from '../fund/acts.js';
import { fundYearOf } from '../fund/rules.js';
import type { DemoStory } from './demo-projects.js';

/**
 * « Les Trois Rives »' common fund (seed 003's « 1 % » of each house's declared budget, on the
 * calendar year, due within 60 days, as the charter's template says): the three houses declared
 * their budget, Samia (« Trésorerie ») called the year's contributions, the Tilleuls and the
 * Moulin paid, the Haut-Pré is behind; the steering committee consented to buying a shared sound
 * system for the neighbourhoods' festivals, which the ledger shows spent.
 */
export function fundStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, id, stance, advance, houses } = story;
  const { ago, ahead } = story.clock;
  return [
    async () => {
      // The fund year of today, which the fund's page opens on, whatever the day: early in the
      // year, the treasurer called its contributions ahead, in the last months of the year before.
      const year = fundYearOf(calendarDay(ahead(0, 12)), 1);
      for (const [key, organizationId, budgetCents, day] of [
        ['nadia', houses.tilleuls, 45_000_000, 112],
        ['samia', houses.moulin, 32_000_000, 111],
        ['helene', houses.hautpre, 18_000_000, 108],
      ] as const) {
        await fund.declareBudget(await by(key, ago(day, 11)), { organizationId, year, budgetCents });
      }
      await fund.issueCalls(await by('samia', ago(100, 10)), { year });
      const calls = await story.ctx.db.selectFrom('fund_call').select(['id', 'organization_id', 'amount_cents']).where('partnership_id', '=', story.ctx.partnershipId).where('year', '=', year).execute();
      for (const [organizationId, day] of [
        [houses.tilleuls, 80],
        [houses.moulin, 71],
      ] as const) {
        const call = calls.find((row) => row.organization_id === organizationId)!;
        await fund.recordPayment(await by('samia', ago(day, 15)), { callId: call.id, amountCents: Number(call.amount_cents), paidOn: calendarDay(ago(day, 15)) });
      }
      const spending = await fund.proposeSpending(await by('nadia', ago(30, 10)), {
        wording: 'Acheter une sono partagée pour les fêtes des trois quartiers',
        context: 'Chaque maison loue une sono pour ses fêtes. Une sono commune, prêtée comme les autres moyens mutualisés, servira dès la fête des trois quartiers.',
        amountCents: 120_000,
        facilitatorId: id('ines'),
      });
      await advance('ines', ago(30, 10, 10), spending.id);
      await advance('ines', ago(29, 9), spending.id);
      await advance('ines', ago(29, 9, 30), spending.id);
      for (const member of story.steering) await stance(member, ago(29, 18), spending.id, 'consent');
      await decisions.closeRound(await by('ines', ago(28, 9)), spending.id, { statement: 'La caisse commune achète la sono ; la MJC des Tilleuls la garde et la prête.', reviewOn: null });
    },
  ];
}
