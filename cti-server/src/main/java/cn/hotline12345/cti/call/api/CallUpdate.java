package cn.hotline12345.cti.call.api;

import java.time.Instant;

/**
 * A change in a call's life, published by the call tracker for the screen pop, the wallboard and
 * persistence. Immutable; listeners get them on an event loop and must not block.
 */
public sealed interface CallUpdate {

    CallKey key();

    Instant at();

    /** The caller's channel appeared. */
    record CallStarted(CallKey key, Instant at, CallView view) implements CallUpdate {
    }

    /** The caller joined a queue at a position. */
    record QueueJoined(CallKey key, Instant at, CallView view, String queue, int position) implements CallUpdate {
    }

    /** An agent's phone is ringing with this call ({@code AgentCalled}): the screen pop moment. */
    record AgentRinging(CallKey key, Instant at, CallView view, String agent, String queue) implements CallUpdate {
    }

    /** The ringing agent did not answer ({@code AgentRingNoAnswer}). */
    record AgentNoAnswer(CallKey key, Instant at, String agent, String queue) implements CallUpdate {
    }

    /** The agent answered ({@code AgentConnect}). */
    record AgentConnected(CallKey key, Instant at, CallView view, String agent, String queue, long holdTimeMs)
            implements CallUpdate {
    }

    /** The call was transferred (blind or attended) by or away from the agent. */
    record Transferred(CallKey key, Instant at, String fromAgent, String target) implements CallUpdate {
    }

    /** The call is over; the record is final. */
    record CallEnded(CallKey key, Instant at, CallView view, Disposition disposition, String endReason, String agent)
            implements CallUpdate {
    }
}
