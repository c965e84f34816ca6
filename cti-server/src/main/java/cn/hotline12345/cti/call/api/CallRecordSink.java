package cn.hotline12345.cti.call.api;

/**
 * Where the tracker hands what must be persisted. Implementations queue and return at once (the tracker
 * runs on the AMI reader's event loop); writing happens in batches elsewhere.
 */
public interface CallRecordSink {

    void record(CallRecord record);

    void event(CallEventRecord event);

    void agentState(AgentStateChange change);

    /** A sink that keeps nothing (tests of the tracker alone). */
    CallRecordSink NONE = new CallRecordSink() {
        @Override
        public void record(CallRecord record) {
        }

        @Override
        public void event(CallEventRecord event) {
        }

        @Override
        public void agentState(AgentStateChange change) {
        }
    };
}
