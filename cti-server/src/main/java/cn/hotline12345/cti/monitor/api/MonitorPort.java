package cn.hotline12345.cti.monitor.api;

import cn.hotline12345.cti.privacy.api.Staff;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * Listen, whisper and barge (issue 23): a supervisor's own phone is originated into ChanSpy on an agent's live call.
 * Every start, refusal, failure and end is written to the audit log. Failures are {@link MonitorRefusal}s with a
 * Chinese message.
 */
public interface MonitorPort {

    /**
     * What a supervisor asks for.
     *
     * @param by       who asks (role and unmask right decide what may be monitored)
     * @param phone    the supervisor's extension (their softphone or desk phone)
     * @param pbxId    the PBX of the supervisor's phone, which must also carry the agent's call
     * @param agent    the agent's extension, or null when {@code linkedid} names the call
     * @param linkedid the call, or null when {@code agent} names it
     */
    record Request(Staff by, String phone, String pbxId, String agent, String linkedid, MonitorMode mode) {
    }

    /** Starts monitoring; completes once the Originate is queued (the phone then rings). */
    Future<MonitorSession> start(Request request);

    /** Stops the supervisor's live session (hangs up their ChanSpy channel); empty when there is none. */
    Future<Optional<MonitorSession>> stop(String supervisor, String pbxId);

    /** The supervisor's live session, or their last one. */
    Future<Optional<MonitorSession>> current(String supervisor, String pbxId);
}
