import { describe, expect, it } from 'vitest';
import en from '../../src/web/locales/en.json' with { type: 'json' };
import fr from '../../src/web/locales/fr.json' with { type: 'json' };
import { orderToDos, TO_DO_ANCHORS, TO_DO_KINDS, toDoPath, type Orderable, type ToDoTarget } from '../../src/participation/rules.js';

const P = 'p1';

describe('the path of a thing to do', () => {
  it('leads to the form where each kind is done, on the page of the thing', () => {
    const cases: [ToDoTarget, string][] = [
      [{ kind: 'stance', proposalId: 'pr1' }, '/p/p1/propositions/pr1#prendre-position'],
      [{ kind: 'nomination', electionId: 'e1' }, '/p/p1/elections/e1#proposer-un-nom'],
      [{ kind: 'consent', electionId: 'e1' }, '/p/p1/elections/e1#consentir'],
      [{ kind: 'minutes_review', meetingId: 'm1' }, '/p/p1/reunions/m1#relire-le-compte-rendu'],
      [{ kind: 'date_poll', pollId: 'd1' }, '/p/p1/sondages/d1#repondre'],
      [{ kind: 'agenda_item', meetingId: 'm1', itemId: 'i1' }, '/p/p1/reunions/m1#ordre-du-jour'],
      [{ kind: 'signature', charterId: 'c1', versionId: 'v1' }, '/p/p1/chartes/c1/versions/v1#signer'],
      [{ kind: 'term_ending', roleId: 'r1', assignmentId: 'a1' }, '/p/p1/roles/r1#titulaires'],
      [{ kind: 'seat_ending', bodyId: 'b1', seatId: 's1' }, '/p/p1/instances/b1#membres'],
      [{ kind: 'project_tell', projectId: 'j1' }, '/p/p1/projets/j1#informer-les-porteurs'],
      [{ kind: 'project_referent', projectId: 'j1', organizationId: 'o1' }, '/p/p1/projets/j1#nommer-referent'],
      [{ kind: 'project_lead', projectId: 'j1' }, '/p/p1/projets/j1#nommer-chef-de-projet'],
      [{ kind: 'project_approval', projectId: 'j1' }, '/p/p1/projets/j1#valider-nomination'],
      [{ kind: 'project_evaluation', projectId: 'j1' }, '/p/p1/projets/j1#evaluer'],
      [{ kind: 'budget_report', projectId: 'j1' }, '/p/p1/projets/j1/budget/compte-rendu#rendre-compte'],
      [{ kind: 'action', planId: 'ap1', actionId: 'a1' }, '/p/p1/plan-d-action#vos-actions'],
      [{ kind: 'deliverable', charterId: 'c1', deliverableId: 'd1' }, '/p/p1/chartes/c1/livrables/d1#livrable'],
      [{ kind: 'pooled_mean_booking', bookingId: 'b1' }, '/p/p1/moyens/reservations/b1#examiner-la-reservation'],
      [{ kind: 'budget_forecast', projectId: 'pr1' }, '/p/p1/projets/pr1/budget#previsionnel'],
      [{ kind: 'fund_declaration', organizationId: 'o1' }, '/p/p1/caisse-commune#declarer-le-budget'],
      [{ kind: 'fund_contribution', organizationId: 'o1' }, '/p/p1/caisse-commune#contribution'],
      [{ kind: 'fund_behind', organizationId: 'o1' }, '/p/p1/caisse-commune#en-retard'],
      [{ kind: 'dispute_task', disputeId: 'x1', taskId: 't1' }, '/p/p1/differends/x1#plan-de-sortie'],
      [{ kind: 'dispute_circle', disputeId: 'x1' }, '/p/p1/differends/x1#cercle-restauratif'],
      [{ kind: 'dispute_consent', disputeId: 'x1' }, '/p/p1/differends/x1#retour-d-experience'],
      [{ kind: 'dispute_crisis_meeting', disputeId: 'x1' }, '/p/p1/differends/x1#reunion-de-crise'],
      [{ kind: 'dispute_mediator', disputeId: 'x1' }, '/p/p1/differends/x1#nommer-la-mediation'],
      [{ kind: 'dispute_mediation', disputeId: 'x1' }, '/p/p1/differends/x1#mediation'],
      [{ kind: 'tension_task', tensionId: 't1' }, '/p/p1/tensions/t1#marquer-fait'],
      [{ kind: 'questionnaire', accompanimentId: 'a1', questionnaireId: 'q1' }, '/p/p1/accompagnements/a1/questionnaires/q1#repondre-au-questionnaire'],
      [{ kind: 'harvest_publication', accompanimentId: 'a1', itemId: 'h1' }, '/p/p1/accompagnements/a1/moisson#publier-votre-recolte'],
    ];
    for (const [target, path] of cases) expect(toDoPath(P, target)).toBe(path);
    expect(new Set(cases.map(([target]) => target.kind))).toEqual(new Set(TO_DO_KINDS));
  });

  it('gives every kind its own anchor, fit for an address', () => {
    const anchors = Object.values(TO_DO_ANCHORS);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const anchor of anchors) expect(anchor).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

describe('the order of things to do', () => {
  const item = (title: string, kind: 'stance' | 'signature' | 'term_ending', deadline: Orderable['deadline']): Orderable => ({
    title,
    deadline,
    target: kind === 'stance' ? { kind, proposalId: title } : kind === 'signature' ? { kind, charterId: 'c', versionId: title } : { kind, roleId: title, assignmentId: title },
  });

  it('puts the soonest deadline first, instants and calendar days alike, and undated things last', () => {
    const ordered = orderToDos([
      item('undated', 'signature', null),
      item('in May', 'term_ending', { kind: 'day', on: '2026-05-10' }),
      item('in April', 'stance', { kind: 'instant', at: new Date('2026-04-20T18:00:00Z') }),
      item('early May', 'stance', { kind: 'instant', at: new Date('2026-05-02T08:00:00Z') }),
    ]);
    expect(ordered.map((i) => i.title)).toEqual(['in April', 'early May', 'in May', 'undated']);
  });

  it('orders things due together by kind, then by title', () => {
    const at = { kind: 'instant', at: new Date('2026-04-20T18:00:00Z') } as const;
    const ordered = orderToDos([item('Zèbre', 'signature', null), item('Budget', 'signature', null), item('Vote', 'stance', at), item('Adhésion', 'stance', at)]);
    expect(ordered.map((i) => i.title)).toEqual(['Adhésion', 'Vote', 'Budget', 'Zèbre']);
    const sameTime = orderToDos([item('A', 'term_ending', { kind: 'day', on: '2026-05-10' }), item('B', 'stance', { kind: 'instant', at: new Date('2026-05-10T00:00:00Z') })]);
    expect(sameTime.map((i) => i.target.kind)).toEqual(['stance', 'term_ending']);
  });

  it('leaves the list it was given as it was', () => {
    const list = [item('b', 'signature', null), item('a', 'signature', null)];
    orderToDos(list);
    expect(list.map((i) => i.title)).toEqual(['b', 'a']);
  });
});

describe('the words of the list', () => {
  it('name every kind and its deadline in French and in English', () => {
    for (const catalogue of [fr, en] as { toDo: { kind: Record<string, string>; due: Record<string, string> } }[]) {
      for (const kind of TO_DO_KINDS) {
        expect(catalogue.toDo.kind[kind]).toContain('{{title}}');
        expect(catalogue.toDo.due[kind]).toContain('{{date}}');
      }
    }
  });
});
