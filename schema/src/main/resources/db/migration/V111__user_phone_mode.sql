-- V111 (issue 23): each console user's phone: the console's WebRTC softphone or a phone on the desk.
-- No row = desk: the console behaves as before issue 23 until the user (or an admin) chooses the softphone.
create table user_phone_mode (
    user_id    bigint primary key references app_user (id) on delete cascade,
    mode       text not null check (mode in ('softphone', 'desk')),
    updated_at timestamptz not null default now()
);
comment on table user_phone_mode is 'softphone (the console registers the agent''s SIP endpoint over WSS) or desk (a SIP phone does)';
