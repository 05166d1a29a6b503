-- Live window counts shared by all nodes (docs/monitoring.md, "Several nodes"): every second each node writes its
-- own count per user, counter and time bucket (one row each, overwritten while the bucket is current) and reads the
-- other nodes' recent ones. Counts only, no record ids or values; a row goes when its bucket has left the window.
create table monitor_count (
  user_id    uuid not null,
  counter    varchar(16) not null,
  bucket     bigint not null,
  node       varchar(36) not null,
  n          bigint not null,
  expires_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  primary key (user_id, counter, bucket, node)
);
create index monitor_count_updated on monitor_count (updated_at);
create index monitor_count_expires on monitor_count (expires_at);
