-- V85 (issue 24): what the handling units' portal needs beyond the API of V10.
--
-- A co-handling unit (协办, art. 22) signs for and replies to its own share of a matter; the lead unit's
-- sign/reply stay the matter's own moves. The share's reply is kept on the unit's row of matter_unit.
alter table matter_unit
    add column reply      text,
    add column replied_at timestamptz;

-- Files a unit attaches to its handling (a scan of the reply letter, photos of the repaired street lamp).
-- Kept in the database: they are small (the server refuses more than 5 MiB a file and 20 files per unit and
-- matter), they belong to the matter's record, and one backup then holds everything.
create table matter_attachment (
    id          bigserial primary key,
    matter_id   bigint not null references matter (id),
    unit_id     text not null references handling_unit (id),
    file_name   text not null check (length(file_name) between 1 and 200),
    media_type  text not null,
    size_bytes  integer not null check (size_bytes > 0),
    sha256      text not null,
    content     bytea not null,
    uploaded_by text not null,
    created_at  timestamptz not null default now()
);
create index matter_attachment_matter on matter_attachment (matter_id, id);
