import { z } from 'zod';

export const BACKUP_FORMAT = 'entente-backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * The backup file an administrator downloads (a JSON attachment): the partnership's tables, each
 * as its rows named by column, with the migration its schema stands at.
 */
export const backupAnswer = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  /** The last migration of the database it was taken from: it is restored by the same version of Entente. */
  schema: z.string(),
  partnershipId: z.uuid(),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
