package cn.hotline12345.cti.caller.api;

import cn.hotline12345.cti.platform.config.ConfigException;
import cn.hotline12345.cti.platform.config.ConfigSection;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything about the caller profile an operator may tune: repeat rules, nuisance signals, the effect and
 * expiry of measures, the profile cache and call-record retention. Immutable; {@link #defaults()} is what
 * the hotline starts with.
 */
public record CallerSettings(RepeatRules repeat, NuisanceRules nuisance, MeasurePolicy measures, Cache cache,
                             Retention retention) {

    public CallerSettings {
        Objects.requireNonNull(repeat, "repeat");
        Objects.requireNonNull(nuisance, "nuisance");
        Objects.requireNonNull(measures, "measures");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(retention, "retention");
    }

    public static CallerSettings defaults() {
        return new CallerSettings(RepeatRules.defaults(), NuisanceRules.defaults(), MeasurePolicy.defaults(),
                new Cache(100_000, Duration.ofSeconds(30)), new Retention(Duration.ofDays(3 * 365), Duration.ofDays(1)));
    }

    /** The keys of the {@code callers} section, each bound by {@link #from} and listed in docs/configuration.md. */
    public static final List<String> KEYS = List.of("repeatWindows", "repeatWhileMatterOpen", "frequency",
            "occupationMinimum", "occupation", "silent", "agentFlag", "agentFlagRepeated", "expiryObserve",
            "expiryWarning", "expiryDedicatedQueue", "expiryReview", "dedicatedQueue", "priorityDelta", "cacheEntries",
            "cacheTtl", "keepCalls", "purgeInterval");

    /**
     * The settings of the {@code callers} section (docs/configuration.md, "Callers"): what is not set is the default.
     * A rule is written {@code calls/window} ({@code 2/24h}), a signal {@code count/window/level}
     * ({@code 10/24h/warning}; an automatic rule may propose observe, warning or review only, art. 34).
     *
     * @throws ConfigException naming the key of a bad or unknown value
     */
    public static CallerSettings from(ConfigSection s) {
        CallerSettings d = defaults();
        List<String> written = s.stringList("repeatWindows", d.repeat().windows().stream()
                .map(w -> w.calls() + "/" + w.within().toSeconds() + "s").toList());
        List<WindowRule> windows = new java.util.ArrayList<>();
        for (String w : written) {
            String[] p = w.strip().split("/");
            if (p.length != 2) {
                throw s.invalid("repeatWindows", w, "is not calls/window (2/24h)");
            }
            windows.add(bind(s, "repeatWindows", w, () -> new WindowRule(count(s, "repeatWindows", w, p[0]),
                    duration(s, "repeatWindows", w, p[1]))));
        }
        RepeatRules repeat = new RepeatRules(windows, s.bool("repeatWhileMatterOpen", d.repeat().whileMatterOpen()));
        NuisanceRules n = d.nuisance();
        Duration occupationMinimum = s.duration("occupationMinimum", n.occupationMinimum(), Duration.ofMinutes(1),
                Duration.ofHours(24));
        NuisanceRules nuisance = new NuisanceRules(signal(s, "frequency", n.frequency()), occupationMinimum,
                signal(s, "occupation", n.occupation()), signal(s, "silent", n.silent()),
                signal(s, "agentFlag", n.agentFlag()), signal(s, "agentFlagRepeated", n.agentFlagRepeated()));
        Map<MeasureLevel, Duration> expiry = new EnumMap<>(MeasureLevel.class);
        expiry.put(MeasureLevel.OBSERVE, expiry(s, "expiryObserve", d, MeasureLevel.OBSERVE));
        expiry.put(MeasureLevel.WARNING, expiry(s, "expiryWarning", d, MeasureLevel.WARNING));
        expiry.put(MeasureLevel.DEDICATED_QUEUE, expiry(s, "expiryDedicatedQueue", d, MeasureLevel.DEDICATED_QUEUE));
        expiry.put(MeasureLevel.REVIEW, expiry(s, "expiryReview", d, MeasureLevel.REVIEW));
        String queue = s.string("dedicatedQueue", d.measures().dedicatedQueue());
        if (!queue.isEmpty() && !queue.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw s.invalid("dedicatedQueue", queue, "is not a queue name (or empty: lower the priority instead)");
        }
        int delta = s.intRange("priorityDelta", d.measures().priorityDelta(), -100, 0);
        MeasurePolicy measures = new MeasurePolicy(expiry, queue.isEmpty() ? null : queue, delta);
        Cache cache = new Cache(s.intRange("cacheEntries", d.cache().maxEntries(), 16, 10_000_000),
                s.duration("cacheTtl", d.cache().ttl(), Duration.ofSeconds(1), Duration.ofHours(1)));
        Retention retention = new Retention(
                s.duration("keepCalls", d.retention().keepCalls(), Duration.ofDays(1), Duration.ofDays(36_500)),
                s.duration("purgeInterval", d.retention().interval(), Duration.ofMinutes(1), Duration.ofDays(30)));
        s.rejectUnknown();
        return new CallerSettings(repeat, nuisance, measures, cache, retention);
    }

    private static Duration expiry(ConfigSection s, String key, CallerSettings d, MeasureLevel level) {
        return s.duration(key, d.measures().expiry().get(level), Duration.ofHours(1), Duration.ofDays(3650));
    }

    private static SignalRule signal(ConfigSection s, String key, SignalRule d) {
        String w = s.string(key, d.threshold() + "/" + d.within().toSeconds() + "s/" + d.proposes().dbName());
        String[] p = w.strip().split("/");
        if (p.length != 3) {
            throw s.invalid(key, w, "is not count/window/level (10/24h/warning)");
        }
        MeasureLevel level = MeasureLevel.parse(p[2]);
        if (level == null) {
            throw s.invalid(key, w, "names no measure level (observe, warning, review)");
        }
        return bind(s, key, w, () -> new SignalRule(count(s, key, w, p[0]), duration(s, key, w, p[1]), level));
    }

    private static int count(ConfigSection s, String key, String whole, String n) {
        try {
            return Integer.parseInt(n.strip());
        } catch (NumberFormatException e) {
            throw s.invalid(key, whole, "does not start with a whole number");
        }
    }

    private static Duration duration(ConfigSection s, String key, String whole, String text) {
        try {
            return cn.hotline12345.cti.platform.config.ConfigLoader.parseDuration(s.key(key), text.strip());
        } catch (ConfigException e) {
            throw s.invalid(key, whole, "has no window such as 30s, 10m, 24h or 7d");
        }
    }

    /** The records' own checks (at least 2 calls, a level a rule may propose) as a message naming the key. */
    private static <T> T bind(ConfigSection s, String key, String whole, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw s.invalid(key, whole, e.getMessage());
        }
    }

    public CallerSettings withRetention(Retention r) {
        return new CallerSettings(repeat, nuisance, measures, cache, r);
    }

    public CallerSettings withNuisance(NuisanceRules n) {
        return new CallerSettings(repeat, n, measures, cache, retention);
    }

    public CallerSettings withMeasures(MeasurePolicy m) {
        return new CallerSettings(repeat, nuisance, m, cache, retention);
    }

    /** "At least {@code calls} calls within {@code within}", the current call included. */
    public record WindowRule(int calls, Duration within) {
        public WindowRule {
            if (calls < 2) {
                throw new IllegalArgumentException("a repeat rule needs at least 2 calls, got " + calls);
            }
            requirePositive(within, "repeat window");
        }
    }

    /**
     * @param windows        call-count rules; any that fires makes a repeat
     * @param whileMatterOpen any call while a matter from that number is open is a repeat
     */
    public record RepeatRules(List<WindowRule> windows, boolean whileMatterOpen) {
        public RepeatRules {
            windows = List.copyOf(windows);
        }

        public static RepeatRules defaults() {
            return new RepeatRules(List.of(new WindowRule(2, Duration.ofHours(24)), new WindowRule(3, Duration.ofDays(7))),
                    true);
        }
    }

    /** A signal fires when it was seen {@code threshold} times within {@code within}; it proposes {@code proposes}. */
    public record SignalRule(int threshold, Duration within, MeasureLevel proposes) {
        public SignalRule {
            if (threshold < 1) {
                throw new IllegalArgumentException("a signal threshold must be at least 1, got " + threshold);
            }
            requirePositive(within, "signal window");
            if (!proposes.systemMayPropose()) {
                throw new IllegalArgumentException("an automatic rule may propose at most warning or review, not "
                        + proposes.dbName() + ": that needs a supervisor");
            }
        }
    }

    /**
     * The nuisance signals (art. 12, 34).
     *
     * @param frequency         calls without any matter in the window (no new matter raised either)
     * @param occupationMinimum talk time without a matter from which a call counts as occupying the line
     * @param occupation        occupying calls in the window
     * @param silent            silent calls in the window
     * @param agentFlag         agent flags (harassment, insult, threat) in the window
     * @param agentFlagRepeated a higher threshold of agent flags in the window
     */
    public record NuisanceRules(SignalRule frequency, Duration occupationMinimum, SignalRule occupation,
                                SignalRule silent, SignalRule agentFlag, SignalRule agentFlagRepeated) {
        public NuisanceRules {
            requirePositive(occupationMinimum, "occupation minimum");
        }

        public static NuisanceRules defaults() {
            return new NuisanceRules(
                    new SignalRule(10, Duration.ofHours(24), MeasureLevel.WARNING),
                    Duration.ofMinutes(30),
                    new SignalRule(2, Duration.ofDays(30), MeasureLevel.WARNING),
                    new SignalRule(3, Duration.ofHours(24), MeasureLevel.OBSERVE),
                    new SignalRule(1, Duration.ofDays(30), MeasureLevel.REVIEW),
                    new SignalRule(2, Duration.ofDays(30), MeasureLevel.WARNING));
        }
    }

    /**
     * What measures do and how long they last.
     *
     * @param expiry            default lifetime per level (a measure always expires)
     * @param dedicatedQueue    the queue of {@link MeasureLevel#DEDICATED_QUEUE}, e.g. {@code q-special}; null
     *                          to lower the priority instead
     * @param priorityDelta     priority change for a caller under a dedicated-queue measure (0 or negative)
     */
    public record MeasurePolicy(Map<MeasureLevel, Duration> expiry, String dedicatedQueue, int priorityDelta) {
        public MeasurePolicy {
            EnumMap<MeasureLevel, Duration> copy = new EnumMap<>(MeasureLevel.class);
            for (MeasureLevel l : MeasureLevel.values()) {
                Duration d = expiry.get(l);
                requirePositive(d, "expiry of " + l.dbName());
                copy.put(l, d);
            }
            expiry = Map.copyOf(copy);
            if (priorityDelta > 0) {
                throw new IllegalArgumentException("a measure may not raise a caller's priority: " + priorityDelta);
            }
        }

        public static MeasurePolicy defaults() {
            return new MeasurePolicy(Map.of(MeasureLevel.OBSERVE, Duration.ofDays(30),
                    MeasureLevel.WARNING, Duration.ofDays(30), MeasureLevel.DEDICATED_QUEUE, Duration.ofDays(90),
                    MeasureLevel.REVIEW, Duration.ofDays(30)), "q-special", 0);
        }
    }

    /** The profile cache: at most {@code maxEntries} numbers, each fresh for {@code ttl}. */
    public record Cache(int maxEntries, Duration ttl) {
        public Cache {
            if (maxEntries < 16) {
                throw new IllegalArgumentException("profile cache needs at least 16 entries, got " + maxEntries);
            }
            requirePositive(ttl, "cache ttl");
        }
    }

    /** Call records older than {@code keepCalls} are anonymised; the purge runs every {@code interval}. */
    public record Retention(Duration keepCalls, Duration interval) {
        public Retention {
            requirePositive(keepCalls, "retention");
            requirePositive(interval, "purge interval");
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
    }
}
