import { describe, expect, it } from 'vitest';
import { AGENDA_TITLE_TEXT_LENGTH, statusAfter, tensionAgendaTitle, tensionMoveRefusal, waitsForAMeeting, type TensionMove, type TensionState } from '../../src/tensions/rules.js';
import { may, type Viewer } from '../../src/common/permissions.js';

const open: TensionState = { status: 'open', placed: true, taskDone: false };

describe('what can be done to a tension', () => {
  it.each<TensionMove>(['propose', 'task', 'close', 'withdraw'])('an open tension on an agenda may be settled by « %s »', (move) => {
    expect(tensionMoveRefusal(open, move)).toBeNull();
  });

  it('waiting for a meeting, only its raiser may withdraw it: no meeting holds it yet', () => {
    const waiting = { ...open, placed: false };
    expect(tensionMoveRefusal(waiting, 'withdraw')).toBeNull();
    for (const move of ['propose', 'task', 'close'] as const) expect(tensionMoveRefusal(waiting, move)).toBe('tension.error.notPlaced');
  });

  it.each(['proposal', 'task', 'closed'] as const)('settled as « %s », it is settled once', (status) => {
    for (const move of ['propose', 'task', 'close', 'withdraw'] as const) {
      expect(tensionMoveRefusal({ status, placed: true, taskDone: false }, move)).toBe('tension.error.settled');
      expect(tensionMoveRefusal({ status, placed: false, taskDone: false }, move)).toBe('tension.error.settled');
    }
  });

  it('only a task is marked done, once', () => {
    expect(tensionMoveRefusal({ status: 'task', placed: true, taskDone: false }, 'task_done')).toBeNull();
    expect(tensionMoveRefusal({ status: 'task', placed: true, taskDone: true }, 'task_done')).toBe('tension.error.taskDone');
    for (const status of ['open', 'proposal', 'closed'] as const) expect(tensionMoveRefusal({ status, placed: true, taskDone: false }, 'task_done')).toBe('tension.error.noTask');
  });

  it('each outcome gives its status; a withdrawal closes it as a closing word does', () => {
    expect(statusAfter('propose')).toBe('proposal');
    expect(statusAfter('task')).toBe('task');
    expect(statusAfter('close')).toBe('closed');
    expect(statusAfter('withdraw')).toBe('closed');
  });
});

describe('a tension waits for a meeting', () => {
  it('when open on no agenda, or on that of a meeting over; not on a meeting to come, nor once settled', () => {
    expect(waitsForAMeeting({ status: 'open', placedOnMeetingOver: null })).toBe(true);
    expect(waitsForAMeeting({ status: 'open', placedOnMeetingOver: true })).toBe(true);
    expect(waitsForAMeeting({ status: 'open', placedOnMeetingOver: false })).toBe(false);
    expect(waitsForAMeeting({ status: 'closed', placedOnMeetingOver: null })).toBe(false);
    expect(waitsForAMeeting({ status: 'task', placedOnMeetingOver: true })).toBe(false);
  });
});

describe('the agenda item’s title', () => {
  it('is « Tension : » and the words, on one line, when they are short', () => {
    expect(tensionAgendaTitle('  Il manque un lieu\n\npour se retrouver.  ')).toBe('Tension : Il manque un lieu pour se retrouver.');
  });

  it('cuts long words at the end of a word, without a trailing comma, then an ellipsis', () => {
    const title = tensionAgendaTitle('Personne ne sait qui garde les clés du local, et on attend chaque samedi devant la porte, parfois une heure.');
    expect(title).toBe('Tension : Personne ne sait qui garde les clés du local, et on attend chaque samedi devant…');
    expect(title.length).toBeLessThanOrEqual('Tension : '.length + AGENDA_TITLE_TEXT_LENGTH + 1);
  });

  it('cuts a word without spaces where it must', () => {
    expect(tensionAgendaTitle('x'.repeat(200))).toBe(`Tension : ${'x'.repeat(AGENDA_TITLE_TEXT_LENGTH)}…`);
  });

  it('keeps words of exactly the length whole', () => {
    const words = 'a'.repeat(AGENDA_TITLE_TEXT_LENGTH);
    expect(tensionAgendaTitle(words)).toBe(`Tension : ${words}`);
  });

  it('stays within the agenda item’s 300 characters whatever the words', () => {
    expect(tensionAgendaTitle('mot '.repeat(500)).length).toBeLessThanOrEqual(300);
  });
});

describe('who may act on a tension', () => {
  const viewer = (personId: string, bodies: string[] = [], admin = false): Viewer => ({ personId, isPartnershipAdmin: admin, adminOfOrganizations: new Set(), memberOfBodies: new Set(bodies) });
  it('a member of the body raises one; an administrator outside it does not', () => {
    expect(may.raiseTension(viewer('p', ['b']), 'b')).toBe(true);
    expect(may.raiseTension(viewer('p', ['c']), 'b')).toBe(false);
    expect(may.raiseTension(viewer('a', [], true), 'b')).toBe(false);
  });
  it('its raiser withdraws it, nobody else; the owner marks its task done, nobody else', () => {
    expect(may.withdrawTension(viewer('p'), { raisedBy: 'p' })).toBe(true);
    expect(may.withdrawTension(viewer('a', [], true), { raisedBy: 'p' })).toBe(false);
    expect(may.withdrawTension(viewer('p'), { raisedBy: null })).toBe(false);
    expect(may.markTensionTaskDone(viewer('o'), { taskOwnerId: 'o' })).toBe(true);
    expect(may.markTensionTaskDone(viewer('p'), { taskOwnerId: 'o' })).toBe(false);
    expect(may.markTensionTaskDone(viewer('p'), { taskOwnerId: null })).toBe(false);
  });
});
