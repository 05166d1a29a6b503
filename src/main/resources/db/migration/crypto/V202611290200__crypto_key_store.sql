-- The key store: wrapped data keys, one per record tier, apart from record data (crypto-shredding deletes rows).
create table data_key (
  record_id  uuid not null,
  object_type varchar(64) not null,
  tier       varchar(16) not null,
  kek_id     bigint not null,
  wrapped    bytea not null,
  created_at timestamp with time zone not null,
  primary key (record_id, tier)
);
create index data_key_kek on data_key (tier, kek_id);

-- Key rotations (key-encryption keys re-wrapping data keys; blind-index keys rebuilding the index).
create table key_rotation (
  id            bigserial primary key,
  kind          varchar(32) not null,
  target_key_id bigint not null,
  state         varchar(16) not null,
  processed     bigint not null,
  total         bigint not null,
  started_at    timestamp with time zone not null,
  finished_at   timestamp with time zone
);
