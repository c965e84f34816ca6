package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.desk.api.PopDetails;
import cn.hotline12345.softphone.ws.CallEnded;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The current call of one agent phone as the desk follows it, with the pop details per viewing user (computed once
 * each). Confined to the dispatcher's context.
 */
final class AgentCall {
    final String callId;
    final CallView view;
    final String queue;
    /** {@code queue}, {@code transfer}, {@code returned} or {@code outbound} (see ScreenPop). */
    final String origin;
    final Map<Long, Future<PopDetails>> details = new HashMap<>();
    final Instant ringingAt;
    ScreenPopDispatcher.Phase phase = ScreenPopDispatcher.Phase.RINGING;
    Instant phaseSince;
    Instant answeredAt;
    CallEnded ended;

    AgentCall(String callId, CallView view, String queue, Instant ringingAt, String origin) {
        this.callId = callId;
        this.view = view;
        this.queue = queue;
        this.ringingAt = ringingAt;
        this.phaseSince = ringingAt;
        this.origin = origin;
    }
}
