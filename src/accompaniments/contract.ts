import { z } from 'zod';
import { LICENCES } from '../charters/rules/enums.js';
import { email, instant, longText, name } from '../common/contract.js';
import { ACCOMPANIMENT_ROLES } from './rules.js';

/** The inputs of an accompaniment's acts, validated by the server and published as OpenAPI. */
const reference = { error: 'error.reference' } as const;
const choice = { error: 'error.choice' } as const;

/** A new accompaniment: of the partnership, or of one of its projects; its licence defaults to the charter's. */
export const accompanimentInput = z.object({
  title: name,
  purpose: longText.default(''),
  projectId: z.uuid(reference).nullable().default(null),
  licence: z.enum(LICENCES, choice).optional(),
});

/** What a facilitator changes of the space. */
export const accompanimentChangeInput = z.object({ title: name, purpose: longText, licence: z.enum(LICENCES, choice) });

/**
 * Someone joins the space: a person of the partnership, as participant or facilitator, or someone
 * from outside by name and address, as participant, who becomes an outsider reached by link.
 */
export const memberInput = z.union(
  [
    z.object({ personId: z.uuid(reference), role: z.enum(ACCOMPANIMENT_ROLES, choice) }),
    z.object({ outsider: z.object({ fullName: name, email }) }),
  ],
  { error: 'accompaniment.field.memberChoice' },
);

/** The answers of the accompaniments' routes: what leaves the server, and what the pages read. */
const reachAnswer = z.enum(['facilitator', 'participant', 'reader']);

export const accompanimentSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  project: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  createdAt: instant,
  archivedAt: instant.nullable(),
  memberCount: z.int(),
  reach: reachAnswer,
});

export const accompanimentsAnswer = z.object({
  accompaniments: z.array(accompanimentSummary),
  can: z.object({ create: z.boolean() }),
});

export const accompanimentMember = z.object({
  person: z.object({ id: z.uuid(), fullName: z.string() }),
  role: z.enum(ACCOMPANIMENT_ROLES),
  outsider: z.boolean(),
  /** The organizations the person belongs to, for the report's « participants by organization ». */
  organizations: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export const accompanimentAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  purpose: z.string(),
  project: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  licence: z.enum(LICENCES),
  createdAt: instant,
  archivedAt: instant.nullable(),
  reach: reachAnswer,
  members: z.array(accompanimentMember),
  can: z.object({ change: z.boolean(), manageMembers: z.boolean(), contribute: z.boolean(), archive: z.boolean() }),
});
