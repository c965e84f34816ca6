package cn.hotline12345.cti.call.tracking;

import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.LiveQueues;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue board alone (no socket, no database), fed the real Asterisk 22 captures through the translator and the
 * tracker: what the wallboard and the service level are computed from. Table-driven: one row per capture.
 */
class QueueBoardTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // capture,                 offered, answered, abandoned, waiting at the end
            "s1-ivr-queue-answered.ami,      1,        1,         0,      0",
            "s2-queue-abandon-paused.ami,    1,        0,         1,      0",
            "s3-agent-actions-status.ami,    1,        1,         0,      0"})
    void theDaysCountsAreWhatTheCaptureShows(String file, int offered, int answered, int abandoned, int waiting) {
        CaptureReplay.Run run = CaptureReplay.load(file).replay();
        LiveQueues.QueueSnapshot q = hotline(run.board.queueSnapshots());
        assertThat(q.offeredToday()).isEqualTo(offered);
        assertThat(q.answeredToday()).isEqualTo(answered);
        assertThat(q.abandonedToday()).isEqualTo(abandoned);
        assertThat(q.waiting()).isEqualTo(waiting);
        assertThat(q.abandonRate()).isEqualTo(offered == 0 ? 0.0 : (double) abandoned / offered);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"s1-ivr-queue-answered.ami", "s3-agent-actions-status.ami"})
    void anAgentWhoseCallEndedIsInWrapUpOrAvailableNeverStillOnTheCall(String file) {
        CaptureReplay.Run run = CaptureReplay.load(file).replay();
        assertThat(run.board.agentSnapshots()).isNotEmpty()
                .allSatisfy(a -> assertThat(a.state()).isNotEqualTo(AgentState.ON_CALL));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"s1-ivr-queue-answered.ami", "s2-queue-abandon-paused.ami", "s3-agent-actions-status.ami"})
    void theHoursStatisticsAgreeWithTheDaysCounts(String file) {
        CaptureReplay.Run run = CaptureReplay.load(file).replay();
        LiveQueues.QueueSnapshot q = hotline(run.board.queueSnapshots());
        List<QueueBoard.IntervalStats> hours = run.board.intervalStats().stream()
                .filter(s -> s.queue().equals("hotline")).toList();
        assertThat(hours.stream().mapToInt(QueueBoard.IntervalStats::offered).sum()).isEqualTo(q.offeredToday());
        assertThat(hours.stream().mapToInt(QueueBoard.IntervalStats::answered).sum()).isEqualTo(q.answeredToday());
        assertThat(hours.stream().mapToInt(QueueBoard.IntervalStats::abandoned).sum()).isEqualTo(q.abandonedToday());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"s2-queue-abandon-paused.ami"})
    void pausedMembersWithAReasonAreUnpausedWhenTheCaptureUnpausesThem(String file) {
        CaptureReplay capture = CaptureReplay.load(file);
        CaptureReplay.Run run = capture.replay();
        // the capture pauses both members with reasons and unpauses them at the end
        assertThat(run.board.agentSnapshots()).isNotEmpty()
                .allSatisfy(a -> assertThat(a.state()).isNotEqualTo(AgentState.PAUSED));
        int half = indexOfFirst(capture, "QueueCallerJoin");
        CaptureReplay.Run halfway = new CaptureReplay.Run();
        capture.events.subList(0, half + 1).forEach(halfway::feed);
        assertThat(halfway.board.agentSnapshots()).isNotEmpty()
                .allSatisfy(a -> {
                    assertThat(a.state()).isEqualTo(AgentState.PAUSED);
                    assertThat(a.reason()).isNotBlank();
                });
    }

    private static int indexOfFirst(CaptureReplay capture, String event) {
        for (int i = 0; i < capture.events.size(); i++) {
            if (event.equals(capture.events.get(i).event())) {
                return i;
            }
        }
        throw new AssertionError("no " + event);
    }

    private static LiveQueues.QueueSnapshot hotline(List<LiveQueues.QueueSnapshot> queues) {
        return queues.stream().filter(q -> q.queue().equals("hotline")).findFirst()
                .orElseThrow(() -> new AssertionError("no queue 'hotline' on the board: " + queues));
    }
}
