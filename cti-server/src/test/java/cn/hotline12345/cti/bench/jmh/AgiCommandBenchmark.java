package cn.hotline12345.cti.bench.jmh;

import cn.hotline12345.cti.ivr.agi.AgiCommands;
import cn.hotline12345.cti.ivr.agi.AgiReplyReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * FastAGI on the server side, per command: {@link AgiCommands} formatting the lines the IVR sends (the commands of
 * the hotline flow: STREAM FILE, GET DATA, SET VARIABLE with a Chinese value to quote and clean), and
 * {@link AgiReplyReader} parsing one reply line as Asterisk 22 sends it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AgiCommandBenchmark {

    /** Reply lines: STREAM FILE played to the end, GET DATA with a digit and with a timeout, an unknown command. */
    @State(Scope.Thread)
    public static class Reply {
        @Param({"200 result=0 endpos=41280", "200 result=5", "200 result=1 (timeout)", "510 Invalid or unknown command"})
        public String line;

        final AgiReplyReader reader = new AgiReplyReader();
    }

    @Benchmark
    public String formatStreamFile() {
        return AgiCommands.streamFile("hotline/welcome", "0123456789*#");
    }

    @Benchmark
    public String formatGetData() {
        return AgiCommands.getData("hotline/menu-main", 5000, 1);
    }

    @Benchmark
    public String formatSetVariable() {
        return AgiCommands.setVariable("HOTLINE_IVR_PATH", "主菜单>投诉举报>转人工 \"q-general\"");
    }

    @Benchmark
    public AgiReplyReader.Line parseReply(Reply r) {
        return r.reader.accept(r.line);
    }
}
