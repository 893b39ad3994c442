/** The server's words about a dispute's ending: refusals, errors and the mails, which name neither the subject nor the people. Merged into the server catalogue. */
export const disputeEndingFr = {
  disputeEnding: {
    refusal: {
      not_at_this_stage: 'Le différend n’en est pas à cette étape.',
      crisis_meeting_not_held: 'La réunion de crise n’a pas encore eu lieu.',
      no_mediation_named: 'La charte ne nomme personne pour une médiation.',
      plan_incomplete: 'Chaque objectif du plan de sortie doit avoir une personne responsable et une échéance avant le cercle restauratif.',
      tasks_open: 'Chaque objectif du plan de sortie doit être atteint avant de clore le différend.',
      write_up_missing: 'Le retour d’expérience n’est pas encore écrit.',
      taskDone: 'Cet objectif est déjà atteint.',
      already_done: 'Cet objectif est déjà atteint.',
      not_owner: 'Seule la personne responsable de cet objectif le marque comme atteint.',
      waits_for_settlement: 'Cet objectif est atteint quand l’état de règlement des comptes qui lui est lié est approuvé.',
      noBudget: 'La charte n’a pas de budget ouvert : marquez l’objectif comme atteint à la main.',
      roundsMissing: 'Notez chaque tour du cercle restauratif avant de dire qu’il a eu lieu ({{count}} sans notes).',
    },
    error: {
      dueInPast: 'L’échéance ne peut pas être passée.',
      ownerNotInDispute: 'Choisissez une des parties ou la personne médiatrice.',
      personalDetails: 'Retirez ces détails personnels avant de publier : {{found}}.',
      placeOrLink: 'Indiquez un lieu ou un lien de visioconférence.',
      startsInPast: 'Le cercle restauratif ne peut pas être convoqué dans le passé.',
    },
    mail: {
      subject: 'Un différend vous concerne',
      reason: 'Vous recevez ce message parce que vous êtes partie à ce différend ou sa personne médiatrice.',
      taskText: 'Un objectif du plan de sortie vous est confié, pour le {{date}}.',
      taskAction: 'Voir le plan de sortie',
      circleTitle: 'Cercle restauratif',
      circleText: 'Un cercle restauratif est convoqué le {{date}}.',
      circleAction: 'Voir le cercle restauratif',
      writeUpText: 'Le retour d’expérience est écrit : dites si vous acceptez qu’il soit publié.',
      writeUpAction: 'Lire le retour d’expérience',
    },
  },
};

export const disputeEndingEn: typeof disputeEndingFr = {
  disputeEnding: {
    refusal: {
      not_at_this_stage: 'The dispute is not at this step.',
      crisis_meeting_not_held: 'The crisis meeting has not been held yet.',
      no_mediation_named: 'The charter names nobody for a mediation.',
      plan_incomplete: 'Each objective of the exit plan needs an owner and a due day before the restorative circle.',
      tasks_open: 'Each objective of the exit plan must be reached before the dispute closes.',
      write_up_missing: 'The write-up is not written yet.',
      taskDone: 'This objective is reached already.',
      already_done: 'This objective is reached already.',
      not_owner: 'Only the owner of this objective marks it reached.',
      waits_for_settlement: 'This objective is reached when the settlement statement linked to it is approved.',
      noBudget: 'The charter has no open budget: mark the objective reached by hand.',
      roundsMissing: 'Write notes for each round of the restorative circle before saying it was held ({{count}} without notes).',
    },
    error: {
      dueInPast: 'The due day cannot be past.',
      ownerNotInDispute: 'Choose one of the parties or the mediator.',
      personalDetails: 'Remove these personal details before publishing: {{found}}.',
      placeOrLink: 'Give a place or a video call link.',
      startsInPast: 'The restorative circle cannot be called in the past.',
    },
    mail: {
      subject: 'A dispute concerns you',
      reason: 'You receive this message because you are a party to this dispute or its mediator.',
      taskText: 'An objective of the exit plan is yours, due on {{date}}.',
      taskAction: 'See the exit plan',
      circleTitle: 'Restorative circle',
      circleText: 'A restorative circle is called on {{date}}.',
      circleAction: 'See the restorative circle',
      writeUpText: 'The write-up is written: say whether you agree to publish it.',
      writeUpAction: 'Read the write-up',
    },
  },
};
