-- V1: the first tables of the 12345 hotline CTI server.
-- Released migrations are never edited; later changes are new V<n>__ files.

create extension if not exists pg_trgm;

-- ---------------------------------------------------------------- organisation and users
-- 承办单位 = handling unit: a city department or a county/district government.
create table handling_unit (
    id            text primary key,
    name          text not null,
    level         text not null check (level in ('city', 'county')),
    parent_id     text references handling_unit (id),
    active        boolean not null default true,
    api_key_hash  text,
    created_at    timestamptz not null default now()
);

create table app_user (
    id             bigserial primary key,
    username       text not null unique,
    display_name   text not null,
    password_hash  text not null,
    role           text not null check (role in ('agent', 'supervisor', 'engineer', 'admin', 'unit')),
    unit_id        text references handling_unit (id),
    extension      text,
    can_unmask     boolean not null default false,
    active         boolean not null default true,
    created_at     timestamptz not null default now(),
    check (role <> 'unit' or unit_id is not null)
);

-- ---------------------------------------------------------------- telephony: queues and agents
create table queue (
    pbx_id           text not null,
    name             text not null,
    category         text,
    service_level_s  integer not null default 20,
    created_at       timestamptz not null default now(),
    primary key (pbx_id, name)
);

-- An agent's login session and state changes; one row per change (append-only).
create table agent_state_history (
    id          bigserial primary key,
    pbx_id      text not null,
    agent       text not null,             -- queue member interface, e.g. PJSIP/1001
    user_id     bigint references app_user (id),
    queue_name  text,
    state       text not null check (state in ('logged_in', 'logged_out', 'paused', 'unpaused',
                                                'ringing', 'on_call', 'wrap_up', 'available')),
    reason      text,
    at          timestamptz not null,
    event_key   text not null,
    unique (pbx_id, event_key)
);
create index agent_state_history_agent_at on agent_state_history (agent, at desc);

-- Per queue and interval: counters for the queue view and reports.
create table queue_stats (
    pbx_id              text not null,
    queue_name          text not null,
    interval_start      timestamptz not null,
    offered             integer not null default 0,
    answered            integer not null default 0,
    answered_within_sl  integer not null default 0,
    abandoned           integer not null default 0,
    sum_wait_ms         bigint not null default 0,
    sum_talk_ms         bigint not null default 0,
    primary key (pbx_id, queue_name, interval_start)
);

-- ---------------------------------------------------------------- calls
-- One record per call, keyed by Asterisk's Linkedid on one PBX (CDR-like).
create table call (
    id                  bigserial primary key,
    pbx_id              text not null,
    linkedid            text not null,
    direction           text not null default 'inbound' check (direction in ('inbound', 'outbound')),
    caller_number       text,
    caller_number_norm  text,
    caller_name         text,
    dialled_number      text,
    started_at          timestamptz not null,
    answered_at         timestamptz,
    ended_at            timestamptz,
    ivr_path            text,
    ivr_vars            jsonb not null default '{}'::jsonb,
    queue_name          text,
    queue_priority      integer,
    queue_joined_at     timestamptz,
    queue_left_at       timestamptz,
    queue_position      integer,
    queue_wait_ms       bigint,
    agent               text,
    agents_rung         text[] not null default '{}',
    transfers           integer not null default 0,
    holds               integer not null default 0,
    hangup_cause        integer,
    hangup_cause_txt    text,
    disposition         text check (disposition in ('answered', 'abandoned_in_queue', 'abandoned_in_ivr',
                                                    'self_served', 'not_accepted', 'nuisance', 'failed',
                                                    'transferred_out')),
    end_reason          text,              -- normal, pbx_link_lost, pbx_restart
    recording_file      text,
    survey_rating       text check (survey_rating in ('satisfied', 'basically_satisfied', 'dissatisfied')),
    matter_id           bigint,
    updated_at          timestamptz not null default now(),
    unique (pbx_id, linkedid)
);
create index call_caller_started on call (caller_number_norm, started_at desc);
create index call_started on call (started_at);
create index call_agent_started on call (agent, started_at desc);

-- Append-only call event log (agent timeline, audits). event_key makes a replayed event a no-op.
create table call_event (
    id          bigserial primary key,
    pbx_id      text not null,
    linkedid    text not null,
    event_key   text not null,
    kind        text not null,
    at          timestamptz not null,
    data        jsonb not null default '{}'::jsonb,
    unique (pbx_id, event_key)
);
create index call_event_call on call_event (pbx_id, linkedid, at);

-- A promise to call a caller back, kept across restarts until done.
create table callback_request (
    id             bigserial primary key,
    pbx_id         text not null,
    linkedid       text not null,
    number         text not null,
    queue_name     text not null,
    priority       integer not null default 0,
    requested_at   timestamptz not null,
    status         text not null default 'pending' check (status in ('pending', 'dialing', 'connected', 'failed', 'done')),
    attempts       integer not null default 0,
    next_attempt_at timestamptz,
    updated_at     timestamptz not null default now(),
    unique (pbx_id, linkedid)
);

-- ---------------------------------------------------------------- callers
create table caller (
    number_norm    text primary key,
    first_seen_at  timestamptz not null,
    last_contact_at timestamptz not null,
    call_count     integer not null default 0,
    flags          text[] not null default '{}',
    note           text
);

-- A measure under art. 12/34 (observe, warning prompt, dedicated queue, review). Never a silent block.
create table caller_measure (
    id            bigserial primary key,
    number_norm   text not null references caller (number_norm),
    level         text not null check (level in ('observe', 'warning', 'dedicated_queue', 'review')),
    reason        text not null,
    evidence      bigint[] not null default '{}',   -- call ids
    decided_by    text not null,                    -- a user name, or 'system:<rule>'
    started_at    timestamptz not null,
    expires_at    timestamptz,
    lifted_at     timestamptz,
    lifted_by     text,
    appeal_status text check (appeal_status in ('pending', 'upheld', 'lifted')),
    appeal_note   text
);
create index caller_measure_number on caller_measure (number_norm) where lifted_at is null;

create table caller_flag (
    id           bigserial primary key,
    number_norm  text not null references caller (number_norm),
    call_id      bigint references call (id),
    kind         text not null check (kind in ('harassment', 'insult', 'threat', 'silent', 'occupation', 'frequency')),
    note         text,
    flagged_by   text not null,
    at           timestamptz not null
);

-- Who saw or changed personal data, and why (art. 7, 13).
create table audit_log (
    id        bigserial primary key,
    at        timestamptz not null default now(),
    actor     text not null,
    action    text not null,
    subject   text not null,
    reason    text,
    detail    jsonb not null default '{}'::jsonb
);
create index audit_log_subject on audit_log (subject, at desc);

-- ---------------------------------------------------------------- hotline matters
-- Working-day calendar: public holidays and the weekend days that are working days (调休).
create table calendar_day (
    day    date primary key,
    kind   text not null check (kind in ('holiday', 'workday')),
    name   text not null
);

-- 热线事项 = hotline matter.
create table matter (
    id                  bigserial primary key,
    number              text not null unique,
    channel             text not null check (channel in ('phone', 'wechat', 'weibo', 'web', 'app', 'letter')),
    category            text not null check (category in ('consultation', 'help', 'suggestion', 'complaint', 'report')),
    subject             text not null default '',
    content             text not null default '',
    area                text,
    place               text,
    address             text,
    contact_name        text,
    contact_number      text,
    contact_number_norm text,
    confidential        boolean not null default false,
    urgency             text not null default 'normal' check (urgency in ('normal', 'urgent', 'very_urgent')),
    status              text not null,
    not_accepted_reason text,
    proper_channel      text,
    deadline_at         timestamptz,
    lead_unit_id        text references handling_unit (id),
    no_return           boolean not null default false,
    taken_by            text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    closed_at           timestamptz,
    satisfaction        text,
    version             integer not null default 0
);
create index matter_contact on matter (contact_number_norm, created_at desc);
create index matter_status on matter (status, deadline_at);
create index matter_lead_unit on matter (lead_unit_id, status);

create table matter_unit (
    matter_id  bigint not null references matter (id),
    unit_id    text not null references handling_unit (id),
    role       text not null check (role in ('lead', 'co')),
    primary key (matter_id, unit_id)
);

create table matter_transition (
    id           bigserial primary key,
    matter_id    bigint not null references matter (id),
    from_status  text,
    to_status    text not null,
    actor        text not null,
    reason       text,
    at           timestamptz not null default now()
);
create index matter_transition_matter on matter_transition (matter_id, at);

create table matter_call (
    matter_id  bigint not null references matter (id),
    call_id    bigint not null references call (id),
    primary key (matter_id, call_id)
);

create table revisit_task (
    id          bigserial primary key,
    matter_id   bigint not null references matter (id),
    status      text not null default 'pending' check (status in ('pending', 'calling', 'done', 'failed')),
    method      text check (method in ('ivr', 'agent')),
    solved      boolean,
    satisfaction text check (satisfaction in ('satisfied', 'basically_satisfied', 'dissatisfied')),
    note        text,
    due_at      timestamptz not null,
    done_at     timestamptz,
    attempts    integer not null default 0
);
create index revisit_task_pending on revisit_task (status, due_at);

-- Knowledge base (art. 31, 38). Trigram indexes let ILIKE/similarity search Chinese text without a
-- word segmenter: PostgreSQL's built-in text search splits on spaces, which Chinese does not have.
create table knowledge_entry (
    id           bigserial primary key,
    title        text not null,
    body         text not null,
    tags         text[] not null default '{}',
    source_unit  text references handling_unit (id),
    valid_from   date,
    valid_to     date,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index knowledge_entry_title_trgm on knowledge_entry using gin (title gin_trgm_ops);
create index knowledge_entry_body_trgm on knowledge_entry using gin (body gin_trgm_ops);
create index knowledge_entry_tags on knowledge_entry using gin (tags);
