package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.CallerHangupException;
import cn.hotline12345.ivr.engine.DigitsResult;
import cn.hotline12345.ivr.engine.Interpreter;
import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import cn.hotline12345.ivr.engine.SessionLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SessionGuardsTest {

    /** A menu whose choice 1 loops back forever (valid: timeout exits). */
    private static final String LOOP = """
            start: m
            nodes:
              m: {kind: menu, prompts: [p1], choices: {"1": m}, on_failure: h}
              h: {kind: hangup}
            """;

    private static String[] ones(int n) {
        String[] s = new String[n];
        java.util.Arrays.fill(s, "1");
        return s;
    }

    @Test
    void maxStepsEndsARunawaySessionOnTheFallbackQueue() throws Exception {
        ScriptedChannel ch = new ScriptedChannel(ones(100));
        IvrOutcome o = new Interpreter(new FakeServices(), new SessionLimits(Duration.ofMinutes(10), 20, "q-overflow"))
                .run(TestFlows.single(LOOP), "t", ch, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(o.ending()).isEqualTo(Ending.MAX_STEPS);
        assertThat(o.steps()).isEqualTo(20);
        assertThat(o.queue()).isEqualTo("q-overflow");
        assertThat(ch.setVariables()).containsEntry("HOTLINE_NEXT", "queue").containsEntry("HOTLINE_QUEUE", "q-overflow");
        assertThat(o.path()).startsWith("m:1>m:1");
    }

    @Test
    void maxDurationEndsASessionThatTakesTooLong() throws Exception {
        FakeServices s = new FakeServices();
        ScriptedChannel ch = new ScriptedChannel(ones(100)) {
            @Override
            public CompletionStage<DigitsResult> collect(String f, int t, int m) {
                s.advance(Duration.ofMinutes(1)); // each menu takes a minute of the caller's time
                return super.collect(f, t, m);
            }
        };
        IvrOutcome o = new Interpreter(s, new SessionLimits(Duration.ofMinutes(5), 1000, "q-general"))
                .run(TestFlows.single(LOOP), "t", ch, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(o.ending()).isEqualTo(Ending.MAX_DURATION);
        assertThat(o.elapsed()).isGreaterThan(Duration.ofMinutes(5));
        assertThat(o.queue()).isEqualTo("q-general");
    }

    @Test
    void longSynchronousSessionsDoNotOverflowTheStack() throws Exception {
        ScriptedChannel ch = new ScriptedChannel(ones(20_000));
        IvrOutcome o = new Interpreter(new FakeServices(), new SessionLimits(Duration.ofHours(1), 20_000, "q-general"))
                .run(TestFlows.single(LOOP), "t", ch, Map.of()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(o.ending()).isEqualTo(Ending.MAX_STEPS);
        assertThat(o.path()).hasSizeLessThanOrEqualTo(512).endsWith("...");
    }

    @Test
    void aChannelFailureOtherThanHangupIsReportedAsChannelError() throws Exception {
        ScriptedChannel ch = new ScriptedChannel() {
            @Override
            public CompletionStage<DigitsResult> collect(String f, int t, int m) {
                return CompletableFuture.failedFuture(new IllegalStateException("520 Invalid command"));
            }
        };
        IvrOutcome o = new Interpreter(new FakeServices(), SessionLimits.defaults())
                .run(TestFlows.single(LOOP), "t", ch, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(o.ending()).isEqualTo(Ending.CHANNEL_ERROR);
        assertThat(o.error()).contains("520 Invalid command");
    }

    @Test
    void aHangupThrownSynchronouslyByTheChannelIsStillAHangup() throws Exception {
        ScriptedChannel ch = new ScriptedChannel() {
            @Override
            public CompletionStage<DigitsResult> collect(String f, int t, int m) {
                throw new CallerHangupException("HANGUP");
            }
        };
        IvrOutcome o = new Interpreter(new FakeServices(), SessionLimits.defaults())
                .run(TestFlows.single(LOOP), "t", ch, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(o.ending()).isEqualTo(Ending.CALLER_HUNG_UP);
    }

    @Test
    void thousandsOfConcurrentAsynchronousSessionsAllComplete() throws Exception {
        FlowSet flows = TestFlows.shipped();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Interpreter interpreter = new Interpreter(Scenarios.ordinary(), SessionLimits.defaults());
            List<CompletableFuture<IvrOutcome>> all = new ArrayList<>();
            List<ScriptedChannel> channels = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                ScriptedChannel ch = new ScriptedChannel("1", Integer.toString(1 + i % 5)).async(pool);
                if (i % 7 == 0) {
                    ch.hangUpAt(i % 6);
                }
                channels.add(ch);
                all.add(interpreter.run(flows, "hotline", ch, Map.of("caller", "1380013" + i)).toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < all.size(); i++) {
                IvrOutcome o = all.get(i).join();
                if (i % 7 == 0) {
                    assertThat(o.ending()).isEqualTo(Ending.CALLER_HUNG_UP);
                } else {
                    assertThat(o.ending()).isEqualTo(Ending.QUEUE);
                    assertThat(o.path()).isEqualTo("welcome>emergency>main-menu:1>category:" + (1 + i % 5));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
