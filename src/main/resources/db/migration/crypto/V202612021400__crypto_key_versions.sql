-- Several nodes, one key source: which key material is in force, who has adopted it, and which key-encryption keys
-- a data key may name.

-- One row: the version of the key material (bumped by every key change, under this row's lock) and the key ids it
-- holds, so that a node can tell whether the key file it read is the one the version names. Key ids only, no material.
create table key_state (
  id         int primary key,
  version    bigint not null,
  key_ids    varchar(2000) not null,
  changed_at timestamp with time zone not null
);
insert into key_state (id, version, key_ids, changed_at) values (1, 0, '', current_timestamp);

-- Every running node (server or command): the key version it has adopted (loaded, and no open transaction of it
-- still writes with a key that is no longer primary), and when it last said so. Nodes silent for longer than
-- steward.crypto.node-timeout count as gone.
create table key_node (
  node_id     varchar(64) primary key,
  name        varchar(200) not null,
  key_version bigint not null,
  started_at  timestamp with time zone not null,
  seen_at     timestamp with time zone not null
);

-- Key-encryption keys in force. A data key may only name one of them, and a key is retired by deleting its row:
-- the database then refuses to retire a key a data key still names, even one written by a late transaction.
create table key_in_force (
  keyset varchar(16) not null,
  key_id bigint not null,
  primary key (keyset, key_id)
);
insert into key_in_force (keyset, key_id) select distinct tier, kek_id from data_key;
alter table data_key add constraint data_key_kek_in_force foreign key (tier, kek_id) references key_in_force (keyset, key_id);

-- Which node runs a rotation job, what it is doing, and when a stopped job may be taken up again.
alter table key_rotation add column owner varchar(64);
alter table key_rotation add column phase varchar(16);
alter table key_rotation add column retry_at timestamp with time zone;
