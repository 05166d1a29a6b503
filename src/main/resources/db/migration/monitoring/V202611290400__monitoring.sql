-- What is usual for each user (docs/monitoring.md): one small JSON document of counts, peaks, network
-- prefixes and user-agent hashes; no personal values. Nodes merge into it with an optimistic version check.
create table monitor_baseline (
  user_id    uuid primary key,
  state      text not null,
  version    bigint not null,
  updated_at timestamp with time zone not null
);

-- A rule that fired and what was done about it. user_id is null for rules about an address (spraying).
create table monitor_incident (
  id              uuid primary key,
  rule            varchar(40) not null,
  response        varchar(20) not null,
  user_id         uuid,
  ip              varchar(64),
  summary         varchar(500) not null,
  status          varchar(16) not null,
  opened_at       timestamp with time zone not null,
  last_seen_at    timestamp with time zone not null,
  records         bigint not null,
  contained_at    timestamp with time zone,
  acknowledged_by varchar(64),
  acknowledged_at timestamp with time zone,
  resolved_by     varchar(64),
  resolved_at     timestamp with time zone,
  note            varchar(2000)
);
create index monitor_incident_status on monitor_incident (status, opened_at);

-- Rule settings changed on the settings page; a rule without a row keeps its property or built-in default.
create table monitor_rule_setting (
  rule       varchar(40) primary key,
  enabled    boolean not null,
  response   varchar(20) not null,
  threshold  bigint not null,
  factor     double precision not null,
  updated_by varchar(64) not null,
  updated_at timestamp with time zone not null
);
