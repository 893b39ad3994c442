/** The server's words about the split and the settling of accounts: refusals, the proposal's wording, the mail once approved. Merged into the server catalogue. */
export const settlementFr = {
  settlement: {
    incomeLine: 'Recettes du projet',
    proposalWording: {
      closing: 'Approuver l’apurement des comptes de « {{title}} » à la clôture, et clore son budget.',
      exit_plan: 'Approuver l’apurement des comptes de « {{title}} » selon le plan de sortie, et clore son budget.',
    },
    refusal: {
      budgetClosed: 'Ce budget est clos : plus aucun versement ni aucune écriture n’y est enregistré.',
      pending: 'Un état de règlement est déjà en cours pour ce budget : reprenez-le.',
      noPosts: 'La charte ne prévoit aucun poste de répartition : il n’y a rien à régler.',
      underDecision: 'Cet état de règlement est soumis à une décision : il ne change pas tant qu’elle n’est pas prise.',
      decided: 'Cet état de règlement est approuvé : il ne change plus.',
      reversalOfReversal: 'Ce versement est lui-même une correction : il ne se corrige pas.',
      alreadyReversed: 'Ce versement est déjà corrigé.',
      moneyUnderDecision: 'L’état de règlement des comptes est soumis à une décision : aucune écriture ni aucun versement n’est enregistré sur ce budget tant qu’elle n’est pas prise.',
      revisionUnderDecision: 'Une révision du budget est soumise à une décision : attendez qu’elle soit prise avant de proposer l’état de règlement.',
    },
    error: {
      unknownPost: 'Ce poste ne figure pas dans la répartition de la charte.',
    },
    mail: {
      approvedSubject: 'Comptes apurés : « {{title}} »',
      approvedText: 'L’état de règlement des comptes de « {{title}} » est approuvé par décision. Le budget est clos : il ne reçoit plus de versement ni d’écriture.',
      refund: 'À rembourser',
      due: 'Reste à verser',
      open: 'Voir l’état de règlement',
      reason: 'Vous recevez ce message parce que vous tenez les comptes de ce budget ou faites partie de l’équipe du projet.',
    },
  },
};

export const settlementEn: typeof settlementFr = {
  settlement: {
    incomeLine: 'Project income',
    proposalWording: {
      closing: 'Approve the settling of accounts of “{{title}}” at its closing, and close its budget.',
      exit_plan: 'Approve the settling of accounts of “{{title}}” under the exit plan, and close its budget.',
    },
    refusal: {
      budgetClosed: 'This budget is closed: no payment or entry is recorded on it any more.',
      pending: 'A settlement statement is already under way for this budget: carry on with it.',
      noPosts: 'The charter names no split posts: there is nothing to settle.',
      underDecision: 'This statement is under decision: it does not change until the decision is taken.',
      decided: 'This statement is approved: it no longer changes.',
      reversalOfReversal: 'This payment is itself a correction: it cannot be corrected.',
      alreadyReversed: 'This payment is already corrected.',
      moneyUnderDecision: 'The settlement statement is under decision: no entry or payment is recorded on this budget until the decision is taken.',
      revisionUnderDecision: 'A revision of the budget is under decision: wait for it before proposing the settlement statement.',
    },
    error: {
      unknownPost: 'This post is not in the charter’s split.',
    },
    mail: {
      approvedSubject: 'Accounts settled: “{{title}}”',
      approvedText: 'The settlement statement of “{{title}}” is approved by decision. The budget is closed: it receives no more payments or entries.',
      refund: 'To refund',
      due: 'Still to pay',
      open: 'See the settlement statement',
      reason: 'You receive this message because you keep this budget’s accounts or belong to the project’s team.',
    },
  },
};
