import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { endInput } from '../../src/common/contract.js';
import { bodyInput, bodyPatch, seatInput } from '../../src/bodies/contract.js';
import { delegationInput } from '../../src/delegations/contract.js';
import { organizationInput } from '../../src/organizations/contract.js';
import { personInput, personPatch } from '../../src/people/contract.js';
import { assignmentInput, roleInput } from '../../src/roles/contract.js';
import { isMessageKey } from '../../src/i18n/server-messages.js';

const A = '0b8f7e34-5f0c-4c53-8c3e-2a9b8c1d0e01';
const B = '0b8f7e34-5f0c-4c53-8c3e-2a9b8c1d0e02';
const C = '0b8f7e34-5f0c-4c53-8c3e-2a9b8c1d0e03';

/** The problems a schema finds, as { path: messageKey }. */
function problems(schema: ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const found: Record<string, string> = {};
  for (const issue of result.error.issues) found[issue.path.map(String).join('.') || '_'] ??= issue.message;
  return found;
}

const seat = { personId: A, organizationId: B, capacity: 'delegate', mandateSource: 'board', startsOn: '2026-03-10' };
const delegation = { fromPersonId: A, toPersonId: B, bodyId: C, scope: 'Représenter la maison au comité', startsOn: '2026-03-10' };

describe('seatInput', () => {
  it('accepts a complete seat, with or without an end', () => {
    expect(seatInput.parse(seat)).toEqual(seat);
    expect(seatInput.parse({ ...seat, endsOn: '2027-03-09' }).endsOn).toBe('2027-03-09');
    expect(seatInput.parse({ ...seat, endsOn: null }).endsOn).toBeNull();
  });
  it('refuses an end before the start, on the endsOn field', () => {
    expect(problems(seatInput, { ...seat, endsOn: '2026-03-09' })).toEqual({ endsOn: 'error.endsBeforeStart' });
  });
  it('accepts a mandate of a single day', () => expect(problems(seatInput, { ...seat, endsOn: '2026-03-10' })).toEqual({}));
  it('refuses impossible and badly written dates', () => {
    expect(problems(seatInput, { ...seat, startsOn: '2026-02-30' })).toEqual({ startsOn: 'error.date' });
    expect(problems(seatInput, { ...seat, startsOn: '10/03/2026' })).toEqual({ startsOn: 'error.date' });
    expect(problems(seatInput, { ...seat, startsOn: '2026-03-10T00:00:00Z' })).toEqual({ startsOn: 'error.date' });
  });
  it('refuses ids that are not UUIDs, and unknown capacities or sources', () => {
    expect(problems(seatInput, { ...seat, personId: 'nadia' })).toEqual({ personId: 'error.reference' });
    expect(problems(seatInput, { ...seat, capacity: 'president' })).toEqual({ capacity: 'error.choice' });
    expect(problems(seatInput, { ...seat, mandateSource: 'lottery' })).toEqual({ mandateSource: 'error.choice' });
  });
  it('requires organizationId to be given, even as null (a seat says whom it represents)', () => {
    const { organizationId: _omitted, ...withoutOrganization } = seat;
    expect(Object.keys(problems(seatInput, withoutOrganization))).toEqual(['organizationId']);
    expect(problems(seatInput, { ...seat, capacity: 'member', organizationId: null })).toEqual({});
  });
});

describe('delegationInput', () => {
  it('accepts a delegation to someone else', () => expect(problems(delegationInput, delegation)).toEqual({}));
  it('refuses a delegation to oneself, on toPersonId', () => {
    expect(problems(delegationInput, { ...delegation, toPersonId: A })).toEqual({ toPersonId: 'error.delegateToSelf' });
  });
  it('refuses an empty or blank scope, and trims it', () => {
    expect(problems(delegationInput, { ...delegation, scope: '   ' })).toEqual({ scope: 'error.required' });
    expect(delegationInput.parse({ ...delegation, scope: '  Budget  ' }).scope).toBe('Budget');
  });
  it('refuses an end before the start', () => {
    expect(problems(delegationInput, { ...delegation, endsOn: '2026-01-01' })).toEqual({ endsOn: 'error.endsBeforeStart' });
  });
});

describe('bodyInput and bodyPatch', () => {
  const body = { name: 'Comité de pilotage', kind: 'steering' };
  it('accepts a body without a rule and with a full rule', () => {
    expect(problems(bodyInput, body)).toEqual({});
    expect(problems(bodyInput, { ...body, delegatesPerOrganization: 4, minReferentsPerOrganization: 1, minSize: 3, maxSize: 12 })).toEqual({});
  });
  it('refuses a size range whose maximum is below its minimum, on maxSize', () => {
    expect(problems(bodyInput, { ...body, minSize: 5, maxSize: 4 })).toEqual({ maxSize: 'error.sizeRange' });
    expect(problems(bodyPatch, { minSize: 5, maxSize: 4 })).toEqual({ maxSize: 'error.sizeRange' });
  });
  it('accepts equal bounds and a single bound', () => {
    expect(problems(bodyInput, { ...body, minSize: 5, maxSize: 5 })).toEqual({});
    expect(problems(bodyInput, { ...body, minSize: 5 })).toEqual({});
    expect(problems(bodyInput, { ...body, maxSize: 1 })).toEqual({});
  });
  it('wants whole numbers of at least 1, within bounds', () => {
    expect(problems(bodyInput, { ...body, minSize: 0 })).toEqual({ minSize: 'error.atLeastOne' });
    expect(problems(bodyInput, { ...body, maxSize: 10001 })).toEqual({ maxSize: 'error.tooLarge' });
    expect(problems(bodyInput, { ...body, delegatesPerOrganization: 51 })).toEqual({ delegatesPerOrganization: 'error.tooLarge' });
    expect(problems(bodyInput, { ...body, delegatesPerOrganization: 2.5 })).toEqual({ delegatesPerOrganization: 'error.integer' });
    expect(problems(bodyInput, { ...body, minReferentsPerOrganization: '2' })).toEqual({ minReferentsPerOrganization: 'error.integer' });
  });
  it('refuses unknown kinds and a missing name', () => {
    expect(problems(bodyInput, { ...body, kind: 'council' })).toEqual({ kind: 'error.choice' });
    expect(problems(bodyInput, { kind: 'plenary' })).toEqual({ name: 'error.required' });
  });
  it('lets a patch change a single field, and clear a bound with null', () => {
    expect(bodyPatch.parse({ maxSize: null })).toEqual({ maxSize: null });
    expect(bodyPatch.parse({})).toEqual({});
  });
});

describe('names and text', () => {
  it('trims names and refuses blank ones', () => {
    expect(organizationInput.parse({ name: '  MJC des Tilleuls ', kind: 'youth_centre' }).name).toBe('MJC des Tilleuls');
    expect(problems(organizationInput, { name: '   ', kind: 'youth_centre' })).toEqual({ name: 'error.required' });
    expect(problems(organizationInput, { kind: 'youth_centre' })).toEqual({ name: 'error.required' });
    expect(problems(organizationInput, { name: 42, kind: 'youth_centre' })).toEqual({ name: 'error.required' });
  });
  it('refuses names longer than 200 characters', () => {
    expect(problems(organizationInput, { name: 'x'.repeat(200), kind: 'other' })).toEqual({});
    expect(problems(organizationInput, { name: 'x'.repeat(201), kind: 'other' })).toEqual({ name: 'error.tooLong' });
  });
  it('refuses empty accountabilities in a role', () => {
    expect(problems(roleInput, { name: 'Trésorerie', accountabilities: ['Tenir les comptes', ' '] })).toEqual({ 'accountabilities.1': 'error.required' });
  });
  it('bounds the term of a role to 1..120 months', () => {
    expect(problems(roleInput, { name: 'R', termMonths: 24 })).toEqual({});
    expect(problems(roleInput, { name: 'R', termMonths: 121 })).toEqual({ termMonths: 'error.tooLarge' });
    expect(problems(roleInput, { name: 'R', termMonths: 0 })).toEqual({ termMonths: 'error.atLeastOne' });
  });
});

describe('e-mail addresses', () => {
  it('are stored in lower case', () => {
    expect(personInput.parse({ fullName: 'Nadia Benali', email: 'Nadia.Benali@MJC-Tilleuls.Example' }).email).toBe('nadia.benali@mjc-tilleuls.example');
    expect(organizationInput.parse({ name: 'MJC', kind: 'youth_centre', contactEmail: 'ACCUEIL@MJC.EXAMPLE' }).contactEmail).toBe('accueil@mjc.example');
    expect(personPatch.parse({ email: 'X@Y.FR' }).email).toBe('x@y.fr');
  });
  it('are checked', () => {
    expect(problems(personInput, { fullName: 'N', email: 'not-an-address' })).toEqual({ email: 'error.email' });
    expect(problems(personInput, { fullName: 'N', email: null })).toEqual({});
    expect(problems(personInput, { fullName: 'N' })).toEqual({});
  });
});

describe('people', () => {
  it('checks each membership by its index', () => {
    expect(problems(personInput, { fullName: 'N', memberships: [{ organizationId: A, kind: 'staff' }, { organizationId: 'x', kind: 'chief' }] })).toEqual({
      'memberships.1.organizationId': 'error.reference',
      'memberships.1.kind': 'error.choice',
    });
  });
  it('a patch cannot carry memberships (they have their own routes)', () => {
    expect(personPatch.parse({ fullName: 'N', memberships: [{ organizationId: A, kind: 'staff' }] })).toEqual({ fullName: 'N' });
  });
  it('wants a boolean for the administrator flag', () => {
    expect(problems(personPatch, { isPartnershipAdmin: 'yes' })).toHaveProperty('isPartnershipAdmin');
  });
});

describe('assignments and ends', () => {
  it('refuses an assignment that ends before it starts', () => {
    expect(problems(assignmentInput, { personId: A, startsOn: '2026-03-10', endsOn: '2026-03-01' })).toEqual({ endsOn: 'error.endsBeforeStart' });
  });
  it('lets an end date be omitted (today) or given', () => {
    expect(endInput.parse({})).toEqual({});
    expect(problems(endInput, { endsOn: 'tomorrow' })).toEqual({ endsOn: 'error.date' });
  });
});

describe('every message the schemas give is a key of the server catalogue', () => {
  const invalidInputs: readonly [ZodType, unknown][] = [
    [seatInput, { ...seat, endsOn: '2020-01-01', capacity: 'x', personId: 'y', startsOn: 'z' }],
    [seatInput, { ...seat, endsOn: '2020-01-01' }],
    [delegationInput, { ...delegation, toPersonId: A, scope: '' }],
    [bodyInput, { name: '', kind: 'x', minSize: 0, maxSize: 100000, delegatesPerOrganization: 1.5, parentBodyId: 'p' }],
    [bodyInput, { name: 'B', kind: 'plenary', minSize: 3, maxSize: 2 }],
    [organizationInput, { name: 'x'.repeat(300), kind: 'x', contactEmail: 'nope' }],
    [roleInput, { name: 'R', accountabilities: [''], termMonths: 500 }],
    [assignmentInput, { personId: A, startsOn: '2026-03-10', endsOn: '2026-03-01' }],
  ];
  it('so that the server can translate each of them', () => {
    for (const [schema, input] of invalidInputs) {
      const messages = Object.values(problems(schema, input));
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(isMessageKey(message), `${message} is not in the catalogue`).toBe(true);
    }
  });
});
