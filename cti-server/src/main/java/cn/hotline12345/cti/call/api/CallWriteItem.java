package cn.hotline12345.cti.call.api;

/**
 * What the call slice writes to PostgreSQL in batches: a call record (upserted), a line of the call event log, an
 * agent state change. Sealed, with one exhaustive dispatch ({@link #dispatch}): a fourth kind of item makes every
 * {@link Handler} fail to compile until it says what the item is written as (Java 17 has no pattern switch over
 * sealed types). Serializable: the writer's spill journal keeps items while the database is away.
 */
public sealed interface CallWriteItem extends java.io.Serializable permits CallRecord, CallEventRecord, AgentStateChange {

    /** The PBX the item belongs to: its writes are fenced by that PBX's lease epoch (issue 25). */
    String pbxId();

    /**
     * Items with the same value are written by the same writer lane, in order: a call's record and events by the
     * call, an agent's state changes by the agent.
     */
    int laneHash();

    /** Hands the item to the handler's method for its type. */
    void dispatch(Handler handler);

    /** One method per item type. */
    interface Handler {
        void on(CallRecord record);

        void on(CallEventRecord event);

        void on(AgentStateChange change);
    }
}
