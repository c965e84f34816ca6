package cn.hotline12345.cti.call.tracking;

import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.telephony.ami.AmiMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call tracker alone (no socket, no database) over the real Asterisk 22 captures, replayed whole and with the AMI
 * link cut over every window of events, a resync at its end telling what was live (issue 17: calls answered while the
 * link flapped were recorded as abandoned). For every window the final record of every call is the one the whole
 * capture gives, except that a call whose life the window cut may be recorded as {@link Disposition#UNKNOWN} (when the
 * window hid the answer or the end, answered or abandoned is not known from AMI: the reconciler settles it from CEL
 * and queue_log) and a call whose whole life fell
 * inside it has no record (the reconciler creates it). Never a wrong disposition, agent or queue.
 */
class CallTrackerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "s1-ivr-queue-answered.ami, answered, Local/1001@agents/n, hotline",
            "s2-queue-abandon-paused.ami, abandoned_in_queue, , hotline",
            "s4-hangup-during-ivr.ami, abandoned_in_ivr, , "})
    void theWholeCaptureGivesTheRecordAsteriskShows(String file, String disposition, String agent, String queue) {
        CaptureReplay capture = CaptureReplay.load(file);
        CallRecord r = onlyCaller(capture.replay().records.byLinkedid);
        assertThat(r.ended()).isTrue();
        assertThat(r.disposition().dbName()).isEqualTo(disposition);
        assertThat(r.agent()).isEqualTo(agent == null ? null : agent);
        assertThat(nullIfEmpty(r.queue())).isEqualTo(queue);
        assertThat(r.endReason()).isEqualTo("normal");
    }

    @Test
    void theAgentCallOfCaptureS3IsAnswered() {
        CaptureReplay capture = CaptureReplay.load("s3-agent-actions-status.ami");
        Map<String, CallRecord> truth = capture.replay().records.byLinkedid;
        assertThat(truth.values()).filteredOn(r -> r.disposition() == Disposition.ANSWERED).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"s1-ivr-queue-answered.ami", "s2-queue-abandon-paused.ami", "s3-agent-actions-status.ami",
            "s4-hangup-during-ivr.ami"})
    void aLinkCutOverAnyWindowNeverLeavesAWrongRecord(String file) {
        CaptureReplay capture = CaptureReplay.load(file);
        Map<String, CallRecord> truth = capture.replay().records.byLinkedid;
        assertThat(truth).isNotEmpty();
        int n = capture.events.size();
        List<String> wrong = new ArrayList<>();
        int windows = 0;
        int unknown = 0;
        for (int from = 0; from <= n; from++) {
            for (int to = from; to <= n; to++) {
                windows++;
                Map<String, CallRecord> got = capture.replayWithCut(from, to).records.byLinkedid;
                for (CallRecord want : truth.values()) {
                    String lid = want.key().linkedid();
                    int start = capture.startIndex(lid);
                    int end = capture.endIndex(lid);
                    CallRecord r = got.get(lid);
                    if (r == null) {
                        if (!(start >= from && end < to)) {
                            wrong.add(where(from, to, lid) + ": no record, though the call was seen");
                        }
                        continue;
                    }
                    if (!r.ended()) {
                        wrong.add(where(from, to, lid) + ": record never ended");
                        continue;
                    }
                    boolean gapInLife = from <= end && to > start && from < to;
                    if (gapInLife && r.disposition() == Disposition.UNKNOWN) {
                        unknown++;
                        continue;
                    }
                    if (r.disposition() != want.disposition()) {
                        wrong.add(where(from, to, lid) + ": " + r.disposition() + " instead of " + want.disposition());
                    } else if (want.disposition() == Disposition.ANSWERED && !want.agent().equals(r.agent())) {
                        wrong.add(where(from, to, lid) + ": agent " + r.agent() + " instead of " + want.agent());
                    } else if (want.queue() != null && !want.queue().isEmpty() && r.queue() != null
                            && !r.queue().isEmpty() && !want.queue().equals(r.queue())) {
                        wrong.add(where(from, to, lid) + ": queue " + r.queue() + " instead of " + want.queue());
                    }
                }
            }
        }
        assertThat(windows).isGreaterThan(n);
        assertThat(wrong).as("%d windows over %d events, %d unknown dispositions", windows, n, unknown)
                .hasSizeLessThanOrEqualTo(0);
    }

    @Test
    void aCallAnsweredWhileTheLinkWasDownEndsAnsweredWithItsAgent() {
        CaptureReplay capture = CaptureReplay.load("s1-ivr-queue-answered.ami");
        int called = indexOf(capture.events, "AgentCalled");
        int callerBridged = -1;
        for (int i = called; i < capture.events.size(); i++) {
            AmiMessage m = capture.events.get(i);
            if ("BridgeEnter".equals(m.event()) && m.get("Uniqueid").equals(m.get("Linkedid"))) {
                callerBridged = i;
                break;
            }
        }
        // the link drops while the agent's phone rings and comes back while they talk
        CaptureReplay.Run run = capture.replayWithCut(called + 1, callerBridged + 1);
        CallRecord r = onlyCaller(run.records.byLinkedid);
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(r.agent()).isEqualTo("Local/1001@agents/n");
        assertThat(run.records.events).anySatisfy(e -> assertThat(e.kind()).isEqualTo("answered_while_link_down"));
    }

    @Test
    void aCallThatEndedUnseenIsUnknownNotAbandoned() {
        CaptureReplay capture = CaptureReplay.load("s1-ivr-queue-answered.ami");
        int called = indexOf(capture.events, "AgentCalled");
        CaptureReplay.Run run = capture.replayWithCut(called + 1, capture.events.size());
        CallRecord r = onlyCaller(run.records.byLinkedid);
        assertThat(r.disposition()).isEqualTo(Disposition.UNKNOWN);
        assertThat(r.endReason()).isEqualTo("pbx_link_lost");
    }

    @Test
    void agentCompleteWithoutTheCallersHeadersStillEndsTheAgentsCall() {
        CaptureReplay capture = CaptureReplay.load("s1-ivr-queue-answered.ami");
        CaptureReplay.Run run = new CaptureReplay.Run();
        for (AmiMessage m : capture.events) {
            // real Asterisk leaves the caller's headers out when its snapshot is gone (app_queue.c: "incomplete event")
            run.feed("AgentComplete".equals(m.event()) ? withoutCallerHeaders(m) : m);
        }
        assertThat(run.records.events).anySatisfy(e -> assertThat(e.kind()).isEqualTo("agent_complete"));
        assertThat(run.board.agentSnapshots()).allSatisfy(a -> assertThat(a.state().name()).isNotEqualTo("ON_CALL"));
    }

    static AmiMessage withoutCallerHeaders(AmiMessage m) {
        List<String> kv = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            String k = m.key(i);
            boolean callerBlock = !k.startsWith("Dest") && List.of("Channel", "ChannelState", "ChannelStateDesc",
                    "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode",
                    "Context", "Exten", "Priority", "Uniqueid", "Linkedid").contains(k);
            if (!callerBlock) {
                kv.add(k);
                kv.add(m.value(i));
            }
        }
        return AmiMessage.of(kv.toArray(String[]::new));
    }

    private static int indexOf(List<AmiMessage> events, String name) {
        for (int i = 0; i < events.size(); i++) {
            if (name.equals(events.get(i).event())) {
                return i;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static CallRecord onlyCaller(Map<String, CallRecord> records) {
        return records.values().stream().filter(r -> r.dialled() != null && r.dialled().startsWith("1234"))
                .findFirst().orElseGet(() -> records.values().iterator().next());
    }

    private static String where(int from, int to, String linkedid) {
        return "cut [" + from + ", " + to + ") call " + linkedid;
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
