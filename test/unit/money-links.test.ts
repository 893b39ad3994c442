import { readFileSync } from 'node:fs';
import { matchPath } from 'react-router';
import { describe, expect, it } from 'vitest';
// The notices load as the server loads them: acts first, which gather every capability's notices.
import '../../src/common/act.js';
import { projectBudgetPath } from '../../src/budgets/notices.js';
import { reportPath } from '../../src/budgets/report/notices.js';
import { settlementPath } from '../../src/budgets/settlement/notices.js';
import { toDoPath } from '../../src/participation/rules.js';

/** The web app's routes inside a partnership, read from App.tsx as the router gets them, but the « page not found » catching the rest. */
const partnershipRoutes = [...readFileSync(new URL('../../src/web/App.tsx', import.meta.url), 'utf8').matchAll(/<Route path="([^"/*][^"]*)"/g)].map(([, path]) => `/p/:partnershipId/${path}`);
const resolves = (link: string) => partnershipRoutes.some((pattern) => matchPath(pattern, link.split('#')[0]!) !== null);

const P = '11111111-1111-4111-8111-111111111111';
const PROJECT = '22222222-2222-4222-8222-222222222222';
const BUDGET = '33333333-3333-4333-8333-333333333333';

describe('every link to a budget page the server hands out', () => {
  it('opens a page of the web app', () => {
    const links = {
      forecastToDoAndMail: toDoPath(P, { kind: 'budget_forecast', projectId: PROJECT }),
      reportToDo: toDoPath(P, { kind: 'budget_report', projectId: PROJECT }),
      revisionProposalContext: projectBudgetPath(P, PROJECT),
      reportMail: reportPath(P, PROJECT),
      settlementMail: settlementPath(P, BUDGET),
      charterBudget: `/p/${P}/budgets/${BUDGET}`,
      fundToDo: toDoPath(P, { kind: 'fund_contribution', organizationId: BUDGET }),
    };
    expect(Object.entries(links).filter(([, link]) => !resolves(link))).toEqual([]);
    expect(resolves(`/p/${P}/nulle-part/${BUDGET}`)).toBe(false);
  });
});
