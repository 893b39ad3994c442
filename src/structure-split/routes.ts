import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../common/errors.js';
import {
  assignmentInput,
  bodyInput,
  bodyPatch,
  delegationInput,
  endInput,
  membershipInput,
  organizationInput,
  organizationPatch,
  personInput,
  personPatch,
  roleInput,
  rolePatch,
  seatInput,
} from './commands.js';
import { may } from '../common/permissions.js';
import { translator } from '../i18n/server-messages.js';
import { readJournal } from '../journal/journal-store.js';
import { invitePerson } from '../accounts/acts.js';
import { addMembership, answerMembershipRequest } from '../organizations/memberships.js';
import { downloadBackup } from '../backup/backup.js';
import { listPartnershipsOfAccount } from '../partnerships/acts.js';
import { erasePerson } from '../personal-data/acts.js';
import * as acts from './acts.js';
import {
  bodyDetail,
  listPeople,
  organizationDetail,
  outbox,
  partnershipOverview,
  personDetail,
  roleDetail,
  type GapView,
} from './queries.js';
import { inPartnership, withId } from '../server/params.js';

const created = { 201: z.object({ id: z.uuid() }) };

/** People per page of the list, and ids a page may name (the journal asks for the names it shows). */
const PEOPLE_PAGE = 100;
const PEOPLE_BY_ID = 100;

export const structureRoutes: FastifyPluginAsyncZod = async (app) => {
  const mailContext = (request: FastifyRequest) => ({ link: { baseUrl: app.config.publicUrl }, locale: request.locale });
  const gapView = (request: FastifyRequest) => (view: GapView) => ({
    ...view.gap,
    message: translator(request.locale)(`composition.${view.gap.code}`, {
      body: view.bodyName,
      organization: view.organizationName ?? '',
      actual: view.gap.actual,
      expected: view.gap.expected,
    }),
  });

  app.get('/', { schema: { tags: ['structure'], summary: 'Partnerships of the signed-in account' } }, async (request, reply) => {
    if (!request.session) return reply.status(401).send({ error: 'unauthenticated', message: translator(request.locale)('error.signInRequired') });
    return listPartnershipsOfAccount(app.store.db, request.session.accountId);
  });

  app.get(
    '/:partnershipId',
    { schema: { tags: ['structure'], summary: 'Overview: organizations, bodies with their composition check, roles', params: inPartnership } },
    async (request) => {
      const overview = await partnershipOverview(app.store.db, request.act.viewer, request.act.partnershipId, request.act.now);
      return { ...overview, bodies: overview.bodies.map((body) => ({ ...body, gaps: body.gaps.map(gapView(request)) })) };
    },
  );

  app.post(
    '/:partnershipId/organizations',
    { schema: { tags: ['organizations'], summary: 'Add a member organization', params: inPartnership, body: organizationInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createOrganization(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/organizations/:organizationId',
    { schema: { tags: ['organizations'], summary: 'An organization, its members and the seats it holds', params: withId('organizationId') } },
    async (request) => organizationDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.organizationId, request.act.now),
  );
  app.patch(
    '/:partnershipId/organizations/:organizationId',
    { schema: { tags: ['organizations'], summary: 'Change an organization', params: withId('organizationId'), body: organizationPatch } },
    async (request) => acts.updateOrganization(request.act, request.params.organizationId, request.body),
  );
  app.post(
    '/:partnershipId/organizations/:organizationId/memberships',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Add a person to an organization (201), or ask them when they belong elsewhere and an organization administrator adds them (202: a request waits for their answer)',
        params: withId('organizationId'),
        body: membershipInput,
        response: { 201: z.object({ id: z.uuid(), pending: z.literal(false) }), 202: z.object({ id: z.uuid(), pending: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const added = await addMembership(request.act, request.params.organizationId, request.body, mailContext(request));
      return reply.status(added.pending ? 202 : 201).send(added);
    },
  );
  for (const [path, answer] of [['accept', 'accepted'], ['decline', 'declined']] as const) {
    app.post(
      `/:partnershipId/membership-requests/:requestId/${path}`,
      {
        schema: {
          tags: ['people'],
          summary: `${answer === 'accepted' ? 'Accept' : 'Decline'} a request to join an organization: the person asked, or a partnership administrator`,
          params: withId('requestId'),
        },
      },
      async (request) => answerMembershipRequest(request.act, request.params.requestId, answer, mailContext(request)),
    );
  }
  app.delete(
    '/:partnershipId/organizations/:organizationId/memberships/:membershipId',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Remove a person from an organization',
        params: withId('organizationId').extend({ membershipId: z.string() }),
      },
    },
    async (request) => acts.removeMembership(request.act, request.params.organizationId, request.params.membershipId),
  );

  app.get(
    '/:partnershipId/people',
    {
      schema: {
        tags: ['people'],
        summary: 'People of the partnership with their organizations, in name order, a page at a time (`after` = the previous page’s `next`)',
        params: inPartnership,
        querystring: z.object({
          q: z.string().max(200, { error: 'error.tooLong' }).optional(),
          organizationId: z.uuid({ error: 'error.reference' }).optional(),
          ids: z
            .string()
            .max(PEOPLE_BY_ID * 37, { error: 'error.tooLong' })
            .transform((text) => text.split(','))
            .pipe(z.array(z.uuid({ error: 'error.reference' })).max(PEOPLE_BY_ID, { error: 'error.tooLong' }))
            .optional(),
          after: z.uuid({ error: 'error.reference' }).optional(),
          limit: z.coerce
            .number()
            .int({ error: 'error.integer' })
            .min(1, { error: 'error.atLeastOne' })
            .max(PEOPLE_PAGE, { error: 'error.tooLarge' })
            .default(PEOPLE_PAGE),
        }),
      },
    },
    async (request) => {
      const { q, organizationId, ids, after, limit } = request.query;
      return listPeople(app.store.db, request.act.partnershipId, { search: q, organizationId, ids }, { limit, after });
    },
  );
  app.post(
    '/:partnershipId/people',
    { schema: { tags: ['people'], summary: 'Add a person', params: inPartnership, body: personInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createPerson(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/people/:personId',
    { schema: { tags: ['people'], summary: 'A person: organizations, seats, roles, delegations', params: withId('personId') } },
    async (request) => personDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.personId, request.act.now),
  );
  app.patch(
    '/:partnershipId/people/:personId',
    { schema: { tags: ['people'], summary: 'Change a person', params: withId('personId'), body: personPatch } },
    async (request) => acts.updatePerson(request.act, request.params.personId, request.body),
  );
  app.post(
    '/:partnershipId/people/:personId/erase',
    { schema: { tags: ['people'], summary: 'Administrators: erase a person (GDPR art. 17): pseudonym, no contact, no account, seats and roles ended', params: withId('personId') } },
    async (request) => erasePerson(request.act, request.params.personId),
  );
  app.post(
    '/:partnershipId/people/:personId/invitation',
    { schema: { tags: ['people'], summary: 'Invite a person to create their account', params: withId('personId') } },
    async (request, reply) => {
      const invitation = await invitePerson(request.act, request.params.personId, { baseUrl: app.config.publicUrl }, request.locale);
      return reply.status(201).send({ expiresAt: invitation.expiresAt.toISOString() });
    },
  );

  app.post(
    '/:partnershipId/bodies',
    { schema: { tags: ['bodies'], summary: 'Create a body with its composition rule', params: inPartnership, body: bodyInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createBody(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/bodies/:bodyId',
    { schema: { tags: ['bodies'], summary: 'A body: members, mandates, composition check, delegations', params: withId('bodyId') } },
    async (request) => {
      const body = await bodyDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.bodyId, request.act.now);
      return { ...body, gaps: body.gaps.map(gapView(request)) };
    },
  );
  app.patch(
    '/:partnershipId/bodies/:bodyId',
    { schema: { tags: ['bodies'], summary: 'Change a body or its composition rule', params: withId('bodyId'), body: bodyPatch } },
    async (request) => acts.updateBody(request.act, request.params.bodyId, request.body),
  );
  app.post(
    '/:partnershipId/bodies/:bodyId/members',
    { schema: { tags: ['bodies'], summary: 'Give a person a seat (mandate) in a body', params: withId('bodyId'), body: seatInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addSeat(request.act, request.params.bodyId, request.body)),
  );
  app.post(
    '/:partnershipId/bodies/:bodyId/members/:seatId/end',
    {
      schema: {
        tags: ['bodies'],
        summary: 'End a mandate (today unless a date is given)',
        params: withId('bodyId').extend({ seatId: z.string() }),
        body: endInput,
      },
    },
    async (request) => acts.endSeat(request.act, request.params.bodyId, request.params.seatId, request.body.endsOn),
  );

  app.post(
    '/:partnershipId/roles',
    { schema: { tags: ['roles'], summary: 'Create a role', params: inPartnership, body: roleInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createRole(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/roles/:roleId',
    { schema: { tags: ['roles'], summary: 'A role and who held it', params: withId('roleId') } },
    async (request) => roleDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.roleId, request.act.now),
  );
  app.patch(
    '/:partnershipId/roles/:roleId',
    { schema: { tags: ['roles'], summary: 'Change a role', params: withId('roleId'), body: rolePatch } },
    async (request) => acts.updateRole(request.act, request.params.roleId, request.body),
  );
  app.post(
    '/:partnershipId/roles/:roleId/assignments',
    { schema: { tags: ['roles'], summary: 'Assign a role to a person', params: withId('roleId'), body: assignmentInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.assignRole(request.act, request.params.roleId, request.body)),
  );
  app.post(
    '/:partnershipId/roles/:roleId/assignments/:assignmentId/end',
    {
      schema: {
        tags: ['roles'],
        summary: 'End a role assignment',
        params: withId('roleId').extend({ assignmentId: z.string() }),
        body: endInput,
      },
    },
    async (request) => acts.endAssignment(request.act, request.params.roleId, request.params.assignmentId, request.body.endsOn),
  );

  app.post(
    '/:partnershipId/delegations',
    {
      schema: {
        tags: ['delegations'],
        summary: 'Delegate part of a mission; the members of the body concerned are informed',
        params: inPartnership,
        body: delegationInput,
        response: created,
      },
    },
    async (request, reply) => {
      const result = await acts.createDelegation(request.act, request.body);
      return reply.status(201).send(result);
    },
  );
  app.post(
    '/:partnershipId/delegations/:delegationId/end',
    { schema: { tags: ['delegations'], summary: 'End a delegation', params: withId('delegationId'), body: endInput } },
    async (request) => acts.endDelegation(request.act, request.params.delegationId, request.body.endsOn),
  );

  app.get(
    '/:partnershipId/journal',
    {
      schema: {
        tags: ['journal'],
        summary: 'The journal of governance acts, newest first',
        params: inPartnership,
        querystring: z.object({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      const entries = await readJournal(app.store.db, request.act.partnershipId, { beforeSeq: request.query.before, limit: request.query.limit });
      return entries.map((entry) => ({ ...entry, recordedAt: entry.recordedAt.toISOString() }));
    },
  );

  app.get(
    '/:partnershipId/backup',
    { schema: { tags: ['journal'], summary: 'The whole partnership as one file, to keep or restore with `entente backup restore`: administrators only', params: inPartnership } },
    async (request, reply) => {
      const backup = await downloadBackup(request.act);
      const day = backup.exportedAt.slice(0, 10);
      return reply.header('content-disposition', `attachment; filename="sauvegarde-entente-${day}.json"`).header('cache-control', 'no-store').send(backup);
    },
  );

  app.get(
    '/:partnershipId/outbox',
    { schema: { tags: ['journal'], summary: 'Messages the server could not e-mail (no SMTP_URL): administrators only', params: inPartnership } },
    async (request) => {
      if (!may.manageStructure(request.act.viewer)) throw notFound();
      return { deliversByEmail: app.mailer.deliversByEmail, messages: app.mailer.deliversByEmail ? [] : await outbox(app.store.db, request.act.partnershipId, request.act.now) };
    },
  );
};
