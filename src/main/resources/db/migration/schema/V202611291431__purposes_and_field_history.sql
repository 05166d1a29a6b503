-- Why a business holds data. A record carries the purposes it is held for; a field accepts a value only if one of
-- its purposes is active on the record. The built-in purposes are templates a business may change or add to.
create table purpose (
  name          varchar(64) primary key,
  label         varchar(100) not null,
  description   varchar(1000) not null,
  default_basis varchar(32) not null,
  builtin       boolean not null,
  created_at    timestamp with time zone not null
);

insert into purpose (name, label, description, default_basis, builtin, created_at) values
  ('sales', 'Sales', 'Selling to prospects and customers: the default purpose of contacts, covering every built-in contact field.',
   'legitimate-interest', true, current_timestamp),
  ('newsletter', 'Newsletter', 'Sending the newsletter: first name, last name and email, nothing more.', 'consent', true, current_timestamp),
  ('support', 'Support', 'Helping customers with their questions and problems.', 'contract', true, current_timestamp),
  ('billing', 'Billing', 'Invoicing and collecting payment.', 'contract', true, current_timestamp),
  ('events', 'Events', 'Inviting people to events and managing their attendance.', 'consent', true, current_timestamp);

-- Every version of every field definition, so a change can be seen and undone by hand; field_def holds the current one.
create table field_def_history (
  object_type varchar(64) not null,
  api_name    varchar(64) not null,
  version     integer not null,
  change      varchar(32) not null,
  definition  text not null,
  changed_by  varchar(64) not null,
  changed_at  timestamp with time zone not null,
  primary key (object_type, api_name, version)
);
