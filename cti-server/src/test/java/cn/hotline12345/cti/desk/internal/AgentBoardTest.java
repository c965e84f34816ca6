package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.testing.FakeLiveQueues;
import cn.hotline12345.cti.testing.MutableClock;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.call.api.LiveQueues;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor's live agent list (issue 24): current calls masked, today's answered calls, a new day. */
class AgentBoardTest {

    private final MutableClock clock = new MutableClock(LocalDate.parse("2026-03-02").atTime(10, 0)
            .atZone(HotlineTime.ZONE).toInstant());
    private final CallUpdateHub hub = new CallUpdateHub();
    private final FakeLiveQueues live = new FakeLiveQueues();
    private final AgentBoard board = new AgentBoard(hub, live, clock, HotlineTime.ZONE);

    private AgentBoard.AgentLine line(String member) {
        return board.lines().stream().filter(l -> l.agent().agent().equals(member)).findFirst().orElseThrow();
    }

    @Test
    void aCallRingsIsAnsweredCountsOnceAndLeavesTheListAtItsEnd() {
        live.agents = List.of(new LiveQueues.AgentSnapshot("pbx1", "PJSIP/1001", "话务员一", AgentState.AVAILABLE, null,
                clock.instant(), List.of("q-general")));
        CallKey key = new CallKey("pbx1", "1740000000.1");
        Instant now = clock.instant();
        hub.publish(new CallUpdate.AgentRinging(key, now, WebFixture.view(key, "13812345678", "张三", "PJSIP/1001"),
                "PJSIP/1001", "q-general"));
        assertThat(line("PJSIP/1001").call()).satisfies(c -> {
            assertThat(c.ringing()).isTrue();
            assertThat(c.callerMasked()).isEqualTo("138****5678");
        });
        CallUpdate.AgentConnected connected = new CallUpdate.AgentConnected(key, now.plusSeconds(3),
                WebFixture.view(key, "13812345678", "张三", "PJSIP/1001"), "PJSIP/1001", "q-general", 3_000);
        hub.publish(connected);
        hub.publish(connected); // a replayed event counts nothing twice
        assertThat(line("PJSIP/1001").call().ringing()).isFalse();
        assertThat(line("PJSIP/1001").answeredToday()).isEqualTo(1);
        hub.publish(new CallUpdate.CallEnded(key, now.plusSeconds(60), WebFixture.view(key, "13812345678", "张三",
                "PJSIP/1001"), Disposition.ANSWERED, "normal", "PJSIP/1001"));
        assertThat(line("PJSIP/1001").call()).isNull();
        assertThat(line("PJSIP/1001").answeredToday()).isEqualTo(1);
    }

    @Test
    void theRecordsSeedTheCountsWithoutLoweringALiveOneAndANewDayStartsAtZero() {
        live.agents = List.of(new LiveQueues.AgentSnapshot("pbx1", "PJSIP/1002", "话务员二", AgentState.AVAILABLE, null,
                clock.instant(), List.of("q-general")));
        CallKey key = new CallKey("pbx1", "1740000000.2");
        hub.publish(new CallUpdate.AgentConnected(key, clock.instant(), WebFixture.view(key, "13800000000", "", "PJSIP/1002"),
                "PJSIP/1002", "q-general", 1_000));
        board.seed(LocalDate.parse("2026-03-02"), Map.of("pbx1|PJSIP/1002", 7));
        assertThat(line("PJSIP/1002").answeredToday()).isEqualTo(7);
        board.seed(LocalDate.parse("2026-03-02"), Map.of("pbx1|PJSIP/1002", 0));
        assertThat(line("PJSIP/1002").answeredToday()).isEqualTo(7);
        board.seed(LocalDate.parse("2026-03-01"), Map.of("pbx1|PJSIP/1002", 40)); // yesterday's: not today's
        assertThat(line("PJSIP/1002").answeredToday()).isEqualTo(7);
        clock.advance(Duration.ofHours(15));
        assertThat(line("PJSIP/1002").answeredToday()).isZero();
    }
}
