package cn.hotline12345.cti.text;

import cn.hotline12345.cti.platform.config.ConfigException;
import cn.hotline12345.cti.platform.config.ConfigSection;

import java.time.Duration;

/**
 * The text slice's settings, bound from the {@code text} section of the configuration ({@link #from}); every component
 * is a key {@code text.<name>} (docs/configuration.md, "Text intelligence").
 *
 * @param enabled          false: the engine is not built, its routes are not mounted (the subject-based hot topics of
 *                         the matter reports answer {@code /api/reports/hot-topics})
 * @param retrainInterval  how often the dispatch model is retrained from the matter tables (off the event loop)
 * @param historyDays      how far back dispatches are learned from
 * @param openRefresh      how often the index of open matters behind the merge offers (并单) is rebuilt
 * @param openDays         open matters created this far back are offered for merging
 * @param alertTtl         how long an urgency alert stays on the wallboard's alarm list
 * @param maxTopicMatters  matters of a hot-topic window (and its previous window) at most; a longer period is refused
 */
public record TextSettings(boolean enabled, Duration retrainInterval, int historyDays, Duration openRefresh, int openDays,
                           Duration alertTtl, int maxTopicMatters) {

    public static TextSettings defaults() {
        return new TextSettings(true, Duration.ofHours(6), 365, Duration.ofMinutes(1), 60, Duration.ofMinutes(30), 150_000);
    }

    /**
     * Binds the {@code text} section: every key optional, each checked with a message naming it.
     *
     * @throws ConfigException naming the key and the value, also for an unknown key of the section
     */
    public static TextSettings from(ConfigSection s) {
        TextSettings d = defaults();
        TextSettings t = new TextSettings(s.bool("enabled", d.enabled()),
                s.duration("retrainInterval", d.retrainInterval(), Duration.ofMinutes(1), Duration.ofDays(30)),
                s.intRange("historyDays", d.historyDays(), 1, 3650),
                s.duration("openRefresh", d.openRefresh(), Duration.ofSeconds(1), Duration.ofHours(24)),
                s.intRange("openDays", d.openDays(), 1, 3650),
                s.duration("alertTtl", d.alertTtl(), Duration.ofMinutes(1), Duration.ofDays(7)),
                s.intRange("maxTopicMatters", d.maxTopicMatters(), 100, 1_000_000));
        s.rejectUnknown();
        return t;
    }
}
