import type { Transaction } from 'kysely';
import type { DecisionMethod } from '../charters/rules/types.js';
import { formatMoney } from '../charters/print/blocks.js';
import { closingSentence } from './closing-words.js';
import type { ClosingRecord } from './rules.js';
import type { Database } from '../common/database/schema.js';
import { formatMeetingTime, translator, type Locale } from '../i18n/server-messages.js';
import type { MailSection } from '../mail/compose.js';
import { membersToTell, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';

type Trx = Transaction<Database>;

export const proposalPath = (partnershipId: string, proposalId: string) => `/p/${partnershipId}/propositions/${proposalId}`;

/** Subjects name a proposal by the start of its wording. */
const titleOf = (wording: string) => (wording.length > 70 ? `${wording.slice(0, 69).trimEnd()}…` : wording);

/** People by id, in the order given, for a sentence that names them. */
async function namesOf(trx: Trx, personIds: readonly string[]): Promise<{ readonly fullName: string }[]> {
  if (personIds.length === 0) return [];
  const people = await trx.selectFrom('person').select(['id', 'full_name as fullName']).where('id', 'in', personIds).execute();
  return personIds.map((id) => people.find((person) => person.id === id) ?? { fullName: '' });
}

/** The common fund's spending a proposal carries, as a mail's fact: those who decide see what they spend. */
function fundSpendingFacts(locale: Locale, fundSpendingCents: string | number | null) {
  if (fundSpendingCents === null) return [];
  const t = translator(locale);
  return [{ label: t('participation.mail.fundSpending'), value: formatMoney(locale, Number(fundSpendingCents)) }];
}

async function proposalFacts(trx: Trx, proposalId: string) {
  return trx
    .selectFrom('proposal as p')
    .innerJoin('body as b', 'b.id', 'p.body_id')
    .innerJoin('person as initiator', 'initiator.id', 'p.initiator_id')
    .innerJoin('person as facilitator', 'facilitator.id', 'p.facilitator_id')
    .select(['p.id', 'p.wording', 'p.body_id', 'p.circle_join_id', 'p.rule', 'p.round', 'p.round_closing', 'p.round_deadline', 'p.initiator_id', 'b.name as body', 'initiator.full_name as initiator', 'facilitator.full_name as facilitator', 'p.fund_spending_cents'])
    .where('p.id', '=', proposalId)
    .executeTakeFirstOrThrow();
}

/**
 * Whom a proposal's acts concern: the deciding body's members hear of a new proposal, are called
 * to answer when a round opens (by its deadline), and learn the outcome, as does its initiator.
 */
export const decisionNotices: NoticeWriters = {
  'proposal.created': async (trx, scope, event) => {
    const proposal = await proposalFacts(trx, String(event.payload['proposalId']));
    // A circle's join request opens its round in the same act: the round's call is its one mail.
    if (proposal.circle_join_id !== null) return;
    const method = (proposal.rule as { method: DecisionMethod }).method;
    const recipients = await membersToTell(trx, [proposal.body_id], scope.now, { except: proposal.initiator_id });
    await tell(trx, scope, recipients, (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: proposal.body, title: titleOf(proposal.wording), wording: proposal.wording, initiator: proposal.initiator };
      return {
        kind: 'information',
        subject: t('participation.proposal.createdSubject', params),
        deadline: null,
        reason: t('participation.mail.reasonMember', params),
        section: {
          paragraphs: [t('participation.proposal.createdText', params), t(`participation.method.${method}`)],
          facts: [{ label: t('participation.mail.facilitator'), value: proposal.facilitator }, ...fundSpendingFacts(recipient.locale, proposal.fund_spending_cents)],
          action: { label: t('participation.proposal.createdAction'), path: proposalPath(scope.partnershipId, proposal.id) },
        },
      };
    });
  },
  'proposal.phase': async (trx, scope, event) => {
    const phase = event.payload['phase'];
    if (phase !== 'round' && phase !== 'advice') return;
    const proposal = await proposalFacts(trx, String(event.payload['proposalId']));
    const method = (proposal.rule as { method: DecisionMethod }).method;
    const recipients = await membersToTell(trx, [proposal.body_id], scope.now);
    await tell(trx, scope, recipients, (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: proposal.body, title: titleOf(proposal.wording), wording: proposal.wording };
      const deadline = proposal.round_deadline;
      const section: MailSection = {
        paragraphs: [t(phase === 'advice' ? 'participation.proposal.adviceText' : 'participation.proposal.roundText', params), t(`participation.method.${method}`)],
        facts: [
          ...(deadline ? [{ label: t('participation.mail.deadline'), value: formatMeetingTime(recipient.locale, deadline) }] : []),
          { label: t('participation.mail.body'), value: proposal.body },
          { label: t('participation.mail.facilitator'), value: proposal.facilitator },
          ...fundSpendingFacts(recipient.locale, proposal.fund_spending_cents),
        ],
        action: { label: t(phase === 'advice' ? 'participation.proposal.adviceAction' : 'participation.proposal.roundAction'), path: toDoPath(scope.partnershipId, { kind: 'stance', proposalId: proposal.id }) },
      };
      return { kind: 'call', subject: t('participation.proposal.roundSubject', params), deadline, reason: t('participation.mail.reasonMember', params), section };
    });
  },
  'round.closed': async (trx, scope, event) => {
    // A decision has its own mail; a round that sends the proposal back, or blocks it, is told here.
    const outcome = event.payload['outcome'];
    if (outcome !== 'amend' && outcome !== 'blocked') return;
    const proposal = await proposalFacts(trx, String(event.payload['proposalId']));
    const recipients = await membersToTell(trx, [String(event.payload['bodyId'])], scope.now, { also: [proposal.initiator_id] });
    const closing = event.payload as unknown as ClosingRecord;
    const silent = await namesOf(trx, closing.silent);
    await tell(trx, scope, recipients, (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: proposal.body, title: titleOf(proposal.wording) };
      return {
        kind: 'information',
        subject: t('participation.proposal.roundClosedSubject', params),
        deadline: null,
        reason: t(recipient.personId === proposal.initiator_id ? 'participation.mail.reasonInitiator' : 'participation.mail.reasonMember', params),
        section: {
          paragraphs: [closingSentence(recipient.locale, { ...closing, silent })],
          facts: [],
          action: { label: t('participation.proposal.roundClosedAction'), path: proposalPath(scope.partnershipId, proposal.id) },
        },
      };
    });
  },
  'proposal.decided': async (trx, scope, event) => {
    const proposal = await proposalFacts(trx, String(event.payload['proposalId']));
    const status = String(event.payload['status']);
    const recipients = await membersToTell(trx, [proposal.body_id], scope.now, { also: [proposal.initiator_id] });
    // Decided by a round of this body: the mail says why it ended so, silence included.
    const closing = proposal.round_closing as ClosingRecord | null;
    const closedHere = closing !== null && closing.bodyId === proposal.body_id && closing.round === proposal.round ? closing : undefined;
    const silentNamed = closedHere && (await namesOf(trx, closedHere.silent));
    await tell(trx, scope, recipients, (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: proposal.body, title: titleOf(proposal.wording), wording: proposal.wording, status: t(`participation.proposal.status.${status}`) };
      const why = closedHere && silentNamed ? [closingSentence(recipient.locale, { ...closedHere, silent: silentNamed })] : [];
      return {
        kind: 'information',
        subject: t('participation.proposal.decidedSubject', params),
        deadline: null,
        reason: t(recipient.personId === proposal.initiator_id ? 'participation.mail.reasonInitiator' : 'participation.mail.reasonMember', params),
        section: {
          paragraphs: [t('participation.proposal.decidedText', params), ...why],
          facts: fundSpendingFacts(recipient.locale, proposal.fund_spending_cents),
          action: { label: t('participation.proposal.decidedAction'), path: proposalPath(scope.partnershipId, proposal.id) },
        },
      };
    });
  },
};
