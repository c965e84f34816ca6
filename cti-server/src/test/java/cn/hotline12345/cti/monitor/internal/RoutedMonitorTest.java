package cn.hotline12345.cti.monitor.internal;

import cn.hotline12345.cti.monitor.api.MonitorMode;
import cn.hotline12345.cti.monitor.api.MonitorPort;
import cn.hotline12345.cti.monitor.api.MonitorRefusal;
import cn.hotline12345.cti.monitor.api.MonitorSession;
import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A monitoring request made on a node that does not run the PBX's AMI link goes to the owner over the event bus
 * ({@code cti.monitor.<pbx>}): the request arrives whole (who, role, unmask right, phone, agent, mode), the owner's
 * session and its refusals (code and Chinese message) come back as they were, and with no owner the supervisor is
 * told so in Chinese.
 */
class RoutedMonitorTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** The owner's side: records what it was asked, answers a session or refuses a confidential call. */
    static final class Owner implements MonitorPort {
        final List<Request> asked = new ArrayList<>();

        @Override
        public Future<MonitorSession> start(Request r) {
            asked.add(r);
            if ("1002".equals(r.agent())) {
                return Future.failedFuture(new MonitorRefusal(Refusal.Kind.FORBIDDEN, "confidential", "该通话关联的事项为保密举报"));
            }
            return Future.succeededFuture(session(r.by().username(), r.agent(), r.mode()));
        }

        @Override
        public Future<Optional<MonitorSession>> stop(String supervisor, String pbxId) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Optional<MonitorSession>> current(String supervisor, String pbxId) {
            return Future.succeededFuture(Optional.of(session(supervisor, "1001", MonitorMode.WHISPER)));
        }
    }

    static MonitorSession session(String who, String agent, MonitorMode mode) {
        return new MonitorSession("s-1", "pbx2", who, "2001", agent, "1700000000.7", 42L, mode,
                MonitorSession.State.CALLING, Instant.parse("2026-12-07T03:00:00Z"), null, null);
    }

    @Test
    void aRequestForAnotherNodesPbxIsServedByItsOwner() throws Exception {
        Owner owner = new Owner();
        RoutedMonitor.serve(vertx.eventBus(), "pbx2", owner).completion().await(5, TimeUnit.SECONDS);
        MonitorPort here = new RoutedMonitor(vertx.eventBus(), new Owner(), pbx -> pbx.equals("pbx1"), Duration.ofSeconds(5));
        Staff s = new Staff("supervisor1", StaffRole.SUPERVISOR, null, true);

        MonitorSession got = here.start(new MonitorPort.Request(s, "2001", "pbx2", "1001", null, MonitorMode.BARGE))
                .await(5, TimeUnit.SECONDS);
        assertThat(got).isEqualTo(session("supervisor1", "1001", MonitorMode.BARGE));
        assertThat(owner.asked).singleElement().satisfies(r -> {
            assertThat(r.by()).isEqualTo(s);
            assertThat(r.phone()).isEqualTo("2001");
            assertThat(r.pbxId()).isEqualTo("pbx2");
            assertThat(r.mode()).isEqualTo(MonitorMode.BARGE);
        });
        assertThat(here.current("supervisor1", "pbx2").await(5, TimeUnit.SECONDS)).get()
                .extracting(MonitorSession::mode).isEqualTo(MonitorMode.WHISPER);
        assertThat(here.stop("supervisor1", "pbx2").await(5, TimeUnit.SECONDS)).isEmpty();

        assertThatThrownBy(() -> here.start(new MonitorPort.Request(new Staff("supervisor2", StaffRole.SUPERVISOR, null,
                false), "2002", "pbx2", "1002", null, MonitorMode.LISTEN)).await(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(MonitorRefusal.class, r -> {
                    assertThat(r.code()).isEqualTo("confidential");
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
                    assertThat(r.getMessage()).isEqualTo("该通话关联的事项为保密举报");
                });
        assertThat(owner.asked.get(1).by().canUnmask()).isFalse();

        // nobody owns pbx3 (a takeover under way): a Chinese refusal, not a hang
        assertThatThrownBy(() -> here.start(new MonitorPort.Request(s, "2001", "pbx3", "1001", null, MonitorMode.LISTEN))
                .await(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(MonitorRefusal.class, r -> assertThat(r.getMessage()).contains("正在切换节点"));
    }
}
