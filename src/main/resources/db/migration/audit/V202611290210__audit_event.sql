-- The tamper-evident audit trail (see docs/audit.md). Portable between H2 (PostgreSQL mode) and PostgreSQL.

-- One row per event. seq is assigned by the writer under the audit_head row lock, never by a sequence, so the
-- chain has no gaps and stays one chain when several nodes append. hash = SHA-256 over a length-prefixed
-- encoding of (seq, prev_hash, every column below); record_ids, fields and details are canonical JSON text.
create table audit_event (
  seq         bigint primary key,
  at          timestamp with time zone not null,
  action      varchar(64) not null,
  actor_id    varchar(128) not null,
  object_type varchar(64),
  record_ids  text not null,
  fields      text not null,
  reason      varchar(1000),
  outcome     varchar(16) not null,
  ip          varchar(64),
  user_agent  varchar(1000),
  request_id  varchar(128),
  details     text not null,
  prev_hash   varchar(64) not null,
  hash        varchar(64) not null
);
create index audit_event_at on audit_event (at);
create index audit_event_actor on audit_event (actor_id, at);
create index audit_event_action on audit_event (action, at);

-- Which events name which record: "who accessed this record" is an index look-up, written in the event's
-- own transaction.
create table audit_event_record (
  record_id varchar(64) not null,
  seq       bigint not null,
  primary key (record_id, seq)
);
create index audit_event_record_seq on audit_event_record (seq);

-- The end of the chain. Appenders lock this one row (select ... for update) to serialise, across nodes.
create table audit_head (
  id                 int primary key,
  seq                bigint not null,
  hash               varchar(64) not null,
  checkpoint_seq     bigint not null,
  checkpoint_at      timestamp with time zone not null
);
insert into audit_head (id, seq, hash, checkpoint_seq, checkpoint_at)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, current_timestamp);

-- Signed checkpoints (Ed25519 over seq, hash and time); also appended to a file outside the database.
create table audit_checkpoint (
  seq       bigint primary key,
  hash      varchar(64) not null,
  at        timestamp with time zone not null,
  signature varchar(512) not null
);

-- How far each SIEM sink has been shipped; after an outage shipping resumes from here, reading the table.
create table audit_siem_cursor (
  sink       varchar(64) primary key,
  seq        bigint not null,
  updated_at timestamp with time zone not null
);
