import { describe, expect, it } from 'vitest';
import { may, type Viewer } from '../../src/common/permissions.js';

const viewer = (values: Partial<Viewer> = {}): Viewer => ({
  personId: 'me',
  isPartnershipAdmin: false,
  adminOfOrganizations: new Set<string>(),
  memberOfBodies: new Set<string>(),
  ...values,
});

const plain = viewer();
const admin = viewer({ isPartnershipAdmin: true });
const houseAdmin = viewer({ adminOfOrganizations: new Set(['house-a']) });
const bodyMember = viewer({ memberOfBodies: new Set(['steering']) });

describe('may.manageStructure', () => {
  it('allows a partnership administrator', () => expect(may.manageStructure(admin)).toBe(true));
  it('refuses everyone else, including house administrators and body members', () => {
    expect(may.manageStructure(plain)).toBe(false);
    expect(may.manageStructure(houseAdmin)).toBe(false);
    expect(may.manageStructure(bodyMember)).toBe(false);
  });
});

describe('may.manageOrganization', () => {
  it('allows a partnership administrator for any house', () => expect(may.manageOrganization(admin, 'house-z')).toBe(true));
  it('allows the administrator of that house', () => expect(may.manageOrganization(houseAdmin, 'house-a')).toBe(true));
  it('refuses the administrator of another house', () => expect(may.manageOrganization(houseAdmin, 'house-b')).toBe(false));
  it('refuses a plain member', () => expect(may.manageOrganization(plain, 'house-a')).toBe(false));
});

describe('may.manageSeat', () => {
  it('allows a partnership administrator for any seat, affiliated or not', () => {
    expect(may.manageSeat(admin, 'house-b')).toBe(true);
    expect(may.manageSeat(admin, null)).toBe(true);
  });
  it('allows a house administrator for the seats of their house only', () => {
    expect(may.manageSeat(houseAdmin, 'house-a')).toBe(true);
    expect(may.manageSeat(houseAdmin, 'house-b')).toBe(false);
  });
  it('refuses a house administrator for seats representing no house', () => expect(may.manageSeat(houseAdmin, null)).toBe(false));
  it('refuses a member of the body', () => expect(may.manageSeat(bodyMember, null)).toBe(false));
});

describe('may.managePerson', () => {
  const target = (personId: string, organizationIds: string[], isPartnershipAdmin = false) => ({ personId, organizationIds, isPartnershipAdmin });
  const twoHousesAdmin = viewer({ adminOfOrganizations: new Set(['house-a', 'house-b']) });

  it('allows the person themself, even a partnership administrator or someone in no house', () => {
    expect(may.managePerson(plain, target('me', []))).toBe(true);
    expect(may.managePerson(plain, target('me', ['house-z'], true))).toBe(true);
  });
  it('allows a partnership administrator for anyone, another administrator included', () => {
    expect(may.managePerson(admin, target('someone', []))).toBe(true);
    expect(may.managePerson(admin, target('someone', ['house-b']))).toBe(true);
    expect(may.managePerson(admin, target('other-admin', [], true))).toBe(true);
  });
  it('allows a house administrator for a person who belongs to their houses only', () => {
    expect(may.managePerson(houseAdmin, target('someone', ['house-a']))).toBe(true);
    expect(may.managePerson(twoHousesAdmin, target('someone', ['house-b', 'house-a']))).toBe(true);
  });
  it('refuses a house administrator when the person also belongs to a house they do not administer', () => {
    expect(may.managePerson(houseAdmin, target('someone', ['house-b', 'house-a']))).toBe(false);
    expect(may.managePerson(houseAdmin, target('someone', ['house-a', 'house-b']))).toBe(false);
  });
  it('refuses a house administrator for a person of other houses only, or of no house', () => {
    expect(may.managePerson(houseAdmin, target('someone', ['house-b']))).toBe(false);
    expect(may.managePerson(houseAdmin, target('someone', []))).toBe(false);
  });
  it('refuses a house administrator for a partnership administrator, even one of their house only', () => {
    expect(may.managePerson(houseAdmin, target('the-admin', ['house-a'], true))).toBe(false);
    expect(may.managePerson(twoHousesAdmin, target('the-admin', ['house-a', 'house-b'], true))).toBe(false);
  });
  it('refuses a plain member or a body member for someone else', () => {
    expect(may.managePerson(plain, target('someone', ['house-a']))).toBe(false);
    expect(may.managePerson(plain, target('someone', []))).toBe(false);
    expect(may.managePerson(bodyMember, target('someone', []))).toBe(false);
  });
});

describe('may.assignRole', () => {
  it('allows a partnership administrator for any role', () => {
    expect(may.assignRole(admin, null)).toBe(true);
    expect(may.assignRole(admin, 'plenary')).toBe(true);
  });
  it('allows a member of the body the role belongs to', () => expect(may.assignRole(bodyMember, 'steering')).toBe(true));
  it('refuses a member of another body', () => expect(may.assignRole(bodyMember, 'plenary')).toBe(false));
  it('refuses a body member for a role that belongs to no body', () => expect(may.assignRole(bodyMember, null)).toBe(false));
  it('refuses a house administrator who sits nowhere', () => expect(may.assignRole(houseAdmin, 'steering')).toBe(false));
});

describe('may.delegate', () => {
  it('allows the person handing over part of their own mission', () => expect(may.delegate(plain, 'me')).toBe(true));
  it('allows a partnership administrator on anyone’s behalf', () => expect(may.delegate(admin, 'someone')).toBe(true));
  it('refuses anyone else, even a house administrator or a body member', () => {
    expect(may.delegate(plain, 'someone')).toBe(false);
    expect(may.delegate(houseAdmin, 'someone')).toBe(false);
    expect(may.delegate(bodyMember, 'someone')).toBe(false);
  });
});

describe('may.changeMeetingRoles', () => {
  it('allows the meeting’s facilitator to hand it on', () => expect(may.changeMeetingRoles(bodyMember, { facilitatorId: 'me' })).toBe(true));
  it('allows a partnership administrator', () => expect(may.changeMeetingRoles(admin, { facilitatorId: 'someone' })).toBe(true));
  it('refuses another member of the body, who would take it for themself', () => expect(may.changeMeetingRoles(bodyMember, { facilitatorId: 'someone' })).toBe(false));
});

describe('may.facilitate', () => {
  it('allows the facilitator of the proposal or election', () => expect(may.facilitate(bodyMember, { facilitatorId: 'me' })).toBe(true));
  it('allows a partnership administrator standing in', () => expect(may.facilitate(admin, { facilitatorId: 'someone' })).toBe(true));
  it('refuses another member and a house administrator', () => {
    expect(may.facilitate(bodyMember, { facilitatorId: 'someone' })).toBe(false);
    expect(may.facilitate(houseAdmin, { facilitatorId: 'someone' })).toBe(false);
  });
});

describe('may.closeDatePoll', () => {
  it('allows whoever opened the poll, and a partnership administrator', () => {
    expect(may.closeDatePoll(bodyMember, { createdBy: 'me' })).toBe(true);
    expect(may.closeDatePoll(admin, { createdBy: 'someone' })).toBe(true);
  });
  it('refuses another member of the body', () => expect(may.closeDatePoll(bodyMember, { createdBy: 'someone' })).toBe(false));
});

describe('may.runMeeting', () => {
  it('allows the facilitator and the secretary', () => {
    expect(may.runMeeting(bodyMember, { facilitatorId: 'me', secretaryId: 'someone' })).toBe(true);
    expect(may.runMeeting(bodyMember, { facilitatorId: 'someone', secretaryId: 'me' })).toBe(true);
  });
  it('allows a partnership administrator standing in', () => expect(may.runMeeting(admin, { facilitatorId: 'someone', secretaryId: null })).toBe(true));
  it('refuses another member, also when the meeting has no secretary', () => expect(may.runMeeting(bodyMember, { facilitatorId: 'someone', secretaryId: null })).toBe(false));
});

describe('may.amendCharter', () => {
  const rules = (requestedBy: 'any_signatory' | 'any_member' | 'body_member', signatory = 'someone-else') => ({
    revision: { requestedBy, bodyId: 'steering', method: 'consent' as const },
    signatories: [{ id: 's1', personId: signatory, organizationId: null, capacity: '' }],
  });
  it('allows the signatories when the revision rule lets them ask, as it does by default', () => {
    expect(may.amendCharter(plain, rules('any_signatory', 'me'))).toBe(true);
    expect(may.amendCharter(plain, rules('any_signatory'))).toBe(false);
  });
  it('allows any member, or the revision body’s members, when the rule says so', () => {
    expect(may.amendCharter(plain, rules('any_member'))).toBe(true);
    expect(may.amendCharter(bodyMember, rules('body_member'))).toBe(true);
    expect(may.amendCharter(plain, rules('body_member', 'me'))).toBe(false);
  });
  it('leaves a charter with no version in force to administrators', () => {
    expect(may.amendCharter(admin, null)).toBe(true);
    expect(may.amendCharter(viewer({ personId: 'me' }), null)).toBe(false);
  });
});

describe('may.proposeUnderCharter', () => {
  const team = { bodyIds: ['team', 'other-team'], signatories: [{ id: 's1', personId: 'signatory', organizationId: 'house-a', capacity: 'Présidente' }, { id: 's2', personId: null, organizationId: 'house-b', capacity: '' }] };
  it('allows a member of any of the charter’s bodies', () => {
    expect(may.proposeUnderCharter(viewer({ memberOfBodies: new Set(['team']) }), team)).toBe(true);
    expect(may.proposeUnderCharter(viewer({ memberOfBodies: new Set(['other-team']) }), team)).toBe(true);
  });
  it('allows a signatory who sits in none of its bodies', () => expect(may.proposeUnderCharter(viewer({ personId: 'signatory' }), team)).toBe(true));
  it('allows a partnership administrator', () => expect(may.proposeUnderCharter(admin, team)).toBe(true));
  it('refuses a member of another body, a house’s administrator, and everyone when a signatory names no person', () => {
    expect(may.proposeUnderCharter(bodyMember, team)).toBe(false);
    expect(may.proposeUnderCharter(houseAdmin, team)).toBe(false);
    expect(may.proposeUnderCharter(plain, { bodyIds: [], signatories: [{ id: 's2', personId: null, organizationId: 'house-b', capacity: '' }] })).toBe(false);
  });
});

describe('may.conductProject', () => {
  const project = { workingGroupId: 'group', leadNomineeId: 'lead' };
  it('allows a member today of the working group', () => expect(may.conductProject(viewer({ memberOfBodies: new Set(['group']) }), project)).toBe(true));
  it('allows the lead nominee, seated or not', () => expect(may.conductProject(viewer({ personId: 'lead' }), project)).toBe(true));
  it('allows a partnership administrator, even before a working group exists', () =>
    expect(may.conductProject(admin, { workingGroupId: null, leadNomineeId: null })).toBe(true));
  it('refuses members of other bodies, house administrators and anyone else', () => {
    expect(may.conductProject(bodyMember, project)).toBe(false);
    expect(may.conductProject(houseAdmin, project)).toBe(false);
    expect(may.conductProject(plain, project)).toBe(false);
  });
  it('refuses everyone but an administrator while the project has neither group nor lead', () =>
    expect(may.conductProject(viewer({ personId: 'lead', memberOfBodies: new Set(['group']) }), { workingGroupId: null, leadNomineeId: null })).toBe(false));
});

describe('the pooled means’ may rules', () => {
  it('let an organization’s administrators, or the partnership’s, list and withdraw its means', () => {
    expect(may.lendMeans(houseAdmin, 'house-a')).toBe(true);
    expect(may.lendMeans(admin, 'house-a')).toBe(true);
    expect(may.lendMeans(houseAdmin, 'house-b')).toBe(false);
    expect(may.lendMeans(bodyMember, 'house-a')).toBe(false);
  });
  it('let the lending directors alone decline a booking, a partnership administrator neither', () => {
    expect(may.declineBooking(viewer({ personId: 'helene' }), ['agnes', 'helene'])).toBe(true);
    expect(may.declineBooking(admin, ['agnes', 'helene'])).toBe(false);
  });
  it('let its booker or the project’s team give a booking back', () => {
    const booking = { requestedBy: 'lina', workingGroupId: 'group', leadNomineeId: 'marc' };
    expect(may.cancelBooking(viewer({ personId: 'lina' }), booking)).toBe(true);
    expect(may.cancelBooking(viewer({ personId: 'marc' }), booking)).toBe(true);
    expect(may.cancelBooking(viewer({ memberOfBodies: new Set(['group']) }), booking)).toBe(true);
    expect(may.cancelBooking(plain, booking)).toBe(false);
  });
});

describe('the common project’s may rules', () => {
  const carriers = { carrierPersonIds: ['carrier'], carrierOrganizationIds: ['house-a'] };
  it('let its carriers write it: a carrier person, a member of a carrier house, an administrator', () => {
    expect(may.carryProject(viewer({ personId: 'carrier' }), carriers, [])).toBe(true);
    expect(may.carryProject(plain, carriers, ['house-a'])).toBe(true);
    expect(may.carryProject(admin, carriers, [])).toBe(true);
    expect(may.carryProject(plain, carriers, ['house-b'])).toBe(false);
    expect(may.carryProject(houseAdmin, { carrierPersonIds: [], carrierOrganizationIds: ['house-b'] }, [])).toBe(false);
  });
  it('let its carriers or a member of the validating body present it', () => {
    expect(may.presentProject(bodyMember, carriers, [], 'steering')).toBe(true);
    expect(may.presentProject(bodyMember, carriers, [], 'directors')).toBe(false);
    expect(may.presentProject(plain, carriers, [], null)).toBe(false);
    expect(may.presentProject(viewer({ personId: 'carrier' }), carriers, [], null)).toBe(true);
  });
  it('let the validating body, the presentation’s facilitator or an administrator tell the carriers', () => {
    expect(may.tellProjectCarriers(bodyMember, 'steering', null)).toBe(true);
    expect(may.tellProjectCarriers(plain, 'steering', 'me')).toBe(true);
    expect(may.tellProjectCarriers(admin, null, null)).toBe(true);
    expect(may.tellProjectCarriers(plain, 'steering', 'someone')).toBe(false);
    expect(may.tellProjectCarriers(bodyMember, null, null)).toBe(false);
  });
  it('let a house’s administrators name its referent, and no other house’s', () => {
    expect(may.nameProjectReferent(houseAdmin, 'house-a')).toBe(true);
    expect(may.nameProjectReferent(houseAdmin, 'house-b')).toBe(false);
    expect(may.nameProjectReferent(admin, 'house-b')).toBe(true);
    expect(may.nameProjectReferent(bodyMember, 'house-a')).toBe(false);
  });
  it('let the naming body’s members name the lead', () => {
    expect(may.nameProjectLead(bodyMember, 'steering')).toBe(true);
    expect(may.nameProjectLead(bodyMember, 'directors')).toBe(false);
    expect(may.nameProjectLead(bodyMember, null)).toBe(false);
    expect(may.nameProjectLead(admin, null)).toBe(true);
  });
  it('let each confirmer approve for themself only: nobody stands in, an administrator neither', () => {
    expect(may.confirmProjectLead(plain, ['me', 'other'])).toBe(true);
    expect(may.confirmProjectLead(admin, ['other'])).toBe(false);
    expect(may.confirmProjectLead(bodyMember, [])).toBe(false);
  });
  it('let the working group, the lead or an administrator report an evaluation', () => {
    expect(may.evaluateProject(viewer({ memberOfBodies: new Set(['group']) }), 'group', null)).toBe(true);
    expect(may.evaluateProject(plain, 'group', 'me')).toBe(true);
    expect(may.evaluateProject(admin, null, null)).toBe(true);
    expect(may.evaluateProject(bodyMember, 'group', 'someone')).toBe(false);
    expect(may.evaluateProject(plain, null, null)).toBe(false);
  });
});

describe('may.draftActionPlan', () => {
  it('allows an administrator and any member of a body of the partnership', () => {
    expect(may.draftActionPlan(admin)).toBe(true);
    expect(may.draftActionPlan(bodyMember)).toBe(true);
  });
  it('refuses someone who sits in no body, a house administrator included', () => {
    expect(may.draftActionPlan(plain)).toBe(false);
    expect(may.draftActionPlan(houseAdmin)).toBe(false);
  });
});

describe('may.setActionStatus', () => {
  it('allows the action’s owner and an administrator', () => {
    expect(may.setActionStatus(plain, { ownerId: 'me' })).toBe(true);
    expect(may.setActionStatus(admin, { ownerId: 'someone' })).toBe(true);
    expect(may.setActionStatus(admin, { ownerId: null })).toBe(true);
  });
  it('refuses anyone else, a member of the deciding body included, and everyone but administrators for an action with no owner', () => {
    expect(may.setActionStatus(bodyMember, { ownerId: 'someone' })).toBe(false);
    expect(may.setActionStatus(plain, { ownerId: null })).toBe(false);
  });
});

describe('a charter’s team', () => {
  it('is the same people for proposing under the charter and managing its deliverables', () => {
    const rules = { bodyIds: ['steering'], signatories: [{ id: 's1', personId: 'signer', organizationId: null, capacity: '' }, { id: 's2', personId: null, organizationId: 'house-b', capacity: '' }] };
    const team = { bodyIds: ['steering'], signatoryPersonIds: ['signer'] };
    for (const who of [bodyMember, houseAdmin, plain, admin, viewer({ personId: 'signer' }), viewer({ memberOfBodies: new Set(['other']) })]) {
      expect(may.proposeUnderCharter(who, rules)).toBe(may.manageDeliverables(who, team));
    }
  });
});

describe('may.manageDeliverables', () => {
  const team = { bodyIds: ['steering'], signatoryPersonIds: ['signer'] };
  it('allows a member of the charter’s bodies, a signatory and an administrator', () => {
    expect(may.manageDeliverables(bodyMember, team)).toBe(true);
    expect(may.manageDeliverables(viewer({ personId: 'signer' }), team)).toBe(true);
    expect(may.manageDeliverables(admin, { bodyIds: [], signatoryPersonIds: [] })).toBe(true);
  });
  it('refuses a member of another body, a house administrator and anyone the charter does not name', () => {
    expect(may.manageDeliverables(viewer({ memberOfBodies: new Set(['other']) }), team)).toBe(false);
    expect(may.manageDeliverables(houseAdmin, team)).toBe(false);
    expect(may.manageDeliverables(plain, team)).toBe(false);
    expect(may.manageDeliverables(bodyMember, { bodyIds: [], signatoryPersonIds: [] })).toBe(false);
  });
});

describe('may.moveDeliverable', () => {
  it('allows the deliverable’s owner and an administrator', () => {
    expect(may.moveDeliverable(plain, { ownerId: 'me' })).toBe(true);
    expect(may.moveDeliverable(admin, { ownerId: 'someone' })).toBe(true);
    expect(may.moveDeliverable(admin, { ownerId: null })).toBe(true);
  });
  it('refuses anyone else, a member of the charter’s body included, and everyone but administrators when nobody owns it', () => {
    expect(may.moveDeliverable(bodyMember, { ownerId: 'someone' })).toBe(false);
    expect(may.moveDeliverable(plain, { ownerId: null })).toBe(false);
  });
});

describe('may.attachProjectSubjects', () => {
  const project = (carriedByViewer: boolean, workingGroupId: string | null) => ({ carriedByViewer, workingGroupId });
  it('allows the project’s carriers, the members of its working group and an administrator', () => {
    expect(may.attachProjectSubjects(plain, project(true, null))).toBe(true);
    expect(may.attachProjectSubjects(bodyMember, project(false, 'steering'))).toBe(true);
    expect(may.attachProjectSubjects(admin, project(false, null))).toBe(true);
  });
  it('refuses members of other bodies and people who do not carry it', () => {
    expect(may.attachProjectSubjects(bodyMember, project(false, 'group'))).toBe(false);
    expect(may.attachProjectSubjects(bodyMember, project(false, null))).toBe(false);
    expect(may.attachProjectSubjects(houseAdmin, project(false, 'group'))).toBe(false);
  });
});

describe('may.keepAccounts', () => {
  const treasurer = viewer({ personId: 'treasurer' });
  const lead = viewer({ personId: 'lead' });
  const keepers = { treasurerIds: new Set(['treasurer']) };
  it('allows the treasurer on every budget and the fund', () => expect(may.keepAccounts(treasurer, keepers)).toBe(true));
  it("allows a project's lead on that project's budget only", () => {
    expect(may.keepAccounts(lead, keepers, 'lead')).toBe(true);
    expect(may.keepAccounts(lead, keepers, 'someone-else')).toBe(false);
    expect(may.keepAccounts(lead, keepers)).toBe(false);
  });
  it('lets administrators stand in only while nobody holds the treasurer role', () => {
    expect(may.keepAccounts(admin, keepers)).toBe(false);
    expect(may.keepAccounts(admin, { treasurerIds: new Set() })).toBe(true);
    expect(may.keepAccounts(plain, { treasurerIds: new Set() })).toBe(false);
  });
});

describe('may.editBudgetForecast', () => {
  it("lets the members of the project's working group write its draft forecast", () => {
    const member = viewer({ personId: 'member', memberOfBodies: new Set(['group']) });
    expect(may.editBudgetForecast(member, 'group')).toBe(true);
    expect(may.editBudgetForecast(member, 'another-group')).toBe(false);
    expect(may.editBudgetForecast(member, null)).toBe(false);
    expect(may.editBudgetForecast(plain, 'group')).toBe(false);
  });
});

describe('may.proposeFundSpending', () => {
  it('allows a member of a body and an administrator, not someone who sits nowhere', () => {
    expect(may.proposeFundSpending(viewer({ memberOfBodies: new Set(['board']) }))).toBe(true);
    expect(may.proposeFundSpending(admin)).toBe(true);
    expect(may.proposeFundSpending(plain)).toBe(false);
  });
});
