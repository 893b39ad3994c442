/** The web addresses of an accompaniment's space and of each part of it (issue 21's URL words). */
export const spacePath = (partnershipId: string, accompanimentId: string) => `/p/${partnershipId}/accompagnements/${accompanimentId}`;
export const dayPagePath = (partnershipId: string, accompanimentId: string, dayId: string) => `${spacePath(partnershipId, accompanimentId)}/journees/${dayId}`;

/** The parts of the workspace, in the order a journey meets them; each has its page. */
export const WORKSPACE_PARTS = [
  { key: 'questionnaires', path: 'questionnaires' },
  { key: 'resources', path: 'ressources' },
  { key: 'map', path: 'carte' },
  { key: 'harvest', path: 'moisson' },
  { key: 'report', path: 'rapport' },
] as const;
