-- V81 (issue 21): the call reconciler's traces on the call row, and its progress per PBX.
--
-- talk_ms: seconds talked with the agent (queue_log COMPLETECALLER/COMPLETEAGENT data2), set by the reconciler.
-- source: 'ami' for rows the server wrote from the AMI stream, 'cel' for rows the reconciler created from
-- Asterisk's own records for calls the server never saw (an AMI outage, a takeover, a restart).
-- reconciled_at: when the reconciler last changed the row (what it changed is in call_event, kind 'reconciled').
-- None of them is indexed: the call row's later updates stay heap-only (V60).
alter table call add column talk_ms bigint;
alter table call add column source text not null default 'ami' check (source in ('ami', 'cel'));
alter table call add column reconciled_at timestamptz;

-- How far the reconciler has come per PBX: every call that ended (CEL LINKEDID_END) before checked_until has been
-- compared with Asterisk's records at least once. A new owner of the PBX (takeover, restart) goes on from here.
create table call_reconcile_state (
    pbx_id         text primary key,
    checked_until  timestamptz not null,
    updated_at     timestamptz not null default now()
);
