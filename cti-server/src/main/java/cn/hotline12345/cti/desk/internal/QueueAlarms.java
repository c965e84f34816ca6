package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.i18n.Catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wallboard's queue alarms (issue 24): compares one queue's snapshot with its thresholds
 * ({@code wallboard.*} of the configuration) and says, in the supervisor's words, what is wrong. Pure: the
 * publisher calls it every second and remembers since when each alarm has been raised.
 *
 * <ul>
 *   <li>{@code no_agent}: callers wait and no agent is logged in to the queue (art. 17: 24-hour human service);</li>
 *   <li>{@code waiting}: more callers wait than {@code waitingAbove};</li>
 *   <li>{@code longest_wait}: the longest-waiting caller has waited more than {@code longestWaitAbove};</li>
 *   <li>{@code abandon_rate}: today's abandoned share is above {@code abandonRateAbove};</li>
 *   <li>{@code service_level}: today's share answered within the service level is below {@code serviceLevelBelow}.</li>
 * </ul>
 * The two rates need {@code minHandled} calls answered or abandoned today. Percentages are written with one decimal,
 * as the wallboard's table writes them, so an alarm never says 0 % where the table says 0.2 %.
 */
public final class QueueAlarms {

    /** One alarm before the publisher dates it. */
    public record Raised(String kind, String subject, String message) {
    }

    private final CtiConfig.Wallboard settings;
    private final Catalogue texts = Catalogue.zh();

    public QueueAlarms(CtiConfig.Wallboard settings) {
        this.settings = settings;
    }

    /**
     * @param severalPbxs whether more than one PBX is shown: then the subject is {@code <pbx>/<queue>} and the text
     *                    names the PBX, so the same queue on two PBXs gives two alarms
     */
    public List<Raised> of(LiveQueues.QueueSnapshot q, boolean severalPbxs) {
        CtiConfig.Wallboard.Thresholds t = settings.forQueue(q.queue());
        String subject = severalPbxs ? q.pbxId() + "/" + q.queue() : q.queue();
        String name = severalPbxs ? texts.text("wallboard.queue.onPbx", Map.of("queue",
                HotlineQueue.displayNameOf(q.queue()), "pbx", q.pbxId())) : HotlineQueue.displayNameOf(q.queue());
        List<Raised> out = new ArrayList<>();
        if (q.waiting() > 0 && q.loggedIn() == 0) {
            out.add(raise("no_agent", subject, Map.of("queue", name, "waiting", q.waiting())));
        }
        if (q.waiting() > t.waitingAbove()) {
            out.add(raise("waiting", subject, Map.of("queue", name, "waiting", q.waiting(),
                    "threshold", t.waitingAbove())));
        }
        if (q.longestWaitMs() > t.longestWaitAbove().toMillis()) {
            out.add(raise("longest_wait", subject, Map.of("queue", name, "wait", minutesSeconds(q.longestWaitMs()),
                    "threshold", minutesSeconds(t.longestWaitAbove().toMillis()))));
        }
        int handled = q.answeredToday() + q.abandonedToday();
        if (handled >= Math.max(1, t.minHandled())) {
            if (q.abandonRate() > t.abandonRateAbove()) {
                out.add(raise("abandon_rate", subject, Map.of("queue", name, "rate", percent(q.abandonRate()),
                        "threshold", percent(t.abandonRateAbove()))));
            }
            if (q.serviceLevel() < t.serviceLevelBelow()) {
                out.add(raise("service_level", subject, Map.of("queue", name, "rate", percent(q.serviceLevel()),
                        "threshold", percent(t.serviceLevelBelow()), "seconds", q.serviceLevelSeconds())));
            }
        }
        return out;
    }

    /** The AMI link of a PBX is down: the figures of its queues are stale. */
    public Raised linkDown(String pbxId) {
        return raise("ami_link_down", pbxId, Map.of("pbx", pbxId));
    }

    private Raised raise(String kind, String subject, Map<String, ?> params) {
        return new Raised(kind, subject, texts.text("wallboard.alarm." + kind, params));
    }

    /** 0.0023 → "0.2%": one decimal, as the wallboard's table shows rates. */
    public static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** 96,000 ms → "1:36"; an hour or more → "1:02:03". */
    public static String minutesSeconds(long ms) {
        Duration d = Duration.ofMillis(Math.max(0, ms));
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
