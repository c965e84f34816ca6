package cn.hotline12345.cti.call.api;

import java.time.Instant;

/**
 * What a PBX told us, translated at the edge (telephony.ami) into plain records the call tracker applies.
 * Only the events the server uses become a {@code PbxEvent}; the rest are dropped at translation.
 * Every event carries the PBX id and the time we received it (Asterisk's events carry no timestamp).
 */
public sealed interface PbxEvent {

    String pbxId();

    Instant at();

    /**
     * Hands the event to the handler's method for its type. Adding an event type means adding its method here and
     * in {@link Handler}: every handler then fails to compile until it says what the new event does (the one
     * exhaustive dispatch of PBX events; Java 17 has no pattern switch over sealed types).
     */
    void dispatch(Handler handler);

    /** One method per event type. */
    interface Handler {
        void on(PbxEvent.ChannelCreated e);

        void on(PbxEvent.ChannelStateChanged e);

        void on(PbxEvent.CallerIdChanged e);

        void on(PbxEvent.VariableSet e);

        void on(PbxEvent.QueueCallerJoined e);

        void on(PbxEvent.QueueCallerLeft e);

        void on(PbxEvent.QueueCallerAbandoned e);

        void on(PbxEvent.AgentCalled e);

        void on(PbxEvent.AgentRingNoAnswer e);

        void on(PbxEvent.AgentConnected e);

        void on(PbxEvent.AgentCompleted e);

        void on(PbxEvent.Hold e);

        void on(PbxEvent.Transfer e);

        void on(PbxEvent.ChannelHungUp e);

        void on(PbxEvent.MemberStatus e);

        void on(PbxEvent.MemberRemoved e);

        void on(PbxEvent.MemberPaused e);

        void on(PbxEvent.PbxShutdown e);
    }

    /** An event about one channel of one call. */
    sealed interface ChannelEvent extends PbxEvent {
        String uniqueid();

        String linkedid();
    }

    record ChannelCreated(String pbxId, Instant at, String uniqueid, String linkedid, String channel,
                          String callerNumber, String callerName, String context, String exten, int state)
            implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record ChannelStateChanged(String pbxId, Instant at, String uniqueid, String linkedid, int state)
            implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record CallerIdChanged(String pbxId, Instant at, String uniqueid, String linkedid, String callerNumber,
                           String callerName) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    /** A channel variable the server cares about (HOTLINE_*, MIXMONITOR_FILENAME, QUEUE_PRIO). */
    record VariableSet(String pbxId, Instant at, String uniqueid, String linkedid, String variable, String value)
            implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record QueueCallerJoined(String pbxId, Instant at, String uniqueid, String linkedid, String queue, int position,
                             int count) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record QueueCallerLeft(String pbxId, Instant at, String uniqueid, String linkedid, String queue, int count)
            implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record QueueCallerAbandoned(String pbxId, Instant at, String uniqueid, String linkedid, String queue,
                                int position, int originalPosition, long holdTimeSeconds) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record AgentCalled(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                       String memberName, String destUniqueid) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record AgentRingNoAnswer(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                             long ringTimeMs) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record AgentConnected(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                          long holdTimeSeconds, String destUniqueid) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record AgentCompleted(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                          long holdTimeSeconds, long talkTimeSeconds, String reason) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record Hold(String pbxId, Instant at, String uniqueid, String linkedid, boolean on) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record Transfer(String pbxId, Instant at, String uniqueid, String linkedid, boolean attended, String target,
                    String result) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record ChannelHungUp(String pbxId, Instant at, String uniqueid, String linkedid, String channel, int cause,
                         String causeText) implements ChannelEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    /** Queue member status (QueueMemberStatus, QueueMemberAdded, QueueMember of QueueStatus). */
    record MemberStatus(String pbxId, Instant at, String queue, String member, String memberName,
                        String stateInterface, int deviceStatus, boolean paused, String pausedReason, boolean inCall,
                        int penalty, boolean dynamic) implements PbxEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record MemberRemoved(String pbxId, Instant at, String queue, String member) implements PbxEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    record MemberPaused(String pbxId, Instant at, String queue, String member, boolean paused, String reason)
            implements PbxEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }

    /** Asterisk announced it is shutting down. */
    record PbxShutdown(String pbxId, Instant at, boolean restart) implements PbxEvent {
        @Override
        public void dispatch(Handler h) {
            h.on(this);
        }
    }
}
