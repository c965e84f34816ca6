package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.call.tracking.LiveQueueView;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.softphone.ws.Alarm;
import cn.hotline12345.softphone.ws.QueueBoard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallboard's alarms from the call layer's real {@link LiveQueueView} (issue 24): one alarm per fact — the call
 * layer's own queue alarms (subject {@code demo/q-general}, with a since) are not shown beside the wallboard's
 * ({@code q-general}, since null) as they were — dated, named in Chinese, and each PBX's link listed.
 */
class WallboardAlarmsTest {

    private final Vertx vertx = Vertx.vertx();
    private final Readiness readiness = new Readiness();
    private Instant now = Instant.parse("2026-03-02T02:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private volatile List<LiveQueues.QueueSnapshot> queues = List.of();
    private WallboardPublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.close();
        }
        vertx.close();
    }

    private WallboardPublisher publisher(List<String> pbxIds) {
        LiveQueueView view = new LiveQueueView(() -> queues, List::of, List::of, readiness, clock, 0.8);
        publisher = new WallboardPublisher(vertx, view, new SocketRegistry(new SimpleMeterRegistry(), 256),
                new HourlyCalls(clock, HotlineTime.ZONE), new CallUpdateHub(), clock, CtiConfig.Wallboard.defaults(), pbxIds);
        return publisher;
    }

    @Test
    void theSameAlarmIsShownOnceDatedAndInChinese() {
        queues = List.of(new LiveQueues.QueueSnapshot("demo", "q-general", 33, 96_000, 0, 0, 0, 0, 0, 0.002, 20, 0.7,
                60_000, 3054, 30, 70));
        QueueBoard board = publisher(List.of("demo")).board();
        List<Alarm> noAgent = board.alarms().stream().filter(a -> a.kind().equals("no_agent")).toList();
        assertThat(noAgent).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("q-general");
            assertThat(a.since()).isEqualTo(now);
            assertThat(a.message()).contains("综合咨询").contains("无坐席签入");
        });
        assertThat(board.alarms().stream().filter(a -> a.kind().equals("service_level"))).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("0.2%"));
        assertThat(board.alarms()).extracting(Alarm::kind)
                .containsExactlyInAnyOrder("no_agent", "waiting", "longest_wait", "abandon_rate", "service_level");
        assertThat(board.queues()).singleElement().satisfies(q -> assertThat(q.displayName()).isEqualTo("综合咨询"));

        // a second later the same alarms keep the time they were first raised
        Instant first = now;
        now = now.plusSeconds(1);
        assertThat(publisher.board().alarms()).allSatisfy(a -> assertThat(a.since()).isEqualTo(first));
        // once a condition is over and comes back, it is a new alarm with a new time
        queues = List.of(new LiveQueues.QueueSnapshot("demo", "q-general", 0, 0, 2, 2, 0, 0, 0, 1.0, 20, 0.0, 0, 10, 10, 0));
        assertThat(publisher.board().alarms()).isEmpty();
        now = now.plusSeconds(5);
        queues = List.of(new LiveQueues.QueueSnapshot("demo", "q-general", 1, 1_000, 0, 0, 0, 0, 0, 1.0, 20, 0.0, 0, 11, 10, 0));
        assertThat(publisher.board().alarms()).singleElement().satisfies(a -> assertThat(a.since()).isEqualTo(now));
    }

    @Test
    void aLinkDownIsOneChineseAlarmAndTheLinkListShowsEveryPbx() {
        readiness.report("ami:west", true, "connected to 10.0.0.2:5038");
        readiness.report("ami:east", false, "connect to 10.0.0.1:5038 failed: Connection refused");
        QueueBoard board = publisher(List.of("east", "west")).board();
        assertThat(board.alarms()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("ami_link_down");
            assertThat(a.subject()).isEqualTo("east");
            assertThat(a.message()).contains("交换机 east").contains("AMI 连接中断").doesNotContain("refused");
            assertThat(a.since()).isNotNull();
        });
        assertThat(board.links()).hasSize(2);
        assertThat(board.links().get(0).pbxId()).isEqualTo("east");
        assertThat(board.links().get(0).up()).isFalse();
        assertThat(board.links().get(1).up()).isTrue();
    }
}
