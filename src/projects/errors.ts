import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  project_partnership_id_title_key: { field: 'title', key: 'project.titleTaken' },
  // Two presentations or evaluations of one project racing: the second finds the first open.
  proposal_one_open_per_project: { field: 'projectId', key: 'project.refusal.evaluation_pending' },
};
