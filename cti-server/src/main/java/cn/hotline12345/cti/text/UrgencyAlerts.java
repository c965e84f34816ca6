package cn.hotline12345.cti.text;

import cn.hotline12345.cti.text.api.FlagHit;
import cn.hotline12345.cti.text.api.TextPriority;
import cn.hotline12345.cti.text.api.UrgencyAssessment;
import cn.hotline12345.softphone.ws.Alarm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The supervisors' side of the urgency screen: a flagged intake text raises an alarm on the wallboard's alarm list (and
 * {@code GET /api/text/alerts}) naming the agent, the matter and the matched words, for {@code ttl}. Nothing is done
 * silently: the screen only reports, the agent sees the same words, the supervisor is told. The same agent's same
 * matter with the same words is one alert (the console screens the text again on every pause in typing).
 */
public final class UrgencyAlerts {

    /** The wallboard alarm kind of an urgency alert. */
    public static final String KIND = "text_urgency";
    private static final int MAX = 200;

    /** One alert: who, which matter (number or "unsaved"), the flags' labels, the matched words. */
    public record Alert(String key, String agent, String matter, TextPriority priority, List<String> flags,
                        List<String> words, Instant at) {
        public String message() {
            return "紧急诉求提示：话务员" + agent + "受理的" + (matter == null ? "未保存事项" : "事项" + matter) + "含“"
                    + String.join("”“", words) + "”（" + String.join("、", flags) + "，"
                    + (priority == TextPriority.URGENT ? "特急" : "紧急") + "），请班长关注";
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Alert> alerts = new LinkedHashMap<>();

    public UrgencyAlerts(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Raises (or keeps) the alert of a flagged assessment; null when nothing was flagged. */
    public synchronized Alert raise(String agent, String matter, UrgencyAssessment a) {
        if (a.priority() == TextPriority.NORMAL || a.hits().isEmpty()) {
            return null;
        }
        Set<String> flags = new LinkedHashSet<>();
        Set<String> words = new LinkedHashSet<>();
        for (FlagHit h : a.hits()) {
            flags.add(h.flag().label());
            words.add(h.matched());
        }
        String key = agent + "|" + (matter == null ? "" : matter) + "|" + String.join(",", words);
        Alert existing = alerts.get(key);
        if (existing != null && existing.at().plus(ttl).isAfter(clock.instant())) {
            return existing;
        }
        Alert alert = new Alert(key, agent, matter, a.priority(), List.copyOf(flags), List.copyOf(words), clock.instant());
        alerts.remove(key);
        alerts.put(key, alert);
        while (alerts.size() > MAX) {
            alerts.remove(alerts.keySet().iterator().next());
        }
        return alert;
    }

    /** The alerts of the last {@code ttl}, newest first. */
    public synchronized List<Alert> current() {
        Instant cut = clock.instant().minus(ttl);
        alerts.values().removeIf(x -> x.at().isBefore(cut));
        List<Alert> l = new ArrayList<>(alerts.values());
        java.util.Collections.reverse(l);
        return l;
    }

    /** The wallboard's alarm list entries (called on the wallboard's tick: in memory only). */
    public List<Alarm> wallboardAlarms() {
        return current().stream().map(x -> new Alarm(KIND, x.key(), x.message(), x.at())).toList();
    }
}
