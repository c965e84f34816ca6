-- A call that ended while the PBX link was down, before anything showed an agent had answered it, is recorded with
-- the disposition 'unknown' (answered or abandoned is not known from AMI); the reconciler settles it from Asterisk's
-- own CEL and queue_log. A wrong record (counted as abandoned) is worse than an unknown one.
alter table call drop constraint call_disposition_check;
alter table call add constraint call_disposition_check
    check (disposition in ('answered', 'abandoned_in_queue', 'abandoned_in_ivr', 'self_served', 'not_accepted',
                           'nuisance', 'failed', 'transferred_out', 'unknown'));
