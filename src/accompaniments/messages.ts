import { dayEn, dayFr } from './days/messages.js';

/** The server's words about accompaniments: their refusals and mails. Merged into the server catalogue. */
export const accompanimentFr = {
  accompaniment: {
    refusal: {
      archived: 'Cet accompagnement est archivé : il se lit, il ne change plus.',
      alreadyMember: 'Cette personne fait déjà partie de l’accompagnement.',
      notAMember: 'Cette personne ne fait pas partie de l’accompagnement.',
      lastFacilitator: 'Un accompagnement garde au moins une personne qui l’anime.',
    },
    field: {
      memberChoice: 'Choisissez une personne du partenariat, ou donnez le nom et l’adresse d’une personne extérieure.',
      addressOfAMember: 'Cette adresse est celle d’une personne du partenariat : choisissez-la dans la liste.',
    },
    mail: {
      addedSubject: 'Vous êtes invité à l’accompagnement « {{title}} »',
      addedParticipant: 'Vous participez à l’accompagnement « {{title}} ». Son espace rassemble les questionnaires, les ressources, la carte des coopérations et la récolte du groupe.',
      addedFacilitator: 'Vous animez l’accompagnement « {{title}} ». Son espace rassemble les questionnaires, les ressources, la carte des coopérations et la récolte du groupe.',
      open: 'Ouvrir l’espace',
      reasonParticipant: 'Vous recevez ce message parce que l’équipe d’animation de « {{title}} » vous y a invité.',
      reasonFacilitator: 'Vous recevez ce message parce qu’on vous a confié l’animation de « {{title}} ».',
    },
    day: dayFr,
  },
};

export const accompanimentEn: typeof accompanimentFr = {
  accompaniment: {
    refusal: {
      archived: 'This accompaniment is archived: it can be read, it no longer changes.',
      alreadyMember: 'This person is already part of the accompaniment.',
      notAMember: 'This person is not part of the accompaniment.',
      lastFacilitator: 'An accompaniment keeps at least one person who facilitates it.',
    },
    field: {
      memberChoice: 'Choose a person of the partnership, or give the name and address of someone from outside.',
      addressOfAMember: 'This address belongs to a person of the partnership: choose them from the list.',
    },
    mail: {
      addedSubject: 'You are invited to the accompaniment “{{title}}”',
      addedParticipant: 'You take part in the accompaniment “{{title}}”. Its space holds the group’s questionnaires, resources, map of cooperations and harvest.',
      addedFacilitator: 'You facilitate the accompaniment “{{title}}”. Its space holds the group’s questionnaires, resources, map of cooperations and harvest.',
      open: 'Open the space',
      reasonParticipant: 'You receive this message because the facilitators of “{{title}}” invited you.',
      reasonFacilitator: 'You receive this message because you were asked to facilitate “{{title}}”.',
    },
    day: dayEn,
  },
};
