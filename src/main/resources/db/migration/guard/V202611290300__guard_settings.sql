-- Never-keep guard: per-business detector switches and business-defined detectors.
-- Portable across H2 (PostgreSQL mode) and PostgreSQL 17.

create table guard_detector_setting (
  detector_id varchar primary key,
  enabled boolean not null,
  updated_at timestamp with time zone not null
);

create table guard_custom_detector (
  slug varchar primary key,
  name varchar not null,
  pattern varchar not null,
  checksum varchar not null,
  -- context words, one per line (words cannot contain a line break)
  context_words varchar not null,
  advice varchar not null,
  enabled boolean not null,
  created_at timestamp with time zone not null
);
