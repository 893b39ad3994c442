import { describe, expect, it } from 'vitest';
import {
  closedHow,
  crisisMeetingLate,
  disputeNextStep,
  disputeReach,
  isRoundOf,
  mayNameMediator,
  mayWriteNotes,
  nextDisputeStage,
  writeUpPublishable,
  type DisputeFacts,
} from '../../src/disputes/rules.js';

const facts = (overrides: Partial<DisputeFacts> = {}): DisputeFacts => ({ stage: 'crisis', crisisMeetingHeld: false, mediationAvailable: true, tasks: [], writeUp: null, ...overrides });

describe('the dispute chain’s moves (seed 000, art. 7)', () => {
  it('ends on an agreement at the crisis meeting or in mediation, and nowhere else', () => {
    expect(nextDisputeStage(facts(), 'agree')).toEqual({ ok: true, stage: 'closed' });
    expect(nextDisputeStage(facts({ stage: 'mediation', crisisMeetingHeld: true }), 'agree')).toEqual({ ok: true, stage: 'closed' });
    for (const stage of ['exit_plan', 'restorative_circle', 'write_up', 'closed'] as const) expect(nextDisputeStage(facts({ stage }), 'agree')).toEqual({ ok: false, refusal: 'not_at_this_stage' });
    expect(closedHow('agree')).toBe('agreement');
    expect(closedHow('ask_mediation')).toBeNull();
  });

  it('goes to mediation or to the exit plan only once the crisis meeting was held', () => {
    expect(nextDisputeStage(facts(), 'ask_mediation')).toEqual({ ok: false, refusal: 'crisis_meeting_not_held' });
    expect(nextDisputeStage(facts(), 'plan_exit')).toEqual({ ok: false, refusal: 'crisis_meeting_not_held' });
    expect(nextDisputeStage(facts({ crisisMeetingHeld: true }), 'ask_mediation')).toEqual({ ok: true, stage: 'mediation' });
    expect(nextDisputeStage(facts({ crisisMeetingHeld: true }), 'plan_exit')).toEqual({ ok: true, stage: 'exit_plan' });
    expect(nextDisputeStage(facts({ crisisMeetingHeld: true, mediationAvailable: false }), 'ask_mediation')).toEqual({ ok: false, refusal: 'no_mediation_named' });
  });

  it('asks a mediation once: a failed mediation leads to the exit plan', () => {
    expect(nextDisputeStage(facts({ stage: 'mediation', crisisMeetingHeld: true }), 'ask_mediation')).toEqual({ ok: false, refusal: 'not_at_this_stage' });
    expect(nextDisputeStage(facts({ stage: 'mediation', crisisMeetingHeld: true }), 'plan_exit')).toEqual({ ok: true, stage: 'exit_plan' });
  });
});

describe('the crisis meeting’s deadline', () => {
  const due = new Date('2026-03-17T22:59:59Z');
  it('is late past its due instant while none was held, at the crisis stage only', () => {
    expect(crisisMeetingLate({ stage: 'crisis', crisisDueAt: due, crisisMeetingHeld: false }, new Date('2026-03-17T22:59:59Z'))).toBe(false);
    expect(crisisMeetingLate({ stage: 'crisis', crisisDueAt: due, crisisMeetingHeld: false }, new Date('2026-03-17T23:00:00Z'))).toBe(true);
    expect(crisisMeetingLate({ stage: 'crisis', crisisDueAt: due, crisisMeetingHeld: true }, new Date('2026-04-01T00:00:00Z'))).toBe(false);
    expect(crisisMeetingLate({ stage: 'closed', crisisDueAt: due, crisisMeetingHeld: false }, new Date('2026-04-01T00:00:00Z'))).toBe(false);
  });
});

describe('what the dispute waits on', () => {
  const base = { crisisMeetingCalled: false, mediatorNamed: false, mediationBodyAsked: false };
  it('says the next step and who takes it, stage by stage', () => {
    expect(disputeNextStep({ ...base, stage: 'crisis' })).toEqual({ step: 'call_crisis_meeting', actor: 'parties' });
    expect(disputeNextStep({ ...base, stage: 'crisis', crisisMeetingCalled: true })).toEqual({ step: 'hold_crisis_meeting', actor: 'parties' });
    expect(disputeNextStep({ ...base, stage: 'mediation', mediationBodyAsked: true })).toEqual({ step: 'name_mediator', actor: 'mediation_body' });
    expect(disputeNextStep({ ...base, stage: 'mediation' })).toEqual({ step: 'name_mediator', actor: 'parties' });
    expect(disputeNextStep({ ...base, stage: 'mediation', mediatorNamed: true })).toEqual({ step: 'mediate', actor: 'mediator' });
    expect(disputeNextStep({ ...base, stage: 'exit_plan' })).toEqual({ step: 'exit_plan', actor: 'parties' });
    expect(disputeNextStep({ ...base, stage: 'closed' })).toEqual({ step: 'none', actor: 'nobody' });
  });
});

describe('who reaches a dispute, and who acts in it', () => {
  const viewer = (personId: string, bodies: string[] = []) => ({ personId, memberOfBodies: new Set(bodies) });
  const dispute = { partyIds: ['lila', 'marc'], mediatorId: null as string | null, confidantBodyId: null as string | null, mediatorBodyId: null as string | null, existenceVisible: false };

  it('reads in full for the parties, the mediator, the confidant body and the body asked for a mediation; existence or nothing for others', () => {
    expect(disputeReach(viewer('lila'), dispute)).toBe('full');
    expect(disputeReach(viewer('odile'), dispute)).toBe('none');
    expect(disputeReach(viewer('odile'), { ...dispute, existenceVisible: true })).toBe('existence');
    expect(disputeReach(viewer('claire'), { ...dispute, mediatorId: 'claire' })).toBe('full');
    expect(disputeReach(viewer('hugo', ['core']), { ...dispute, confidantBodyId: 'core' })).toBe('full');
    expect(disputeReach(viewer('hugo', ['core']), { ...dispute, mediatorBodyId: 'core' })).toBe('full');
    expect(disputeReach(viewer('hugo', ['other']), { ...dispute, mediatorBodyId: 'core' })).toBe('none');
  });

  it('lets the body asked name the mediator, else the parties', () => {
    expect(mayNameMediator(viewer('hugo', ['core']), { partyIds: dispute.partyIds, mediatorBodyId: 'core' })).toBe(true);
    expect(mayNameMediator(viewer('lila'), { partyIds: dispute.partyIds, mediatorBodyId: 'core' })).toBe(false);
    expect(mayNameMediator(viewer('lila'), { partyIds: dispute.partyIds, mediatorBodyId: null })).toBe(true);
    expect(mayNameMediator(viewer('hugo', ['core']), { partyIds: dispute.partyIds, mediatorBodyId: null })).toBe(false);
  });

  it('has the parties write a crisis meeting’s notes, the mediator alone a mediation’s', () => {
    const named = { partyIds: dispute.partyIds, mediatorId: 'claire' };
    expect(mayWriteNotes('lila', 'crisis', named)).toBe(true);
    expect(mayWriteNotes('claire', 'crisis', named)).toBe(true);
    expect(mayWriteNotes('odile', 'crisis', named)).toBe(false);
    expect(mayWriteNotes('lila', 'mediation', named)).toBe(false);
    expect(mayWriteNotes('claire', 'mediation', named)).toBe(true);
    expect(mayWriteNotes('claire', 'mediation', { ...named, mediatorId: null })).toBe(false);
  });

  it('knows the rounds of each meeting', () => {
    expect(isRoundOf('crisis', 'facts')).toBe(true);
    expect(isRoundOf('crisis', 'understanding')).toBe(false);
    expect(isRoundOf('mediation', 'listening')).toBe(true);
    expect(isRoundOf('restorative_circle', 'actions')).toBe(true);
  });

  it('publishes a write-up only when every party said yes', () => {
    expect(writeUpPublishable([{ consentsToPublish: true }, { consentsToPublish: true }])).toBe(true);
    expect(writeUpPublishable([{ consentsToPublish: true }, { consentsToPublish: null }])).toBe(false);
    expect(writeUpPublishable([])).toBe(false);
  });
});
