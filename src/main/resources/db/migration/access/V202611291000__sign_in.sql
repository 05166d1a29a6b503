-- Sign-in hardening: second factors, throttling, known devices, notices, single sign-on state.

-- A session may be half-way: the password was right but a second factor (or its enrolment) is still owed.
alter table user_session add column pending varchar(16);
alter table user_session add column auth_method varchar(16);

-- TOTP (RFC 6238). The secret is sealed by the crypto module (envelope encryption, data key under secret_ref
-- in data_key); last_step makes a used code worthless, on every node.
create table mfa_totp (
  user_id       uuid primary key references app_user (id),
  secret_ref    uuid not null,
  secret_sealed bytea not null,
  confirmed_at  timestamp with time zone,
  last_step     bigint not null,
  created_at    timestamp with time zone not null
);

-- One-time recovery codes: only a salted SHA-256 of each (the codes carry 80 random bits).
create table mfa_recovery_code (
  user_id   uuid not null references app_user (id),
  code_hash varchar(64) not null,
  used_at   timestamp with time zone,
  primary key (user_id, code_hash)
);

-- Failed sign-in attempts, by account (a hash of the submitted email, whether or not it exists) and address.
create table sign_in_failure (
  id           bigserial primary key,
  account_hash varchar(64) not null,
  ip           varchar(64) not null,
  failed_at    timestamp with time zone not null
);
create index sign_in_failure_account on sign_in_failure (account_hash, failed_at);
create index sign_in_failure_ip on sign_in_failure (ip, failed_at);

-- Browsers that completed a sign-in: the device cookie holds a random secret, the table only its hash.
create table known_device (
  id           varchar(64) primary key,
  user_id      uuid not null references app_user (id),
  created_at   timestamp with time zone not null,
  last_seen_at timestamp with time zone not null,
  user_agent   varchar(300)
);
create index known_device_user on known_device (user_id);

-- Networks (an IPv4 /24 or IPv6 /48) a user has signed in from.
create table known_network (
  user_id    uuid not null references app_user (id),
  network    varchar(64) not null,
  first_seen timestamp with time zone not null,
  primary key (user_id, network)
);

-- Things a user should know at the next page view (a sign-in from a new device or network).
create table user_notice (
  id           uuid primary key,
  user_id      uuid not null references app_user (id),
  message      varchar(500) not null,
  created_at   timestamp with time zone not null,
  dismissed_at timestamp with time zone
);
create index user_notice_user on user_notice (user_id);

-- Passkeys: Spring Security's WebAuthn tables (JdbcPublicKeyCredentialUserEntityRepository, JdbcUserCredentialRepository).
-- user_entities.name is the Steward user id.
create table user_entities (
  id           varchar(1000) not null primary key,
  name         varchar(100) not null,
  display_name varchar(200)
);
create unique index user_entities_name on user_entities (name);

create table user_credentials (
  credential_id                varchar(1000) not null primary key,
  user_entity_user_id          varchar(1000) not null,
  public_key                   bytea not null,
  signature_count              bigint,
  uv_initialized               boolean,
  backup_eligible              boolean not null,
  authenticator_transports     varchar(1000),
  public_key_credential_type   varchar(100),
  backup_state                 boolean not null,
  attestation_object           bytea,
  attestation_client_data_json bytea,
  created                      timestamp,
  last_used                    timestamp,
  label                        varchar(1000) not null
);
create index user_credentials_user on user_credentials (user_entity_user_id);

-- OpenID Connect: the authorization request between the redirect to the provider and its answer.
create table oidc_request (
  state      varchar(200) primary key,
  request    bytea not null,
  expires_at timestamp with time zone not null
);
