-- V10: what the hotline-matter lifecycle needs beyond V1 (issue 7).

-- Daily counter behind the human-readable matter number (WF + yyyymmdd + 5-digit sequence).
-- An upsert "insert ... on conflict do update set last_value = last_value + 1 returning" takes a row
-- lock, so concurrent intakes on one day never get the same number.
create table matter_number_counter (
    day         date primary key,
    last_value  integer not null
);

alter table matter
    add column origin_pbx_id      text,
    add column origin_linkedid    text,
    add column ivr_path           text,
    add column has_place          boolean not null default false,
    add column answer             text,
    add column reply              text,
    add column accepted_at        timestamptz,
    add column dispatched_at      timestamptz,
    add column replied_at         timestamptz,
    add column working_days       integer,
    add column reopen_count       integer not null default 0,
    add column returned_count     integer not null default 0,
    add column escalated          boolean not null default false,
    add column status_before      text;
-- A call opens at most one draft: the second AgentRinging for the same call finds this row.
create unique index matter_origin_call on matter (origin_pbx_id, origin_linkedid) where origin_linkedid is not null;
create index matter_created on matter (created_at);

alter table matter_unit
    add column signed_at  timestamptz;

-- A unit's request that a supervisor decides: an extension (art. 20) or a termination (art. 21).
-- Returns (art. 22) are recorded here too, decided at once by the rules (no_return).
create table matter_request (
    id                  bigserial primary key,
    matter_id           bigint not null references matter (id),
    kind                text not null check (kind in ('extension', 'termination', 'return')),
    unit_id             text references handling_unit (id),
    reason              text not null,
    requested_deadline  timestamptz,
    status              text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
    decided_by          text,
    decided_at          timestamptz,
    decision_note       text,
    created_at          timestamptz not null default now()
);
create index matter_request_pending on matter_request (status, kind);
create index matter_request_matter on matter_request (matter_id);

-- The post-call satisfaction survey (art. 14, 15), per call; one answer per call.
create table call_survey (
    id         bigserial primary key,
    pbx_id     text not null,
    linkedid   text not null,
    matter_id  bigint references matter (id),
    agent      text,
    rating     text not null check (rating in ('satisfied', 'basically_satisfied', 'dissatisfied')),
    at         timestamptz not null,
    unique (pbx_id, linkedid)
);

-- Systems of other channels (WeChat, Weibo, web portal) posting matters to /api/intake (art. 2).
create table intake_client (
    id            text primary key,
    channel       text not null check (channel in ('wechat', 'weibo', 'web', 'app', 'letter')),
    api_key_hash  text not null,
    active        boolean not null default true,
    created_at    timestamptz not null default now()
);

-- Per-category deadline overrides in working days (art. 20: a statute may set a longer limit).
create table matter_deadline_rule (
    category      text primary key check (category in ('consultation', 'help', 'suggestion', 'complaint', 'report')),
    working_days  integer not null check (working_days between 1 and 120)
);

alter table revisit_task add column created_at timestamptz not null default now();
create unique index revisit_task_one_open on revisit_task (matter_id) where status in ('pending', 'calling');
