import { z } from 'zod';
import { instant, longText } from '../common/contract.js';
import { COOPERATION_STATUSES, MAP_KINDS, OFFER_KINDS, TIED_KINDS } from './rules.js';

/** The inputs of the map's acts, validated by the server and published as OpenAPI. */
const reference = { error: 'error.reference' } as const;
const choice = { error: 'error.choice' } as const;

const title = z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(300, { error: 'error.tooLong' });

/** An organization of the partnership, or a person of the space. */
export const mapParty = z.union([z.object({ organizationId: z.uuid(reference) }).strict(), z.object({ personId: z.uuid(reference) }).strict()], { error: 'map.field.party' });

/**
 * An entry of the map, by kind: a cooperation with its status and the parties it joins (two at
 * least); an obstacle or a need, tied to a cooperation of the same space; a skill, premises or
 * equipment, offered by someone.
 */
export const mapEntryInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('cooperation'),
      title,
      description: longText.default(''),
      status: z.enum(COOPERATION_STATUSES, choice),
      parties: z.array(mapParty).min(2, { error: 'map.field.twoParties' }).max(30, { error: 'error.tooLarge' }),
    }),
    z.object({ kind: z.enum(TIED_KINDS), title, description: longText.default(''), cooperationId: z.uuid(reference) }),
    z.object({ kind: z.enum(OFFER_KINDS), title, description: longText.default(''), offeredBy: mapParty }),
  ],
  { error: 'error.choice' },
);

/** « Qui sait… ? »: words to look for (French, accents ignored) and a kind. */
export const mapSearch = z.object({
  q: z.string().trim().max(200, { error: 'error.tooLong' }).optional(),
  kind: z.enum(MAP_KINDS, choice).optional(),
});

/** The answers of the map's routes: what leaves the server, and what the pages read. */
const partyAnswer = z.object({
  kind: z.enum(['organization', 'person']),
  id: z.uuid(),
  name: z.string(),
});

export const mapEntryAnswer = z.object({
  id: z.uuid(),
  kind: z.enum(MAP_KINDS),
  title: z.string(),
  description: z.string(),
  status: z.enum(COOPERATION_STATUSES).nullable(),
  /** The cooperation an obstacle or a need belongs to. */
  cooperation: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  /** Whom a cooperation joins. */
  parties: z.array(partyAnswer),
  /** Who offers a skill, premises or equipment. */
  offeredBy: partyAnswer.nullable(),
  author: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  createdAt: instant,
  can: z.object({ change: z.boolean() }),
});

export const mapAnswer = z.object({
  accompaniment: z.object({ id: z.uuid(), title: z.string() }),
  entries: z.array(mapEntryAnswer),
  /** Who cooperates with whom, over every cooperation of the space (the search filters the list only). */
  graph: z.object({
    size: z.int(),
    nodes: z.array(partyAnswer.extend({ key: z.string(), x: z.number(), y: z.number() })),
    edges: z.array(z.object({ cooperationId: z.uuid(), from: z.string(), to: z.string(), status: z.enum(COOPERATION_STATUSES) })),
  }),
  /** What a party may be: the organizations of the partnership and the people of the space. */
  choices: z.object({
    organizations: z.array(z.object({ id: z.uuid(), name: z.string() })),
    people: z.array(z.object({ id: z.uuid(), fullName: z.string() })),
  }),
  can: z.object({ add: z.boolean() }),
});
