import { randomUUID } from 'node:crypto';
import type { ActContext } from '../common/act.js';
import * as bodies from '../bodies/acts.js';
import * as charterActs from '../charters/acts.js';
import { versionDetail } from '../charters/queries.js';
import { calendarDay } from '../common/dates.js';
import * as decisions from '../decisions/acts.js';
import * as deliverables from '../deliverables/acts.js';
import type { Stance } from '../decisions/rules.js';
import { createOrganization } from '../organizations/acts.js';
import { createPerson } from '../people/acts.js';
import { assignRole, createRole } from '../roles/acts.js';
import type { DemoStory } from './demo-projects.js';

/**
 * A project team under its own charter, in the shape of seed 000: the association « Les Passeurs de
 * liens » accompanies the Haut-Pré's citizens' council; its team of two holds three roles (Théo
 * holds two), writes its cooperation charter from the template with the split of its budget,
 * adopts it by its own consent, both sign it, and the team decides by consent under it. Nothing
 * of the partnership charter routes the team's matters.
 */
export function teamStorylines(story: DemoStory): (() => Promise<void>)[] {
  const { by, ctx } = story;
  const { ago, ahead } = story.clock;
  return [
    async () => {
      const founding = await by('camille', ago(82, 9));
      const since = calendarDay(ago(82, 9));
      const association = await createOrganization(founding, {
        name: 'Les Passeurs de liens',
        kind: 'association',
        contactEmail: 'bonjour@passeurs-de-liens.example',
        address: 'Maison Haut-Pré, place du Marché, Valbourg',
      });
      const person = async (fullName: string, email: string) =>
        (await createPerson(founding, { fullName, email, memberships: [{ organizationId: association.id, kind: 'staff', isOrganizationAdmin: false }] })).id;
      const theo = await person('Théo Marchand', 'theo@passeurs-de-liens.example');
      const anais = await person('Anaïs Roussel', 'anais@passeurs-de-liens.example');
      const team = await bodies.createBody(founding, {
        name: 'Équipe Conseil citoyen',
        kind: 'working_group',
        purpose: 'Accompagner le conseil citoyen du Haut-Pré vers une animation tournante et une gazette de quartier.',
      });
      for (const personId of [theo, anais]) {
        await bodies.addSeat(founding, team.id, { personId, organizationId: association.id, capacity: 'member', mandateSource: 'self', startsOn: since });
      }
      const role = (name: string, purpose: string) => createRole(founding, { name, bodyId: team.id, purpose, accountabilities: [] });
      const lead = await role('Responsable du projet', 'Prendre soin du groupe et de la relation avec le conseil citoyen ; organiser et faciliter les réunions de suivi.');
      const guide = await role('Accompagnatrice', 'Être la personne ressource en méthode et en outils ; réaliser la gazette avec les habitants.');
      const memory = await role('Mémoire du projet', 'Documenter l’expérience : récolter les pépites et les cailloux dont l’association apprendra.');
      await assignRole(founding, lead.id, { personId: theo, startsOn: since });
      await assignRole(founding, memory.id, { personId: theo, startsOn: since });
      await assignRole(founding, guide.id, { personId: anais, startsOn: since });
      /** One of the team, acting at one moment: they sit in its body, nothing more. */
      const member = async (personId: string, when: Date): Promise<ActContext> => ({
        ...(await by('camille', when)),
        viewer: { personId, isPartnershipAdmin: false, adminOfOrganizations: new Set(), memberOfBodies: new Set([team.id]) },
      });
      const stance = async (personId: string, when: Date, proposalId: string, value: Stance) =>
        decisions.takeStance(await member(personId, when), proposalId, { stance: value, reason: '', idempotencyKey: randomUUID() });
      /** The team's consent round, facilitated by whoever proposed: three phases, both consent, closed. */
      const consent = async (facilitator: string, days: number, proposalId: string, statement: string) => {
        await decisions.advancePhase(await member(facilitator, ago(days, 9)), proposalId);
        await decisions.advancePhase(await member(facilitator, ago(days - 1, 9)), proposalId);
        await decisions.advancePhase(await member(facilitator, ago(days - 2, 9)), proposalId);
        await stance(theo, ago(days - 2, 18), proposalId, 'consent');
        await stance(anais, ago(days - 2, 20), proposalId, 'consent');
        await decisions.closeRound(await member(facilitator, ago(days - 3, 9)), proposalId, { statement, reviewOn: null });
      };

      // The coordinator opens the charter from the template; the team writes it with her.
      const writing = await by('camille', ago(81, 10));
      const { id: charterId, versionId } = await charterActs.createCharter(writing, { template: 'cooperation', title: 'Charte de coopération sereine' }, 'fr');
      const draft = await versionDetail(ctx.db, writing.viewer, ctx.partnershipId, charterId, versionId);
      const rules = draft.content.rules;
      // The template takes the partnership's first working group: the team's charter names its own team instead.
      const ownTeam = <Row extends { bodyId: string | null }>(row: Row): Row => ({ ...row, bodyId: team.id });
      await charterActs.saveDraft(writing, charterId, versionId, {
        ...draft.content,
        rules: {
          ...rules,
          bodyIds: [team.id],
          decisionMatrix: rules.decisionMatrix.map(ownTeam),
          revision: ownTeam(rules.revision),
          duration: { startsOn: since, endsOn: calendarDay(ahead(200, 9)) },
          // Seed 000's split: the association's tenth of its invoiced services, then each role's share.
          budget: {
            totalCents: 827_200,
            posts: [
              { id: randomUUID(), label: 'Association porteuse', percent: 10, amountCents: 71_200, percentOf: { label: 'Prestations de l’association', amountCents: 712_000 } },
              { id: randomUUID(), label: 'Responsable du projet et mémoire du projet', percent: null, amountCents: 548_000 },
              { id: randomUUID(), label: 'Accompagnatrice', percent: null, amountCents: 208_000 },
            ],
          },
          signatories: [
            { id: randomUUID(), personId: theo, organizationId: association.id, capacity: 'Responsable du projet' },
            { id: randomUUID(), personId: anais, organizationId: association.id, capacity: 'Accompagnatrice' },
          ],
        },
      });

      // A signatory asks; the team adopts it by consent, as its revision rule says.
      const adoption = await decisions.createProposal(await member(theo, ago(80, 10)), {
        level: 'strategic',
        topic: '',
        wording: 'Adopter notre charte de coopération sereine',
        context: 'Un cadre commun pour nous sentir à la fois libres et protégés, relu ensemble la semaine dernière.',
        participationLevel: 'participation',
        amendsVersionId: versionId,
      });
      await consent(theo, 79, adoption.id, 'Charte adoptée par l’équipe ; chacun la signe.');
      const { contentHash, signatories } = await versionDetail(ctx.db, writing.viewer, ctx.partnershipId, charterId, versionId);
      for (const [index, [personId, typedName]] of [[theo, 'Théo Marchand'], [anais, 'Anaïs Roussel']].entries()) {
        await charterActs.signVersion(await member(personId!, ago(75 - index, 18)), charterId, versionId, { signatoryId: signatories[index]!.signatoryId, typedName: typedName!, readAndApproved: true, contentHash });
      }

      // The team decides its own matters under its charter.
      const gazette = await decisions.createProposal(await member(anais, ago(62, 10)), {
        level: 'operational',
        topic: '',
        wording: 'Faire le premier numéro de la gazette de quartier avec le conseil citoyen, distribué en juin.',
        context: 'Le conseil citoyen veut faire connaître ses actions ; la gazette en sera la première.',
        participationLevel: 'participation',
        charterId,
      });
      await consent(anais, 61, gazette.id, 'Premier numéro en juin, écrit en deux ateliers avec le conseil citoyen.');

      // Seed 000, art. 6 and 8: each answers for their deliverables; the outputs the licence lists (added at the adoption) are taken up one by one.
      const output = async (title: string) =>
        (await ctx.db.selectFrom('deliverable').select('id').where('charter_id', '=', charterId).where('title', '=', title).executeTakeFirstOrThrow()).id;
      const theoAt = (days: number) => member(theo, ago(days, 11));
      const anaisAt = (days: number) => member(anais, ago(days, 11));
      await deliverables.addDeliverable(await theoAt(57), charterId, {
        title: 'Gazette de quartier, premier numéro',
        description: 'Écrite en deux ateliers avec le conseil citoyen, distribuée dans les boîtes aux lettres du Haut-Pré.',
        ownerId: anais,
        dueOn: calendarDay(ahead(20, 9)),
      });
      await deliverables.addDeliverable(await anaisAt(56), charterId, {
        title: 'Compte rendu de l’atelier d’animation tournante',
        description: 'Ce que le conseil citoyen a décidé pour que chacun anime à son tour.',
        ownerId: theo,
        dueOn: calendarDay(ago(4, 9)),
      });
      const survey = await output('Synthèses des enquêtes');
      const articles = await output('Articles de retour d’expérience à la fin de chaque étape');
      await deliverables.assignDeliverable(await theoAt(50), charterId, survey, { ownerId: anais });
      await deliverables.editDeliverable(await theoAt(48), charterId, articles, {
        title: 'Articles de retour d’expérience à la fin de chaque étape',
        description: 'Un article par étape : les pépites et les cailloux, pour l’association.',
        dueOn: calendarDay(ahead(12, 9)),
      });
      await deliverables.assignDeliverable(await theoAt(47), charterId, articles, { ownerId: theo });
      await deliverables.setDeliverableStatus(await anaisAt(40), charterId, survey, { status: 'in_progress' });
      await deliverables.setDeliverableStatus(await anaisAt(30), charterId, survey, { status: 'delivered' });
      await deliverables.setDeliverableStatus(await anaisAt(28), charterId, survey, {
        status: 'published',
        publishedUrl: 'https://passeurs-de-liens.example/haut-pre/synthese-enquete',
      });
      await deliverables.setDeliverableStatus(await theoAt(20), charterId, articles, { status: 'in_progress' });
    },
  ];
}
