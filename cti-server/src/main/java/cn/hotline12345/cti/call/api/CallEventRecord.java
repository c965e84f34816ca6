package cn.hotline12345.cti.call.api;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the append-only call event log (agent timeline, audits). {@code eventKey} is derived from
 * Asterisk's ids, so the same PBX event always gives the same key and a replay is a no-op.
 */
public record CallEventRecord(CallKey key, String eventKey, String kind, Instant at, Map<String, String> data) implements CallWriteItem {

    public CallEventRecord {
        data = Map.copyOf(data);
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
