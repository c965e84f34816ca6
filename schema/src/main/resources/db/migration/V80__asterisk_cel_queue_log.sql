-- V80 (issue 21): Asterisk's own call records, written by Asterisk itself whether or not anyone listens on AMI.
--
-- Schema "asterisk" holds exactly two tables, in the shapes Asterisk 22 writes (docs/configuration.md,
-- "Call records from Asterisk"):
--   cel        by cel_pgsql (cel/cel_pgsql.c): at load it reads this table's columns from pg_catalog and, for every
--              event, inserts every column it knows by name (eventtype, eventtime, userdeftype, cid_name, cid_num,
--              cid_ani, cid_rdnis, cid_dnid, exten, context, channame, appname, appdata, amaflags, accountcode,
--              peeraccount, uniqueid, linkedid, userfield, peer, extra) and DEFAULT for any other column
--              ("if (value == NULL) ... DEFAULT"): so id and pbx_id below fill themselves.
--   queue_log  by app_queue through realtime (main/logger.c ast_queue_log: ast_store_realtime("queue_log", "time",
--              time_str, "callid", ..., "queuename", ..., "agent", ..., "event", ..., "data1".."data5"), with the
--              adaptive layout because "time" is a timestamp and data1..data5 exist (logger_queue_rt_start).
-- Times are UTC without a zone: cel_pgsql.conf usegmtime = yes and logger.conf queue_log_realtime_use_gmt = yes
-- make Asterisk format them in GMT ("%Y-%m-%d %T.%6q"), and a timestamp column takes that text as it is, whatever
-- the session's time zone.
-- pbx_id: which PBX wrote the row. Asterisk's rows carry no PBX name, so each PBX connects with
-- application_name = its id in the server's configuration (appname = in cel_pgsql.conf and res_pgsql.conf).
-- Nothing here may make an insert of Asterisk fail (it would lose the record for good): no NOT NULL that Asterisk
-- might not fill, no checks.

create schema if not exists asterisk;

create table asterisk.cel (
    id          bigint generated always as identity primary key,
    eventtype   text,
    eventtime   timestamp,
    userdeftype text,
    cid_name    text,
    cid_num     text,
    cid_ani     text,
    cid_rdnis   text,
    cid_dnid    text,
    exten       text,
    context     text,
    channame    text,
    appname     text,
    appdata     text,
    amaflags    integer,
    accountcode text,
    peeraccount text,
    uniqueid    text,
    linkedid    text,
    userfield   text,
    peer        text,
    extra       text,
    pbx_id      text default current_setting('application_name')
);
-- the reconciler reads a call's rows by (pbx, linkedid) and finds the calls that ended in a window by LINKEDID_END
create index cel_call on asterisk.cel (pbx_id, linkedid);
create index cel_call_end on asterisk.cel (pbx_id, eventtime) where eventtype = 'LINKEDID_END';
-- rows by uniqueid: the agent's channel named by queue_log CONNECT's data2
create index cel_uniqueid on asterisk.cel (uniqueid);

create table asterisk.queue_log (
    id        bigint generated always as identity primary key,
    time      timestamp,
    callid    text,
    queuename text,
    agent     text,
    event     text,
    data1     text,
    data2     text,
    data3     text,
    data4     text,
    data5     text,
    pbx_id    text default current_setting('application_name')
);
create index queue_log_call on asterisk.queue_log (pbx_id, callid);
create index queue_log_time on asterisk.queue_log (time);

comment on schema asterisk is 'Written by Asterisk (cel_pgsql, realtime queue_log) as role asterisk, which may only insert here; read by the call reconciler';
comment on column asterisk.cel.pbx_id is 'The writing connection''s application_name: the PBX id (cel_pgsql.conf appname)';
comment on column asterisk.queue_log.pbx_id is 'The writing connection''s application_name: the PBX id (res_pgsql.conf appname)';

-- Asterisk's database role (docker/postgres/initdb/10-asterisk-role.sh creates it; docker/README.md for an Asterisk
-- of your own): INSERT into these two tables and nothing else. The identity columns need no sequence right.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'asterisk') then
        grant usage on schema asterisk to asterisk;
        grant insert on asterisk.cel, asterisk.queue_log to asterisk;
    end if;
end
$$;
