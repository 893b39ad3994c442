/**
 * A body's life began before Entente knew it: its founding day (the day it was created here for
 * bodies already recorded), and meetings held before or outside Entente recorded afterwards,
 * so that the cadence it keeps counts its real past.
 */
export const bodyFounding: readonly string[] = [
  // The default keeps bodies inserted without one (older tools, benchmarks) on the day they arrive.
  `alter table body add column founded_on date not null default ((now() at time zone 'Europe/Paris')::date)`,
  `update body set founded_on = (created_at at time zone 'Europe/Paris')::date`,
  `alter table meeting add column recorded_afterwards boolean not null default false`,
  // A recorded meeting is a record from the start: its minutes are published as it is written.
  `alter table meeting add constraint meeting_recorded_is_published check (not recorded_afterwards or minutes_published_at is not null)`,
];
