package cn.hotline12345.cti.bench.jmh;

import cn.hotline12345.cti.matter.api.CalendarDay;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.matter.api.MatterCategory;
import cn.hotline12345.cti.matter.api.WorkingDayCalendar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * A matter's deadline (art. 20): the working days its category gets ({@link DeadlinePolicy#daysFor}) and the end of
 * the N-th working day after intake ({@link WorkingDayCalendar#deadline}), on the real 2026/2027 calendar of migration
 * V11 (read from the classpath). Intakes: an ordinary Tuesday, and the day before the National Day week (the walk
 * crosses 7 holidays and a make-up Saturday).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeadlineBenchmark {

    @Param({"2026-03-10T02:00:00Z", "2026-09-30T02:00:00Z"})
    public String intake;

    private WorkingDayCalendar calendar;
    private DeadlinePolicy policy;
    private Map<MatterCategory, Integer> dataRules;
    private Instant at;
    private Instant monthLater;

    @Setup
    public void setUp() throws Exception {
        List<CalendarDay> days = new ArrayList<>();
        try (InputStream in = DeadlineBenchmark.class.getResourceAsStream("/db/migration/V11__calendar_2026_2027.sql")) {
            if (in == null) {
                throw new IllegalStateException("V11__calendar_2026_2027.sql not on the classpath");
            }
            Matcher m = Pattern.compile("date '(\\d{4}-\\d{2}-\\d{2})', '(holiday|workday)', '([^']*)'")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (m.find()) {
                days.add(new CalendarDay(LocalDate.parse(m.group(1)),
                        CalendarDay.Kind.parse(m.group(2), "kind"), m.group(3)));
            }
        }
        if (days.size() < 30) {
            throw new IllegalStateException("calendar rows not found in V11: " + days.size());
        }
        calendar = new WorkingDayCalendar(days);
        MatterCategory[] categories = MatterCategory.values();
        policy = new DeadlinePolicy(5, Map.of(categories[0], 3));
        dataRules = Map.of(categories[categories.length - 1], 10);
        at = Instant.parse(intake);
        monthLater = at.plus(java.time.Duration.ofDays(30));
    }

    /** Working days for the category, then the deadline instant. */
    @Benchmark
    public Instant deadline() {
        return calendar.deadline(at, policy.daysFor(MatterCategory.values()[1], dataRules));
    }

    /** Working days elapsed over 30 calendar days (overdue reports and supervision use it). */
    @Benchmark
    public int workingDaysInThirtyDays() {
        return calendar.workingDaysBetween(at, monthLater);
    }
}
