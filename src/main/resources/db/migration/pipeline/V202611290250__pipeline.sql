-- Deal stages: their order and whether a deal in them is won or lost. Their names are the deal.stage options.
create table pipeline_stage (
  name     varchar(64) primary key,
  position integer not null,
  won      boolean not null,
  lost     boolean not null
);
insert into pipeline_stage (name, position, won, lost) values ('qualification', 0, false, false);
insert into pipeline_stage (name, position, won, lost) values ('proposal', 1, false, false);
insert into pipeline_stage (name, position, won, lost) values ('negotiation', 2, false, false);
insert into pipeline_stage (name, position, won, lost) values ('won', 3, true, false);
insert into pipeline_stage (name, position, won, lost) values ('lost', 4, false, true);
