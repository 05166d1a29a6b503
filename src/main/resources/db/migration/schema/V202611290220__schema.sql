-- Object types and their fields: the schema of every record, built-in and custom alike.
create table object_type (
  api_name         varchar(64) primary key,
  label            varchar(100) not null,
  plural_label     varchar(100) not null,
  collection       varchar(64) not null unique,
  builtin          boolean not null,
  title_fields     varchar(500) not null,
  default_sort     varchar(64),
  default_purposes varchar(1000) not null,
  created_at       timestamp with time zone not null
);

create table field_def (
  object_type     varchar(64) not null references object_type (api_name),
  api_name        varchar(64) not null,
  label           varchar(100) not null,
  type            varchar(32) not null,
  classification  varchar(16) not null,
  required        boolean not null,
  search_mode     varchar(16) not null,
  sortable        boolean not null,
  purposes        varchar(1000) not null,
  retention_days  integer,
  max_length      integer,
  min_value       numeric(30, 6),
  max_value       numeric(30, 6),
  pattern         varchar(500),
  options         varchar(4000) not null,
  relation_target varchar(64),
  help_text       varchar(500),
  default_value   varchar(500),
  position        integer not null,
  retired         boolean not null,
  version         integer not null,
  updated_at      timestamp with time zone not null,
  primary key (object_type, api_name)
);

-- Bumped on every schema change; nodes poll it to refresh their cached schema within seconds.
create table schema_version (
  id      integer primary key,
  version bigint not null
);
insert into schema_version (id, version) values (1, 0);
