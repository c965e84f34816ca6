-- V55: the PBX an agent's phone is on (issue 11 item 2, several PBXs).
-- NULL means the first PBX of the configuration (a deployment with one PBX never sets it). The server checks
-- the value against its configured PBX ids when an admin sets it; the database only checks its shape (the same
-- rule as the configuration's pbxs[].id), since the configured PBXs are not in the database.
alter table app_user add column pbx_id text
    check (pbx_id is null or pbx_id ~ '^[a-z0-9][a-z0-9_-]{0,31}$');

comment on column app_user.pbx_id is 'PBX id (configuration pbxs[].id) of the agent''s phone; NULL = the first PBX';
