-- V60 (issue 9 target 4, call record writes): make the call row cheaper to write.
--
-- call_agent_started (agent, started_at desc) is read by no query: the repositories look calls up by id,
-- by (pbx_id, linkedid), by (caller_number_norm, started_at) and by started_at (wallboard counts,
-- retention), never by agent. Each call row is written up to four times (start, queue join, agent connect,
-- end) and the agent changes between them, so this index alone made every later write of a call a non-HOT
-- update that touched all five indexes.
drop index if exists call_agent_started;

-- Leave room on each page for the later versions of the rows inserted there, so that the updates of a call
-- (which now change no indexed column: started_at, caller_number_norm, pbx_id and linkedid are set at the
-- start) can be heap-only (HOT) and skip index maintenance altogether. Applies to pages written from now on.
alter table call set (fillfactor = 70);
