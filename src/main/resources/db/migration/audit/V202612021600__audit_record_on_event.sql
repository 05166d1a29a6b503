-- Most events name one record (a read of one record page or API resource). That record's id now travels on the
-- event's own row, indexed with its seq, so such an event writes one row and one record index entry instead of
-- an audit_event_record row with two. audit_event_record keeps the further ids of events that name several
-- (a list view, an export) and every id of the events written before this migration. Not part of the hash:
-- like audit_event_record, it is an index of record_ids, which the hash covers.
alter table audit_event add column record_id varchar(64);
create index audit_event_record_id on audit_event (record_id, seq);
