-- The purposes each record is held for, with the legal basis and its source (for consent: when and with what wording).
-- record.purposes keeps the names, for fast checks on every write.
create table record_purpose (
  record_id    uuid not null,
  purpose      varchar(64) not null,
  basis        varchar(32) not null,
  source       varchar(500),
  consent_at   timestamp with time zone,
  consent_text varchar(2000),
  added_at     timestamp with time zone not null,
  added_by     varchar(64) not null,
  primary key (record_id, purpose)
);

-- How many records hold a value for each field, kept by the write path as deltas (+1/-1) per field and per set of
-- record purposes, and compacted into one row per key every minute. field '*' counts the records themselves.
-- Appending deltas means concurrent writers never wait on one hot counter row.
create table field_fill_count (
  id          bigserial primary key,
  object_type varchar(64) not null,
  field       varchar(64) not null,
  purposes    varchar(1000) not null,
  filled      bigint not null
);
create index field_fill_count_type on field_fill_count (object_type);

-- Object types whose fill counts are complete; a type missing here (records from before the counts existed) is
-- counted once in the background at start-up. The '~compaction' row serialises compaction across nodes.
create table fill_count_state (
  object_type varchar(64) primary key,
  counted_at  timestamp with time zone not null
);
insert into fill_count_state (object_type, counted_at) values ('~compaction', current_timestamp);

-- One exposure figure per object type and day: sensitive values held times the people able to read them.
create table exposure_snapshot (
  snapshot_day     date not null,
  object_type      varchar(64) not null,
  sensitive_values bigint not null,
  readers          integer not null,
  exposure         bigint not null,
  primary key (snapshot_day, object_type)
);

-- Background rewrites of existing records after a schema change: re-seal after a classification change, re-index
-- after a search-mode change, erase a retired field's values. Idempotent, so an interrupted job is simply run again.
create table record_job (
  id           uuid primary key,
  kind         varchar(16) not null,
  object_type  varchar(64) not null,
  field        varchar(64) not null,
  status       varchar(16) not null,
  processed    bigint not null,
  changed      bigint not null,
  requested_by varchar(64) not null,
  created_at   timestamp with time zone not null,
  finished_at  timestamp with time zone
);
