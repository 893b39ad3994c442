/** The server's words about the action plan: its refusals, a new draft's title, its proposal, the mail to an action's owner. Merged into the server catalogue. */
export const actionPlanFr = {
  actionPlan: {
    defaultTitle: 'Plan d’action du partenariat',
    proposalWording: 'Adopter le plan d’action « {{title}} », du {{startsOn}} au {{endsOn}}.',
    error: {
      draftExists: 'Un brouillon du plan d’action est déjà en cours : reprenez-le.',
      notDraft: 'Ce plan d’action est adopté : il ne change plus. Commencez un nouveau brouillon pour le réviser.',
      underDecision: 'Ce brouillon est soumis à une décision : il ne change pas tant qu’elle n’est pas prise.',
      decidedOnce: 'Ce brouillon a déjà été soumis à une décision, qui reste au registre : modifiez-le et proposez-le de nouveau.',
      noSubject: 'Ajoutez au moins un sujet avant de proposer le plan.',
      duplicateSubject: 'Un autre sujet porte déjà ce titre.',
      statusInDraft: 'Ce plan n’est pas encore adopté : l’état de ses actions se change dans le brouillon.',
      notInForce: 'Ce plan a été remplacé : ses actions ne changent plus.',
      noPlanInForce: 'Aucun plan d’action n’est adopté : le projet ne peut pas encore s’y rattacher.',
      subjectNotInForce: 'Ce sujet n’est pas un sujet du plan d’action en vigueur.',
      tooMany: 'Il y en a trop : {{maximum}} au plus.',
    },
    mail: {
      ownerSubject_one: 'Plan d’action adopté : une action vous est confiée',
      ownerSubject_other: 'Plan d’action adopté : {{count}} actions vous sont confiées',
      ownerText: 'Le plan d’action « {{title}} » est adopté. Vous êtes responsable de :',
      action: '{{title}} ({{subject}})',
      deadline: 'échéance le {{date}}',
      noDeadline: 'sans échéance',
      ownerAction: 'Voir mes actions',
      ownerReason: 'Vous recevez ce message parce que le plan d’action vous nomme responsable d’actions.',
    },
  },
};

export const actionPlanEn: typeof actionPlanFr = {
  actionPlan: {
    defaultTitle: 'The partnership’s action plan',
    proposalWording: 'Adopt the action plan “{{title}}”, from {{startsOn}} to {{endsOn}}.',
    error: {
      draftExists: 'A draft of the action plan is already being written: take it up.',
      notDraft: 'This action plan is adopted: it no longer changes. Start a new draft to revise it.',
      underDecision: 'This draft is under decision: it does not change until the decision is taken.',
      decidedOnce: 'This draft was already put to a decision, which stays in the register: edit it and propose it again.',
      noSubject: 'Add at least one subject before proposing the plan.',
      duplicateSubject: 'Another subject already has this title.',
      statusInDraft: 'This plan is not adopted yet: its actions’ status is changed in the draft.',
      notInForce: 'This plan was replaced: its actions no longer change.',
      noPlanInForce: 'No action plan is adopted: the project cannot be attached to it yet.',
      subjectNotInForce: 'This subject is not a subject of the action plan in force.',
      tooMany: 'There are too many: {{maximum}} at most.',
    },
    mail: {
      ownerSubject_one: 'Action plan adopted: one action in your hands',
      ownerSubject_other: 'Action plan adopted: {{count}} actions in your hands',
      ownerText: 'The action plan “{{title}}” is adopted. You are in charge of:',
      action: '{{title}} ({{subject}})',
      deadline: 'due on {{date}}',
      noDeadline: 'no deadline',
      ownerAction: 'See my actions',
      ownerReason: 'You receive this message because the action plan names you in charge of actions.',
    },
  },
};
