/** The server's words for a project's conduct: its refusals and the directors' information note. Merged into the server catalogue. */
export const projectConductFr = {
  projectConduct: {
    refusal: {
      project_finished: 'Ce projet est terminé ou a été refusé : sa conduite ne change plus.',
      indicators_before_action: 'Les indicateurs se fixent avant que l’action commence : une fois le projet validé, et tant qu’il est actif.',
      not_under_way: 'On mesure un indicateur quand l’action a commencé : une fois le projet actif.',
      no_lead_named: 'La fiche de mission s’écrit une fois nommée la personne qui conduira le projet.',
      lead_awaiting_confirmation: 'La fiche de mission ne change pas pendant que la nomination attend sa validation.',
      objective_has_indicators: 'Des indicateurs mesurent cet objectif : retirez-les d’abord.',
      indicator_measured: 'Cet indicateur a déjà des mesures : il reste, pour que l’évaluation puisse les lire.',
    },
    notParticipating: 'Cette structure ne participe pas au projet.',
    objectiveOfAnotherProject: 'Cet objectif n’appartient pas à ce projet.',
    measuredInFuture: 'Une mesure se note le jour où elle a été faite, pas à l’avance.',
    mail: {
      meansSubject: 'Projet « {{project}} » : {{organization}} y met des moyens',
      meansText: 'Pour information, avant que l’action ne les engage : {{organization}} met à disposition du projet commun « {{project}} » les moyens suivants.',
      kind: 'Nature',
      description: 'Description',
      organization: 'Structure',
      action: 'Voir le projet',
      reason: 'Vous recevez cette note d’information parce que vous siégez dans « {{body}} », que la charte informe des moyens engagés dans les projets communs.',
    },
    meansKind: {
      room: 'salle',
      equipment: 'matériel',
      staff_time: 'temps de personnel salarié',
      volunteer_time: 'temps de bénévoles',
      speaker: 'personne intervenante',
      other: 'autre',
    },
  },
};

export const projectConductEn = {
  projectConduct: {
    refusal: {
      project_finished: 'This project is over or was refused: its conduct no longer changes.',
      indicators_before_action: 'Indicators are set before the action starts: once the project is validated, and while it is active.',
      not_under_way: 'An indicator is measured once the action has started: once the project is active.',
      no_lead_named: 'The mission sheet is written once the project lead has been named.',
      lead_awaiting_confirmation: 'The mission sheet does not change while the nomination awaits its confirmation.',
      objective_has_indicators: 'Indicators measure this objective: remove them first.',
      indicator_measured: 'This indicator already has measurements: it stays, so that the evaluation can read them.',
    },
    notParticipating: 'This organization does not take part in the project.',
    objectiveOfAnotherProject: 'This objective belongs to another project.',
    measuredInFuture: 'A measurement is recorded on the day it was made, not in advance.',
    mail: {
      meansSubject: 'Project “{{project}}”: {{organization}} provides means',
      meansText: 'For your information, before the action commits them: {{organization}} provides the common project “{{project}}” with the following means.',
      kind: 'Kind',
      description: 'Description',
      organization: 'Organization',
      action: 'See the project',
      reason: 'You receive this information note because you sit on “{{body}}”, which the charter keeps informed of the means committed to common projects.',
    },
    meansKind: {
      room: 'room',
      equipment: 'equipment',
      staff_time: 'staff time',
      volunteer_time: 'volunteer time',
      speaker: 'speaker',
      other: 'other',
    },
  },
};
