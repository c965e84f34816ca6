package cn.hotline12345.cti.caller.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the database says about one number at {@code loadedAt}: the cached part of a profile. The profile
 * itself ({@link CallerProfile}) is assembled from it per lookup, so expiry of measures and the current call
 * are judged at lookup time.
 *
 * @param windowCounts calls started within each window before {@code loadedAt}
 * @param measures     measures not lifted (some may have expired since)
 */
public record ProfileData(String numberNorm, boolean known, Instant firstSeenAt, Instant lastContactAt,
                          long totalCalls, Map<Duration, Integer> windowCounts, List<CallSummary> recentCalls,
                          List<MatterSummary> openMatters, List<CallerFlagEntry> flags, List<Measure> measures,
                          Instant loadedAt) {

    public ProfileData {
        windowCounts = Map.copyOf(windowCounts);
        recentCalls = List.copyOf(recentCalls);
        openMatters = List.copyOf(openMatters);
        flags = List.copyOf(flags);
        measures = List.copyOf(measures);
    }

    public int count(Duration window) {
        Integer n = windowCounts.get(window);
        if (n == null) {
            throw new IllegalArgumentException("window " + window + " was not loaded");
        }
        return n;
    }

    @Override
    public String toString() {
        return "ProfileData[" + cn.hotline12345.cti.privacy.api.PhoneMasking.mask(numberNorm) + ", calls=" + totalCalls
                + ", loadedAt=" + loadedAt + "]";
    }
}
