package cn.hotline12345.cti.bench.jmh;

import cn.hotline12345.cti.privacy.api.PhoneMasking;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** {@code PhoneMasking.maskInText} on a log line with two numbers, and on one without any. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PhoneMaskingBenchmark {

    @Param({"AgentCalled: caller 13800138000 (+8613912345678) rung PJSIP/1001 in q-general after 12 s",
            "AMI pbx1: connected to 127.0.0.1:5038 (Asterisk Call Manager/11.0.0)"})
    public String line;

    @Benchmark
    public String maskInText() {
        return PhoneMasking.maskInText(line);
    }
}
