/** The server's words about the map of cooperations: its refusals. Merged into the server catalogue. */
export const cooperationMapFr = {
  map: {
    field: {
      party: 'Choisissez une organisation du partenariat ou une personne de l’accompagnement.',
      twoParties: 'Une coopération réunit au moins deux organisations ou personnes.',
      partyTwice: 'Cette organisation ou cette personne est déjà nommée dans la coopération.',
      personNotInSpace: 'Cette personne ne fait pas partie de l’accompagnement.',
      cooperation: 'Choisissez une coopération de cette carte.',
      kindStays: 'Une entrée de la carte garde sa nature : supprimez-la et ajoutez-en une autre.',
    },
  },
};

export const cooperationMapEn: typeof cooperationMapFr = {
  map: {
    field: {
      party: 'Choose an organization of the partnership or a person of the accompaniment.',
      twoParties: 'A cooperation joins at least two organizations or people.',
      partyTwice: 'This organization or person is already named in the cooperation.',
      personNotInSpace: 'This person is not part of the accompaniment.',
      cooperation: 'Choose a cooperation of this map.',
      kindStays: 'An entry of the map keeps its kind: remove it and add another one.',
    },
  },
};
