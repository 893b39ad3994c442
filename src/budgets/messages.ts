/** The server's words about budgets: their refusals, the revision's proposal, the lead's call. Merged into the server catalogue. */
export const budgetFr = {
  budget: {
    proposalWording: 'Valider la version {{number}} du budget du projet « {{title}} ».',
    proposalContext: 'Le budget prévisionnel révisé, ligne par ligne, avec les dépenses et recettes réalisées : {{path}}',
    refusal: {
      closed: 'Ce budget est clos : plus aucune écriture ne peut y être enregistrée.',
      no_draft: 'Aucun brouillon n’est en cours : ouvrez une révision du budget validé pour le modifier.',
      not_draft: 'Cette version est soumise à une décision : elle ne change pas tant qu’elle n’est pas prise.',
      presented: 'Le projet est présenté avec ce budget prévisionnel : il ne change pas tant que la décision n’est pas prise.',
      draft_exists: 'Une révision du budget est déjà en cours : reprenez-la.',
      nothing_validated: 'Aucune version du budget n’est encore validée : modifiez le prévisionnel en cours.',
      validated_with_project: 'Le premier budget est validé avec le projet : il n’a pas à être proposé à part.',
      no_line: 'Ajoutez au moins une ligne avant de proposer le budget.',
      line_not_in_force: 'Cette ligne n’est pas dans le budget en vigueur : enregistrez l’écriture sur une ligne du budget validé.',
      reversal_of_reversal: 'Une correction ne se corrige pas : enregistrez une nouvelle écriture.',
      already_reversed: 'Cette écriture est déjà corrigée.',
    },
    error: {
      negative: 'Indiquez un montant positif ou nul.',
      positive: 'Indiquez un montant supérieur à zéro.',
      amountRequired: 'Indiquez un montant (seule une dépense en nature peut rester sans valeur).',
      inKindIncome: 'Seule une dépense peut être apportée en nature.',
      payerOne: 'Indiquez soit une organisation, soit une personne.',
      lineNotInBudget: 'Cette ligne n’est pas une ligne de ce budget.',
      attachmentType: 'Le justificatif doit être un PDF, une image PNG ou JPEG.',
      attachmentContent: 'Le justificatif est illisible.',
      attachmentTooLarge: 'Le justificatif dépasse 5 Mo.',
    },
    mail: {
      forecastSubject: 'Budget prévisionnel à établir : {{title}}',
      forecastText: 'Le projet « {{title}} » est lancé et n’a pas encore de budget prévisionnel. Vous conduisez ce projet : établissez-le avec le groupe de travail : dépenses (internes et externes) et recettes.',
      forecastAction: 'Établir le budget',
      forecastReason: 'Vous recevez ce message parce que vous conduisez ce projet.',
    },
  },
};

export const budgetEn: typeof budgetFr = {
  budget: {
    proposalWording: 'Validate version {{number}} of the budget of the project “{{title}}”.',
    proposalContext: 'The revised forecast budget, line by line, with the costs and income so far: {{path}}',
    refusal: {
      closed: 'This budget is closed: nothing more can be recorded on it.',
      no_draft: 'No draft is being written: start a revision of the validated budget to change it.',
      not_draft: 'This version is under decision: it does not change until the decision is taken.',
      presented: 'The project is presented with this forecast: it does not change until the decision is taken.',
      draft_exists: 'A revision of the budget is already being written: take it up.',
      nothing_validated: 'No version of the budget is validated yet: edit the current forecast.',
      validated_with_project: 'The first budget is validated with the project: it is not proposed on its own.',
      no_line: 'Add at least one line before proposing the budget.',
      line_not_in_force: 'This line is not in the budget in force: record the entry on a line of the validated budget.',
      reversal_of_reversal: 'A correction is not corrected: record a new entry.',
      already_reversed: 'This entry is already corrected.',
    },
    error: {
      negative: 'Give a positive amount or zero.',
      positive: 'Give an amount above zero.',
      amountRequired: 'Give an amount (only an in-kind cost may be left unvalued).',
      inKindIncome: 'Only a cost may be provided in kind.',
      payerOne: 'Give either an organization or a person.',
      lineNotInBudget: 'This line is not a line of this budget.',
      attachmentType: 'The proof must be a PDF, a PNG or a JPEG image.',
      attachmentContent: 'The proof cannot be read.',
      attachmentTooLarge: 'The proof is larger than 5 MB.',
    },
    mail: {
      forecastSubject: 'Forecast budget to draw up: {{title}}',
      forecastText: 'The project “{{title}}” has started and has no forecast budget yet. As its lead, you draw it up with the working group: costs (internal and external) and income.',
      forecastAction: 'Draw up the budget',
      forecastReason: 'You receive this message because you lead this project.',
    },
  },
};
