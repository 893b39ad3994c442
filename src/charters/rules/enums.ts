/** The closed vocabularies of charters, apart from their schemas so the UI can use them without zod. */

export const CHARTER_KINDS = ['partnership', 'project'] as const;
export type CharterKind = (typeof CHARTER_KINDS)[number];

export const ARTICLE_KINDS = [
  'purpose',
  'roles',
  'values',
  'duration',
  'budget',
  'management',
  'disputes',
  'licence',
  'data_protection',
  'revision',
  'signatories',
  'governance',
  'decision_matrix',
  'custom',
] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const DECISION_LEVELS = ['strategic', 'operational', 'functional'] as const;
export type DecisionLevel = (typeof DECISION_LEVELS)[number];

export const DECISION_METHODS = ['consensus', 'consent', 'advice', 'majority', 'lead_decides'] as const;
export type DecisionMethod = (typeof DECISION_METHODS)[number];

/**
 * What a member of the deciding body who has not spoken counts as when a round ends: consenting
 * (tacit consent, once the round's deadline has passed), absent (the quorum may then be missed),
 * or holding the round open (it cannot close while anyone is silent).
 */
export const SILENCE_RULES = ['consents', 'absent', 'blocks'] as const;
export type SilenceRule = (typeof SILENCE_RULES)[number];
/**
 * A rule that does not say, as every charter written before silence was asked about: absent.
 * The seeds never take silence for agreement (« chaque membre se prononce », « vérifier l’accord
 * de tous », « l’implication personnelle est requise ») nor let one silent member hold the body.
 */
export const DEFAULT_SILENCE: SilenceRule = 'absent';

/** How much an initiator keeps the decision: consultation and concertation keep it, participation hands it to the body. */
export const PARTICIPATION_LEVELS = ['consultation', 'concertation', 'participation'] as const;
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number];

export const REVISION_REQUESTERS = ['any_signatory', 'any_member', 'body_member'] as const;
export type RevisionRequester = (typeof REVISION_REQUESTERS)[number];

export const LICENCES = ['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0', 'all_rights_reserved'] as const;
export type Licence = (typeof LICENCES)[number];

export const VERSION_STATUSES = ['draft', 'adopted', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
