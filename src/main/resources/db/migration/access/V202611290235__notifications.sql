-- In-app notices to a user (access-review reminders, new sign-in warnings).
create table notification (
  id         uuid primary key,
  user_id    uuid not null references app_user (id),
  kind       varchar(32) not null,
  message    varchar(1000) not null,
  link       varchar(200),
  created_at timestamp with time zone not null,
  read_at    timestamp with time zone
);
create index notification_user on notification (user_id, read_at);
