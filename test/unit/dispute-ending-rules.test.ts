import { describe, expect, it } from 'vitest';
import {
  circleRoundsMissing,
  disputeActorOf,
  exitPlanComplete,
  exitPlanTasks,
  mayOwnTask,
  nextDisputeStage,
  taskDoneRefusal,
  writeUpEditable,
  writeUpPersonalDetails,
  writeUpPublishable,
  type DisputeFacts,
} from '../../src/disputes/rules.js';

const SEED_000 = [
  'Protéger le mandant',
  "Protéger l'association",
  'Rembourser ce qui n’a pas été livré',
  'Solder les comptes',
  'Se terminer par un cercle restauratif',
  'Documenter l’expérience dans le respect de la vie privée de chacun',
];
const dispute = { partyIds: ['ana', 'bruno'], mediatorId: 'mina' };

describe('the exit plan', () => {
  it('has one task per objective of the charter, in its order', () => {
    const tasks = exitPlanTasks(SEED_000);
    expect(tasks).toHaveLength(6);
    expect(tasks.map((task) => task.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tasks[3]?.objective).toBe('Solder les comptes');
  });

  it('skips blank objectives and keeps an objective within 300 characters', () => {
    expect(exitPlanTasks(['  ', 'x'.repeat(400)])).toEqual([{ position: 1, objective: 'x'.repeat(300) }]);
  });

  it('is complete only when every task has an owner and a day', () => {
    expect(exitPlanComplete([{ ownerId: 'ana', dueOn: '2026-12-20' }])).toBe(true);
    expect(exitPlanComplete([{ ownerId: 'ana', dueOn: '2026-12-20' }, { ownerId: null, dueOn: '2026-12-20' }])).toBe(false);
    expect(exitPlanComplete([{ ownerId: 'ana', dueOn: null }])).toBe(false);
  });

  it('refuses the circle while a task lacks an owner or a day', () => {
    const facts: DisputeFacts = { stage: 'exit_plan', crisisMeetingHeld: true, mediationAvailable: false, tasks: [{ ownerId: 'ana', dueOn: null, done: false }], writeUp: null };
    expect(nextDisputeStage(facts, 'call_circle')).toEqual({ ok: false, refusal: 'plan_incomplete' });
    expect(nextDisputeStage({ ...facts, tasks: [{ ownerId: 'ana', dueOn: '2026-12-20', done: false }] }, 'call_circle')).toEqual({ ok: true, stage: 'restorative_circle' });
  });

  it('is owned by a party or the mediator, nobody else', () => {
    expect(mayOwnTask('ana', dispute)).toBe(true);
    expect(mayOwnTask('mina', dispute)).toBe(true);
    expect(mayOwnTask('claire', dispute)).toBe(false);
    expect(mayOwnTask('mina', { partyIds: ['ana'], mediatorId: null })).toBe(false);
    expect(disputeActorOf('bruno', dispute)).toBe('party');
    expect(disputeActorOf('mina', dispute)).toBe('mediator');
    expect(disputeActorOf('claire', dispute)).toBe('reader');
  });

  it('lets the owner alone mark a task done, and a task linked to a settlement waits for its approval', () => {
    expect(taskDoneRefusal('ana', { ownerId: 'ana', done: false, settlementId: null })).toBeNull();
    expect(taskDoneRefusal('bruno', { ownerId: 'ana', done: false, settlementId: null })).toBe('not_owner');
    expect(taskDoneRefusal('ana', { ownerId: 'ana', done: true, settlementId: null })).toBe('already_done');
    expect(taskDoneRefusal('ana', { ownerId: 'ana', done: false, settlementId: 's1' })).toBe('waits_for_settlement');
    expect(taskDoneRefusal('ana', { ownerId: null, done: false, settlementId: null })).toBe('not_owner');
  });
});

describe('the restorative circle', () => {
  it('is held once each of its three rounds has notes', () => {
    expect(circleRoundsMissing([])).toEqual(['understanding', 'responsibility', 'actions']);
    expect(circleRoundsMissing([{ round: 'understanding', text: 'On s’est écoutés' }, { round: 'actions', text: '   ' }])).toEqual(['responsibility', 'actions']);
    expect(circleRoundsMissing(['understanding', 'responsibility', 'actions'].map((round) => ({ round, text: 'noté' })))).toEqual([]);
  });
});

describe('closure', () => {
  const facts: DisputeFacts = { stage: 'write_up', crisisMeetingHeld: true, mediationAvailable: true, tasks: [{ ownerId: 'ana', dueOn: '2026-12-20', done: true }], writeUp: 'Ce que nous avons appris.' };

  it('is refused while a task is open', () => {
    expect(nextDisputeStage({ ...facts, tasks: [...facts.tasks, { ownerId: 'bruno', dueOn: '2026-12-21', done: false }] }, 'close')).toEqual({ ok: false, refusal: 'tasks_open' });
  });

  it('is refused without a write-up', () => {
    expect(nextDisputeStage({ ...facts, writeUp: '  ' }, 'close')).toEqual({ ok: false, refusal: 'write_up_missing' });
  });

  it('closes once every task is done and the write-up written', () => {
    expect(nextDisputeStage(facts, 'close')).toEqual({ ok: true, stage: 'closed' });
    expect(nextDisputeStage({ ...facts, stage: 'restorative_circle' }, 'close')).toEqual({ ok: false, refusal: 'not_at_this_stage' });
  });
});

describe('the write-up without personal details', () => {
  const people = [
    { fullName: 'Hélène Dubois-Martin', email: 'helene@exemple.org' },
    { fullName: 'Bruno Lefèvre', email: 'BRUNO.L@Exemple.org' },
    { fullName: 'Li Wu', email: null },
  ];

  it('accepts a text that names nobody', () => {
    expect(writeUpPersonalDetails('Nous avons appris à nous parler plus tôt, et à écrire les rôles de chacun.', people)).toEqual([]);
  });

  it('finds a full name whatever its case and accents, as the text writes it', () => {
    expect(writeUpPersonalDetails('Au début, HELENE dubois martin portait seule le projet.', people)).toEqual(['HELENE dubois martin']);
  });

  it('finds a first name or a family name alone', () => {
    expect(writeUpPersonalDetails('Puis Bruno est parti.', people)).toEqual(['Bruno']);
    expect(writeUpPersonalDetails('La famille lefevre a aidé.', people)).toEqual(['lefevre']);
  });

  it('finds an address, whatever its case', () => {
    expect(writeUpPersonalDetails('Écrire à bruno.l@exemple.ORG pour la suite.', people)).toEqual(['bruno', 'BRUNO.L@Exemple.org']);
  });

  it('leaves alone words of two letters and words that only contain a name', () => {
    expect(writeUpPersonalDetails('Le wu-shu et le libre arbitre ; Brunoise de légumes.', people)).toEqual([]);
  });

  it('may be written while at its stage and not published', () => {
    expect(writeUpEditable({ stage: 'write_up', writeUpPublishedAt: null })).toBe(true);
    expect(writeUpEditable({ stage: 'write_up', writeUpPublishedAt: new Date() })).toBe(false);
    expect(writeUpEditable({ stage: 'restorative_circle', writeUpPublishedAt: null })).toBe(false);
  });

  it('is published only when every party said yes', () => {
    expect(writeUpPublishable([{ consentsToPublish: true }, { consentsToPublish: true }])).toBe(true);
    expect(writeUpPublishable([{ consentsToPublish: true }, { consentsToPublish: null }])).toBe(false);
    expect(writeUpPublishable([{ consentsToPublish: true }, { consentsToPublish: false }])).toBe(false);
    expect(writeUpPublishable([])).toBe(false);
  });
});
