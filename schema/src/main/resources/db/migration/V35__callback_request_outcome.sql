-- V35 (issue 4 item 8): callback requests refused at creation (withheld or invalid number, unknown queue) are
-- kept with their reason, never dialed; the last error of a failed attempt is kept for supervisors.
alter table callback_request drop constraint if exists callback_request_status_check;
alter table callback_request add constraint callback_request_status_check
    check (status in ('pending', 'dialing', 'connected', 'failed', 'done', 'refused'));
alter table callback_request add column last_error text;
create index callback_request_due on callback_request (pbx_id, status, priority desc, requested_at);
