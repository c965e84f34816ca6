package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.ReportTable;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Reports for assessment and analysis (art. 27, 29): volumes by category, area, unit and channel; the
 * on-time rate; satisfaction; repeat callers; hot topics. Every phone number in a report is masked.
 * Periods are half-open [from, to).
 */
public final class ReportService {

    private final ReportRepository repo;
    private final Clock clock;

    public ReportService(ReportRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    public Future<ReportTable> volumes(ReportRepository.Dimension by, Instant from, Instant to) {
        String col = by.name().toLowerCase(Locale.ROOT);
        return repo.volumes(by, from, to).map(rows -> new ReportTable("volumes_by_" + col, List.of(col, "matters"),
                by == ReportRepository.Dimension.DAY ? everyDay(rows, from, to) : rows));
    }

    /** The days of the period in order, those without a matter as 0 (a chart's axis must not skip a quiet day). */
    private static List<List<String>> everyDay(List<List<String>> rows, Instant from, Instant to) {
        java.util.Map<String, String> byDay = new java.util.HashMap<>();
        rows.forEach(r -> byDay.put(r.get(0), r.get(1)));
        java.time.ZoneId zone = cn.hotline12345.cti.matter.api.WorkingDayCalendar.ZONE;
        java.util.List<List<String>> out = new java.util.ArrayList<>();
        for (java.time.LocalDate d = from.atZone(zone).toLocalDate(); d.atStartOfDay(zone).toInstant().isBefore(to);
             d = d.plusDays(1)) {
            out.add(List.of(d.toString(), byDay.getOrDefault(d.toString(), "0")));
        }
        return out;
    }

    /** The on-time rate of each lead unit (art. 27: assessment of the units). */
    public Future<ReportTable> onTimeByUnit(Instant from, Instant to) {
        return repo.onTimeByUnit(from, to, clock.instant()).map(rows -> new ReportTable("on_time_by_unit",
                List.of("unit", "replied", "replied_on_time", "open_overdue", "on_time_rate"), rows.stream().map(r -> {
                    long replied = Long.parseLong(r.get(1));
                    String rate = replied == 0 ? "" : String.format(Locale.ROOT, "%.4f", Long.parseLong(r.get(2)) / (double) replied);
                    return List.of(r.get(0), r.get(1), r.get(2), r.get(3), rate);
                }).toList()));
    }

    public Future<ReportTable> onTime(Instant from, Instant to) {
        return repo.onTime(from, to, clock.instant()).map(v -> {
            String rate = v[0] == 0 ? "" : String.format(Locale.ROOT, "%.4f", (double) v[1] / v[0]);
            return new ReportTable("on_time", List.of("replied", "replied_on_time", "open_overdue", "on_time_rate"),
                    List.of(List.of(String.valueOf(v[0]), String.valueOf(v[1]), String.valueOf(v[2]), rate)));
        });
    }

    public Future<ReportTable> satisfaction(Instant from, Instant to) {
        return repo.satisfaction(from, to).map(rows -> new ReportTable("satisfaction",
                List.of("satisfaction", "revisits"), rows));
    }

    /** Callers with two or more matters in the period (numbers masked). */
    public Future<ReportTable> repeats(Instant from, Instant to, int limit) {
        return repo.repeats(from, to, 2, limit).map(rows -> new ReportTable("repeat_matters",
                List.of("caller", "matters", "latest_subject"),
                rows.stream().map(r -> List.of(PhoneMasking.mask(r.get(0)), r.get(1), r.get(2))).toList()));
    }

    public Future<ReportTable> hotTopics(Instant from, Instant to, int limit) {
        return repo.hotSubjects(from, to, limit).map(rows -> new ReportTable("hot_topics", List.of("subject", "matters"),
                rows));
    }
}
