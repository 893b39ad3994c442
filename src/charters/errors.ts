import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  charter_signature_version_id_signatory_id_key: { field: 'signatoryId', key: 'error.alreadySigned' },
  charter_version_one_draft: { field: '_', key: 'error.draftExists' },
};
