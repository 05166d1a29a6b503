-- A privileged token may do step-up actions (reveal, export, role and grant changes) without an interactive second
-- factor; creating one needs a fresh second factor, and it lives at most 7 days.
alter table api_token add column privileged boolean default false not null;
