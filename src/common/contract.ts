import { z } from 'zod';

/**
 * Building blocks of every capability's contract. A contract file imports only zod and pure rules,
 * since the web reads it too: its pages type what they receive as `Answer<typeof schema>`.
 */

/** An instant: a Date on the server, ISO 8601 text on the wire. */
export const instant = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});

/** A calendar day, `YYYY-MM-DD` on both drivers and on the wire. */
export const calendarDate = z.iso.date();

export const createdId = z.object({ id: z.uuid() });
/** The answer of a route that creates one thing. */
export const created = { 201: createdId } as const;

/** What a page receives from a route answering with `schema`: the wire side of its codecs. */
export type Answer<T extends z.ZodType> = z.input<T>;

/** The answer of a route that says nothing more than its 204 status. */
export const noContent = z.void().describe('No content');

/** A refusal, in the user's language, with a message per field when fields were at fault. */
export const errorAnswer = z.object({ error: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() });

/**
 * The answers of routes that send something other than JSON (a PDF, Markdown, a stream of events):
 * the OpenAPI document names its content type. Fastify sends bytes, or text of a type that is
 * not JSON, as they are, without the serializer.
 */
export const textAnswer = (contentType: string) => ({ 200: { content: { [contentType]: { schema: z.string() } } } });
export const binaryAnswer = (contentType: string) => ({
  200: { content: { [contentType]: { schema: z.custom<Uint8Array<ArrayBufferLike>>((value) => value instanceof Uint8Array).meta({ type: 'string', format: 'binary' }) } } },
});

/*
 * Input building blocks several contracts share; error messages are keys of the server catalogue.
 */
export const required = { error: 'error.required' } as const;
export const name = z.string({ error: 'error.required' }).trim().min(1, required).max(200, { error: 'error.tooLong' });
export const longText = z.string().trim().max(5000, { error: 'error.tooLong' });
export const optionalLine = z.string().trim().max(200, { error: 'error.tooLong' }).nullable().optional();
export const email = z.email({ error: 'error.email' }).max(254).transform((value) => value.toLowerCase());
export const isoDate = z.iso.date({ error: 'error.date' });
export const id = z.uuid({ error: 'error.reference' });
export const count = (max: number) => z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(max, { error: 'error.tooLarge' });

/** A period's end, when it has one, is not before its start. */
export const endsAfterStart = (value: { startsOn: string; endsOn?: string | null | undefined }) =>
  value.endsOn === undefined || value.endsOn === null || value.endsOn >= value.startsOn;
export const endsAfterStartMessage = { error: 'error.endsBeforeStart', path: ['endsOn'] };

/** Ending a period (a seat, a role term, a delegation): today unless a day is given. */
export const endInput = z.object({ endsOn: isoDate.optional() });
