package cn.hotline12345.cti.ivr.internal;


import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.api.MatterStatus;
import cn.hotline12345.cti.ivr.api.RecordingPorts;
import cn.hotline12345.cti.ivr.api.RevisitResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flows' text arguments to typed port calls and back; timeouts; the default ports. */
class HotlineIvrServicesTest {

    static final Vertx vertx = Vertx.vertx();

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HotlineIvrServices services(IvrPorts ports, long timeoutMs) {
        return new HotlineIvrServices(vertx, ports, Clock.systemUTC(), Duration.ofMillis(timeoutMs), new SimpleMeterRegistry());
    }

    private static Map<String, String> get(java.util.concurrent.CompletionStage<Map<String, String>> s) throws Exception {
        return s.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void nothing_known_answers_an_ordinary_caller_and_not_found() throws Exception {
        HotlineIvrServices s = services(IvrPorts.nothingKnown(), 800);
        assertThat(get(s.lookup("caller_profile", Map.of("caller", "13800138000"))))
                .containsEntry("measure", "none").containsEntry("open_matter", "").containsEntry("repeat", "false");
        assertThat(get(s.lookup("matter_status", Map.of("matter", "1", "caller", "1")))).containsExactly(Map.entry("result", "not_found"));
        assertThat(get(s.lookup("knowledge", Map.of("topic", "2")))).containsEntry("found", "false");
        assertThat(get(s.lookup("knowledge", Map.of("topic", "x")))).containsEntry("found", "false");
        assertThat(get(s.perform("record_survey", Map.of("rating", "satisfied")))).isEmpty();
        assertThat(s.zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(s.isWorkingDay(LocalDate.of(2024, 5, 17))).isTrue();
        assertThat(s.isWorkingDay(LocalDate.of(2024, 5, 18))).isFalse();
        assertThat(s.isHoliday(LocalDate.of(2024, 10, 1))).isFalse();
    }

    @Test
    void a_found_matter_gives_state_unit_and_deadline_and_typed_requests_reach_the_ports() throws Exception {
        RecordingPorts rec = new RecordingPorts();
        rec.matters.put("202405170001|13800138000", new MatterStatus(MatterStatus.Result.FOUND, "202405170001",
                "dispatched", "units/u1", LocalDate.of(2024, 6, 3)));
        HotlineIvrServices s = services(rec.ports(), 800);
        assertThat(get(s.lookup("matter_status", Map.of("matter", "2024-0517-0001", "caller", "13800138000"))))
                .containsEntry("result", "found").containsEntry("state", "dispatched").containsEntry("unit_sound", "units/u1")
                .containsEntry("deadline_month", "6").containsEntry("deadline_day", "3");
        get(s.perform("record_revisit", Map.of("matter", "202405170001", "solved", "no", "rating", "", "dissatisfied", "true",
                "completed", "false", "caller", "1", "uniqueid", "u")));
        RevisitResponse r = rec.revisits.get(0);
        assertThat(r.solved()).contains(false);
        assertThat(r.rating()).isEmpty();
        assertThat(r.dissatisfied()).isTrue();
        assertThat(r.completed()).isFalse();
        assertThatThrownBy(() -> get(s.perform("record_survey", Map.of("rating", "great")))).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> get(s.lookup("drop_tables", Map.of()))).isInstanceOf(ExecutionException.class);
    }

    @Test
    void a_port_that_never_answers_or_throws_fails_the_stage_within_the_timeout() {
        IvrPorts slow = IvrPorts.nothingKnown().withCallers(c -> new CompletableFuture<>())
                .withKnowledge((t, c) -> {
                    throw new IllegalStateException("db down");
                });
        HotlineIvrServices s = services(slow, 100);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> get(s.lookup("caller_profile", Map.of("caller", "1"))))
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        assertThatThrownBy(() -> get(s.lookup("knowledge", Map.of("topic", "1")))).hasCauseInstanceOf(IllegalStateException.class);
    }
}
