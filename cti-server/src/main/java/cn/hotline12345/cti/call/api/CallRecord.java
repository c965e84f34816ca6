package cn.hotline12345.cti.call.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The call record (CDR-like) as it stands: written (upserted on pbx + linkedid) whenever it changes in a
 * way worth keeping, and a last time when the call ends.
 */
public record CallRecord(CallKey key, String direction, String callerNumber, String callerName, String dialled,
                         Instant startedAt, Instant answeredAt, Instant endedAt, String ivrPath,
                         Map<String, String> ivrVars, String queue, Integer queuePriority, Instant queueJoinedAt,
                         Instant queueLeftAt, Integer queuePosition, Long queueWaitMs, String agent,
                         List<String> agentsRung, int transfers, int holds, Integer hangupCause,
                         String hangupCauseText, Disposition disposition, String endReason, String recordingFile) implements CallWriteItem {

    public CallRecord {
        ivrVars = Map.copyOf(ivrVars);
        agentsRung = List.copyOf(agentsRung);
    }

    public boolean ended() {
        return endedAt != null;
    }

    @Override
    public String pbxId() {
        return key.pbxId();
    }

    @Override
    public int laneHash() {
        return key.hashCode();
    }

    @Override
    public void dispatch(Handler handler) {
        handler.on(this);
    }
}
