package cn.hotline12345.cti.caller.api;


import cn.hotline12345.cti.caller.api.MeasureLevel;
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
