/**
 * Double linking (seed 004): a role may seat its holder in the parent body for as long as they
 * hold it, as a circle's second link sits in the circle above. The seat names the assignment it
 * comes from, so that it ends with it.
 */
export const roleLinks: readonly string[] = [
  `alter table role add column sits_in_parent boolean not null default false`,
  `alter table body_member add column role_assignment_id uuid references role_assignment(id)`,
  `alter table body_member drop constraint body_member_mandate_source_check`,
  `alter table body_member add constraint body_member_mandate_source_check
     check (mandate_source in ('board', 'staff_body', 'general_assembly', 'partnership', 'self', 'role'))`,
  `alter table body_member add constraint body_member_seat_of_role check ((mandate_source = 'role') = (role_assignment_id is not null))`,
  `create index body_member_role_assignment on body_member (role_assignment_id) where role_assignment_id is not null`,
];
