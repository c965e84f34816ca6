-- V92: a deadline counted over days of a year whose holiday arrangement is not confirmed (calendar_year, V91) may
-- move once the State Council publishes it: the matter says so (issue 22 item 4). Set whenever deadline_at is
-- computed; it keeps what the calendar was at that moment (a later confirmation does not recompute deadlines).
alter table matter add column deadline_provisional boolean not null default false;
