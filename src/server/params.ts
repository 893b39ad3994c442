import { z } from 'zod';

/** Path parameters of the routes inside a partnership; ids are checked as UUIDs by the scope hook, to answer 404. */
export const inPartnership = z.object({ partnershipId: z.string() });
export const withId = <K extends string>(key: K) => inPartnership.extend({ [key]: z.string() } as Record<K, z.ZodString>);
