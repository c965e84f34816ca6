package cn.hotline12345.cti.call.tracking;

import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveChannel;
import cn.hotline12345.cti.call.api.PbxEvent;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.telephony.ami.AmiEventTranslator;
import cn.hotline12345.cti.telephony.ami.AmiFramer;
import cn.hotline12345.cti.telephony.ami.AmiMessage;
import cn.hotline12345.cti.testing.MutableClock;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Asterisk 22 capture (pbx-sim's {@code asterisk-22/*.ami}, copied into the test classpath) as a list of
 * events, replayed into a fresh tracker, with the link cut over any window of events: what a resync after the cut
 * would have been told ({@code CoreShowChannels} at the end of the window) comes from the events before it. No
 * socket, no database: the tracker alone, one event a second.
 */
final class CaptureReplay {

    static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");

    final String name;
    final List<AmiMessage> events;

    private CaptureReplay(String name, List<AmiMessage> events) {
        this.name = name;
        this.events = events;
    }

    static CaptureReplay load(String file) {
        List<AmiMessage> events = new ArrayList<>();
        AmiFramer framer = AmiFramer.standard(b -> { }, m -> {
            if (m.event() != null && m.actionId() == null) {
                events.add(m);
            }
        });
        try (InputStream in = CaptureReplay.class.getClassLoader().getResourceAsStream("asterisk-22/" + file)) {
            if (in == null) {
                throw new IllegalStateException("capture " + file + " is not on the test classpath");
            }
            framer.feed(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new CaptureReplay(file, List.copyOf(events));
    }

    /** The records a tracker hands over: the last one of each call wins, as the writer's upsert does. */
    static final class Records implements CallRecordSink {
        final Map<String, CallRecord> byLinkedid = new LinkedHashMap<>();
        final List<CallEventRecord> events = new ArrayList<>();

        @Override
        public void record(CallRecord record) {
            byLinkedid.put(record.key().linkedid(), record);
        }

        @Override
        public void event(CallEventRecord event) {
            events.add(event);
        }

        @Override
        public void agentState(AgentStateChange change) {
        }
    }

    /** One run: a tracker fed the capture with the events of [cutFrom, cutTo) lost and a resync at cutTo. */
    static final class Run {
        final MutableClock clock = new MutableClock(T0);
        final Records records = new Records();
        final QueueBoard board = new QueueBoard("pbx1", clock, HotlineTime.ZONE, 20, Duration.ofSeconds(15));
        final CallTracker tracker = new CallTracker("pbx1", new CallUpdateHub(), records, board, clock);
        final AmiEventTranslator translator = new AmiEventTranslator("pbx1", clock);

        void feed(AmiMessage m) {
            clock.advance(Duration.ofSeconds(1));
            PbxEvent e = translator.translate(m);
            if (e != null) {
                tracker.apply(e);
            }
        }
    }

    /** The whole capture, no cut: the ground truth. */
    Run replay() {
        Run r = new Run();
        events.forEach(r::feed);
        return r;
    }

    /** The capture with the link down over events [from, to): lost, then a resync with what was live at {@code to}. */
    Run replayWithCut(int from, int to) {
        Run r = new Run();
        for (int i = 0; i < from; i++) {
            r.feed(events.get(i));
        }
        r.tracker.beginResync();
        r.clock.advance(Duration.ofSeconds(to - from));
        r.tracker.resync(liveAt(to), waitingAt(to), false, r.clock.instant());
        for (int i = to; i < events.size(); i++) {
            r.feed(events.get(i));
        }
        return r;
    }

    /** What CoreShowChannels would list after the first {@code n} events (its channels, applications, bridges). */
    List<LiveChannel> liveAt(int n) {
        Map<String, Chan> live = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            AmiMessage m = events.get(i);
            String uid = m.get("Uniqueid");
            switch (m.event()) {
                case "Newchannel" -> live.put(uid, new Chan(m, i));
                case "Hangup" -> live.remove(uid);
                default -> {
                    Chan c = uid == null ? null : live.get(uid);
                    if (c == null) {
                        continue;
                    }
                    switch (m.event()) {
                        case "Newstate" -> c.state = parse(m.get("ChannelState"));
                        case "Newexten" -> {
                            c.application = m.get("Application", "");
                            c.appData = m.get("AppData", "");
                        }
                        case "BridgeEnter" -> c.bridge = m.get("BridgeUniqueid", "");
                        case "BridgeLeave" -> c.bridge = "";
                        default -> {
                        }
                    }
                }
            }
        }
        List<LiveChannel> out = new ArrayList<>();
        for (Chan c : live.values()) {
            out.add(new LiveChannel(c.uid, c.linkedid, c.channel, c.number, c.name, c.context, c.exten, c.state,
                    c.application, c.appData, c.bridge, Math.max(0, n - c.createdAt)));
        }
        return out;
    }

    /** What QueueStatus would list as waiting ({@code QueueEntry} Uniqueids) after the first {@code n} events. */
    java.util.Set<String> waitingAt(int n) {
        java.util.Set<String> waiting = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            AmiMessage m = events.get(i);
            switch (m.event()) {
                case "QueueCallerJoin" -> waiting.add(m.get("Uniqueid"));
                case "QueueCallerLeave", "QueueCallerAbandon", "Hangup" -> waiting.remove(m.get("Uniqueid"));
                default -> {
                }
            }
        }
        return waiting;
    }

    /** The index of the last event of a call (its last Hangup). */
    int endIndex(String linkedid) {
        int last = -1;
        for (int i = 0; i < events.size(); i++) {
            AmiMessage m = events.get(i);
            if ("Hangup".equals(m.event()) && linkedid.equals(m.get("Linkedid"))) {
                last = i;
            }
        }
        return last;
    }

    /** The index of the first event of a call. */
    int startIndex(String linkedid) {
        for (int i = 0; i < events.size(); i++) {
            if (linkedid.equals(events.get(i).get("Linkedid"))) {
                return i;
            }
        }
        return -1;
    }

    private static int parse(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final class Chan {
        final String uid;
        final String linkedid;
        final String channel;
        final String number;
        final String name;
        final String context;
        final String exten;
        final int createdAt;
        int state;
        String application = "";
        String appData = "";
        String bridge = "";

        Chan(AmiMessage m, int at) {
            uid = m.get("Uniqueid");
            linkedid = m.get("Linkedid");
            channel = m.get("Channel", "");
            number = m.get("CallerIDNum", "");
            name = m.get("CallerIDName", "");
            context = m.get("Context", "");
            exten = m.get("Exten", "");
            state = parse(m.get("ChannelState"));
            createdAt = at;
        }
    }
}
