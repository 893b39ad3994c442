import type { ProjectStage } from '../../../projects/rules';

/** How a project's stage is marked: settled well, stopped, or under way. */
export const stageTone = (stage: ProjectStage): 'ok' | 'warn' | 'neutral' => (stage === 'active' ? 'ok' : stage === 'refused' ? 'warn' : 'neutral');
