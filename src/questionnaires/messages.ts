/** The server's words about questionnaires: their refusals, checks of answers and mails. Merged into the server catalogue. */
export const questionnaireFr = {
  questionnaire: {
    refusal: {
      alreadySent: 'Ce questionnaire est déjà envoyé : ses questions ne changent plus.',
      notOpen: 'Ce questionnaire n’est pas encore ouvert aux réponses.',
      closed: 'Ce questionnaire est clos : il ne prend plus de réponses.',
      alreadyAnswered: 'Vous avez déjà répondu à ce questionnaire.',
      anonymousDraft: 'Un questionnaire anonyme s’envoie en une fois : votre brouillon reste dans votre navigateur jusque-là.',
      answerSent: 'Vos réponses sont déjà envoyées : renvoyez-les pour les modifier.',
      closedBeforeSent: 'La clôture de ce questionnaire est passée : modifiez-le pour lui donner une clôture à venir, puis envoyez-le.',
    },
    field: {
      oneQuestion: 'Ajoutez au moins une question.',
      twoChoices: 'Proposez au moins deux choix.',
      twoChoicesSameId: 'Deux choix portent le même identifiant.',
      scaleRange: 'L’échelle va d’un nombre entre 0 et 9 à un nombre plus grand, jusqu’à 10.',
      dayForWeeks: 'Choisissez la journée après laquelle le questionnaire s’ouvre.',
      opensInPast: 'L’ouverture doit venir plus tard que maintenant. Laissez-la vide pour envoyer le questionnaire vous-même.',
      closesInPast: 'La clôture doit venir plus tard que maintenant.',
      closesAfterOpening: 'La clôture doit venir après l’ouverture.',
    },
    answer: {
      text: 'Répondez par un texte.',
      twice: 'Le même choix est coché deux fois.',
      scale: 'Choisissez une valeur de l’échelle.',
      ranking: 'Classez chacun des choix, une fois chacun.',
      unknownQuestion: 'Cette question ne fait pas partie du questionnaire.',
    },
    mail: {
      sentSubject: 'Questionnaire à remplir : « {{title}} »',
      sentText: 'L’équipe d’animation de « {{space}} » vous invite à répondre au questionnaire « {{title}} ». Vos réponses sont enregistrées au fur et à mesure.',
      anonymous: 'Ce questionnaire est anonyme : personne, pas même l’équipe d’animation, ne pourra relier vos réponses à votre nom.',
      named: 'Vos réponses seront partagées avec le groupe, avec votre nom.',
      closes: 'Réponses jusqu’au',
      answer: 'Répondre au questionnaire',
      reason: 'Vous recevez ce message parce que vous faites partie de l’accompagnement « {{space}} ».',
    },
  },
};

export const questionnaireEn: typeof questionnaireFr = {
  questionnaire: {
    refusal: {
      alreadySent: 'This questionnaire has been sent: its questions no longer change.',
      notOpen: 'This questionnaire is not open to answers yet.',
      closed: 'This questionnaire is closed: it takes no more answers.',
      alreadyAnswered: 'You have already answered this questionnaire.',
      anonymousDraft: 'An anonymous questionnaire is sent in one go: your draft stays in your browser until then.',
      answerSent: 'Your answers have been sent: send them again to change them.',
      closedBeforeSent: 'This questionnaire’s close has passed: change it to give it a close to come, then send it.',
    },
    field: {
      oneQuestion: 'Add at least one question.',
      twoChoices: 'Offer at least two choices.',
      twoChoicesSameId: 'Two choices have the same identifier.',
      scaleRange: 'The scale goes from a number between 0 and 9 to a greater one, up to 10.',
      dayForWeeks: 'Choose the day after which the questionnaire opens.',
      opensInPast: 'The opening must come later than now. Leave it empty to send the questionnaire yourself.',
      closesInPast: 'The close must come later than now.',
      closesAfterOpening: 'The close must come after the opening.',
    },
    answer: {
      text: 'Answer with a text.',
      twice: 'The same choice is ticked twice.',
      scale: 'Choose a value of the scale.',
      ranking: 'Rank each choice, once each.',
      unknownQuestion: 'This question is not part of the questionnaire.',
    },
    mail: {
      sentSubject: 'Questionnaire to fill in: “{{title}}”',
      sentText: 'The facilitators of “{{space}}” invite you to answer the questionnaire “{{title}}”. Your answers are saved as you go.',
      anonymous: 'This questionnaire is anonymous: no one, not even the facilitators, can link your answers to your name.',
      named: 'Your answers will be shared with the group, with your name.',
      closes: 'Answers until',
      answer: 'Answer the questionnaire',
      reason: 'You receive this message because you are part of the accompaniment “{{space}}”.',
    },
  },
};
