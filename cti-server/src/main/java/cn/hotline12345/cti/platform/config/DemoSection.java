package cn.hotline12345.cti.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The {@code demo} section (docs/configuration.md "Demo mode").
 */
final class DemoSection {

    private DemoSection() {
    }

    /** The demo section: the hotline day's traffic, the rush-hour switch, what is seeded (docs/configuration.md). */
    static CtiConfig.Demo bind(ConfigSection n) {
        double rate = n.doubleRange("callsPerSecond", 0.13, 0.0, 1000.0);
        int agents = n.intRange("agents", 0, 0, 2000);
        long seed = n.longValue("seed", 42L);
        Duration dayLength = n.duration("dayLength", Duration.ofMinutes(60), Duration.ofMinutes(1), Duration.ofHours(24));
        String start = n.string("dayStart", "08:00");
        java.time.LocalTime dayStart;
        if (start.equalsIgnoreCase("now")) {
            dayStart = null;
        } else {
            try {
                dayStart = java.time.LocalTime.parse(start.length() == 4 ? "0" + start : start);
            } catch (DateTimeParseException e) {
                throw new ConfigException("demo.dayStart: '" + start + "' is not a time of day (HH:mm) or 'now'");
            }
        }
        boolean rush = n.bool("rushHour", false);
        Duration rushAfter = n.duration("rushAfter", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(24));
        Duration rushLength = n.duration("rushLength", Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofHours(24));
        double rushFactor = n.doubleRange("rushFactor", 2.0, 1.0, 20.0);
        boolean history = n.bool("history", true);
        int historyDays = n.intRange("historyDays", 10, 1, 90);
        boolean backOffice = n.bool("backOffice", true);
        return new CtiConfig.Demo(rate, agents, seed, dayLength, dayStart, rush, rushAfter, rushLength, rushFactor,
                history, historyDays, backOffice);
    }
}
