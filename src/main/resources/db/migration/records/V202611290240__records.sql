-- Every record of every object type. Public and internal values are plain JSON; personal and sensitive values
-- are sealed per tier under the record's own data keys (kept in data_key).
create table record (
  id          uuid primary key,
  object_type varchar(64) not null,
  owner_id    uuid not null,
  team        varchar(64),
  version     bigint not null,
  created_at  timestamp with time zone not null,
  updated_at  timestamp with time zone not null,
  purposes    varchar(1000) not null,
  plain       text not null,
  personal    bytea,
  sensitive   bytea
);
create index record_type_updated on record (object_type, updated_at);

-- Search tokens: blind-index tokens (key id + truncated HMAC) for protected fields, normalised values for plain ones.
create table record_index (
  object_type varchar(64) not null,
  field       varchar(64) not null,
  token       varchar(220) not null,
  record_id   uuid not null
);
create index record_index_lookup on record_index (object_type, field, token);
create index record_index_record on record_index (record_id);

-- A feed of record changes: other nodes follow it to keep their in-memory sort indexes current.
create table record_change (
  seq         bigserial primary key,
  record_id   uuid not null,
  object_type varchar(64) not null,
  op          varchar(8) not null,
  at          timestamp with time zone not null
);
