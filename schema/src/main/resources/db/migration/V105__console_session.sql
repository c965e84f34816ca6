-- Issue 25 item 1: console sessions shared by every node, so an agent whose node dies keeps working on another
-- one without logging in again, and sessions survive a restart of the whole cluster. The cookie value is never
-- stored: the key is its SHA-256, so reading this table (a backup, a replica) opens no session. The CSRF token is
-- derived from the cookie value (SHA-256 of a prefix and the value), so it needs no column either.
-- Times are the servers' clocks (NTP-synchronised; a skew of a second is irrelevant to 30-minute idle limits).
create table console_session (
    id_hash    bytea       primary key check (octet_length(id_hash) = 32),
    user_id    bigint      not null references app_user (id) on delete cascade,
    created_at timestamptz not null,
    last_seen  timestamptz not null
);

create index console_session_user on console_session (user_id, created_at);
create index console_session_last_seen on console_session (last_seen);

comment on table console_session is 'Live console sessions (issue 25): SHA-256 of the cookie value, the user, login and last use';
