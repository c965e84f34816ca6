-- V20 (issue 6, caller profile): what the caller profile, the nuisance measures and the retention purge need
-- beyond V1.

-- The call ids the profile hook has counted, so a replayed "call started" never counts a call twice
-- (caller.call_count is only incremented when this insert is new). Purged with the call retention.
create table caller_call_seen (
    pbx_id       text not null,
    linkedid     text not null,
    number_norm  text not null,
    at           timestamptz not null,
    primary key (pbx_id, linkedid)
);
create index caller_call_seen_at on caller_call_seen (at);

-- The profile reads a caller's recent flags on every lookup.
create index caller_flag_number_at on caller_flag (number_norm, at desc);

-- A measure's review and appeal trail (art. 12, 34). A system rule's proposal applies at once only up
-- to 'warning'/'review' and waits on the supervisor review list until confirmed or lifted.
alter table caller_measure add column confirmed_by text;
alter table caller_measure add column confirmed_at timestamptz;
alter table caller_measure add column lift_reason text;
alter table caller_measure add column appeal_filed_at timestamptz;
alter table caller_measure add column appeal_decided_by text;
alter table caller_measure add column appeal_decided_at timestamptz;
create index caller_measure_open on caller_measure (started_at desc) where lifted_at is null;

-- The purge deletes call events by age.
create index call_event_at on call_event (at);
