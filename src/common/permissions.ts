import type { CharterRules } from '../charters/rules/types.js';

/**
 * Who may do what, derived from the structure alone. The server asks these questions on every
 * route; the UI asks the same ones only to hide what the server would refuse.
 */
export interface Viewer {
  readonly personId: string;
  readonly isPartnershipAdmin: boolean;
  readonly adminOfOrganizations: ReadonlySet<string>;
  readonly memberOfBodies: ReadonlySet<string>;
  /**
   * A person from outside (an outside mediator invited by link): they belong to no organization and
   * reach only the routes that say they admit outsiders, each of which checks what names them.
   */
  readonly outsider?: boolean;
}

/** Who carries a common project: people, and organizations whose members carry it with them. */
export interface ProjectCarriers {
  readonly carrierPersonIds: readonly string[];
  readonly carrierOrganizationIds: readonly string[];
}

const administersAll = (viewer: Viewer, organizationIds: readonly string[]): boolean =>
  organizationIds.length > 0 && organizationIds.every((id) => viewer.adminOfOrganizations.has(id));

/** Who a charter's rules name as its team: the bodies they name and the persons who sign it. */
export interface CharterTeam {
  readonly bodyIds: readonly string[];
  readonly signatoryPersonIds: readonly string[];
}

/**
 * Acting for a charter's team (seed 000: the team runs on its own charter): a member today of one
 * of its bodies, one of its signatories, or a partnership administrator. Proposing under a project
 * charter and managing its deliverables both ask this.
 */
function actsForCharterTeam(viewer: Viewer, team: CharterTeam): boolean {
  return viewer.isPartnershipAdmin || team.bodyIds.some((bodyId) => viewer.memberOfBodies.has(bodyId)) || team.signatoryPersonIds.includes(viewer.personId);
}

export const may = {
  /**
   * Open an accompaniment's shared workspace (seed 002): a partnership administrator, or a member of
   * one of its bodies (the facilitators of a collective's journey sit in the partnership's bodies).
   */
  createAccompaniment: (viewer: Viewer): boolean => viewer.outsider !== true && (viewer.isPartnershipAdmin || viewer.memberOfBodies.size > 0),

  /** Create organizations, bodies and roles; change composition rules; read the outbox. */
  manageStructure: (viewer: Viewer): boolean => viewer.isPartnershipAdmin,

  /** Change an organization's details and who belongs to it. */
  manageOrganization: (viewer: Viewer, organizationId: string): boolean =>
    viewer.isPartnershipAdmin || viewer.adminOfOrganizations.has(organizationId),

  /** Seats of a house are mandated by that house; other seats by the partnership. */
  manageSeat: (viewer: Viewer, representedOrganizationId: string | null): boolean =>
    viewer.isPartnershipAdmin ||
    (representedOrganizationId !== null && viewer.adminOfOrganizations.has(representedOrganizationId)),

  /**
   * Edit a person's details, see their contact details, invite them. An organization administrator
   * may do it only for people who belong to their organizations alone, and never for a partnership
   * administrator: changing someone's address and inviting them would otherwise hand over their
   * account.
   */
  managePerson: (
    viewer: Viewer,
    target: { readonly personId: string; readonly organizationIds: readonly string[]; readonly isPartnershipAdmin: boolean },
  ): boolean =>
    viewer.isPartnershipAdmin ||
    viewer.personId === target.personId ||
    (!target.isPartnershipAdmin && administersAll(viewer, target.organizationIds)),

  /**
   * Add a person to an organization at once. An organization administrator may do it only for
   * someone they already manage (who belongs to their organizations alone); anyone else belonging
   * elsewhere, or nowhere yet, is only asked, and joins once they or a partnership administrator
   * accept: a membership hands its administrators that person's details and invitation.
   */
  addMemberAtOnce: (
    viewer: Viewer,
    target: { readonly personId: string; readonly organizationIds: readonly string[]; readonly isPartnershipAdmin: boolean },
  ): boolean => may.managePerson(viewer, target),

  /** A request to join an organization is answered by the person asked, or by a partnership administrator. */
  answerMembershipRequest: (viewer: Viewer, personId: string): boolean => viewer.isPartnershipAdmin || viewer.personId === personId,

  /**
   * A role that belongs to a body is filled by that body; other roles by the partnership. Pass the
   * appointing body (roles/appointing.ts): a circle's leader is appointed by the circle above
   * (`appointed_by_parent`, seed 004), not by the circle it leads.
   */
  assignRole: (viewer: Viewer, appointingBodyId: string | null): boolean =>
    viewer.isPartnershipAdmin || (appointingBodyId !== null && viewer.memberOfBodies.has(appointingBodyId)),

  /** Ask to join a circle, for oneself: anyone of the partnership (an outsider reaches no circle). */
  askToJoinCircle: (viewer: Viewer): boolean => viewer.outsider !== true,

  /** Invite someone into a circle: its members, who then take part in the consent round on it. */
  inviteToCircle: (viewer: Viewer, circleId: string): boolean => viewer.memberOfBodies.has(circleId),

  /** Withdraw a request to join a circle while the circle decides: the person it concerns, whoever asked, or an administrator. */
  withdrawCircleJoin: (viewer: Viewer, join: { readonly personId: string; readonly askedBy: string }): boolean =>
    viewer.isPartnershipAdmin || viewer.personId === join.personId || viewer.personId === join.askedBy,

  /** A body runs its own life: its members open an election or call a meeting, as do administrators. */
  openElection: (viewer: Viewer, bodyId: string): boolean => viewer.isPartnershipAdmin || viewer.memberOfBodies.has(bodyId),
  callMeeting: (viewer: Viewer, bodyId: string): boolean => viewer.isPartnershipAdmin || viewer.memberOfBodies.has(bodyId),

  /**
   * Hand a meeting's facilitation, or its minutes, to someone else: the facilitator passes them on,
   * an administrator settles it; a member cannot take them for themself.
   */
  changeMeetingRoles: (viewer: Viewer, meeting: { readonly facilitatorId: string }): boolean =>
    viewer.isPartnershipAdmin || viewer.personId === meeting.facilitatorId,

  /**
   * Move a proposal or an election through its steps and close its rounds: its facilitator, or an
   * administrator standing in.
   */
  facilitate: (viewer: Viewer, process: { readonly facilitatorId: string }): boolean =>
    viewer.isPartnershipAdmin || viewer.personId === process.facilitatorId,

  /** Close a date poll at a slot, which calls the meeting there: whoever opened it, or an administrator. */
  closeDatePoll: (viewer: Viewer, poll: { readonly createdBy: string }): boolean => viewer.isPartnershipAdmin || viewer.personId === poll.createdBy,

  /** Run a meeting (agenda, attendance, stages, minutes): its facilitator or its secretary, or an administrator standing in. */
  runMeeting: (viewer: Viewer, meeting: { readonly facilitatorId: string; readonly secretaryId: string | null }): boolean =>
    viewer.isPartnershipAdmin || viewer.personId === meeting.facilitatorId || viewer.personId === meeting.secretaryId,

  /**
   * Raise a tension in a body (seed 004): its members, who live what is missing or in the way
   * there. Whoever runs the meeting whose agenda holds it settles it (`runMeeting`).
   */
  raiseTension: (viewer: Viewer, bodyId: string): boolean => viewer.memberOfBodies.has(bodyId),

  /** Withdraw an open tension outside a meeting: whoever raised it. */
  withdrawTension: (viewer: Viewer, tension: { readonly raisedBy: string | null }): boolean => tension.raisedBy !== null && viewer.personId === tension.raisedBy,

  /** Mark done the task a tension became: its owner. */
  markTensionTaskDone: (viewer: Viewer, tension: { readonly taskOwnerId: string | null }): boolean => tension.taskOwnerId !== null && viewer.personId === tension.taskOwnerId,

  /**
   * Write charters and submit them to decision; record by hand the adoption of a first version
   * adopted before Entente.
   */
  manageCharters: (viewer: Viewer): boolean => viewer.isPartnershipAdmin,

  /**
   * Start, write or discard the draft of a charter's next version, and put it to the decision its
   * revision rule names: administrators, and whoever the rules in force let ask for a revision
   * (the signatories, by default). Without rules in force, administrators alone.
   */
  amendCharter: (viewer: Viewer, inForce: Pick<CharterRules, 'revision' | 'signatories'> | null): boolean => {
    if (viewer.isPartnershipAdmin) return true;
    if (inForce === null) return false;
    const { requestedBy, bodyId } = inForce.revision;
    if (requestedBy === 'any_member') return true;
    if (requestedBy === 'any_signatory') return inForce.signatories.some((signatory) => signatory.personId === viewer.personId);
    return bodyId !== null && viewer.memberOfBodies.has(bodyId);
  },

  /**
   * Propose a decision under a project charter (its scope: the project and its team): the members
   * of its bodies, its signatories, or a partnership administrator. Under the partnership charter,
   * anyone of the partnership proposes.
   */
  proposeUnderCharter: (viewer: Viewer, rules: Pick<CharterRules, 'bodyIds' | 'signatories'>): boolean =>
    actsForCharterTeam(viewer, { bodyIds: rules.bodyIds, signatoryPersonIds: rules.signatories.flatMap((signatory) => (signatory.personId === null ? [] : [signatory.personId])) }),

  /**
   * Conduct a common project (its diagnosis, purposes, objectives, indicators, means, the lead's
   * mission sheet): the members today of its working group, its lead nominee, or an administrator.
   * Whether the project's stage still allows it is the conduct's own rule (projects/conduct/rules.ts).
   */
  conductProject: (viewer: Viewer, project: { readonly workingGroupId: string | null; readonly leadNomineeId: string | null }): boolean =>
    viewer.isPartnershipAdmin ||
    (project.leadNomineeId !== null && viewer.personId === project.leadNomineeId) ||
    (project.workingGroupId !== null && viewer.memberOfBodies.has(project.workingGroupId)),

  /**
   * Record money (forecast lines, entries, split payments, the common fund's calls and payments):
   * the holders today of the treasurer role the charter names, and on a project's budget its lead.
   * Administrators stand in only while nobody holds a treasurer role, so the books are never
   * orphaned and never kept behind a treasurer's back.
   */
  keepAccounts: (viewer: Viewer, keepers: { readonly treasurerIds: ReadonlySet<string> }, projectLeadId: string | null = null): boolean =>
    keepers.treasurerIds.has(viewer.personId) || (projectLeadId !== null && viewer.personId === projectLeadId) || (keepers.treasurerIds.size === 0 && viewer.isPartnershipAdmin),

  /**
   * Write the draft forecast of a project's budget besides its book keepers (may.keepAccounts): the
   * members of its working group, who draw the forecast up with the lead (seed 001). Entries stay
   * the keepers' alone.
   */
  editBudgetForecast: (viewer: Viewer, workingGroupId: string | null): boolean => workingGroupId !== null && viewer.memberOfBodies.has(workingGroupId),

  /**
   * Propose a spending from the common fund (a proposal carrying its amount, which only the
   * decision the charter names can adopt): whoever may propose a decision, a member of one of the
   * partnership's bodies, or an administrator.
   */
  proposeFundSpending: (viewer: Viewer): boolean => viewer.isPartnershipAdmin || viewer.memberOfBodies.size > 0,

  /**
   * Write the draft of the partnership's action plan and put it to the strategic decision the
   * matrix names: whoever may propose a strategic decision, a member of one of its bodies, or an
   * administrator.
   */
  draftActionPlan: (viewer: Viewer): boolean => viewer.isPartnershipAdmin || viewer.memberOfBodies.size > 0,

  /** An adopted plan's action moves (to do, under way, done, dropped) by its owner's word, or an administrator's. */
  setActionStatus: (viewer: Viewer, action: { readonly ownerId: string | null }): boolean =>
    viewer.isPartnershipAdmin || (action.ownerId !== null && viewer.personId === action.ownerId),

  /**
   * Add, edit, assign or drop a charter's deliverables (seed 000, art. 6): the members today of the
   * bodies its rules name (the adopted version's, else the draft's), its signatories, or an administrator.
   */
  manageDeliverables: (viewer: Viewer, team: CharterTeam): boolean => actsForCharterTeam(viewer, team),

  /** Move a deliverable along its work (planned, under way, delivered, published): its owner, or an administrator. */
  moveDeliverable: (viewer: Viewer, deliverable: { readonly ownerId: string | null }): boolean =>
    viewer.isPartnershipAdmin || (deliverable.ownerId !== null && viewer.personId === deliverable.ownerId),

  /** Say which subjects of the plan a project serves: its carriers, the members of its working group, or an administrator. */
  attachProjectSubjects: (viewer: Viewer, project: { readonly carriedByViewer: boolean; readonly workingGroupId: string | null }): boolean =>
    viewer.isPartnershipAdmin || project.carriedByViewer || (project.workingGroupId !== null && viewer.memberOfBodies.has(project.workingGroupId)),

  /** List what an organization lends the partnership's projects, or withdraw it: its administrators (a partnership administrator too, as for its other details). */
  lendMeans: (viewer: Viewer, organizationId: string): boolean => may.manageOrganization(viewer, organizationId),

  /**
   * Decline a booking of a pooled mean: the lending organization's directors alone (its
   * administrators and its people seated in the directors' body, pooled-means/directors.ts); a
   * partnership administrator does not lend another house's room.
   */
  declineBooking: (viewer: Viewer, lendingDirectorIds: readonly string[]): boolean => lendingDirectorIds.includes(viewer.personId),

  /** Give a booking back: whoever booked it, or whoever conducts its project today. */
  cancelBooking: (viewer: Viewer, booking: { readonly requestedBy: string | null; readonly workingGroupId: string | null; readonly leadNomineeId: string | null }): boolean =>
    viewer.personId === booking.requestedBy || may.conductProject(viewer, booking),

  /** Only the person in charge hands part of their mission to someone else. */
  delegate: (viewer: Viewer, fromPersonId: string): boolean =>
    viewer.isPartnershipAdmin || viewer.personId === fromPersonId,
  /**
   * Write and rewrite a common project before it is presented: its carriers (a carrier person, or
   * a member of a carrier organization), or an administrator. `viewerOrganizationIds`: the
   * organizations the viewer belongs to.
   */
  carryProject: (viewer: Viewer, project: ProjectCarriers, viewerOrganizationIds: readonly string[]): boolean =>
    viewer.isPartnershipAdmin || project.carrierPersonIds.includes(viewer.personId) || viewerOrganizationIds.some((id) => project.carrierOrganizationIds.includes(id)),

  /** Present a project to its validating body: its carriers, or a member of that body. */
  presentProject: (viewer: Viewer, project: ProjectCarriers, viewerOrganizationIds: readonly string[], validatingBodyId: string | null): boolean =>
    may.carryProject(viewer, project, viewerOrganizationIds) || (validatingBodyId !== null && viewer.memberOfBodies.has(validatingBodyId)),

  /** Tell the carriers the body's recommendations: a member of the validating body, the presentation's facilitator, or an administrator. */
  tellProjectCarriers: (viewer: Viewer, validatingBodyId: string | null, facilitatorId: string | null): boolean =>
    viewer.isPartnershipAdmin || (validatingBodyId !== null && viewer.memberOfBodies.has(validatingBodyId)) || viewer.personId === facilitatorId,

  /** Name a participating organization's referent: that organization's administrators, as for its other seats. */
  nameProjectReferent: (viewer: Viewer, organizationId: string): boolean => may.manageSeat(viewer, organizationId),

  /** Name the project's lead: a member of the body the charter names (else the validating body), or an administrator. */
  nameProjectLead: (viewer: Viewer, namingBodyId: string | null): boolean => viewer.isPartnershipAdmin || (namingBodyId !== null && viewer.memberOfBodies.has(namingBodyId)),

  /**
   * Approve or refuse the lead's nomination: each of those the charter asks (the holders of its role,
   * the members of its body), themselves; nobody stands in for them, an administrator neither.
   */
  confirmProjectLead: (viewer: Viewer, confirmerIds: readonly string[]): boolean => confirmerIds.includes(viewer.personId),

  /** Report an evaluation: a member of the working group, the lead, or an administrator. */
  evaluateProject: (viewer: Viewer, workingGroupId: string | null, leadId: string | null): boolean =>
    viewer.isPartnershipAdmin || (workingGroupId !== null && viewer.memberOfBodies.has(workingGroupId)) || viewer.personId === leadId,
} as const;
