import type { ActContext } from '../common/act.js';
import { addSeat, createBody } from '../bodies/acts.js';
import { askToJoin } from '../circles/acts.js';
import { assignRole, createRole } from '../roles/acts.js';
import { settleDemoMail, type DemoClock } from './demo-history.js';

/**
 * The sociocratic side of « Les Trois Rives » (seed 004, in its own words): a circle that links the
 * practice circles, two practice circles of six to eight people under it, each with a leader the
 * circle above appoints and a second link it chooses itself, an expert in sociocracy who supervises
 * them, and a request to join the fuller circle whose consent round is still open today. Its
 * acts come yesterday evening, after the rest of the history (its latest acts come earlier that
 * day), their mail settled as the history's is.
 */
export async function writeDemoCircles(coordinator: ActContext, input: { readonly since: string; readonly clock: DemoClock; readonly personIds: Readonly<Record<string, string>> }): Promise<void> {
  const person = (key: string) => input.personIds[key]!;
  const at = (when: Date, viewer = coordinator.viewer): ActContext => ({
    ...coordinator,
    now: when,
    viewer,
    afterCommit: async (committed) => {
      if (committed.mailQueued) await settleDemoMail(coordinator, when);
      await coordinator.afterCommit?.(committed);
    },
  });
  const ctx = at(input.clock.ago(1, 21));
  const general = await createBody(ctx, {
    name: 'Cercle des pratiques',
    kind: 'circle',
    purpose: 'Relie les cercles de pratique des trois maisons : il nomme leurs responsables et accueille leurs seconds liens.',
    foundedOn: input.since,
  });
  const practice = async (name: string, purpose: string, members: readonly string[], leader: string, secondLink: string) => {
    const circle = await createBody(ctx, { name: `Cercle de pratique ${name}`, kind: 'circle', parentBodyId: general.id, purpose, minSize: 6, maxSize: 8, meetingsPerYear: 6, foundedOn: input.since });
    for (const key of members) await addSeat(ctx, circle.id, { personId: person(key), organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: input.since });
    const lead = await createRole(ctx, {
      name: `Responsable du cercle ${name}`,
      bodyId: circle.id,
      purpose: 'Veiller à la vie du cercle et à ce qu’il serve les trois maisons.',
      accountabilities: ['Préparer les rencontres avec l’animation', 'Porter au cercle des pratiques ce que le cercle attend de lui'],
      termMonths: 12,
      appointedByParent: true,
    });
    const link = await createRole(ctx, {
      name: `Second lien du cercle ${name}`,
      bodyId: circle.id,
      purpose: 'Porter la voix du cercle au cercle des pratiques, où il siège.',
      termMonths: 12,
      sitsInParent: true,
    });
    await assignRole(ctx, lead.id, { personId: person(leader), startsOn: input.since });
    await assignRole(ctx, link.id, { personId: person(secondLink), startsOn: input.since });
    return circle.id;
  };
  const youth = await practice(
    'Animation jeunesse',
    'Les animatrices et animateurs jeunesse des trois maisons se soutiennent et apprennent ensemble, six rencontres par an au moins.',
    ['nadia', 'lucie', 'yanis', 'thomas', 'ines', 'karim', 'amandine', 'malik'],
    'lucie',
    'thomas',
  );
  await practice(
    'Accueil des familles',
    'Celles et ceux qui accueillent les familles dans les trois maisons partagent leurs pratiques et leurs difficultés, six rencontres par an au moins.',
    ['samia', 'mireille', 'sophie', 'claire', 'odile', 'helene'],
    'claire',
    'sophie',
  );
  for (const key of ['gerard', 'bernard', 'jacques', 'lucie', 'claire']) {
    await addSeat(ctx, general.id, { personId: person(key), organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: input.since });
  }
  const expert = await createRole(ctx, {
    name: 'Experte ou expert en sociocratie',
    purpose: 'Faciliter l’auto-organisation des cercles de pratique, le co-développement et l’esprit d’équipe ; invité à chacune de leurs rencontres, sans y prendre position.',
    accountabilities: ['Accompagner chaque cercle de pratique', 'Apporter des repères théoriques', 'Aider au transfert des apprentissages dans les maisons'],
    supervisesCircles: true,
  });
  await assignRole(ctx, expert.id, { personId: person('paul'), startsOn: input.since });
  // René asks today to join the fuller circle: its eight members consent, or not, knowing it would count nine.
  await askToJoin(
    at(input.clock.ago(1, 21, 30), { personId: person('rene'), isPartnershipAdmin: false, adminOfOrganizations: new Set(), memberOfBodies: new Set() }),
    youth,
    { motivation: 'J’anime le club de foot du Haut-Pré et j’aimerais apprendre avec vous à mieux accompagner les jeunes.' },
  );
}
