import { translator, type Locale } from '../i18n/server-messages.js';
import type { RoundClosing } from './rules.js';

/** The closing a sentence is made of: the counts stay apart from the names, which the caller looks up. */
type ClosingToSay = Pick<RoundClosing, 'outcome' | 'reason' | 'silentCountedAs' | 'counted' | 'needed' | 'counts'> & {
  readonly silent: readonly { readonly fullName: string }[];
};

/**
 * Why a round ends as it does, in plain words of the reader's language: who did not speak and
 * what the charter counts them as, then the reason (the quorum, the objections, the vote), then
 * what follows. « 2 membres ne se sont pas exprimés (Anne Martin, Paul Roux) : comptés absents.
 * Quorum non atteint : 3 voix sur les 5 nécessaires. La proposition revient en amendement… »
 * Pages show it and the outcome mail can state it.
 */
export function closingSentence(locale: Locale, closing: ClosingToSay): string {
  const t = translator(locale);
  const parts: string[] = [];
  if (closing.silent.length > 0) {
    parts.push(t(`decision.closing.silent.${closing.silentCountedAs}`, { count: closing.silent.length, names: closing.silent.map((person) => person.fullName).join(', ') }));
  }
  switch (closing.reason) {
    case 'quorumNotReached':
      parts.push(t('decision.closing.reason.quorumNotReached', { count: closing.counted, needed: closing.needed }));
      break;
    case 'objections':
      parts.push(t('decision.closing.reason.objections', { count: closing.counts.object ?? 0 }));
      break;
    case 'majorityFor':
    case 'majorityNotFor':
      parts.push(t(`decision.closing.reason.${closing.reason}`, { for: closing.counts.for ?? 0, against: closing.counts.against ?? 0 }));
      break;
    case 'noObjection':
      parts.push(t('decision.closing.reason.noObjection'));
      break;
    case 'silenceBlocks':
      break;
  }
  parts.push(t(`decision.closing.outcome.${closing.outcome}`));
  return parts.join(' ');
}
