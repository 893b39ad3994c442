import { z } from 'zod';
import { LICENCES } from '../../charters/rules/enums.js';
import { instant } from '../../common/contract.js';
import { PROPOSAL_STATUSES } from '../../decisions/rules.js';
import { questionnaireResultsAnswer } from '../../questionnaires/results/contract.js';
import { ACCOMPANIMENT_ROLES } from '../rules.js';

/** The final report of an accompaniment, as the page reads it (the PDF prints the same). */
const member = z.object({ id: z.uuid(), fullName: z.string(), role: z.enum(ACCOMPANIMENT_ROLES) });

export const accompanimentReportAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  purpose: z.string(),
  licence: z.enum(LICENCES),
  project: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  archivedAt: instant.nullable(),
  days: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      startsAt: instant,
      endsAt: instant,
      place: z.string(),
      heldAt: instant.nullable(),
      items: z.array(z.object({ title: z.string(), minutes: z.int().nullable() })),
      /** Who came, by name, once the day is held. */
      present: z.array(z.string()),
    }),
  ),
  participants: z.object({
    organizations: z.array(z.object({ id: z.uuid(), name: z.string(), people: z.array(member) })),
    withoutOrganization: z.array(member),
    outsiders: z.array(member),
  }),
  questionnaires: z.array(questionnaireResultsAnswer),
  resources: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.enum(['file', 'link', 'article']), author: z.string().nullable(), licence: z.enum(LICENCES), confidential: z.boolean() })),
  map: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['cooperation', 'obstacle', 'need', 'skill', 'premises', 'equipment']),
      title: z.string(),
      description: z.string(),
      status: z.enum(['under_way', 'to_come']).nullable(),
      offeredBy: z.string().nullable(),
      parties: z.array(z.string()),
      cooperation: z.string().nullable(),
    }),
  ),
  harvest: z.array(z.object({ id: z.uuid(), kind: z.enum(['nugget', 'pebble']), text: z.string(), author: z.string().nullable(), day: z.string().nullable(), projectStage: z.string().nullable() })),
  decisions: z.array(z.object({ id: z.uuid(), wording: z.string(), status: z.enum(PROPOSAL_STATUSES), decidedAt: instant.nullable(), outcomeStatement: z.string() })),
});
