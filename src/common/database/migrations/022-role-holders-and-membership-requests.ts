/**
 * Issue 14, points 17 and 7.
 *
 * A role says how many people may hold it at once. Existing roles get one: the roles of the seeds
 * — facilitator, secretary, lead link, second link, project lead — are each held by one person,
 * and a role two people held at once was most often the result of electing someone without ending
 * the previous holder's term. Terms already recorded are left as they are; the next assignment or
 * election makes room as the new rule says, and an administrator may raise the number for a role
 * that is truly shared.
 *
 * An organization administrator who adds someone belonging elsewhere only asks: the request waits
 * for that person's answer (or a partnership administrator's), and becomes a membership once
 * accepted. One request waits at a time for a person and an organization.
 */
export const roleHoldersAndMembershipRequests: readonly string[] = [
  `alter table role add column max_holders integer not null default 1 check (max_holders between 1 and 50)`,
  `create table membership_request (
    id uuid primary key,
    person_id uuid not null references person(id),
    organization_id uuid not null references organization(id),
    kind text not null check (kind in ('volunteer', 'staff', 'board')),
    is_organization_admin boolean not null default false,
    requested_by uuid references person(id),
    requested_at timestamptz not null,
    answer text check (answer in ('accepted', 'declined')),
    answered_at timestamptz,
    membership_id uuid references membership(id),
    check ((answer is null) = (answered_at is null)),
    check ((answer = 'accepted') = (membership_id is not null))
  )`,
  `create unique index membership_request_one_waiting on membership_request (person_id, organization_id) where answer is null`,
  `create index membership_request_organization on membership_request (organization_id)`,
];
