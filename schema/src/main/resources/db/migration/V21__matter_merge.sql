-- V21 (issue 6, repeat callers): 重复诉求并单 = merging repeated demands into one matter. The matter's own
-- columns stay with the matter workflow; this table records which matter was merged into which, by whom
-- and why, and when a merge was split again.
create table matter_merge (
    id                 bigserial primary key,
    primary_matter_id  bigint not null references matter (id),
    merged_matter_id   bigint not null references matter (id),
    reason             text not null,
    merged_by          text not null,
    merged_at          timestamptz not null,
    split_by           text,
    split_at           timestamptz,
    split_reason       text,
    check (primary_matter_id <> merged_matter_id)
);
-- A matter is merged into at most one other at a time.
create unique index matter_merge_active on matter_merge (merged_matter_id) where split_at is null;
create index matter_merge_primary on matter_merge (primary_matter_id) where split_at is null;
