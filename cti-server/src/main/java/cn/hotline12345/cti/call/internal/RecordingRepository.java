package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallKey;
import org.jooq.DSLContext;

import java.util.Optional;

import static cn.hotline12345.schema.jooq.Tables.CALL;

/** Reads what the recording route needs from a call record: who took the call and the recording's file name. */
public final class RecordingRepository {

    /** The call's agent and recording file name as stored; empty when the call is unknown. */
    public Optional<CallRecording> find(DSLContext dsl, CallKey key) {
        return dsl.select(CALL.AGENT, CALL.RECORDING_FILE).from(CALL)
                .where(CALL.PBX_ID.eq(key.pbxId()).and(CALL.LINKEDID.eq(key.linkedid())))
                .fetchOptional()
                .map(r -> new CallRecording(key, r.value1(), r.value2()));
    }

    /** One call's recording facts. {@code agent} is the member interface (PJSIP/1001), both may be null. */
    public record CallRecording(CallKey key, String agent, String recordingFile) {
    }
}
