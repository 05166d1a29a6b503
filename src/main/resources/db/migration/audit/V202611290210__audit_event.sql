create table audit_event (
  seq         bigserial primary key,
  at          timestamp with time zone not null,
  action      varchar(64) not null,
  actor_id    varchar(64) not null,
  object_type varchar(64),
  record_ids  text,
  fields      text,
  reason      varchar(500),
  outcome     varchar(16) not null,
  ip          varchar(64),
  user_agent  varchar(500),
  request_id  varchar(64),
  details     text
);
create index audit_event_at on audit_event (at);
create index audit_event_actor on audit_event (actor_id, at);
