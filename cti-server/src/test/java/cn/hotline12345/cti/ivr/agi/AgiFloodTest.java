package cn.hotline12345.cti.ivr.agi;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.ivr.FlowSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FastAGI under attack (issue 20 item 7), over real TCP. The configured PBX is on 127.0.0.1 (its AMI host, so its
 * FastAGI source by default); a client bound to 127.0.0.2 is another host.
 *
 * <p>Seen failing before the fix: a session from 127.0.0.2 ran its flow (ANSWER, then the caller's matters read
 * out); five idle sockets took the five session slots and the real sessions were refused as busy; every refused
 * connection logged its own WARN line; {@code /ready} said UP while calls were refused.
 */
class AgiFloodTest {

    private static AgiFixture fixture(int maxSessions, AgiSettings settings) throws Exception {
        return new AgiFixture(IvrPorts.nothingKnown(), settings, AgiFixture.config(Duration.ofMinutes(15), maxSessions),
                FlowSource.classpath(AgiFloodTest.class.getClassLoader()));
    }

    @Test
    void aHostThatIsNoPbxIsClosedBeforeItCanClaimACallerOrTakeASlot() throws Exception {
        try (AgiFixture agi = fixture(5, AgiFixture.fastSettings())) {
            try (RawAgiClient stranger = new RawAgiClient(agi.port, "127.0.0.2")) {
                stranger.sendEnv(RawAgiClient.env("status", "9.1", "13800138000"));
                assertThat(stranger.closedByServer()).isTrue();
                assertThat(stranger.commands).isEmpty();
            }
            AgiFixture.await("refused as source", () -> agi.refused(AgiRefusal.SOURCE) == 1);
            assertThat(agi.active()).isZero();
            assertThat(agi.module.metrics().pendingConnections()).isZero();
            // the PBX itself still gets its IVR
            try (RawAgiClient pbx = new RawAgiClient(agi.port)) {
                pbx.sendEnv(RawAgiClient.env("hotline", "9.2", "13800138000"));
                assertThat(pbx.readCommand()).isEqualTo("ANSWER");
            }
        }
    }

    @Test
    void idleSocketsFromThePbxNeverTakeSessionSlotsNorKeepRealCallsOutAndTimeOut() throws Exception {
        try (AgiFixture agi = fixture(5, AgiFixture.fastSettings().withMaxPending(30))) {
            List<RawAgiClient> idle = new ArrayList<>();
            List<RawAgiClient> real = new ArrayList<>();
            try {
                // idle sockets from the PBX's own address fill every place for connections without an environment
                for (int i = 0; i < 30; i++) {
                    idle.add(new RawAgiClient(agi.port));
                }
                AgiFixture.await("30 idle connections pending", () -> agi.module.metrics().pendingConnections() == 30);
                // real calls still get in: one arriving at a full list closes the idle connection that has waited longest
                for (int i = 0; i < 5; i++) {
                    RawAgiClient c = new RawAgiClient(agi.port);
                    real.add(c);
                    c.sendEnv(RawAgiClient.env("hotline", "10." + i, "1380013800" + i));
                    assertThat(c.readCommand()).as("real session " + i).isEqualTo("ANSWER");
                }
                assertThat(agi.active()).isEqualTo(5);
                assertThat(agi.refused(AgiRefusal.BUSY)).isZero();
                // the first real call found the list full and closed the oldest idle one; once its environment was in
                // it no longer waited, so each next real call found a free place: one eviction in all
                AgiFixture.await("the oldest idle one closed", () -> agi.refused(AgiRefusal.PENDING_FULL) == 1);
                // the rest time out (agi.envTimeout 2 s) and free their places
                for (RawAgiClient c : idle) {
                    assertThat(c.closedByServer()).isTrue();
                }
                AgiFixture.await("idle ones timed out", () -> agi.refused(AgiRefusal.ENV_TIMEOUT) == 29);
                assertThat(agi.module.metrics().pendingConnections()).isZero();
                assertThat(agi.active()).isEqualTo(5);
            } finally {
                for (RawAgiClient c : idle) {
                    c.close();
                }
                for (RawAgiClient c : real) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aFloodOfRefusalsWritesAFewLogLinesNotOnePerConnection() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(AgiServer.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try (AgiFixture agi = fixture(5, AgiFixture.fastSettings())) {
            for (int i = 0; i < 500; i++) {
                try (RawAgiClient stranger = new RawAgiClient(agi.port, "127.0.0.2")) {
                    stranger.sendEnv(RawAgiClient.env("status", "11." + i, "13800138000"));
                    assertThat(stranger.closedByServer()).isTrue();
                }
            }
            AgiFixture.await("500 refusals counted", () -> agi.refused(AgiRefusal.SOURCE) == 500);
            long warnings = lines.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
            // one line per reason per agi.refusalLogInterval (10 s): the burst takes a few seconds
            assertThat(warnings).as("WARN lines for 500 refusals").isBetween(1L, 3L);
            assertThat(lines.list.get(0).getFormattedMessage()).contains("source").contains("127.0.0.2");
        } finally {
            log.detachAppender(lines);
        }
    }

    @Test
    void readyShowsAgiDownWhileCallsAreRefusedAsBusyAndCountsTheRefusals() throws Exception {
        try (AgiFixture agi = fixture(2, AgiFixture.fastSettings().withBusyWindow(Duration.ofSeconds(1)))) {
            List<RawAgiClient> running = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    RawAgiClient c = new RawAgiClient(agi.port);
                    running.add(c);
                    c.sendEnv(RawAgiClient.env("hotline", "12." + i, "1380013800" + i));
                    assertThat(c.readCommand()).isEqualTo("ANSWER");
                }
                assertThat(agi.readiness.isUp("agi")).isTrue();
                try (RawAgiClient third = new RawAgiClient(agi.port)) {
                    third.sendEnv(RawAgiClient.env("hotline", "12.9", "13800138009"));
                    assertThat(third.closedByServer()).isTrue();
                }
                AgiFixture.await("agi DOWN in /ready", () -> !agi.readiness.isUp("agi"));
                assertThat(agi.readiness.snapshot().get("agi").detail()).contains("busy=1").contains("sessions 2/2");
                // no more refusals: UP again once the window has passed
                AgiFixture.await("agi UP again", () -> agi.readiness.isUp("agi"));
                assertThat(agi.readiness.snapshot().get("agi").detail()).contains("busy=1");
            } finally {
                for (RawAgiClient c : running) {
                    c.close();
                }
            }
        }
    }
}
