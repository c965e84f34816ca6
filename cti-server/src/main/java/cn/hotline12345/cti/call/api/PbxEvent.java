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

    /** An event about one channel of one call. */
    sealed interface ChannelEvent extends PbxEvent {
        String uniqueid();

        String linkedid();
    }

    record ChannelCreated(String pbxId, Instant at, String uniqueid, String linkedid, String channel,
                          String callerNumber, String callerName, String context, String exten, int state)
            implements ChannelEvent {
    }

    record ChannelStateChanged(String pbxId, Instant at, String uniqueid, String linkedid, int state)
            implements ChannelEvent {
    }

    record CallerIdChanged(String pbxId, Instant at, String uniqueid, String linkedid, String callerNumber,
                           String callerName) implements ChannelEvent {
    }

    /** A channel variable the server cares about (HOTLINE_*, MIXMONITOR_FILENAME, QUEUE_PRIO). */
    record VariableSet(String pbxId, Instant at, String uniqueid, String linkedid, String variable, String value)
            implements ChannelEvent {
    }

    record QueueCallerJoined(String pbxId, Instant at, String uniqueid, String linkedid, String queue, int position,
                             int count) implements ChannelEvent {
    }

    record QueueCallerLeft(String pbxId, Instant at, String uniqueid, String linkedid, String queue, int count)
            implements ChannelEvent {
    }

    record QueueCallerAbandoned(String pbxId, Instant at, String uniqueid, String linkedid, String queue,
                                int position, int originalPosition, long holdTimeSeconds) implements ChannelEvent {
    }

    record AgentCalled(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                       String memberName, String destUniqueid) implements ChannelEvent {
    }

    record AgentRingNoAnswer(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                             long ringTimeMs) implements ChannelEvent {
    }

    record AgentConnected(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                          long holdTimeSeconds, String destUniqueid) implements ChannelEvent {
    }

    record AgentCompleted(String pbxId, Instant at, String uniqueid, String linkedid, String queue, String member,
                          long holdTimeSeconds, long talkTimeSeconds, String reason) implements ChannelEvent {
    }

    record Hold(String pbxId, Instant at, String uniqueid, String linkedid, boolean on) implements ChannelEvent {
    }

    record Transfer(String pbxId, Instant at, String uniqueid, String linkedid, boolean attended, String target,
                    String result) implements ChannelEvent {
    }

    record ChannelHungUp(String pbxId, Instant at, String uniqueid, String linkedid, String channel, int cause,
                         String causeText) implements ChannelEvent {
    }

    /** Queue member status (QueueMemberStatus, QueueMemberAdded, QueueMember of QueueStatus). */
    record MemberStatus(String pbxId, Instant at, String queue, String member, String memberName,
                        String stateInterface, int deviceStatus, boolean paused, String pausedReason, boolean inCall,
                        int penalty, boolean dynamic) implements PbxEvent {
    }

    record MemberRemoved(String pbxId, Instant at, String queue, String member) implements PbxEvent {
    }

    record MemberPaused(String pbxId, Instant at, String queue, String member, boolean paused, String reason)
            implements PbxEvent {
    }

    /** Asterisk announced it is shutting down. */
    record PbxShutdown(String pbxId, Instant at, boolean restart) implements PbxEvent {
    }
}
