-- When an incident nobody acknowledged was escalated (notified again); set once, by whichever node claims it first.
alter table monitor_incident add column escalated_at timestamp with time zone;
