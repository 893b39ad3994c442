/** The server's words about an accompaniment's days, under `accompaniment.day`. */
export const dayFr = {
  refusal: {
    held: 'Cette journée a eu lieu : son horaire, son lieu et son programme ne changent plus.',
    notBegun: 'Une journée se dit tenue une fois commencée.',
  },
  field: {
    notAMember: 'Seules les personnes de l’accompagnement peuvent être notées présentes.',
  },
  mail: {
    scheduledSubject: 'Journée « {{title}} » le {{date}}',
    changedSubject: 'La journée « {{title}} » change : le {{date}}',
    scheduled: 'Une journée de l’accompagnement « {{space}} » est prévue. Le fichier joint l’ajoute à votre agenda.',
    changed: 'La journée de l’accompagnement « {{space}} » a changé. Le fichier joint met votre agenda à jour.',
    when: 'Quand',
    where: 'Où',
    programme: 'Programme',
    minutes: '{{minutes}} min',
    open: 'Voir la journée',
    reason: 'Vous recevez ce message parce que vous faites partie de l’accompagnement « {{space}} ».',
  },
};

export const dayEn: typeof dayFr = {
  refusal: {
    held: 'This day has taken place: its time, place and programme no longer change.',
    notBegun: 'A day is said held once it has begun.',
  },
  field: {
    notAMember: 'Only people of the accompaniment can be noted present.',
  },
  mail: {
    scheduledSubject: 'Day “{{title}}” on {{date}}',
    changedSubject: 'The day “{{title}}” changes: on {{date}}',
    scheduled: 'A day of the accompaniment “{{space}}” is planned. The attached file adds it to your calendar.',
    changed: 'The day of the accompaniment “{{space}}” has changed. The attached file updates your calendar.',
    when: 'When',
    where: 'Where',
    programme: 'Programme',
    minutes: '{{minutes}} min',
    open: 'See the day',
    reason: 'You receive this message because you are part of the accompaniment “{{space}}”.',
  },
};
