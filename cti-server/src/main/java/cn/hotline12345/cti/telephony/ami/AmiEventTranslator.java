package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.contract.AmiContract;

import cn.hotline12345.cti.call.api.PbxEvent;

import java.time.Clock;
import java.time.Instant;

/**
 * AMI events to {@link PbxEvent}s, on the reader's event loop: no I/O, no reflection, one small record per
 * useful event, {@code null} for the events the server never uses (VarSet of other variables, Newexten,
 * DeviceStateChange, RTCP...). Missing or malformed fields never throw: numbers default, strings become
 * empty, and an event without the ids it needs is dropped.
 */
public final class AmiEventTranslator {

    private final String pbxId;
    private final Clock clock;

    public AmiEventTranslator(String pbxId, Clock clock) {
        this.pbxId = pbxId;
        this.clock = clock;
    }

    /** The domain event, or null when the server has no use for this AMI event. */
    public PbxEvent translate(AmiMessage m) {
        String name = m.event();
        if (name == null) {
            return null;
        }
        Instant at = clock.instant();
        return switch (name) {
            case "Newchannel" -> withIds(m) ? new PbxEvent.ChannelCreated(pbxId, at, uid(m), lid(m), s(m, "Channel"),
                    s(m, "CallerIDNum"), s(m, "CallerIDName"), s(m, "Context"), s(m, "Exten"), i(m, "ChannelState")) : null;
            case "Newstate" -> withIds(m) ? new PbxEvent.ChannelStateChanged(pbxId, at, uid(m), lid(m), i(m, "ChannelState")) : null;
            case "NewCallerid" -> withIds(m) ? new PbxEvent.CallerIdChanged(pbxId, at, uid(m), lid(m),
                    s(m, "CallerIDNum"), s(m, "CallerIDName")) : null;
            case "VarSet" -> varSet(m, at);
            case "QueueCallerJoin" -> withIds(m) ? new PbxEvent.QueueCallerJoined(pbxId, at, uid(m), lid(m), s(m, "Queue"),
                    i(m, "Position"), i(m, "Count")) : null;
            case "QueueCallerLeave" -> withIds(m) ? new PbxEvent.QueueCallerLeft(pbxId, at, uid(m), lid(m), s(m, "Queue"),
                    i(m, "Count")) : null;
            case "QueueCallerAbandon" -> withIds(m) ? new PbxEvent.QueueCallerAbandoned(pbxId, at, uid(m), lid(m),
                    s(m, "Queue"), i(m, "Position"), i(m, "OriginalPosition"), l(m, "HoldTime")) : null;
            case "AgentCalled" -> withIds(m) ? new PbxEvent.AgentCalled(pbxId, at, uid(m), lid(m), s(m, "Queue"),
                    s(m, "Interface"), s(m, "MemberName"), s(m, "DestUniqueid")) : null;
            case "AgentRingNoAnswer" -> withIds(m) ? new PbxEvent.AgentRingNoAnswer(pbxId, at, uid(m), lid(m),
                    s(m, "Queue"), s(m, "Interface"), l(m, "RingTime")) : null;
            case "AgentConnect" -> withIds(m) ? new PbxEvent.AgentConnected(pbxId, at, uid(m), lid(m), s(m, "Queue"),
                    s(m, "Interface"), l(m, "HoldTime"), s(m, "DestUniqueid")) : null;
            // Asterisk sends AgentComplete from a stasis thread; when the caller's channel is gone by then its headers
            // are left out (app_queue.c queue_publish_multi_channel_snapshot_blob: "incomplete event"): key it by
            // the agent leg's ids, which carry the same Linkedid.
            case "AgentComplete" -> agentComplete(m, at);
            case "Hold", "MusicOnHoldStart" -> withIds(m) ? new PbxEvent.Hold(pbxId, at, uid(m), lid(m), true) : null;
            case "Unhold", "MusicOnHoldStop" -> withIds(m) ? new PbxEvent.Hold(pbxId, at, uid(m), lid(m), false) : null;
            case "BlindTransfer" -> transfer(m, at, false);
            case "AttendedTransfer" -> transfer(m, at, true);
            case "Hangup" -> withIds(m) ? new PbxEvent.ChannelHungUp(pbxId, at, uid(m), lid(m), s(m, "Channel"),
                    i(m, "Cause"), s(m, "Cause-txt")) : null;
            case "QueueMemberStatus", "QueueMemberAdded", "QueueMember" -> member(m, at, name.equals("QueueMember"));
            case "QueueMemberRemoved" -> has(m, "Queue") && has(m, "Interface")
                    ? new PbxEvent.MemberRemoved(pbxId, at, s(m, "Queue"), s(m, "Interface")) : null;
            // Asterisk 22 sends the whole member with a pause (app_queue.c queue_member_blob_create): a member the
            // board missed (its status came before the link) is learnt from it
            case "QueueMemberPause" -> has(m, "Membership") ? member(m, at, false) : has(m, "Queue") && has(m, "Interface")
                    ? new PbxEvent.MemberPaused(pbxId, at, s(m, "Queue"), s(m, "Interface"), "1".equals(m.get("Paused")),
                    s(m, "PausedReason")) : null;
            case "Shutdown" -> new PbxEvent.PbxShutdown(pbxId, at, "True".equalsIgnoreCase(m.get("Restart")));
            default -> null;
        };
    }

    private PbxEvent varSet(AmiMessage m, Instant at) {
        String var = m.get("Variable");
        if (var == null || !withIds(m)) {
            return null;
        }
        if (AmiContract.consumesVariable(var)) {
            return new PbxEvent.VariableSet(pbxId, at, uid(m), lid(m), var, s(m, "Value"));
        }
        return null;
    }

    private PbxEvent transfer(AmiMessage m, Instant at, boolean attended) {
        String uid = m.get(attended ? "OrigTransfererUniqueid" : "TransfererUniqueid");
        String lid = m.get(attended ? "OrigTransfererLinkedid" : "TransfererLinkedid");
        if (uid == null || lid == null) {
            return null;
        }
        String target = attended ? s(m, "SecondTransfererExten") : s(m, "Extension");
        return new PbxEvent.Transfer(pbxId, at, uid, lid, attended, target, s(m, "Result"));
    }

    private PbxEvent member(AmiMessage m, Instant at, boolean fromStatusList) {
        String member = fromStatusList ? m.get("Location") : m.get("Interface");
        if (member == null || !has(m, "Queue")) {
            return null;
        }
        String name = fromStatusList ? s(m, "Name") : s(m, "MemberName");
        return new PbxEvent.MemberStatus(pbxId, at, s(m, "Queue"), member, name, s(m, "StateInterface"),
                i(m, "Status"), "1".equals(m.get("Paused")), s(m, "PausedReason"), "1".equals(m.get("InCall")),
                i(m, "Penalty"), "dynamic".equalsIgnoreCase(m.get("Membership")));
    }

    private PbxEvent agentComplete(AmiMessage m, Instant at) {
        String uid = has(m, "Uniqueid") ? m.get("Uniqueid") : m.get("DestUniqueid");
        String lid = has(m, "Linkedid") ? m.get("Linkedid") : m.get("DestLinkedid");
        if (!has(m, "Queue") || !has(m, "Interface")) {
            return null;
        }
        return new PbxEvent.AgentCompleted(pbxId, at, uid == null ? "" : uid, lid == null ? "" : lid, s(m, "Queue"),
                s(m, "Interface"), l(m, "HoldTime"), l(m, "TalkTime"), s(m, "Reason"));
    }

    private static boolean withIds(AmiMessage m) {
        return has(m, "Uniqueid") && has(m, "Linkedid");
    }

    private static boolean has(AmiMessage m, String key) {
        String v = m.get(key);
        return v != null && !v.isEmpty();
    }

    private static String uid(AmiMessage m) {
        return m.get("Uniqueid");
    }

    private static String lid(AmiMessage m) {
        return m.get("Linkedid");
    }

    private static String s(AmiMessage m, String key) {
        return m.get(key, "");
    }

    private static int i(AmiMessage m, String key) {
        return (int) l(m, key);
    }

    private static long l(AmiMessage m, String key) {
        String v = m.get(key);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        long n = 0;
        boolean neg = false;
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (k == 0 && c == '-') {
                neg = true;
            } else if (c >= '0' && c <= '9' && n < Long.MAX_VALUE / 10 - 10) {
                n = n * 10 + (c - '0');
            } else {
                break;
            }
        }
        return neg ? -n : n;
    }
}
