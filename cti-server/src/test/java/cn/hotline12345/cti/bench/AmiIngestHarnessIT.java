package cn.hotline12345.cti.bench;

import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMI ingest load tool checked for correctness, not speed: a few thousand capture-shaped events through
 * the real pipeline lose nothing, and the stream really is what it claims to be.
 */
@ExtendWith(PostgresExtension.class)
class AmiIngestHarnessIT {

    @Test
    void everyEventAndEveryCallOfTheStreamReachesTheTrackerAndTheDatabase(TestDatabase db) throws Exception {
        StreamSegment segment = StreamSegment.render(CallTemplate.s1(), 20, 8, 1);
        try (FakeAmiServer server = new FakeAmiServer("cti", "pw");
             PipelineClient pipeline = new PipelineClient(db.dataSource(), "harness", "cti", "pw", new LongAdder())) {
            IngestRun.Result r = IngestRun.run(server, pipeline, segment, 1_900_000_000L, Duration.ZERO, 2, 0,
                    Duration.ofSeconds(10), s -> pipeline.controlEvents(s.controlEvents()), null);
            try {
                assertThat(r.sent().events()).isEqualTo(2L * segment.events()).isGreaterThan(4_000);
                assertThat(r.received()).isEqualTo(r.sent().events());
                // the client counts events as they are read; the tracker applies them (and hands the writer the
                // calls' last records) a little later on its event loop: wait for the ends, then for the writer
                cn.hotline12345.cti.testing.Http.await("every call ended in the tracker", Duration.ofSeconds(10),
                        () -> pipeline.callsEnded.sum() == 40);
                assertThat(pipeline.calls().writer().awaitIdle(10_000)).isTrue();
                assertThat(pipeline.calls().writer().overflowCount()).isZero();
                cn.hotline12345.cti.testing.Http.await("40 answered call rows", Duration.ofSeconds(10), () -> pipeline.db()
                        .query(dsl -> ((Number) dsl.fetchValue("select count(*) from call where pbx_id = 'harness'"
                                + " and disposition = 'answered'")).longValue()).await() == 40);
                assertThat(pipeline.readToTracker.count()).isEqualTo(pipeline.updates.sum());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " " + pipeline.db().query(dsl -> dsl.fetch(
                        "select pbx_id, disposition, ended_at is not null as ended, count(*) from call group by 1, 2, 3").format()).await(), e);
            } finally {
                pipeline.close();
                r.session().close();
            }
        }
    }

    @Test
    void theRawParserCountsExactlyTheEventsSent() throws Exception {
        StreamSegment segment = StreamSegment.render(CallTemplate.s1(), 10, 4, 2);
        try (FakeAmiServer server = new FakeAmiServer("cti", "pw")) {
            RawParserClient raw = new RawParserClient("cti", "pw");
            IngestRun.Result r = IngestRun.run(server, raw, segment, 1_900_000_000L, Duration.ZERO, 3, 0,
                    Duration.ofSeconds(10), s -> { }, null);
            raw.close();
            r.session().close();
            assertThat(r.received()).isEqualTo(3L * segment.events()).isEqualTo(r.sent().events());
            assertThat(r.sent().calls()).isEqualTo(30);
        }
    }

    @Test
    void everyCallGetsFreshIdsAndKeepsTheCapturesEventOrder() {
        CallTemplate t = CallTemplate.s1();
        StreamSegment segment = StreamSegment.render(t, 3, 3, 3);
        assertThat(segment.events()).isEqualTo(3 * t.events().size());
        segment.stampEpoch(1_234_567_890L);
        String text = new String(segment.bytes(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("1795623661").contains("Linkedid: 1234567890.0\r\n")
                .contains("Linkedid: 1234567890.4\r\n").contains("Linkedid: 1234567890.8\r\n");
        // the first call's events in capture order: its Hangup of the caller channel comes after its AgentConnect
        assertThat(text.indexOf("Event: AgentConnect")).isLessThan(text.lastIndexOf("Event: Hangup"));
        assertThat(text.split("\r\n\r\n")).hasSize(segment.events());
    }

    @Test
    void theManagerConfFilterDropsWhatAsteriskWouldNotSend() {
        CallTemplate filtered = CallTemplate.s1().withManagerConfFilter();
        assertThat(filtered.events()).noneMatch(e -> e.name().equals("Newexten") || e.name().equals("DeviceStateChange")
                || e.name().startsWith("AGIExec") || e.name().startsWith("DTMF"));
        assertThat(filtered.events()).filteredOn(e -> e.name().equals("VarSet"))
                .allMatch(e -> e.variable().startsWith("HOTLINE_") || e.variable().equals("QUEUESTATUS")
                        || e.variable().equals("QUEUE_PRIO") || e.variable().equals("MEMBERINTERFACE")
                        || e.variable().equals("MIXMONITOR_FILENAME"));
        // what the tracker reads is kept: the agent's interface arrives as a VarSet in s1
        assertThat(filtered.events()).anyMatch(e -> e.name().equals("VarSet") && e.variable().equals("MEMBERINTERFACE"));
        assertThat(filtered.events()).anyMatch(e -> e.name().equals("AgentConnect"));
        assertThat(filtered.events().size()).isLessThan(CallTemplate.s1().events().size());
    }
}
