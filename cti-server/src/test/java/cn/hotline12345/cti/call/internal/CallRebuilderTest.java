package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.Disposition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding a call from rows shaped as Asterisk 22 writes them (cel/cel_pgsql.c columns, main/cel.c events,
 * apps/app_queue.c queue_log fields), and what the reconciler then changes on a stored row.
 */
class CallRebuilderTest {

    static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    static final String CALLER = "1733450400.10";
    static final String AGENT = "1733450410.11";

    final List<AsteriskRows.Cel> cel = new ArrayList<>();
    final List<AsteriskRows.QueueLog> ql = new ArrayList<>();

    void cel(int s, String type, String uid, String chan, String app, String extra) {
        cel.add(new AsteriskRows.Cel(cel.size() + 1, type, T0.plusSeconds(s), "市民", "13800138000", "12345", "12345",
                "from-pstn", chan, app, "", uid, CALLER, "", extra));
    }

    void ql(int s, String event, String agent, String... data) {
        String[] d = {"", "", "", "", ""};
        System.arraycopy(data, 0, d, 0, data.length);
        ql.add(new AsteriskRows.QueueLog(ql.size() + 1, T0.plusSeconds(s), CALLER, "q-general", agent, event, d[0], d[1],
                d[2], d[3], d[4]));
    }

    /** An answered call as the shipped dialplan makes it: IVR (AGI), Queue(), agent PJSIP/1001, caller hangs up. */
    void answered() {
        cel(0, "CHAN_START", CALLER, "PJSIP/trunk-00000001", "", "");
        cel(0, "ANSWER", CALLER, "PJSIP/trunk-00000001", "Answer", "");
        cel(1, "APP_START", CALLER, "PJSIP/trunk-00000001", "AGI", "");
        cel(8, "APP_END", CALLER, "PJSIP/trunk-00000001", "AGI", "");
        cel(8, "APP_START", CALLER, "PJSIP/trunk-00000001", "Queue", "");
        ql(8, "ENTERQUEUE", "NONE", "", "13800138000", "1");
        cel(10, "CHAN_START", AGENT, "PJSIP/1001-00000002", "", "");
        ql(12, "RINGNOANSWER", "张三", "2000");
        cel(13, "ANSWER", AGENT, "PJSIP/1001-00000002", "AppQueue", "");
        ql(13, "CONNECT", "李四", "5", AGENT, "3");
        cel(13, "BRIDGE_ENTER", CALLER, "PJSIP/trunk-00000001", "Queue", "{\"bridge_id\":\"b1\",\"bridge_technology\":\"simple_bridge\"}");
        ql(43, "COMPLETECALLER", "李四", "5", "30", "1");
        cel(43, "HANGUP", CALLER, "PJSIP/trunk-00000001", "Queue", "{\"hangupcause\":16,\"hangupsource\":\"\",\"dialstatus\":\"\"}");
        cel(43, "CHAN_END", CALLER, "PJSIP/trunk-00000001", "Queue", "");
        cel(43, "HANGUP", AGENT, "PJSIP/1001-00000002", "AppQueue", "{\"hangupcause\":16,\"hangupsource\":\"\",\"dialstatus\":\"\"}");
        cel(43, "CHAN_END", AGENT, "PJSIP/1001-00000002", "AppQueue", "");
        cel(43, "LINKEDID_END", AGENT, "PJSIP/1001-00000002", "AppQueue", "");
    }

    CallRebuilder.Rebuilt rebuilt() {
        return CallRebuilder.rebuild(new AsteriskRows("pbx1", CALLER, cel, ql));
    }

    @Test
    void answeredCallRebuildsAgentQueueWaitTalkAndEnd() {
        answered();
        CallRebuilder.Rebuilt r = rebuilt();
        assertThat(r.ended()).isTrue();
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        // CONNECT "%ld|%s|%ld" (holdtime, peer uniqueid, ringtime): the agent is the peer channel's member interface
        assertThat(r.agent()).isEqualTo("PJSIP/1001");
        assertThat(r.queue()).isEqualTo("q-general");
        assertThat(r.queueWaitMs()).isEqualTo(5_000);
        // COMPLETECALLER "%ld|%ld|%d" (holdtime, talktime, position)
        assertThat(r.talkMs()).isEqualTo(30_000);
        assertThat(r.answeredAt()).isEqualTo(T0.plusSeconds(13));
        assertThat(r.queueJoinedAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(r.endedAt()).isEqualTo(T0.plusSeconds(43));
        assertThat(r.hangupCause()).isEqualTo(16);
        assertThat(r.callerNumber()).isEqualTo("13800138000");
        assertThat(r.reachedQueueApp()).isTrue();
        assertThat(r.timeline()).extracting(CallRebuilder.Step::kind).containsSubsequence("call_started", "ivr",
                "queue_join", "agent_no_answer", "agent_connect", "call_ended").contains("agent_complete", "hangup");
    }

    @Test
    void callerWhoLeftTheQueueIsAnAbandonWithItsWait() {
        cel(0, "CHAN_START", CALLER, "PJSIP/trunk-00000001", "", "");
        cel(0, "ANSWER", CALLER, "PJSIP/trunk-00000001", "Answer", "");
        ql(8, "ENTERQUEUE", "NONE", "", "13800138000", "2");
        ql(20, "ABANDON", "NONE", "1", "2", "12");
        cel(20, "HANGUP", CALLER, "PJSIP/trunk-00000001", "Queue", "{\"hangupcause\":16,\"hangupsource\":\"\",\"dialstatus\":\"\"}");
        cel(20, "LINKEDID_END", CALLER, "PJSIP/trunk-00000001", "Queue", "");
        CallRebuilder.Rebuilt r = rebuilt();
        assertThat(r.disposition()).isEqualTo(Disposition.ABANDONED_IN_QUEUE);
        assertThat(r.agent()).isNull();
        assertThat(r.queueWaitMs()).isEqualTo(12_000); // ABANDON "%d|%d|%ld": position, original position, wait
        assertThat(r.queueLeftAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void withoutAQueueTheDispositionIsWhereTheCallersChannelHungUp() {
        assertThat(ivrCall(true, "AGI")).isEqualTo(Disposition.ABANDONED_IN_IVR);
        assertThat(ivrCall(true, "Hangup")).isEqualTo(Disposition.SELF_SERVED);
        assertThat(ivrCall(true, "Dial")).isEqualTo(Disposition.TRANSFERRED_OUT);
        assertThat(ivrCall(false, "")).isEqualTo(Disposition.FAILED);
    }

    Disposition ivrCall(boolean answered, String where) {
        cel.clear();
        ql.clear();
        cel(0, "CHAN_START", CALLER, "PJSIP/trunk-00000001", "", "");
        if (answered) {
            cel(0, "ANSWER", CALLER, "PJSIP/trunk-00000001", "Answer", "");
        }
        cel(5, "HANGUP", CALLER, "PJSIP/trunk-00000001", where, "{\"hangupcause\":16,\"hangupsource\":\"\",\"dialstatus\":\"\"}");
        cel(5, "LINKEDID_END", CALLER, "PJSIP/trunk-00000001", where, "");
        CallRebuilder.Rebuilt r = rebuilt();
        assertThat(r.ivrLevel()).isTrue();
        return r.disposition();
    }

    @Test
    void aLocalMemberIsNamedAsItsInterface() {
        assertThat(CallRebuilder.member("Local/1001@agents-0000000b;1")).isEqualTo("Local/1001@agents/n");
        assertThat(CallRebuilder.member("PJSIP/1001-0000002a")).isEqualTo("PJSIP/1001");
        assertThat(CallCorrection.sameAgent("Local/1001@agents", "Local/1001@agents/n")).isTrue();
        assertThat(CallCorrection.sameAgent("PJSIP/1002", "PJSIP/1001")).isFalse();
    }

    @Test
    void aCallStillGoingOnIsNotEnded() {
        answered();
        cel.removeIf(c -> c.eventtype().equals("LINKEDID_END"));
        assertThat(rebuilt().ended()).isFalse();
    }

    // ---- corrections ---------------------------------------------------------------------------------

    static CallCorrection.Stored stored(String disposition, String agent, Long waitMs, String endReason, Instant answered,
                                        Instant ended, Long talkMs) {
        return new CallCorrection.Stored(1, CALLER, disposition, agent, "q-general", waitMs, talkMs, endReason, answered,
                ended, 16, T0.plusSeconds(8), OffsetDateTime.of(2026, 12, 6, 2, 0, 0, 0, ZoneOffset.UTC), "ami");
    }

    @Test
    void aRowTheTrackerGotRightOnlyGetsItsTalkTimeAndThatIsNoCorrection() {
        answered();
        // the AMI path stamps events on arrival: a second later than Asterisk's own times
        CallCorrection.Result r = CallCorrection.diff(stored("answered", "PJSIP/1001", 5_000L, "normal",
                T0.plusSeconds(14), T0.plusSeconds(44), null), rebuilt());
        assertThat(r.changes()).extracting(CallCorrection.Change::field).containsExactly("talk_ms");
        assertThat(r.counts()).isFalse();
        assertThat(CallCorrection.diff(stored("answered", "PJSIP/1001", 5_000L, "normal", T0.plusSeconds(14),
                T0.plusSeconds(44), 30_000L), rebuilt()).isEmpty()).isTrue();
    }

    @Test
    void aCallAnsweredWhileTheLinkWasDownIsCorrected() {
        answered();
        // what the tracker wrote: joined the queue, link lost, closed at resync as abandoned
        CallCorrection.Result r = CallCorrection.diff(stored("abandoned_in_queue", null, null, "pbx_link_lost", null,
                T0.plusSeconds(75), null), rebuilt());
        assertThat(r.counts()).isTrue();
        assertThat(r.changes()).extracting(CallCorrection.Change::field).containsExactly("disposition", "agent",
                "queue_wait_ms", "answered_at", "ended_at", "end_reason", "talk_ms");
        assertThat(r.changes().get(0)).isEqualTo(new CallCorrection.Change("disposition", "abandoned_in_queue",
                "answered", "queue_log"));
        assertThat(r.changes()).filteredOn(c -> c.field().equals("end_reason")).singleElement()
                .satisfies(c -> assertThat(c.source()).isEqualTo("cel"));
    }

    @Test
    void peoplesDecisionsAndTheIvrsOwnOutcomeStand() {
        answered();
        assertThat(CallCorrection.diff(stored("not_accepted", "PJSIP/1001", 5_000L, "normal", T0.plusSeconds(13),
                T0.plusSeconds(43), 30_000L), rebuilt()).isEmpty()).isTrue();
        assertThat(CallCorrection.diff(stored("transferred_out", "PJSIP/1001", 5_000L, "normal", T0.plusSeconds(13),
                T0.plusSeconds(43), 30_000L), rebuilt()).isEmpty()).isTrue();

        ivrCall(true, "AGI"); // CEL alone says abandoned in the IVR
        CallRebuilder.Rebuilt ivr = rebuilt();
        CallCorrection.Stored selfServed = new CallCorrection.Stored(1, CALLER, "self_served", null, null, null, null,
                "normal", null, T0.plusSeconds(5), 16, null, OffsetDateTime.now(), "ami");
        assertThat(CallCorrection.diff(selfServed, ivr).isEmpty()).as("the IVR's decision, seen on AMI").isTrue();
        CallCorrection.Stored gap = new CallCorrection.Stored(1, CALLER, "self_served", null, null, null, null,
                "pbx_link_lost", null, T0.plusSeconds(40), null, null, OffsetDateTime.now(), "ami");
        assertThat(CallCorrection.diff(gap, ivr).changes()).extracting(CallCorrection.Change::field)
                .contains("disposition", "ended_at", "end_reason", "hangup_cause");
    }

    @Test
    void anOutcomeTheTrackerCouldNotSeeIsFilledInFromAsterisksRecords() {
        // issue 17: a call whose end fell into an AMI gap is kept as `unknown` (V95), never guessed; the reconciler
        // is where its true outcome comes from
        answered();
        CallCorrection.Result r = CallCorrection.diff(stored("unknown", null, null, "pbx_link_lost", null,
                T0.plusSeconds(75), null), rebuilt());
        assertThat(r.counts()).isTrue();
        assertThat(r.changes().get(0)).isEqualTo(new CallCorrection.Change("disposition", "unknown", "answered",
                "queue_log"));
        assertThat(r.changes()).extracting(CallCorrection.Change::field).contains("agent", "end_reason");
    }
}
