import { z } from 'zod';
import { calendarDate, instant } from '../common/contract.js';

/**
 * Everything Entente holds about an account's people (GDPR art. 15 and 20), as the database
 * names it. Every column listed here leaves; one forgotten here would be missing from the export.
 */
const period = { starts_on: calendarDate, ends_on: calendarDate.nullable() };

export const personalDataExportAnswer = z.object({
  exportedAt: z.iso.datetime(),
  account: z.object({ email: z.string(), locale: z.string().nullable(), createdAt: instant }),
  sessions: z.array(z.object({ created_at: instant, expires_at: instant })),
  people: z.array(
    z.object({
      id: z.uuid(),
      partnership_id: z.uuid(),
      partnership_name: z.string(),
      full_name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      is_partnership_admin: z.boolean(),
      created_at: instant,
    }),
  ),
  memberships: z.array(z.object({ person_id: z.uuid(), organization: z.string(), kind: z.string(), is_organization_admin: z.boolean() })).optional(),
  seats: z.array(z.object({ person_id: z.uuid(), body: z.string(), capacity: z.string(), mandate_source: z.string(), ...period })).optional(),
  roles: z.array(z.object({ person_id: z.uuid(), role: z.string(), ...period })).optional(),
  delegations: z.array(z.object({ from_person_id: z.uuid(), to_person_id: z.uuid(), body_id: z.uuid(), scope: z.string(), ...period })).optional(),
  proposals: z.array(z.object({ id: z.uuid(), initiator_id: z.uuid(), wording: z.string(), context: z.string(), status: z.string(), created_at: instant })).optional(),
  stances: z
    .array(z.object({ proposal_id: z.uuid(), round: z.number(), member_id: z.uuid(), posted_by: z.uuid(), stance: z.string(), reason: z.string(), updated_at: instant }))
    .optional(),
  proxies: z.array(z.object({ proposal_id: z.uuid(), giver_id: z.uuid(), holder_id: z.uuid() })).optional(),
  discussionMessages: z
    .array(
      z.object({ id: z.uuid(), proposal_id: z.uuid(), author_id: z.uuid(), kind: z.string(), phase: z.string(), round: z.number(), reply_to: z.uuid().nullable(), body: z.string(), created_at: instant }),
    )
    .optional(),
  nominations: z
    .array(
      z.object({
        election_id: z.uuid(),
        member_id: z.uuid(),
        nominee_id: z.uuid(),
        reason: z.string(),
        first_nominee_id: z.uuid(),
        first_reason: z.string(),
        updated_at: instant,
      }),
    )
    .optional(),
  electionStances: z
    .array(z.object({ election_id: z.uuid(), round: z.number(), member_id: z.uuid(), stance: z.string(), reason: z.string(), updated_at: instant }))
    .optional(),
  attendance: z.array(z.object({ meeting_id: z.uuid(), person_id: z.uuid(), status: z.string(), represented_by: z.uuid().nullable() })).optional(),
  /** The meetings they were invited to as a guest, why, and whether they came. */
  guestInvitations: z.array(z.object({ meeting_id: z.uuid(), person_id: z.uuid(), reason: z.string(), invited_at: instant, attendance: z.string().nullable() })).optional(),
  roundWords: z.array(z.object({ meeting_id: z.uuid(), round: z.string(), person_id: z.uuid(), word: z.string(), said_at: instant })).optional(),
  minutesReviews: z
    .array(z.object({ meeting_id: z.uuid(), person_id: z.uuid(), verdict: z.string(), remark: z.string(), answered_at: instant }))
    .optional(),
  pollAnswers: z.array(z.object({ slot_id: z.uuid(), member_id: z.uuid(), answer: z.string() })).optional(),
  signatures: z.array(z.object({ version_id: z.uuid(), person_id: z.uuid(), signed_at: instant })).optional(),
  /** Their part in common projects. */
  projects: z
    .object({
      carried: z.array(z.object({ person_id: z.uuid().nullable(), project_id: z.uuid(), title: z.string(), stage: z.string() })),
      leadApprovals: z.array(z.object({ project_id: z.uuid(), person_id: z.uuid(), nominee_id: z.uuid(), approved_at: instant })),
      evaluationsReported: z.array(
        z.object({ id: z.uuid(), project_id: z.uuid(), period_ends_on: z.string(), analysis: z.string(), emerging_needs: z.string(), reported_by: z.uuid(), reported_at: instant }),
      ),
      measurementsRecorded: z.array(
        z.object({ id: z.uuid(), indicator_id: z.uuid(), measured_on: z.string(), value: z.union([z.string(), z.number()]), note: z.string(), recorded_by: z.uuid(), recorded_at: instant }),
      ),
      objectivesOwned: z.array(z.object({ id: z.uuid(), project_id: z.uuid(), statement: z.string(), deadline: z.string().nullable(), owner_id: z.uuid().nullable() })),
    })
    .optional(),
  /** The actions of the partnership's action plan they carry. */
  actions: z
    .array(z.object({ id: z.uuid(), subject_id: z.uuid(), title: z.string(), owner_id: z.uuid().nullable(), deadline: z.string().nullable(), status: z.string() }))
    .optional(),
  /** The bookings of pooled means they made, or declined for the lending organization, with what they wrote. */
  pooledMeanBookings: z
    .array(
      z.object({
        id: z.uuid(),
        mean_id: z.uuid(),
        project_id: z.uuid(),
        starts_at: instant,
        ends_at: instant,
        purpose: z.string(),
        status: z.string(),
        requested_by: z.uuid().nullable(),
        decided_by: z.uuid().nullable(),
        decline_reason: z.string(),
      }),
    )
    .optional(),
  /** The charters' deliverables they answer for. */
  deliverables: z
    .array(
      z.object({
        id: z.uuid(),
        charter_id: z.uuid(),
        title: z.string(),
        description: z.string(),
        owner_id: z.uuid().nullable(),
        due_on: calendarDate.nullable(),
        status: z.string(),
        published_url: z.string().nullable(),
      }),
    )
    .optional(),
  /** The disputes they are a party to or mediate: ids, stage and dates only, never the subject nor the other parties. */
  disputes: z
    .array(z.object({ id: z.uuid(), charter_id: z.uuid(), stage: z.string(), role: z.string(), opened_at: instant, closed_at: instant.nullable() }))
    .optional(),
  /** The tensions they raised, in their words, and how they were settled. */
  tensions: z
    .array(z.object({ id: z.uuid(), body: z.string(), text: z.string(), status: z.string(), raised_at: instant, closing_word: z.string().nullable(), settled_at: instant.nullable() }))
    .optional(),
  /** Their requests to join a circle, and those they invited someone with: who, why, how it ended. */
  circleJoins: z
    .array(z.object({ id: z.uuid(), circle: z.string(), person_id: z.uuid(), asked_by: z.uuid(), motivation: z.string(), status: z.string(), created_at: instant, settled_at: instant.nullable() }))
    .optional(),
  /**
   * The resources they shared in accompaniments, as they wrote them (a document by its name, its
   * bytes staying with the partnership), with their consent to its publication under their name.
   */
  resources: z
    .array(
      z.object({
        id: z.uuid(),
        accompaniment_id: z.uuid(),
        kind: z.string(),
        title: z.string(),
        summary: z.string(),
        url: z.string().nullable(),
        body: z.string().nullable(),
        file_name: z.string().nullable(),
        tags: z.array(z.string()),
        licence: z.string(),
        confidential: z.boolean(),
        author_consents: z.boolean(),
        published_at: instant.nullable(),
        created_at: instant,
      }),
    )
    .optional(),
  /**
   * The questionnaires they took part in, and their named answers as they gave them; an anonymous
   * questionnaire's answers name no one, so none of them is theirs to export.
   */
  questionnaires: z
    .object({
      participations: z.array(z.object({ questionnaire_id: z.uuid(), title: z.string(), anonymous: z.boolean(), answered_at: instant.nullable() })),
      namedAnswers: z.array(z.object({ id: z.uuid(), questionnaire_id: z.uuid(), answers: z.record(z.string(), z.unknown()), submitted: z.boolean(), updated_at: instant.nullable() })),
    })
    .optional(),
  /** The accompaniments they are in, and the days of them they were noted present at. */
  accompaniments: z
    .object({
      memberships: z.array(z.object({ person_id: z.uuid(), accompaniment_id: z.uuid(), title: z.string(), role: z.string(), added_at: instant })),
      daysPresent: z.array(z.object({ person_id: z.uuid(), day_id: z.uuid(), accompaniment_id: z.uuid(), title: z.string(), starts_at: instant })),
    })
    .optional(),
  /** What they put on the map of an accompaniment's space. */
  mapEntries: z
    .array(z.object({ id: z.uuid(), accompaniment_id: z.uuid(), kind: z.string(), title: z.string(), description: z.string(), status: z.string().nullable(), created_at: instant }))
    .optional(),
  /** What they harvested in an accompaniment's space, and whether it was published. */
  harvestItems: z
    .array(
      z.object({
        id: z.uuid(),
        accompaniment_id: z.uuid(),
        kind: z.string(),
        text: z.string(),
        publication: z.string(),
        publication_title: z.string().nullable(),
        published_at: instant.nullable(),
        created_at: instant,
      }),
    )
    .optional(),
  acts: z.array(z.object({ partnership_id: z.uuid(), seq: z.number(), recorded_at: instant, kind: z.string() })).optional(),
});
