import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { conflict, conflictAt, forbidden, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { isLocale, translator, type Locale } from '../i18n/server-messages.js';
import type { JournalEvent } from '../journal/journal-store.js';
import type { Database } from '../common/database/schema.js';
import { linkToPage, type Link } from '../accounts/acts.js';
import { actorOf, recordAct, type ActContext, type ActOutcome } from '../common/act.js';
import { queueMail, withPersonalLink } from '../mail/mailer.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { requireReference, requireTarget } from '../common/references.js';
import { personAsTarget } from '../people/queries.js';

type Trx = Transaction<Database>;

export interface MembershipInput {
  readonly personId: string;
  readonly kind: string;
  readonly isOrganizationAdmin?: boolean | undefined;
}

/** Where the mail's link leads and in which language it is written when the reader chose none. */
export interface MailContext {
  readonly link: Link;
  readonly locale: Locale;
}

/** The journal entry of a membership, whether made with the person, added later or accepted. */
export const membershipCreated = (membershipId: string, personId: string, organizationId: string, input: { readonly kind: string; readonly isOrganizationAdmin?: boolean | undefined }): JournalEvent => ({
  kind: 'membership.created',
  payload: { membershipId, personId, organizationId, membershipKind: input.kind, isOrganizationAdmin: input.isOrganizationAdmin ?? false },
});

const alreadyMember = () => conflictAt('error.alreadyMember', [{ path: 'personId', messageKey: 'error.alreadyMember' }]);

/**
 * Adds a person to an organization, or only asks them. A partnership administrator, or an
 * organization administrator adding someone they already manage, adds at once (and answers a
 * request waiting for the same person and organization). Anyone else is asked: the request waits
 * on their page, they are e-mailed a link to it, and nothing of the structure
 * changes until they accept.
 */
export async function addMembership(ctx: ActContext, organizationId: string, input: MembershipInput, mail: MailContext) {
  return recordAct<{ id: string; pending: boolean }>({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'organization', organizationId, ctx.partnershipId);
    if (!may.manageOrganization(ctx.viewer, organizationId)) throw forbidden();
    await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    await refuseIfErased(trx, [input.personId]);
    const target = await personAsTarget(trx, input.personId);
    if (target.organizationIds.includes(organizationId)) throw alreadyMember();
    if (!may.addMemberAtOnce(ctx.viewer, target)) return requestMembership(trx, ctx, organizationId, input, mail);
    const id = randomUUID();
    await trx
      .insertInto('membership')
      .values({ id, person_id: input.personId, organization_id: organizationId, kind: input.kind, is_organization_admin: input.isOrganizationAdmin ?? false })
      .execute();
    const answered = await trx
      .updateTable('membership_request')
      .set({ answer: 'accepted', answered_at: ctx.now, membership_id: id })
      .where('person_id', '=', input.personId)
      .where('organization_id', '=', organizationId)
      .where('answer', 'is', null)
      .returning('id')
      .execute();
    return {
      result: { id, pending: false },
      events: [
        ...answered.map((request) => requestAnswered(request.id, input.personId, organizationId, 'accepted', id)),
        membershipCreated(id, input.personId, organizationId, input),
      ],
    };
  });
}

const requestAnswered = (requestId: string, personId: string, organizationId: string, answer: 'accepted' | 'declined', membershipId: string | null): JournalEvent => ({
  kind: 'membership.request_answered',
  payload: { requestId, personId, organizationId, answer, membershipId },
});

async function requestMembership(trx: Trx, ctx: ActContext, organizationId: string, input: MembershipInput, mail: MailContext): Promise<ActOutcome<{ id: string; pending: boolean }>> {
  const id = randomUUID();
  await trx
    .insertInto('membership_request')
    .values({
      id,
      person_id: input.personId,
      organization_id: organizationId,
      kind: input.kind,
      is_organization_admin: input.isOrganizationAdmin ?? false,
      requested_by: ctx.viewer.personId,
      requested_at: ctx.now,
      answer: null,
      answered_at: null,
      membership_id: null,
    })
    .execute();
  await askByMail(trx, ctx, { id, organizationId, input }, mail);
  return {
    result: { id, pending: true },
    events: [
      {
        kind: 'membership.requested',
        payload: {
          requestId: id,
          personId: input.personId,
          organizationId,
          membershipKind: input.kind,
          isOrganizationAdmin: input.isOrganizationAdmin ?? false,
        },
      },
    ],
  };
}

/**
 * The person asked is told by e-mail, when they have an address, with a link to their own page:
 * its plain address when they have an account (they sign in as usual), else an invitation to create
 * it, for them alone (withPersonalLink). Like a sign-in link's, the mail stays off the
 * administrators' Messages page when the account opens other partnerships too.
 */
async function askByMail(trx: Trx, ctx: ActContext, request: { id: string; organizationId: string; input: MembershipInput }, mail: MailContext) {
  const [person, organization, requester] = await Promise.all([
    trx
      .selectFrom('person as p')
      .leftJoin('account as a', 'a.id', 'p.account_id')
      .innerJoin('partnership as pa', 'pa.id', 'p.partnership_id')
      .select(['p.id', 'p.full_name', 'p.email', 'p.account_id', 'a.locale', 'pa.name as partnership'])
      .where('p.id', '=', request.input.personId)
      .executeTakeFirstOrThrow(),
    trx.selectFrom('organization').select('name').where('id', '=', request.organizationId).executeTakeFirstOrThrow(),
    trx.selectFrom('person').select('full_name').where('id', '=', ctx.viewer.personId).executeTakeFirstOrThrow(),
  ]);
  if (person.email === null) return;
  const partnerships = person.account_id === null ? [] : await trx.selectFrom('person').select('partnership_id').where('account_id', '=', person.account_id).execute();
  const link = await linkToPage(trx, { id: person.id, email: person.email, accountId: person.account_id }, `/p/${ctx.partnershipId}/personnes/${person.id}`, mail.link, ctx.now);
  const t = translator(person.locale !== null && isLocale(person.locale) ? person.locale : mail.locale);
  const params = {
    name: person.full_name,
    requester: requester.full_name,
    organization: organization.name,
    partnership: person.partnership,
    kind: t(`membershipKind.${request.input.kind}`),
  };
  const common = { partnershipId: partnerships.length > 1 ? null : ctx.partnershipId, recipient: person.email, subject: t('mail.membershipRequestSubject', params) };
  if (link.invitationTokenHash === undefined) {
    await queueMail(trx, { ...common, body: t('mail.membershipRequestBody', { ...params, link: link.url }) });
    return;
  }
  const { body, personalBody } = withPersonalLink(t, 'mail.membershipRequestBodyInvitation', params, link.url);
  await queueMail(trx, { ...common, body, personal: { body: personalBody, invitationTokenHash: link.invitationTokenHash } });
}

/**
 * The person asked (or a partnership administrator) accepts or declines. Accepting makes the
 * membership the request described, in the same act; the administrator who asked is told.
 */
export async function answerMembershipRequest(ctx: ActContext, requestId: string, answer: 'accepted' | 'declined', mail: MailContext) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const request = await trx
      .selectFrom('membership_request as r')
      .innerJoin('organization as o', 'o.id', 'r.organization_id')
      .select(['r.id', 'r.person_id', 'r.organization_id', 'r.kind', 'r.is_organization_admin', 'r.requested_by', 'r.answer', 'o.name as organization'])
      .where('r.id', '=', requestId)
      .where('o.partnership_id', '=', ctx.partnershipId)
      .forUpdate('r')
      .executeTakeFirst();
    if (!request) throw notFound();
    if (!may.answerMembershipRequest(ctx.viewer, request.person_id)) throw forbidden();
    if (request.answer !== null) throw conflict('error.membershipRequest.answered');
    await refuseIfErased(trx, [request.person_id]);
    const input = { personId: request.person_id, kind: request.kind, isOrganizationAdmin: request.is_organization_admin };
    const events: JournalEvent[] = [];
    let membershipId: string | null = null;
    if (answer === 'accepted') {
      const member = await trx.selectFrom('membership').select('id').where('person_id', '=', request.person_id).where('organization_id', '=', request.organization_id).executeTakeFirst();
      if (member) throw alreadyMember();
      membershipId = randomUUID();
      await trx
        .insertInto('membership')
        .values({ id: membershipId, person_id: request.person_id, organization_id: request.organization_id, kind: request.kind, is_organization_admin: request.is_organization_admin })
        .execute();
    }
    await trx.updateTable('membership_request').set({ answer, answered_at: ctx.now, membership_id: membershipId }).where('id', '=', requestId).execute();
    events.push(requestAnswered(requestId, request.person_id, request.organization_id, answer, membershipId));
    if (membershipId !== null) events.push(membershipCreated(membershipId, request.person_id, request.organization_id, input));
    await tellRequester(trx, ctx, { requesterId: request.requested_by, personId: request.person_id, organization: request.organization, answer }, mail);
    return { result: { id: requestId, answer, membershipId }, events };
  });
}

async function tellRequester(
  trx: Trx,
  ctx: ActContext,
  told: { requesterId: string | null; personId: string; organization: string; answer: 'accepted' | 'declined' },
  mail: MailContext,
) {
  if (told.requesterId === null) return;
  const [requester, person] = await Promise.all([
    trx
      .selectFrom('person as p')
      .leftJoin('account as a', 'a.id', 'p.account_id')
      .select(['p.email', 'a.locale'])
      .where('p.id', '=', told.requesterId)
      .executeTakeFirstOrThrow(),
    trx.selectFrom('person').select('full_name').where('id', '=', told.personId).executeTakeFirstOrThrow(),
  ]);
  if (requester.email === null) return;
  const t = translator(requester.locale !== null && isLocale(requester.locale) ? requester.locale : mail.locale);
  const params = { name: person.full_name, organization: told.organization };
  const [subject, body] = told.answer === 'accepted' ? ['mail.membershipAcceptedSubject', 'mail.membershipAcceptedBody'] : ['mail.membershipDeclinedSubject', 'mail.membershipDeclinedBody'];
  await queueMail(trx, { partnershipId: ctx.partnershipId, recipient: requester.email, subject: t(subject, params), body: t(body, params) });
}
