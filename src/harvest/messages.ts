/** The server's words about the harvest: its refusals and mails. Merged into the server catalogue. */
export const harvestFr = {
  harvest: {
    refusal: {
      closedLicence: 'La licence de l’accompagnement est « tous droits réservés » : rien ne peut y être publié. Choisissez d’abord une licence ouverte.',
      noAuthor: 'Cette récolte n’a plus d’auteur : personne ne peut consentir à sa publication.',
      alreadyAsked: 'La publication de cette récolte est déjà demandée à son auteur.',
      alreadyPublished: 'Cette récolte est déjà publiée.',
      notAsked: 'Personne ne vous a demandé de publier cette récolte.',
    },
    field: {
      tiedTo: 'Rattachez votre récolte à une journée ou à une étape du projet (l’une des deux).',
      day: 'Choisissez une journée de cet accompagnement.',
      noProject: 'Cet accompagnement ne suit pas de projet : rattachez votre récolte à une journée.',
    },
    mail: {
      askedSubject: 'Accepteriez-vous de publier votre récolte « {{title}} » ?',
      askedText: 'L’équipe d’animation de « {{space}} » aimerait publier ce que vous avez écrit comme article de retour d’expérience, sous le titre « {{title}} », avec la licence {{licence}}. Vous pouvez accepter ou refuser : rien n’est publié sans votre accord.',
      yourWords: 'Vos mots',
      askedAction: 'Répondre',
      reasonAuthor: 'Vous recevez ce message parce que vous avez écrit cette récolte dans « {{space}} ».',
      answeredSubjectYes: 'Votre demande de publication est acceptée : « {{title}} »',
      answeredSubjectNo: 'Votre demande de publication est refusée : « {{title}} »',
      answeredYes: 'L’auteur a accepté : « {{title}} » est publié comme article de retour d’expérience.',
      answeredNo: 'L’auteur préfère ne pas publier « {{title}} ». La récolte reste dans l’espace du groupe.',
      answeredAction: 'Voir la récolte',
      reasonAsker: 'Vous recevez ce message parce que vous avez demandé cette publication dans « {{space}} ».',
    },
  },
};

export const harvestEn: typeof harvestFr = {
  harvest: {
    refusal: {
      closedLicence: 'The accompaniment’s licence is “all rights reserved”: nothing of it can be published. Choose an open licence first.',
      noAuthor: 'This item no longer has an author: nobody can consent to its publication.',
      alreadyAsked: 'Its author has already been asked to publish this item.',
      alreadyPublished: 'This item is already published.',
      notAsked: 'Nobody asked you to publish this item.',
    },
    field: {
      tiedTo: 'Tie your item to a day or to a stage of the project (one of the two).',
      day: 'Choose a day of this accompaniment.',
      noProject: 'This accompaniment follows no project: tie your item to a day.',
    },
    mail: {
      askedSubject: 'Would you publish your harvest item “{{title}}”?',
      askedText: 'The facilitators of “{{space}}” would like to publish what you wrote as an experience article, titled “{{title}}”, under the licence {{licence}}. You may accept or decline: nothing is published without your consent.',
      yourWords: 'Your words',
      askedAction: 'Answer',
      reasonAuthor: 'You receive this message because you wrote this item in “{{space}}”.',
      answeredSubjectYes: 'Your publication request was accepted: “{{title}}”',
      answeredSubjectNo: 'Your publication request was declined: “{{title}}”',
      answeredYes: 'The author accepted: “{{title}}” is published as an experience article.',
      answeredNo: 'The author prefers not to publish “{{title}}”. The item stays in the group’s space.',
      answeredAction: 'See the harvest',
      reasonAsker: 'You receive this message because you asked for this publication in “{{space}}”.',
    },
  },
};
