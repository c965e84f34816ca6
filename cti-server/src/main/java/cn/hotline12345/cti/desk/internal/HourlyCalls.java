package cn.hotline12345.cti.desk.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls started today per hour of the hotline's local day, for the wallboard chart. Seeded from the
 * call records at start, then counted live from {@code CallStarted}; resets at local midnight.
 * Thread-safe.
 */
public final class HourlyCalls {

    private final Clock clock;
    private final ZoneId zone;
    private final int[] counts = new int[24];
    private LocalDate day;

    public HourlyCalls(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.day = LocalDate.now(clock.withZone(zone));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The start of today in the hotline's zone. */
    public synchronized ZonedDateTime startOfToday() {
        return LocalDate.now(clock.withZone(zone)).atStartOfDay(zone);
    }

    /** Replaces the counts with the ones read from the database for the given day. */
    public synchronized void seed(LocalDate forDay, int[] perHour) {
        rollOver();
        if (forDay.equals(day)) {
            for (int h = 0; h < 24; h++) {
                counts[h] = Math.max(counts[h], perHour[h]);
            }
        }
    }

    public synchronized void count(java.time.Instant startedAt) {
        rollOver();
        ZonedDateTime t = startedAt.atZone(zone);
        if (t.toLocalDate().equals(day)) {
            counts[t.getHour()]++;
        }
    }

    public synchronized List<Integer> today() {
        rollOver();
        List<Integer> out = new ArrayList<>(24);
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    private void rollOver() {
        LocalDate now = LocalDate.now(clock.withZone(zone));
        if (!now.equals(day)) {
            day = now;
            java.util.Arrays.fill(counts, 0);
        }
    }
}
