import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  organization_partnership_id_name_key: { field: 'name', key: 'error.nameTaken' },
  membership_person_id_organization_id_key: { field: 'personId', key: 'error.alreadyMember' },
  membership_request_one_waiting: { field: 'personId', key: 'error.membershipRequest.alreadyWaiting' },
};
