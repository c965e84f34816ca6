package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.contract.AmiContract;
import cn.hotline12345.cti.call.api.PbxEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translator consumes exactly the events of the dialplan contract ({@link AmiContract#CONSUMED_EVENTS}, the list
 * docker/asterisk/manager.conf is tested against): every one of them becomes a PBX event (or is taken by its part of
 * the server: FullyBooted by the link, OriginateResponse by the callbacks and the monitor, ChanSpyStart/Stop by
 * the monitor), and nothing else does.
 */
class AmiEventTranslatorTest {

    /** Consumed, but by another part than the tracker. */
    private static final Set<String> NOT_FOR_THE_TRACKER = Set.of("FullyBooted", "OriginateResponse", "ChanSpyStart",
            "ChanSpyStop");

    private final AmiEventTranslator translator = new AmiEventTranslator("pbx1", Clock.systemUTC());

    /** An event with every header any consumed event needs, as Asterisk names them. */
    private static AmiMessage event(String name, String... extra) {
        List<String> kv = new ArrayList<>(List.of("Event", name, "Privilege", "call,all", "Channel", "PJSIP/1001-00000001",
                "Uniqueid", "1700000000.1", "Linkedid", "1700000000.1", "CallerIDNum", "13800138000", "CallerIDName", "张三",
                "Queue", "q-general", "Interface", "PJSIP/1001", "MemberName", "坐席1001", "Membership", "dynamic",
                "StateInterface", "PJSIP/1001", "Status", "1", "Paused", "0", "Position", "1", "Count", "1",
                "Variable", "HOTLINE_QUEUE", "Value", "q-general", "TransfererUniqueid", "1700000000.1",
                "TransfererLinkedid", "1700000000.1", "OrigTransfererUniqueid", "1700000000.1",
                "OrigTransfererLinkedid", "1700000000.1", "Extension", "1002", "Result", "Success",
                "DestUniqueid", "1700000000.2", "DestLinkedid", "1700000000.1", "Shutdown", "Uncleanly",
                "Restart", "True", "Cause", "16", "Cause-txt", "Normal Clearing"));
        kv.addAll(List.of(extra));
        return AmiMessage.of(kv.toArray(String[]::new));
    }

    @Test
    void everyConsumedEventOfTheContractBecomesAPbxEvent() {
        List<String> dropped = new ArrayList<>();
        for (AmiContract.ConsumedEvent c : AmiContract.CONSUMED_EVENTS) {
            if (NOT_FOR_THE_TRACKER.contains(c.name())) {
                continue;
            }
            if (translator.translate(event(c.name())) == null) {
                dropped.add(c.name());
            }
        }
        assertThat(dropped).as("consumed by the contract, dropped by the translator").isEmpty();
    }

    @Test
    void eventsOutsideTheContractAreDropped() {
        for (String name : List.of("Newexten", "DeviceStateChange", "RTCPSent", "DialBegin", "BridgeEnter",
                "ChannelTalkingStart", "UserEvent", "Cdr", "SuccessfulAuth")) {
            assertThat(translator.translate(event(name))).as(name).isNull();
        }
    }

    @Test
    void onlyTheVariablesOfTheContractAreKept() {
        for (Map.Entry<String, Boolean> v : Map.of("HOTLINE_IVR_PATH", true, "QUEUE_PRIO", true, "MEMBERINTERFACE", true,
                "MIXMONITOR_FILENAME", true, "BRIDGEPEER", false, "QUEUEPOSITION", false, "hotline_next", false).entrySet()) {
            PbxEvent e = translator.translate(AmiMessage.of("Event", "VarSet", "Channel", "PJSIP/1-1", "Uniqueid", "1.1",
                    "Linkedid", "1.1", "Variable", v.getKey(), "Value", "x"));
            assertThat(e != null).as(v.getKey()).isEqualTo(v.getValue());
            assertThat(AmiContract.consumesVariable(v.getKey())).as(v.getKey()).isEqualTo(v.getValue());
        }
    }

    @Test
    void agentCompleteWithoutTheCallersChannelHeadersIsKeyedByTheAgentLeg() {
        // app_queue.c queue_publish_multi_channel_snapshot_blob without the caller's snapshot ("incomplete event")
        PbxEvent e = translator.translate(AmiMessage.of("Event", "AgentComplete", "Privilege", "agent,all",
                "DestChannel", "PJSIP/1001-00000002", "DestUniqueid", "1700000000.2", "DestLinkedid", "1700000000.1",
                "Queue", "q-general", "Interface", "PJSIP/1001", "MemberName", "坐席1001", "HoldTime", "3",
                "TalkTime", "40", "Reason", "caller"));
        assertThat(e).isInstanceOfSatisfying(PbxEvent.AgentCompleted.class, a -> {
            assertThat(a.linkedid()).isEqualTo("1700000000.1");
            assertThat(a.uniqueid()).isEqualTo("1700000000.2");
            assertThat(a.talkTimeSeconds()).isEqualTo(40);
        });
        // neither block: still the member's call ending, for the board
        PbxEvent bare = translator.translate(AmiMessage.of("Event", "AgentComplete", "Queue", "q-general",
                "Interface", "PJSIP/1001", "TalkTime", "40", "Reason", "transfer"));
        assertThat(bare).isInstanceOf(PbxEvent.AgentCompleted.class);
    }
}
