import i18next, { type TFunction } from 'i18next';
import { charterEn, charterFr } from './charter-messages.js';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const fr = {
  error: {
    required: 'Ce champ est obligatoire.',
    tooLong: 'Ce texte est trop long.',
    tooLarge: 'Ce nombre est trop grand.',
    email: 'Cette adresse e-mail n’est pas valide.',
    date: 'Indiquez une date au format AAAA-MM-JJ.',
    dateTime: 'Indiquez une date et une heure.',
    reference: 'Cet élément est introuvable.',
    integer: 'Indiquez un nombre entier.',
    atLeastOne: 'Indiquez au moins 1.',
    choice: 'Choisissez une des valeurs proposées.',
    endsBeforeStart: 'La fin ne peut pas précéder le début.',
    sizeRange: 'Le maximum doit être supérieur ou égal au minimum.',
    delegateToSelf: 'On ne se délègue pas une mission à soi-même.',
    passwordTooShort: 'Le mot de passe doit compter au moins 12 caractères.',
    invalid: 'La demande contient des erreurs.',
    notFound: 'Cette page n’existe pas ou vous n’y avez pas accès.',
    forbidden: 'Vous n’avez pas le droit de faire cela.',
    signInRequired: 'Connectez-vous pour continuer.',
    signInFailed: 'Adresse e-mail ou mot de passe incorrect.',
    csrf: 'Votre session a expiré : rechargez la page et recommencez.',
    tooManyRequests: 'Trop de tentatives. Réessayez dans une minute.',
    linkExpired: 'Ce lien n’est plus valable. Demandez-en un nouveau.',
    duplicate: 'Cet élément existe déjà.',
    conflict: 'Cette action est en conflit avec l’état actuel. Rechargez la page.',
    personNotInPartnership: 'Cette personne ne fait pas partie du partenariat.',
    organizationNotInPartnership: 'Cette structure ne fait pas partie du partenariat.',
    bodyNotInPartnership: 'Cette instance ne fait pas partie du partenariat.',
    parentCycle: 'Une instance ne peut pas dépendre d’elle-même.',
    seatNeedsOrganization: 'Un·e délégué·e ou référent·e représente une structure : choisissez-la.',
    notAMemberOfOrganization: 'Cette personne n’est pas membre de la structure qu’elle représenterait.',
    alreadySeated: 'Cette personne siège déjà dans cette instance.',
    alreadyEnded: 'Ce mandat est déjà terminé.',
    endBeforeStart: 'La fin ne peut pas précéder le début ({{startsOn}}).',
    alreadyMember: 'Cette personne est déjà membre de cette structure.',
    emailTaken: 'Une autre personne du partenariat utilise déjà cette adresse.',
    nameTaken: 'Ce nom est déjà utilisé dans le partenariat.',
    noEmail: 'Indiquez d’abord l’adresse e-mail de cette personne.',
    alreadyHasAccount: 'Cette personne a déjà un compte.',
    lastAdmin: 'Le partenariat doit garder au moins un·e administrateur·rice.',
    internal: 'Une erreur inattendue est survenue. Réessayez plus tard.',
    jsonRequired: 'Cette demande doit être envoyée au format JSON.',
    endAfterPlannedEnd: 'La fin prévue est le {{endsOn}} : on peut l’avancer, pas la repousser.',
    notSeatedInBody: 'La personne qui délègue doit siéger dans l’instance à informer.',
    signInToAccept: 'Un compte existe déjà pour cette adresse : connectez-vous avec lui, puis rouvrez ce lien.',
    versionNotDraft: 'Cette version n’est plus un projet : elle ne peut plus changer.',
    draftExists: 'Un projet de nouvelle version existe déjà : reprenez-le.',
    onlyVersion: 'C’est la seule version de cette charte : on ne peut pas la supprimer.',
    charterHasIssues: 'La charte ne peut pas être adoptée tant que ses règles ont des erreurs.',
    versionNotInForce: 'Seule la version en vigueur peut être signée.',
    versionChanged: 'Le texte a changé depuis que vous l’avez ouvert : relisez-le avant de continuer.',
    readAndApproved: 'Cochez « Lu et approuvé » pour signer.',
    alreadySigned: 'Cette signature a déjà été donnée.',
    charterFormat: 'Ce fichier n’est pas une charte exportée par Entente.',
    draftUnderDecision: 'Ce projet est soumis à décision : il ne peut pas changer tant que l’instance n’a pas tranché.',
    otherPartnershipCharter: 'Une autre charte de partenariat est déjà en vigueur : révisez-la plutôt que d’en adopter une seconde.',
    duplicateId: 'Cet identifiant est déjà utilisé par une autre ligne.',
    number: 'Indiquez un nombre.',
    negative: 'Indiquez un nombre positif.',
    percent: 'Un pourcentage va de 0 à 100.',
    tooMany: 'Il y a trop d’éléments dans cette liste.',
    idempotencyKey: 'La clé d’envoi doit compter de 8 à 100 caractères.',
    decision: {
      notInThisPhase: 'Ce n’est pas possible dans la phase en cours.',
      stanceNotAllowed: 'Cette position n’existe pas dans la méthode de l’instance.',
      reasonRequired: 'Dites pourquoi : une objection ou une réserve s’accompagne de ses raisons.',
      alreadyDecided: 'Cette proposition est déjà tranchée.',
      noNextPhase: 'Il n’y a pas de phase suivante : clôturez le tour.',
      roundNotOpen: 'Le tour de table n’est pas ouvert.',
      proxyOtherOrganization: 'Une procuration se donne à un membre de la même structure.',
      proxyToSelf: 'On ne se donne pas procuration à soi-même.',
      holderNotMember: 'Cette personne ne siège pas dans l’instance qui décide.',
      noCharterInForce: 'Aucune charte de partenariat n’est en vigueur : elle seule dit qui décide.',
      noRoute: 'La charte ne dit pas qui prend ce genre de décision.',
      bodyDecides: 'Ici, c’est l’instance qui décide, par son tour de table.',
      keyReused: 'Cette clé d’envoi a déjà servi pour une autre position.',
      noRevisionBody: 'La charte ne dit pas quelle instance la révise : complétez sa règle de révision.',
      deadlinePassed: 'Le tour est clos : sa date limite est passée.',
      deadlineOutsideRound: 'Une date limite se donne en ouvrant un tour de table.',
      deadlinePast: 'La date limite doit être dans le futur.',
    },
  },
  composition: {
    delegates_missing: '{{body}} : {{organization}} a {{actual}} délégué·e(s) sur {{expected}}',
    delegates_excess: '{{body}} : {{organization}} a {{actual}} délégué·e(s) pour {{expected}} prévu·es',
    referents_missing: '{{body}} : {{organization}} n’a pas de référent·e ({{actual}} sur {{expected}})',
    too_few_members: '{{body}} : {{actual}} membre(s), il en faut au moins {{expected}}',
    too_many_members: '{{body}} : {{actual}} membres, pour {{expected}} au plus',
  },
  mail: {
    invitationSubject: 'Invitation à rejoindre {{partnership}} sur Entente',
    invitationBody:
      'Bonjour {{name}},\n\nVous êtes invité·e à rejoindre le partenariat « {{partnership}} » sur Entente.\nChoisissez votre mot de passe en ouvrant ce lien (valable 7 jours) :\n{{link}}\n\nSi vous n’attendiez pas ce message, ignorez-le.',
    magicLinkSubject: 'Votre lien de connexion à Entente',
    magicLinkBody:
      'Bonjour,\n\nPour vous connecter à Entente, ouvrez ce lien (valable 30 minutes, une seule fois) :\n{{link}}\n\nSi vous n’avez rien demandé, ignorez ce message.',
    delegationSubject: '{{body}} : {{giver}} délègue une partie de sa mission à {{receiver}}',
    delegationBody:
      'Bonjour,\n\nPour information, {{giver}} confie à {{receiver}} une partie de sa mission, {{period}} :\n\n{{scope}}\n\nVous recevez ce message parce que vous siégez dans l’instance « {{body}} ».',
    reviewSubject: 'À revoir : « {{wording}} »',
    reviewBody: 'Bonjour,\n\nLa décision « {{wording}} » devait être revue le {{date}}. Vous pouvez la reprendre avec l’instance, ou la confirmer.\n\nVous recevez ce rappel parce que vous l’avez proposée ou animée.',
    noteSubject: 'Note d’information — {{body}} : « {{wording}} »',
    noteBody:
      'Bonjour,\n\nPour information, l’instance « {{body}} » a statué le {{date}} sur la proposition suivante :\n\n{{wording}}\n\nIssue : {{status}}.\nRelevé de décision : {{statement}}\n\nVous recevez cette note parce que vous siégez dans « {{informed}} », que la charte demande d’informer.',
    periodOpen: 'à partir du {{startsOn}}',
    periodClosed: 'du {{startsOn}} au {{endsOn}}',
  },
  ...charterFr,
};

const en: typeof fr = {
  error: {
    required: 'This field is required.',
    tooLong: 'This text is too long.',
    tooLarge: 'This number is too large.',
    email: 'This e-mail address is not valid.',
    date: 'Enter a date as YYYY-MM-DD.',
    dateTime: 'Enter a date and a time.',
    reference: 'This item cannot be found.',
    integer: 'Enter a whole number.',
    atLeastOne: 'Enter at least 1.',
    choice: 'Choose one of the proposed values.',
    endsBeforeStart: 'The end cannot come before the start.',
    sizeRange: 'The maximum must be greater than or equal to the minimum.',
    delegateToSelf: 'You cannot delegate a mission to yourself.',
    passwordTooShort: 'The password must be at least 12 characters long.',
    invalid: 'The request contains errors.',
    notFound: 'This page does not exist or you do not have access to it.',
    forbidden: 'You are not allowed to do this.',
    signInRequired: 'Sign in to continue.',
    signInFailed: 'Wrong e-mail address or password.',
    csrf: 'Your session has expired: reload the page and try again.',
    tooManyRequests: 'Too many attempts. Try again in a minute.',
    linkExpired: 'This link is no longer valid. Ask for a new one.',
    duplicate: 'This item already exists.',
    conflict: 'This action conflicts with the current state. Reload the page.',
    personNotInPartnership: 'This person is not part of the partnership.',
    organizationNotInPartnership: 'This organization is not part of the partnership.',
    bodyNotInPartnership: 'This body is not part of the partnership.',
    parentCycle: 'A body cannot depend on itself.',
    seatNeedsOrganization: 'A delegate or referent represents an organization: choose it.',
    notAMemberOfOrganization: 'This person is not a member of the organization they would represent.',
    alreadySeated: 'This person already sits in this body.',
    alreadyEnded: 'This mandate has already ended.',
    endBeforeStart: 'The end cannot come before the start ({{startsOn}}).',
    alreadyMember: 'This person is already a member of this organization.',
    emailTaken: 'Another person in the partnership already uses this address.',
    nameTaken: 'This name is already used in the partnership.',
    noEmail: 'Enter this person’s e-mail address first.',
    alreadyHasAccount: 'This person already has an account.',
    lastAdmin: 'The partnership must keep at least one administrator.',
    internal: 'An unexpected error occurred. Try again later.',
    jsonRequired: 'This request must be sent as JSON.',
    endAfterPlannedEnd: 'The planned end is {{endsOn}}: it can be brought forward, not pushed back.',
    notSeatedInBody: 'The person who delegates must sit in the body to inform.',
    signInToAccept: 'An account already exists for this address: sign in with it, then open this link again.',
    versionNotDraft: 'This version is no longer a draft: it cannot change any more.',
    draftExists: 'A draft of a new version already exists: continue it.',
    onlyVersion: 'This is the charter’s only version: it cannot be deleted.',
    charterHasIssues: 'The charter cannot be adopted while its rules have errors.',
    versionNotInForce: 'Only the version in force can be signed.',
    versionChanged: 'The text has changed since you opened it: read it again before going on.',
    readAndApproved: 'Tick “Read and approved” to sign.',
    alreadySigned: 'This signature has already been given.',
    charterFormat: 'This file is not a charter exported by Entente.',
    draftUnderDecision: 'This draft is being decided on: it cannot change until the body has decided.',
    otherPartnershipCharter: 'Another partnership charter is already in force: revise it rather than adopt a second one.',
    duplicateId: 'This identifier is already used by another row.',
    number: 'Enter a number.',
    negative: 'Enter a positive number.',
    percent: 'A percentage goes from 0 to 100.',
    tooMany: 'There are too many items in this list.',
    idempotencyKey: 'The request key must have 8 to 100 characters.',
    decision: {
      notInThisPhase: 'This is not possible in the current phase.',
      stanceNotAllowed: 'This stance does not exist in the body’s method.',
      reasonRequired: 'Say why: an objection or a reservation comes with its reasons.',
      alreadyDecided: 'This proposal has already been settled.',
      noNextPhase: 'There is no next phase: close the round.',
      roundNotOpen: 'The round is not open.',
      proxyOtherOrganization: 'A proxy goes to a member of the same organization.',
      proxyToSelf: 'You cannot give a proxy to yourself.',
      holderNotMember: 'This person does not sit in the deciding body.',
      noCharterInForce: 'No partnership charter is in force: only it says who decides.',
      noRoute: 'The charter does not say who takes this kind of decision.',
      bodyDecides: 'Here the body decides, by its round.',
      keyReused: 'This request key was already used for another stance.',
      noRevisionBody: 'The charter does not say which body revises it: complete its revision rule.',
      deadlinePassed: 'The round is closed: its deadline has passed.',
      deadlineOutsideRound: 'A deadline is set when opening a round.',
      deadlinePast: 'The deadline must be in the future.',
    },
  },
  composition: {
    delegates_missing: '{{body}}: {{organization}} has {{actual}} delegate(s) out of {{expected}}',
    delegates_excess: '{{body}}: {{organization}} has {{actual}} delegate(s) for {{expected}} planned',
    referents_missing: '{{body}}: {{organization}} has no referent ({{actual}} of {{expected}})',
    too_few_members: '{{body}}: {{actual}} member(s), at least {{expected}} needed',
    too_many_members: '{{body}}: {{actual}} members, for {{expected}} at most',
  },
  mail: {
    invitationSubject: 'Invitation to join {{partnership}} on Entente',
    invitationBody:
      'Hello {{name}},\n\nYou are invited to join the partnership “{{partnership}}” on Entente.\nChoose your password by opening this link (valid for 7 days):\n{{link}}\n\nIf you were not expecting this message, ignore it.',
    magicLinkSubject: 'Your sign-in link for Entente',
    magicLinkBody:
      'Hello,\n\nTo sign in to Entente, open this link (valid for 30 minutes, once):\n{{link}}\n\nIf you did not ask for it, ignore this message.',
    delegationSubject: '{{body}}: {{giver}} delegates part of their mission to {{receiver}}',
    delegationBody:
      'Hello,\n\nFor your information, {{giver}} hands part of their mission to {{receiver}}, {{period}}:\n\n{{scope}}\n\nYou receive this message because you sit in the body “{{body}}”.',
    reviewSubject: 'To review: “{{wording}}”',
    reviewBody: 'Hello,\n\nThe decision “{{wording}}” was to be reviewed on {{date}}. You may take it up again with the body, or confirm it.\n\nYou receive this reminder because you proposed or facilitated it.',
    noteSubject: 'Information note — {{body}}: “{{wording}}”',
    noteBody:
      'Hello,\n\nFor your information, the body “{{body}}” settled the following proposal on {{date}}:\n\n{{wording}}\n\nOutcome: {{status}}.\nDecision record: {{statement}}\n\nYou receive this note because you sit in “{{informed}}”, which the charter asks to inform.',
    periodOpen: 'from {{startsOn}}',
    periodClosed: 'from {{startsOn}} to {{endsOn}}',
  },
  ...charterEn,
};

const catalogue = i18next.createInstance();
await catalogue.init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: 'fr',
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function translator(locale: Locale): TFunction {
  return catalogue.getFixedT(locale);
}

export function isMessageKey(key: string): boolean {
  return catalogue.exists(key, { lng: 'fr' });
}

const longDate = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A calendar date (YYYY-MM-DD) as people write it, in the message's language. */
export function formatCalendarDate(locale: Locale, isoDate: string): string {
  return longDate[locale].format(new Date(`${isoDate}T00:00:00Z`));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
