import fastJson from 'fast-json-stringify';
import { z, type ZodType } from 'zod';

/**
 * Writes a route's answer from its contract: fast-json-stringify compiled from the JSON Schema of
 * the wire side of the schema's codecs (an `instant` leaves as ISO 8601 text). Only the fields the
 * contract names leave the server, whatever the query returned, and faster than JSON.stringify.
 * Handlers are held to the contract by the type provider when they compile, not here at run time.
 */
export function answerSerializer(schema: ZodType): (answer: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
}
