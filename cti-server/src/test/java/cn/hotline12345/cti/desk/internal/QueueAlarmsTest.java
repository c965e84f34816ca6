package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.platform.config.CtiConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The wallboard's queue alarms (issue 24), with the figures the issue saw on the wall unalarmed. */
class QueueAlarmsTest {

    private final QueueAlarms alarms = new QueueAlarms(CtiConfig.Wallboard.defaults());

    /** pbx, queue, waiting, longest wait, logged in, answered and abandoned today, service level, abandon rate. */
    private static LiveQueues.QueueSnapshot queue(String queue, int waiting, long longestMs, int loggedIn, int answered,
                                                  int abandoned, double serviceLevel) {
        int handled = answered + abandoned;
        return new LiveQueues.QueueSnapshot("demo", queue, waiting, longestMs, loggedIn, 0, loggedIn, 0, 0, serviceLevel, 20,
                handled == 0 ? 0 : (double) abandoned / handled, 10_000, handled + waiting, answered, abandoned);
    }

    private static List<String> kinds(List<QueueAlarms.Raised> r) {
        return r.stream().map(QueueAlarms.Raised::kind).toList();
    }

    @Test
    void seventyPercentAbandonedOneMinuteThirtySixWaitedAndThirtyThreeWaitingAllAlarm() {
        // the wall: 70 % abandoned, the longest caller waiting 1:36, 33 callers waiting, and no alarm at all
        List<QueueAlarms.Raised> r = alarms.of(queue("q-general", 33, 96_000, 4, 30, 70, 0.002), false);
        assertThat(kinds(r)).containsExactlyInAnyOrder("waiting", "longest_wait", "abandon_rate", "service_level");
        assertThat(r).allSatisfy(a -> assertThat(a.subject()).isEqualTo("q-general"));
        String text = String.join("\n", r.stream().map(QueueAlarms.Raised::message).toList());
        assertThat(text).contains("综合咨询").doesNotContain("q-general")
                .contains("排队 33 人").contains("超过阈值 10 人")
                .contains("最长等待 1:36").contains("超过阈值 1:00")
                .contains("放弃率 70.0%").contains("高于阈值 15.0%")
                // the table shows 0.2 %: the alarm says the same, not "0 %"
                .contains("服务水平 0.2%").contains("低于目标 80.0%");
    }

    @Test
    void callersWaitingWithNobodyLoggedInIsTheArt17Alarm() {
        assertThat(kinds(alarms.of(queue("q-help", 1, 5_000, 0, 0, 0, 1.0), false))).containsExactly("no_agent");
        assertThat(kinds(alarms.of(queue("q-help", 0, 0, 0, 0, 0, 1.0), false))).isEmpty();
    }

    @Test
    void ratesOfAFewCallsSayNothingYet() {
        // 9 calls handled, 8 abandoned: under minHandled (10) neither rate alarms
        assertThat(kinds(alarms.of(queue("q-help", 0, 0, 3, 1, 8, 0.1), false))).isEmpty();
        assertThat(kinds(alarms.of(queue("q-help", 0, 0, 3, 2, 8, 0.1), false)))
                .containsExactlyInAnyOrder("abandon_rate", "service_level");
    }

    @Test
    void aQueuesOwnThresholdsApplyToItAlone() {
        CtiConfig.Wallboard.Thresholds strict = new CtiConfig.Wallboard.Thresholds(2, Duration.ofSeconds(20), 0.05, 0.9, 1);
        QueueAlarms perQueue = new QueueAlarms(new CtiConfig.Wallboard(CtiConfig.Wallboard.Thresholds.DEFAULTS,
                Map.of("q-complaint", strict)));
        assertThat(kinds(perQueue.of(queue("q-complaint", 3, 25_000, 2, 10, 1, 0.85), false)))
                .containsExactlyInAnyOrder("waiting", "longest_wait", "abandon_rate", "service_level");
        assertThat(kinds(perQueue.of(queue("q-general", 3, 25_000, 2, 10, 1, 0.85), false))).isEmpty();
    }

    @Test
    void withSeveralPbxsTheSubjectAndTheTextNameThePbx() {
        List<QueueAlarms.Raised> r = alarms.of(queue("q-consult", 2, 1_000, 0, 0, 0, 1.0), true);
        assertThat(r).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("demo/q-consult");
            assertThat(a.message()).contains("政策咨询（demo）");
        });
    }

    @Test
    void percentagesAndWaitsAreWrittenAsTheTableWritesThem() {
        assertThat(QueueAlarms.percent(0.0023)).isEqualTo("0.2%");
        assertThat(QueueAlarms.percent(0.7)).isEqualTo("70.0%");
        assertThat(QueueAlarms.minutesSeconds(96_000)).isEqualTo("1:36");
        assertThat(QueueAlarms.minutesSeconds(3_723_000)).isEqualTo("1:02:03");
    }
}
