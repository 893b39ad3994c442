/** The server's words for circles people join: refusals, the proposal's wording, mails. Merged into the server catalogue. */
export const circleFr = {
  circle: {
    refusal: {
      notACircle: 'Cette instance n’est pas un cercle : on n’y entre pas sur demande.',
      alreadyMember: 'Cette personne siège déjà dans ce cercle.',
      alreadyAsked: 'Une demande d’entrée de cette personne attend déjà la décision du cercle.',
      noMembers: 'Ce cercle n’a encore aucun membre pour consentir à une entrée : demandez à l’administration du partenariat d’y placer ses premiers membres.',
      outsider: 'Une personne extérieure au partenariat n’entre pas dans un cercle.',
      settled: 'Cette demande n’attend plus de décision : elle ne peut plus être retirée.',
    },
    proposal: { wording: 'Une entrée dans le cercle « {{circle}} »' },
    supervisorReason: '{{role}} : supervise les cercles',
    mail: {
      invitedSubject: 'Invitation à rejoindre le cercle « {{circle}} »',
      invitedText: '{{by}} vous invite à rejoindre le cercle « {{circle}} ». Ses membres décident de votre entrée par consentement ; vous pouvez retirer cette demande tant qu’ils n’ont pas décidé.',
      joinedSubject: 'Vous faites partie du cercle « {{circle}} »',
      joinedText: 'Le cercle « {{circle}} » a consenti à votre entrée : vous y siégez à partir d’aujourd’hui.',
      declinedSubject: 'Le cercle « {{circle}} » n’a pas retenu votre entrée',
      declinedText: 'Le cercle « {{circle}} » n’a pas consenti à votre entrée, ou la demande est restée sans décision. La proposition dit comment le tour s’est terminé.',
      open: 'Voir la demande',
      reasonPerson: 'Vous recevez ce message parce que cette demande d’entrée vous concerne.',
      reasonAsker: 'Vous recevez ce message parce que vous avez fait cette demande d’entrée.',
    },
  },
};

export const circleEn: typeof circleFr = {
  circle: {
    refusal: {
      notACircle: 'This body is not a circle: nobody joins it on request.',
      alreadyMember: 'This person already sits in this circle.',
      alreadyAsked: 'A request for this person to join is already waiting for the circle’s decision.',
      noMembers: 'This circle has no member yet to consent to anyone joining: ask the partnership’s administrators to seat its first members.',
      outsider: 'A person from outside the partnership does not join a circle.',
      settled: 'This request no longer waits for a decision: it can no longer be withdrawn.',
    },
    proposal: { wording: 'Someone joins the circle “{{circle}}”' },
    supervisorReason: '{{role}}: supervises the circles',
    mail: {
      invitedSubject: 'Invitation to join the circle “{{circle}}”',
      invitedText: '{{by}} invites you to join the circle “{{circle}}”. Its members decide on your joining by consent; you may withdraw this request until they have decided.',
      joinedSubject: 'You are a member of the circle “{{circle}}”',
      joinedText: 'The circle “{{circle}}” consented to your joining: you sit in it from today.',
      declinedSubject: 'The circle “{{circle}}” did not take you in',
      declinedText: 'The circle “{{circle}}” did not consent to your joining, or the request was left undecided. The proposal says how its round ended.',
      open: 'See the request',
      reasonPerson: 'You receive this message because this request to join concerns you.',
      reasonAsker: 'You receive this message because you made this request to join.',
    },
  },
};
