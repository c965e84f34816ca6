-- V100 (issue 26): the operators' part of the hotline dictionary (text slice). The seed dictionary ships in the jar;
-- only additions and removals made at run time are kept here, so a restart brings them back.
create table text_dictionary_entry (
    word        text primary key check (length(word) between 1 and 20),
    kind        text not null check (kind in ('term', 'place', 'unit', 'stopword')),
    concept     text check (concept is null or length(concept) between 1 and 20),
    removed     boolean not null default false,
    changed_at  timestamptz not null default now(),
    seq         bigserial
);
