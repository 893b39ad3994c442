import { randomUUID } from 'node:crypto';
import type { ActContext } from '../common/act.js';
import type { DecisionRule } from '../charters/rules/types.js';
import { DEFAULT_SILENCE } from '../charters/rules/enums.js';
import * as charterActs from '../charters/acts.js';
import { versionDetail } from '../charters/queries.js';
import { calendarDay } from '../common/dates.js';
import * as datePolls from '../date-polls/acts.js';
import * as decisions from '../decisions/acts.js';
import type { Stance } from '../decisions/rules.js';
import * as discussions from '../discussions/acts.js';
import * as elections from '../elections/acts.js';
import * as meetings from '../meetings/acts.js';
import { projectStorylines } from './demo-projects.js';
import { pooledMeanStorylines } from './demo-pooled-means.js';
import { budgetStorylines } from './demo-budgets.js';
import { fundStorylines } from './demo-fund.js';
import { teamStorylines } from './demo-team.js';
import { tensionStorylines } from './demo-tensions.js';
import { accompanimentStorylines } from './demo-accompaniment.js';
import { timeline } from './timeline.js';

/**
 * Months in the life of « Les Trois Rives », lived through the same acts a member's click runs, each
 * on its own day and in the order of those days (its storylines are told side by side, timeline.ts),
 * so the journal reads as those months did: a consent in the working group, a
 * decision by consensus adopted with a reservation at a meeting whose minutes were published, a
 * matter blocked twice and arbitrated by the directors, a consultation, a plenary recorded
 * afterwards, then what is still under way today: the charter's amendment, an election in its
 * change round, two open rounds, a meeting called by a date poll and a poll still open, and common
 * projects at four of their steps (demo-projects.ts), and a project team under its own charter
 * (demo-team.ts). Days count
 * back from the day the demo is created, so what is open stays open.
 */

/** The partnership was founded this many days before the demo is created. */
export const DEMO_HISTORY_DAYS = 165;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Instants counted in days from the start (UTC) of the day the demo is created; hours are UTC. */
export function demoClock(now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (days: number, hour: number, minute: number) => new Date(today + days * DAY_MS + hour * HOUR_MS + minute * 60_000);
  return {
    /** A past instant: any day before today, so before `now` whatever its hour. */
    ago: (days: number, hour: number, minute = 0) => {
      if (days < 1) throw new Error('the demo history happens before the day it is created');
      return at(-days, hour, minute);
    },
    /** An instant to come: from tomorrow on. */
    ahead: (days: number, hour: number, minute = 0) => at(days, hour, minute),
  };
}

export type DemoClock = ReturnType<typeof demoClock>;

/** The row of the demo charter that leaves what the houses say together to its initiator, after hearing the others' advice. */
export function communicationRule(steeringId: string, plenaryId: string): DecisionRule {
  return {
    id: randomUUID(),
    level: 'functional',
    topic: COMMUNICATION_TOPIC,
    bodyId: steeringId,
    method: 'advice',
    quorumPercent: null,
    silence: DEFAULT_SILENCE,
    maxRounds: null,
    onBlock: { kind: 'lapse' },
    informBodyIds: [plenaryId],
  };
}

const COMMUNICATION_TOPIC = 'Communication commune';

export type DemoBodyKey = 'plenary' | 'steering' | 'directors' | 'workingGroup';
export type DemoHouseKey = 'tilleuls' | 'moulin' | 'hautpre';

export interface DemoHistoryInput {
  /** The coordinator's context, an administrator of the partnership. */
  readonly ctx: ActContext;
  readonly clock: DemoClock;
  readonly personIds: Readonly<Record<string, string>>;
  /** The bodies each person (by key) sits in; the coordinator sits in the plenary only. */
  readonly memberOf: Readonly<Record<string, readonly DemoBodyKey[]>>;
  readonly bodies: Readonly<Record<DemoBodyKey, string>>;
  readonly houses: Readonly<Record<DemoHouseKey, string>>;
  /** The house each of its administrators (by key) manages: who names its referents. */
  readonly houseAdminOf: Readonly<Record<string, DemoHouseKey>>;
  readonly roles: { readonly facilitator: string; readonly secretary: string };
  readonly charter: { readonly id: string; readonly versionId: string };
}

export async function writeDemoHistory(input: DemoHistoryInput): Promise<void> {
  const { ctx, clock, bodies } = input;
  const { ago, ahead } = clock;
  const id = (key: string) => {
    if (key === 'camille') return ctx.viewer.personId;
    const personId = input.personIds[key];
    if (personId === undefined) throw new Error(`no demo person ${key}`);
    return personId;
  };
  const story = timeline();
  /**
   * The context of one person acting at one moment, given once every earlier act of the history has
   * run: what they may do comes from the bodies they sit in. The mail their act queued is settled at
   * that moment.
   */
  const by = async (key: string, when: Date): Promise<ActContext> => {
    await story.at(when);
    return {
      ...ctx,
      now: when,
      viewer:
        key === 'camille'
          ? ctx.viewer
          : {
              personId: id(key),
              isPartnershipAdmin: false,
              adminOfOrganizations: new Set(input.houseAdminOf[key] === undefined ? [] : [input.houses[input.houseAdminOf[key]]]),
              memberOfBodies: new Set((input.memberOf[key] ?? []).map((body) => bodies[body])),
            },
      afterCommit: async (committed) => {
        if (committed.mailQueued) await settleDemoMail(ctx, when);
        await ctx.afterCommit?.(committed);
      },
    };
  };
  const stance = async (key: string, when: Date, proposalId: string, value: Stance, reason = '') =>
    decisions.takeStance(await by(key, when), proposalId, { stance: value, reason, idempotencyKey: randomUUID() });
  const post = async (key: string, when: Date, proposalId: string, kind: 'question' | 'reaction' | 'comment', body: string) =>
    discussions.postMessage(await by(key, when), proposalId, { kind, body });
  const answer = async (key: string, when: Date, proposalId: string, questionId: string, body: string, facilitator: string) => {
    await discussions.postMessage(await by(key, when), proposalId, { kind: 'answer', body, replyTo: questionId });
    await discussions.markAnswered(await by(facilitator, when), proposalId, questionId);
  };
  const advance = async (key: string, when: Date, proposalId: string, deadline?: Date) =>
    decisions.advancePhase(await by(key, when), proposalId, deadline === undefined ? {} : { deadline: deadline.toISOString() });
  const steering = ['nadia', 'gerard', 'lucie', 'samia', 'bernard', 'ines', 'paul', 'helene', 'jacques', 'rene', 'claire'];
  const directors = ['nadia', 'gerard', 'samia', 'bernard', 'helene', 'jacques'];
  const allBut = (keys: readonly string[], left: string) => keys.filter((key) => key !== left);
  const keyOf = (personId: string) => {
    if (personId === ctx.viewer.personId) return 'camille';
    const key = Object.entries(input.personIds).find(([, candidate]) => candidate === personId)?.[0];
    if (key === undefined) throw new Error(`no demo person ${personId}`);
    return key;
  };

  /** The Gazette, proposed in the steering committee (8), which the meeting its date poll calls (9) hears. */
  let gazette: { readonly id: string } | undefined;
  await story.tell([
    // 1. The working group's spring outing, by consent, its questions answered in the thread.
    async () => {
      const outing = await decisions.createProposal(await by('mireille', ago(150, 9)), {
        level: 'functional',
        topic: '',
        wording: 'Organiser une sortie familles commune à la base de loisirs des Étangs, un samedi, avec un car pour les trois quartiers.',
        context: 'Chaque maison organisait sa propre sortie, souvent avec des cars à moitié vides. Une sortie commune coûte moins cher et fait se rencontrer les familles des trois quartiers.',
        participationLevel: 'participation',
      });
      await advance('mireille', ago(150, 9, 5), outing.id);
      const bus = await post('karim', ago(149, 18), outing.id, 'question', 'Le car peut-il passer prendre les familles place du Marché, au Haut-Pré ? Beaucoup n’ont pas de voiture.');
      await answer('mireille', ago(148, 10), outing.id, bus.id, 'Oui : le car fera trois arrêts, un devant chaque maison.', 'mireille');
      await advance('mireille', ago(147, 9), outing.id);
      await post('yanis', ago(147, 17), outing.id, 'reaction', 'Bonne idée. Les ados des Tilleuls peuvent aider à encadrer les plus petits.');
      await advance('mireille', ago(146, 9), outing.id);
      for (const [key, hour] of [['mireille', 9], ['amandine', 12], ['yanis', 18], ['karim', 20]] as const) await stance(key, ago(146, hour), outing.id, 'consent');
      await decisions.closeRound(await by('mireille', ago(145, 9)), outing.id, {
        statement: 'Sortie commune adoptée : inscriptions dans chaque maison, un car avec trois arrêts.',
        reviewOn: null,
      });
    },
    // 2. The steering committee meets; its decision by consensus is adopted with one reservation.
    async () => {
      const meeting = await meetings.scheduleMeeting(await by('ines', ago(150, 14)), {
        bodyId: bodies.steering,
        title: 'Comité de pilotage',
        startsAt: ago(134, 17).toISOString(),
        durationMinutes: 120,
        place: 'Centre social du Moulin, salle des Saules',
        onlineUrl: null,
        facilitatorId: id('ines'),
        secretaryId: id('claire'),
      });
      const news = await meetings.addAgendaItem(await by('nadia', ago(145, 11)), meeting.id, { kind: 'information', title: 'Nouvelles des trois maisons', proposalId: null, minutesAllotted: 15 });
      const workshop = await decisions.createProposal(await by('samia', ago(143, 10)), {
        level: 'operational',
        topic: '',
        wording: 'Ouvrir l’atelier numérique du mercredi, au Centre social du Moulin, aux habitant·es des trois quartiers.',
        context: 'L’atelier a six places libres chaque semaine. Les personnes des Tilleuls et du Haut-Pré nous le demandent pour leurs démarches en ligne.',
        participationLevel: 'participation',
        facilitatorId: id('ines'),
      });
      const decisionItem = await meetings.addAgendaItem(await by('samia', ago(143, 11)), meeting.id, {
        kind: 'decision',
        title: 'Ouverture de l’atelier numérique',
        proposalId: workshop.id,
        minutesAllotted: 40,
      });
      const howMany = await post('paul', ago(142, 18), workshop.id, 'question', 'Combien de personnes l’animatrice peut-elle accompagner à la fois ?');
      await answer('samia', ago(141, 9), workshop.id, howMany.id, 'Huit au plus, avec une bénévole en appui.', 'ines');
      const plenaryItem = await meetings.addAgendaItem(await by('jacques', ago(140, 16)), meeting.id, { kind: 'discussion', title: 'Préparer la prochaine assemblée plénière', proposalId: null, minutesAllotted: 30 });
      await advance('ines', ago(139, 9), workshop.id);
      await post('helene', ago(138, 19), workshop.id, 'reaction', 'Au Haut-Pré, on a une liste de personnes qui attendent : merci !');
      await meetings.orderAgenda(await by('ines', ago(136, 9)), meeting.id, { itemIds: [news.id, decisionItem.id, plenaryItem.id] });
      await advance('ines', ago(136, 9, 30), workshop.id);
      for (const key of steering) await meetings.recordAttendance(await by('claire', ago(134, 17)), meeting.id, { personId: id(key), status: 'present', representedBy: null });
      await meetings.advanceMeeting(await by('ines', ago(134, 17, 5)), meeting.id);
      for (const [key, word] of [
        ['ines', 'Contente de vous retrouver, on a un ordre du jour dense.'],
        ['gerard', 'Un peu fatigué, mais là.'],
        ['helene', 'Heureuse : le Haut-Pré a deux nouvelles bénévoles.'],
      ] as const) {
        await meetings.sayRoundWord(await by(key, ago(134, 17, 8)), meeting.id, { word });
      }
      await meetings.advanceMeeting(await by('ines', ago(134, 17, 15)), meeting.id);
      await meetings.advanceMeeting(await by('ines', ago(134, 17, 30)), meeting.id);
      await advance('ines', ago(134, 17, 45), workshop.id);
      for (const key of allBut(steering, 'jacques')) await stance(key, ago(134, 17, 50), workshop.id, 'agree');
      await stance('jacques', ago(134, 17, 55), workshop.id, 'agree_with_reservation', 'D’accord, avec une réserve : nos bénévoles ne pourront pas tenir l’accueil de l’atelier avant deux mois.');
      await decisions.closeRound(await by('ines', ago(134, 18)), workshop.id, {
        statement: 'L’atelier numérique du mercredi est ouvert aux habitant·es des trois quartiers, huit personnes au plus, sur inscription au Moulin.',
        reviewOn: calendarDay(ahead(60, 9)),
      });
      await meetings.advanceMeeting(await by('ines', ago(134, 18, 10)), meeting.id);
      await meetings.advanceMeeting(await by('ines', ago(134, 18, 45)), meeting.id);
      await meetings.sayRoundWord(await by('samia', ago(134, 18, 50)), meeting.id, { word: 'Merci pour l’atelier, les personnes vont être contentes.' });
      await meetings.advanceMeeting(await by('ines', ago(134, 19)), meeting.id);
      await meetings.saveMinutes(await by('claire', ago(133, 10)), meeting.id, { text: MINUTES, basedOn: 0 });
      await meetings.openMinutesReview(await by('claire', ago(133, 10, 5)), meeting.id, { until: ago(127, 20).toISOString() });
      for (const [key, day] of [['ines', 132], ['samia', 132], ['helene', 131], ['nadia', 130], ['jacques', 129]] as const) {
        await meetings.answerMinutesReview(await by(key, ago(day, 18)), meeting.id, { verdict: 'approve', remark: '', basedOn: 1 });
      }
      await meetings.publishMinutes(await by('claire', ago(126, 9)), meeting.id);
    },
    // 3. A matter blocked twice in the steering committee, arbitrated by the directors.
    async () => {
      const saturday = await decisions.createProposal(await by('nadia', ago(120, 10)), {
        level: 'operational',
        topic: '',
        wording: 'Mutualiser l’accueil du samedi matin : une seule permanence, tenue à tour de rôle par chacune des trois maisons.',
        context: 'Trois accueils ouverts le même samedi matin, avec peu de passage dans chacun : une permanence tournante libérerait deux samedis sur trois à chaque équipe.',
        participationLevel: 'participation',
        facilitatorId: id('ines'),
      });
      await advance('ines', ago(118, 9), saturday.id);
      await advance('ines', ago(116, 9), saturday.id);
      await advance('ines', ago(115, 9), saturday.id);
      const objection = 'Le Haut-Pré n’a pas de salarié·e le samedi : la permanence reposerait, un samedi sur trois, sur des bénévoles seul·es.';
      for (const key of allBut(steering, 'helene')) await stance(key, ago(114, 10), saturday.id, 'agree');
      await stance('helene', ago(114, 11), saturday.id, 'object', objection);
      await decisions.closeRound(await by('ines', ago(112, 9)), saturday.id, { statement: '', reviewOn: null });
      await post('jacques', ago(111, 18), saturday.id, 'comment', 'On pourrait prêter un·e salarié·e du Moulin ou des Tilleuls les samedis du Haut-Pré ?');
      await decisions.amendAndReopen(await by('ines', ago(110, 9)), saturday.id, {
        wording:
          'Mutualiser l’accueil du samedi matin : une seule permanence tournante ; quand vient le tour du Haut-Pré, un·e salarié·e d’une autre maison la tient avec ses bénévoles.',
      });
      for (const key of allBut(steering, 'helene')) await stance(key, ago(108, 10), saturday.id, 'agree');
      await stance('helene', ago(108, 11), saturday.id, 'object', 'Prêter une personne ne suffit pas : elle ne connaît ni les lieux ni les habitant·es. Il faut d’abord un poste d’accueil au Haut-Pré.');
      await decisions.closeRound(await by('ines', ago(106, 9)), saturday.id, { statement: '', reviewOn: null });
      await advance('ines', ago(104, 9), saturday.id);
      await advance('ines', ago(103, 9), saturday.id);
      await advance('ines', ago(102, 9), saturday.id);
      for (const key of allBut(directors, 'helene')) await stance(key, ago(101, 14), saturday.id, 'agree');
      await stance('helene', ago(101, 15), saturday.id, 'agree_with_reservation', 'Le Haut-Pré rejoindra la permanence dès qu’un poste d’accueil y sera pourvu.');
      await decisions.closeRound(await by('ines', ago(100, 9)), saturday.id, {
        statement: 'Permanence tournante du samedi à l’essai entre les Tilleuls et le Moulin pendant quatre mois ; le Haut-Pré la rejoint quand son poste d’accueil sera pourvu.',
        reviewOn: calendarDay(ahead(30, 9)),
      });
    },
    // 4. A consultation: the initiator decides after hearing the others' advice.
    async () => {
      const poster = await decisions.createProposal(await by('lucie', ago(90, 10)), {
        level: 'functional',
        topic: COMMUNICATION_TOPIC,
        wording: 'Une affiche et un dépliant communs qui présentent les activités de l’année, aux couleurs des trois maisons.',
        context: 'Chaque maison imprime ses propres supports. Un dépliant commun montrerait aux familles tout ce que le quartier propose.',
        participationLevel: 'consultation',
      });
      const print = await post('rene', ago(89, 19), poster.id, 'question', 'Qui paie l’impression ?');
      await answer('lucie', ago(88, 9), poster.id, print.id, 'Les trois maisons, à parts égales, sur le budget communication de chacune.', 'lucie');
      await stance('samia', ago(88, 14), poster.id, 'advice', 'Gardez une page par maison, avec ses horaires : les familles cherchent d’abord ceux de leur quartier.');
      await stance('jacques', ago(87, 18), poster.id, 'advice', 'Faites-le relire par des habitant·es, le vocabulaire des associations n’est pas toujours clair.');
      await stance('bernard', ago(86, 11), poster.id, 'advice', 'Prévoyez une version en gros caractères pour les personnes âgées.');
      await decisions.recordDecision(await by('lucie', ago(84, 10)), poster.id, {
        outcome: 'adopted',
        statement: 'Un dépliant commun, une page par maison, relu par cinq habitant·es ; une affiche en gros caractères.',
        reviewOn: null,
      });
    },
    // 5. The plenary, held in a hall without Entente at hand, recorded afterwards.
    async () => {
      const plenaryPresent = ['camille', 'nadia', 'gerard', 'lucie', 'yanis', 'samia', 'bernard', 'ines', 'mireille', 'karim', 'helene', 'jacques', 'amandine', 'claire', 'malik', 'sophie'];
      await meetings.recordPastMeeting(await by('camille', ago(58, 10)), {
        bodyId: bodies.plenary,
        title: 'Assemblée plénière : premier bilan',
        heldOn: calendarDay(ago(61, 12)),
        place: 'Maison Haut-Pré, grande salle',
        facilitatorId: id('camille'),
        secretaryId: id('amandine'),
        attendeeIds: plenaryPresent.map(id),
        minutes: PLENARY_MINUTES,
      });
    },
    // 6. The charter's next version: drafted, proposed, under discussion.
    async () => {
      const draft = await charterActs.startDraft(await by('camille', ago(30, 9)), input.charter.id);
      const current = await versionDetail(ctx.db, ctx.viewer, ctx.partnershipId, input.charter.id, draft.id);
      const revision = articleIndex(current.content.articles, 'revision');
      await charterActs.saveDraft(await by('camille', ago(30, 11)), input.charter.id, draft.id, {
        ...current.content,
        articles: [
          ...current.content.articles.slice(0, revision),
          {
            key: randomUUID(),
            kind: 'custom',
            title: 'Accueillir une nouvelle maison',
            body: 'Une maison de quartier qui souhaite rejoindre le partenariat est invitée à deux comités de pilotage. Le comité de pilotage décide ensuite de son entrée ; elle signe alors la charte en vigueur.',
          },
          ...current.content.articles.slice(revision),
        ],
        rules: { ...current.content.rules, dispute: { ...current.content.rules.dispute, crisisMeetingWithinDays: 10 } },
      });
      const amendment = await decisions.createProposal(await by('camille', ago(28, 10)), {
        level: 'strategic',
        topic: '',
        wording: 'Adopter la version 2 de la charte : l’accueil d’une nouvelle maison, et une réunion de crise sous dix jours au lieu de quinze.',
        context: 'La MJC des Rives a demandé à nous rejoindre. La charte ne disait pas comment accueillir une nouvelle maison.',
        participationLevel: 'participation',
        facilitatorId: id('ines'),
        amendsVersionId: draft.id,
      });
      await advance('ines', ago(27, 9), amendment.id);
      const newHouse = await post('helene', ago(25, 18), amendment.id, 'question', 'Une maison qui nous rejoint signe-t-elle la charte en vigueur, ou attend-elle la version suivante ?');
      await answer('camille', ago(24, 10), amendment.id, newHouse.id, 'La charte en vigueur : le nouvel article le dit dans sa dernière phrase.', 'ines');
      await post('samia', ago(23, 12), amendment.id, 'question', 'Deux comités de pilotage, est-ce que ça ne fait pas attendre trop longtemps ?');
    },
    // 7. An election without candidates for the steering committee's facilitation, in its change round.
    async () => {
      const election = await elections.openElection(await by('nadia', ago(24, 9)), {
        bodyId: bodies.steering,
        roleId: input.roles.facilitator,
        qualities: 'Une personne qui distribue la parole avec équité, tient le temps, et prépare l’ordre du jour avec le secrétariat.',
        facilitatorId: id('nadia'),
      });
      const nominations: readonly [string, string, string, number][] = [
        ['nadia', 'samia', 'Elle sait faire parler celles et ceux qui parlent peu.', 23],
        ['gerard', 'samia', 'Elle prépare toujours ses réunions avec soin.', 22],
        ['lucie', 'ines', 'Elle a animé ces six mois avec calme ; la continuité a du sens.', 22],
        ['samia', 'helene', 'Elle connaît bien les trois maisons et reste neutre.', 21],
        ['bernard', 'ines', 'Elle connaît le rôle, on gagnerait du temps.', 20],
        ['paul', 'ines', 'Pour la continuité.', 20],
        ['helene', 'samia', 'Elle tient le temps sans brusquer personne.', 19],
        ['jacques', 'helene', 'Il serait bien que le Haut-Pré anime à son tour.', 18],
        ['claire', 'samia', 'Elle est à l’aise avec les désaccords.', 17],
      ];
      for (const [member, nominee, reason, day] of nominations) await elections.nominate(await by(member, ago(day, 19)), election.id, { nomineeId: id(nominee), reason });
      await elections.advanceElection(await by('nadia', ago(16, 17)), election.id);
      await elections.advanceElection(await by('nadia', ago(16, 18)), election.id);
      await elections.nominate(await by('paul', ago(14, 9)), election.id, {
        nomineeId: id('samia'),
        reason: 'En entendant les raisons, je rejoins celles et ceux qui proposent Samia : Inès a dit souhaiter passer la main.',
      });
    },
    // 8. An open round in the steering committee: some have spoken, others not yet.
    async () => {
      gazette = await decisions.createProposal(await by('claire', ago(21, 10)), {
        level: 'operational',
        topic: '',
        wording: 'Lancer « La Gazette des Trois Rives », un journal de quartier commun : trois numéros par an, écrits avec les habitant·es.',
        context: 'Des habitant·es des trois quartiers veulent raconter ce qui s’y passe. La Gazette serait imprimée à 1 500 exemplaires et déposée dans les commerces.',
        participationLevel: 'participation',
        facilitatorId: id('ines'),
      });
      const cost = await post('bernard', ago(20, 18), gazette.id, 'question', 'Combien coûte un numéro, et sur quel budget ?');
      await answer('claire', ago(19, 9), gazette.id, cost.id, 'Environ 600 € par numéro ; nous demanderons une aide à la ville de Valbourg pour la première année.', 'ines');
      await advance('ines', ago(18, 9), gazette.id);
      await post('samia', ago(17, 12), gazette.id, 'reaction', 'J’aime l’idée d’un journal écrit par les habitant·es plutôt que par nous.');
      await post('paul', ago(16, 20), gazette.id, 'reaction', 'Attention à ne pas promettre trois numéros si le premier n’est pas financé.');
      await advance('ines', ago(15, 9), gazette.id);
      await advance('ines', ago(12, 9), gazette.id, ahead(16, 20));
      for (const [key, day] of [['claire', 12], ['nadia', 11], ['lucie', 10], ['ines', 9], ['bernard', 6]] as const) await stance(key, ago(day, 18), gazette.id, 'agree');
      await stance('paul', ago(5, 19), gazette.id, 'agree_with_reservation', 'D’accord, à condition que le premier numéro soit financé avant d’annoncer les suivants.');
    },
    // 9. The next steering committee, called where its date poll pointed, with items to bring.
    async () => {
      const slots = [ahead(12, 17), ahead(13, 17), ahead(15, 17)];
      const poll = await datePolls.openDatePoll(await by('ines', ago(14, 10)), {
        bodyId: bodies.steering,
        title: 'Comité de pilotage',
        durationMinutes: 120,
        slots: slots.map((slot) => slot.toISOString()),
      });
      const slotIds = await pollSlots(ctx, poll.id);
      const pollAnswers: readonly [string, readonly ('yes' | 'if_need_be' | 'no')[], number][] = [
        ['ines', ['yes', 'yes', 'if_need_be'], 14],
        ['gerard', ['yes', 'no', 'yes'], 13],
        ['samia', ['yes', 'if_need_be', 'no'], 12],
        ['helene', ['if_need_be', 'yes', 'yes'], 12],
        ['claire', ['yes', 'yes', 'no'], 11],
        ['nadia', ['yes', 'no', 'if_need_be'], 10],
        ['bernard', ['yes', 'yes', 'yes'], 9],
        ['jacques', ['no', 'yes', 'yes'], 8],
      ];
      for (const [key, answers, day] of pollAnswers) {
        await datePolls.answerDatePoll(await by(key, ago(day, 19)), poll.id, { answers: answers.map((value, index) => ({ slotId: slotIds[index]!, answer: value })) });
      }
      const next = await datePolls.closeDatePoll(await by('ines', ago(6, 9)), poll.id, {
        slotId: slotIds[0]!,
        place: 'Maison Haut-Pré, salle du Marché',
        onlineUrl: null,
        secretaryId: id('claire'),
      });
      await meetings.addAgendaItem(await by('gerard', ago(5, 10)), next.meetingId, { kind: 'information', title: 'Bilan de la permanence tournante du samedi', proposalId: null, minutesAllotted: 20 });
      await meetings.addAgendaItem(await by('samia', ago(4, 15)), next.meetingId, { kind: 'discussion', title: 'Calendrier des prochaines sorties familles', proposalId: null, minutesAllotted: 30 });
      if (gazette === undefined) throw new Error('the Gazette goes on the agenda weeks after it is proposed');
      await meetings.addAgendaItem(await by('ines', ago(4, 16)), next.meetingId, { kind: 'decision', title: 'La Gazette des Trois Rives : fin du tour de table', proposalId: gazette.id, minutesAllotted: 30 });
    },
    // 10. A consent round in the working group, waiting on two of its members.
    async () => {
      const fare = await decisions.createProposal(await by('amandine', ago(9, 10)), {
        level: 'functional',
        topic: '',
        wording: 'Un tarif solidaire pour la prochaine sortie familles : 2 € par enfant pour les familles au quotient familial le plus bas.',
        context: 'À la première sortie, plusieurs familles du Haut-Pré ne sont pas venues à cause du prix.',
        participationLevel: 'participation',
        facilitatorId: id('mireille'),
      });
      await advance('mireille', ago(9, 11), fare.id);
      const quotient = await post('karim', ago(8, 18), fare.id, 'question', 'Qui vérifie le quotient familial ?');
      await answer('amandine', ago(7, 9), fare.id, quotient.id, 'L’accueil de chaque maison, comme pour les activités de l’année.', 'mireille');
      await advance('mireille', ago(6, 9), fare.id);
      await advance('mireille', ago(4, 9), fare.id, ahead(7, 18));
      await stance('amandine', ago(4, 12), fare.id, 'consent');
      await stance('mireille', ago(3, 18), fare.id, 'consent');
    },
    // 11. The next plenary: a date poll everyone is asked to answer.
    async () => {
      const plenaryPoll = await datePolls.openDatePoll(await by('camille', ago(3, 10)), {
        bodyId: bodies.plenary,
        title: 'Assemblée plénière : bilan des six mois',
        durationMinutes: 150,
        slots: [ahead(30, 17), ahead(37, 8), ahead(44, 17)].map((slot) => slot.toISOString()),
      });
      const plenarySlots = await pollSlots(ctx, plenaryPoll.id);
      for (const [key, answers] of [
        ['nadia', ['yes', 'yes', 'no']],
        ['bernard', ['if_need_be', 'yes', 'yes']],
        ['jacques', ['yes', 'no', 'yes']],
        ['amandine', ['no', 'yes', 'yes']],
        ['karim', ['yes', 'yes', 'yes']],
        ['odile', ['yes', 'if_need_be', 'no']],
      ] as const) {
        await datePolls.answerDatePoll(await by(key, ago(2, 19)), plenaryPoll.id, { answers: answers.map((value, index) => ({ slotId: plenarySlots[index]!, answer: value })) });
      }
    },
    // 12 to 15. Common projects at several of the charter's steps (demo-projects.ts).
    ...projectStorylines({ ctx, clock, houses: input.houses, by, id, keyOf, stance, advance, steering }),
    // 16. The houses' pooled means, one of them booked by a project (demo-pooled-means.ts).
    ...pooledMeanStorylines({ ctx, clock, houses: input.houses, by, id, keyOf, stance, advance, steering }),
    // 17. The projects' budgets: forecast with the project, then its entries (demo-budgets.ts).
    ...budgetStorylines({ ctx, clock, houses: input.houses, by, id, keyOf, stance, advance, steering }),
    // 18. The common fund: the year's calls, two houses paid and one behind, a spending adopted (demo-fund.ts).
    ...fundStorylines({ ctx, clock, houses: input.houses, by, id, keyOf, stance, advance, steering }),
    // 19. A project team under its own cooperation charter, seed 000's shape (demo-team.ts).
    ...teamStorylines({ ctx, clock, houses: input.houses, by, id, keyOf, stance, advance, steering }),
    // 20. Tensions in the family outings' working group: one made a task at its meeting, two waiting (demo-tensions.ts).
    ...tensionStorylines({ ctx, clock, houses: input.houses, by, id, keyOf, stance, advance, steering }),
    // 21. An accompaniment's shared workspace, seed 002's shape (demo-accompaniment.ts).
    ...accompanimentStorylines({ ctx, clock, houses: input.houses, by, id, keyOf, stance, advance, steering }),
  ]);

}

function articleIndex(articles: readonly { readonly kind: string }[], kind: string): number {
  const index = articles.findIndex((article) => article.kind === kind);
  return index < 0 ? articles.length : index;
}

async function pollSlots(ctx: ActContext, pollId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('date_poll_slot').select('id').where('poll_id', '=', pollId).orderBy('starts_at').execute();
  return rows.map((row) => row.id);
}

/**
 * The demo's people are fictional and its months are told, not lived: the mail an act queued
 * stays on the Messages page as sent on the act's day, so that no server logs or sends hundreds of
 * messages to addresses that do not exist. The links they carried are dropped, as after any delivery.
 */
export async function settleDemoMail(ctx: ActContext, sentAt: Date): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const settled = await trx
      .updateTable('outbox_message')
      .set({ created_at: sentAt, sent_at: sentAt })
      .where('partnership_id', '=', ctx.partnershipId)
      .where('sent_at', 'is', null)
      .returning('id')
      .execute();
    if (settled.length > 0) await trx.deleteFrom('outbox_personal_body').where('message_id', 'in', settled.map((row) => row.id)).execute();
  });
}

const MINUTES = `## Présent·es

Les onze membres du comité de pilotage. Animation : Inès Fabre ; secrétariat : Claire Lambert.

## Nouvelles des trois maisons

- **MJC des Tilleuls** : l’atelier théâtre des ados reprend ; il manque toujours un·e quatrième délégué·e au comité.
- **Centre social du Moulin** : l’atelier numérique du mercredi a six places libres chaque semaine.
- **Comité de quartier Haut-Pré** : deux nouvelles bénévoles à l’accueil.

## Ouverture de l’atelier numérique

Proposition de Samia Haddad, tour de table au consensus. **Adoptée** : l’atelier du mercredi est ouvert
aux habitant·es des trois quartiers, huit personnes au plus, sur inscription au Moulin.
Réserve de Jacques Arnaud : les bénévoles du Haut-Pré ne pourront pas tenir l’accueil avant deux mois.

## Préparer la prochaine assemblée plénière

Elle se tiendra à la Maison Haut-Pré. Chaque maison présente un projet commun en cinq minutes ;
Camille Martin envoie l’invitation.

## Tour de clôture

Une réunion dense mais efficace. Prochain comité dans six semaines.
`;

const PLENARY_MINUTES = `## Ordre du jour

1. Bilan des premiers mois du partenariat
2. Les projets communs présentés par chaque maison
3. Questions des habitant·es

## Bilan

Camille Martin rappelle les décisions prises depuis la fondation du partenariat : la sortie familles commune, l’ouverture de
l’atelier numérique du mercredi, la permanence tournante du samedi, arbitrée par le comité de direction.

## Projets communs

- La sortie familles commune : 48 inscrit·es, un car avec trois arrêts.
- L’atelier numérique : complet quatre mercredis sur cinq.

## Questions des habitant·es

Une habitante du Haut-Pré demande un journal de quartier commun. Claire Lambert propose de porter l’idée
au comité de pilotage.
`;
