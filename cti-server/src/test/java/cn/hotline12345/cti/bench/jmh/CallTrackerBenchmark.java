package cn.hotline12345.cti.bench.jmh;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.bench.CallTemplate;
import cn.hotline12345.cti.bench.StreamSegment;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.tracking.CallTracker;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.PbxEvent;
import cn.hotline12345.cti.call.tracking.QueueBoard;
import cn.hotline12345.cti.telephony.ami.AmiEventTranslator;
import cn.hotline12345.cti.telephony.ami.AmiFramer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code CallTracker.apply} for a whole s1 call: the domain events the translator makes of its 121 AMI events
 * (start to end, so the tracker forgets the call and the next invocation replays it), with a hub that has
 * one counting subscriber and a sink that drops records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallTrackerBenchmark {

    private PbxEvent[] events;
    private CallTracker tracker;
    private long published;

    @Setup
    public void setup() {
        Clock clock = Clock.systemUTC();
        AmiEventTranslator translator = new AmiEventTranslator("bench", clock);
        List<PbxEvent> out = new ArrayList<>();
        AmiFramer framer = AmiFramer.standard(b -> { }, m -> {
            PbxEvent e = translator.translate(m);
            if (e != null) {
                out.add(e);
            }
        });
        framer.feed(StreamSegment.render(CallTemplate.s1(), 1, 1, 1).bytes());
        events = out.toArray(new PbxEvent[0]);
        CallUpdateHub hub = new CallUpdateHub();
        hub.subscribe(u -> published++);
        tracker = new CallTracker("bench", hub, CallRecordSink.NONE,
                new QueueBoard("bench", clock, HotlineTime.ZONE, 20, Duration.ofSeconds(15)), clock);
    }

    /** One call: {@code events.length} domain events (printed by the run script's setup check). */
    @Benchmark
    public long applyOneCall() {
        for (PbxEvent e : events) {
            tracker.apply(e);
        }
        return tracker.endedCallCount() + published;
    }
}
