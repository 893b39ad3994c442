import { id } from '../common/contract.js';

/** Ids in URLs are UUIDs; anything else names nothing, and gets the same 404 as an unknown id. */
export const isUuid = (value: unknown): value is string => id.safeParse(value).success;
