/** The server's words about deliverables: their refusals and the mail to a new owner. Merged into the server catalogue. */
export const deliverableFr = {
  deliverable: {
    error: {
      published: 'Ce livrable est publié : il ne change plus.',
      dropped: 'Ce livrable est abandonné : reprenez-le d’abord (état « Prévu »).',
      move: 'Ce livrable ne peut pas passer directement à cet état.',
      notPublishable: 'La licence de la charte (tous droits réservés) ne permet pas de publier ce livrable.',
      outputTitle: 'Ce livrable est une production que la licence de la charte nomme : son titre reste celui de la charte.',
      ownerErased: 'Cette personne a été effacée : rien de nouveau ne peut lui être confié.',
    },
    mail: {
      ownerSubject: 'Un livrable vous est confié : {{title}}',
      ownerText: 'Vous êtes responsable de ce livrable de la charte « {{charter}} ». Dites où il en est depuis la page des livrables.',
      deliverable: 'Livrable',
      dueOn: 'Échéance',
      noDueDay: 'sans échéance',
      ownerAction: 'Voir le livrable',
      ownerReason: 'Vous recevez ce message parce qu’un livrable de la charte « {{charter}} » vous est confié.',
    },
  },
};

export const deliverableEn: typeof deliverableFr = {
  deliverable: {
    error: {
      published: 'This deliverable is published: it no longer changes.',
      dropped: 'This deliverable is dropped: take it up again first (status “Planned”).',
      move: 'This deliverable cannot go straight to that status.',
      notPublishable: 'The charter’s licence (all rights reserved) does not allow publishing this deliverable.',
      outputTitle: 'This deliverable is an output the charter’s licence names: its title stays the charter’s.',
      ownerErased: 'This person was erased: nothing new can be given to them.',
    },
    mail: {
      ownerSubject: 'A deliverable is in your hands: {{title}}',
      ownerText: 'You are in charge of this deliverable of the charter “{{charter}}”. Say where it stands from the deliverables page.',
      deliverable: 'Deliverable',
      dueOn: 'Due on',
      noDueDay: 'no due day',
      ownerAction: 'See the deliverable',
      ownerReason: 'You receive this message because a deliverable of the charter “{{charter}}” is in your hands.',
    },
  },
};
