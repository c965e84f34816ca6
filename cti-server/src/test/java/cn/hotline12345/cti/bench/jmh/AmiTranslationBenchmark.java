package cn.hotline12345.cti.bench.jmh;

import cn.hotline12345.cti.bench.CallTemplate;
import cn.hotline12345.cti.bench.StreamSegment;
import cn.hotline12345.cti.call.api.PbxEvent;
import cn.hotline12345.cti.telephony.ami.AmiEventTranslator;
import cn.hotline12345.cti.telephony.ami.AmiFramer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * AMI framing, and framing + translation, per event: the 121 events of one s1 call (48 KB) fed to one
 * long-lived framer, as the link does with each socket read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AmiTranslationBenchmark {

    /** Events of one s1 call; checked in setup. */
    static final int EVENTS = 121;

    private byte[] call;
    private AmiFramer framing;
    private AmiFramer translating;
    private Blackhole sink;

    @Setup
    public void setup(Blackhole bh) {
        StreamSegment one = StreamSegment.render(CallTemplate.s1(), 1, 1, 1);
        if (one.events() != EVENTS) {
            throw new IllegalStateException("s1 has " + one.events() + " events, expected " + EVENTS);
        }
        call = one.bytes();
        sink = bh;
        framing = AmiFramer.standard(b -> { }, bh::consume);
        AmiEventTranslator translator = new AmiEventTranslator("bench", Clock.systemUTC());
        translating = AmiFramer.standard(b -> { }, m -> {
            PbxEvent e = translator.translate(m);
            sink.consume(e);
        });
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void frame() {
        framing.feed(call, 0, call.length);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void frameAndTranslate() {
        translating.feed(call, 0, call.length);
    }
}
