-- People who sign in, and how.
create table app_user (
  id              uuid primary key,
  email           varchar(254) not null unique,
  display_name    varchar(100) not null,
  password_hash   varchar(200),
  kind            varchar(16) not null,
  team            varchar(64),
  sponsor_id      uuid,
  enabled         boolean not null,
  created_at      timestamp with time zone not null,
  last_sign_in_at timestamp with time zone
);

-- Roles and what they permit (a JSON policy document: objects, classifications, fields, scope, admin powers).
create table app_role (
  name       varchar(64) primary key,
  label      varchar(100) not null,
  builtin    boolean not null,
  policy     text not null,
  updated_at timestamp with time zone not null
);

-- A role held by a user, possibly until a time, possibly only from some networks and hours.
create table access_grant (
  id               uuid primary key,
  user_id          uuid not null references app_user (id),
  role_name        varchar(64) not null references app_role (name),
  expires_at       timestamp with time zone,
  sponsor_id       uuid,
  allowed_networks varchar(1000),
  allowed_hours    varchar(32),
  reason           varchar(500),
  created_by       varchar(64) not null,
  created_at       timestamp with time zone not null,
  revoked_at       timestamp with time zone,
  revoked_by       varchar(64),
  last_used_at     timestamp with time zone
);
create index access_grant_user on access_grant (user_id);

-- Browser sessions, kept in the database so that every node sees a revocation at once.
create table user_session (
  id           varchar(64) primary key,
  user_id      uuid not null references app_user (id),
  created_at   timestamp with time zone not null,
  last_seen_at timestamp with time zone not null,
  expires_at   timestamp with time zone not null,
  ip           varchar(64),
  user_agent   varchar(300),
  mfa_at       timestamp with time zone,
  revoked_at   timestamp with time zone
);
create index user_session_user on user_session (user_id);

-- Personal API tokens: only a hash is kept; every token expires.
create table api_token (
  id              uuid primary key,
  user_id         uuid not null references app_user (id),
  name            varchar(100) not null,
  token_hash      varchar(64) not null unique,
  hint            varchar(16) not null,
  expires_at      timestamp with time zone not null,
  created_at      timestamp with time zone not null,
  last_used_at    timestamp with time zone,
  last_ip         varchar(64),
  last_user_agent varchar(300),
  revoked_at      timestamp with time zone
);
create index api_token_user on api_token (user_id);

-- The one-time link that creates the first administrator.
create table setup_token (
  token_hash varchar(64) primary key,
  expires_at timestamp with time zone not null,
  used_at    timestamp with time zone
);

-- Bumped on every change of roles, grants, users, sessions or tokens; nodes poll it to drop caches at once.
create table access_version (
  id      integer primary key,
  version bigint not null
);
insert into access_version (id, version) values (1, 0);
