package cn.hotline12345.cti.text.store;

import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchHistory;
import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.api.OpenMatter;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the text engine reads from the matter tables: past dispatches to learn from (the lead unit of each matter; a
 * return request of a unit counts against it), the matters of a hot-topic window, the open matters behind the merge
 * offers (并单), and the units' names. Blocking (JDBC): called on worker threads only.
 */
public final class TextMatterRepository implements DispatchHistory {

    /** Statuses in which a unit's handling is over and stood (the caller was answered). */
    private static final String COMPLETED = "'replied', 'revisited', 'closed'";
    /** Statuses that are over: never offered for a merge. */
    private static final String FINAL = "'not_accepted', 'answered_on_spot', 'closed', 'terminated', 'draft'";

    /** The matter categories' codes with the Chinese names the engine learns and reports (its notes are read by agents). */
    private static final Map<String, String> CATEGORIES = Map.of("consultation", "咨询", "help", "求助", "suggestion", "建议",
            "complaint", "投诉", "report", "举报");

    /** The Chinese name of a category code; anything else as given. */
    public static String category(String code) {
        return code == null ? null : CATEGORIES.getOrDefault(code.strip(), code);
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final int historyDays;

    public TextMatterRepository(DSLContext dsl, Clock clock, int historyDays) {
        this.dsl = dsl;
        this.clock = clock;
        this.historyDays = historyDays;
    }

    /**
     * Every lead dispatch of the last {@code historyDays}: completed when the matter was replied to or closed, accepted
     * while it is with the unit; a unit that returned the matter (退回, a {@code return} request) counts against it
     * and not as its handler.
     */
    @Override
    public Stream<DispatchExample> examples() {
        OffsetDateTime since = OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(historyDays)),
                java.time.ZoneOffset.UTC);
        List<DispatchExample> lead = dsl.resultQuery(
                "select m.id, m.created_at, m.subject, m.content, m.area, m.category, mu.unit_id, "
                        + "m.status in (" + COMPLETED + ") as completed from matter m "
                        + "join matter_unit mu on mu.matter_id = m.id and mu.role = 'lead' "
                        + "where m.created_at >= ?::timestamptz and not exists (select 1 from matter_request r where r.matter_id = m.id "
                        + "and r.kind = 'return' and r.unit_id = mu.unit_id)", since)
                .fetch(r -> new DispatchExample(String.valueOf(r.get(0, Long.class)), r.get(1, OffsetDateTime.class).toInstant(),
                        text(r.get(2, String.class), r.get(3, String.class)), r.get(4, String.class), category(r.get(5, String.class)),
                        r.get(6, String.class), Boolean.TRUE.equals(r.get(7, Boolean.class)) ? DispatchOutcome.COMPLETED
                                : DispatchOutcome.ACCEPTED));
        List<DispatchExample> returned = dsl.resultQuery(
                "select distinct m.id, m.created_at, m.subject, m.content, m.area, m.category, r.unit_id from matter_request r "
                        + "join matter m on m.id = r.matter_id where r.kind = 'return' and r.unit_id is not null "
                        + "and m.created_at >= ?::timestamptz", since)
                .fetch(r -> new DispatchExample(String.valueOf(r.get(0, Long.class)), r.get(1, OffsetDateTime.class).toInstant(),
                        text(r.get(2, String.class), r.get(3, String.class)), r.get(4, String.class), category(r.get(5, String.class)),
                        r.get(6, String.class), DispatchOutcome.RETURNED));
        return Stream.concat(lead.stream(), returned.stream());
    }

    /** A matter of a hot-topic window: id, number, subject, time, text, district, lead unit's name. */
    public record WindowMatter(long id, String number, String subject, Instant createdAt, String text, String district,
                               String unit) {
    }

    /** The matters (drafts excepted) opened in [from, to), oldest first, at most {@code max} (plus one: "too many"). */
    public List<WindowMatter> window(Instant from, Instant to, int max) {
        return dsl.resultQuery("select m.id, m.number, m.subject, m.created_at, m.content, m.area, u.name from matter m "
                        + "left join handling_unit u on u.id = m.lead_unit_id where m.created_at >= ?::timestamptz and m.created_at < ?::timestamptz "
                        + "and m.status <> 'draft' order by m.created_at limit ?",
                        OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC), max + 1)
                .fetch(r -> new WindowMatter(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, OffsetDateTime.class).toInstant(), text(r.get(2, String.class), r.get(4, String.class)),
                        r.get(5, String.class), r.get(6, String.class)));
    }

    /** An open matter as the merge offer shows it. */
    public record OpenRow(OpenMatter matter, String number, String subject, String status) {
    }

    /** The matters still open (not final, not a draft, not merged into another) opened in the last {@code days}. */
    public List<OpenRow> open(int days) {
        OffsetDateTime since = OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(days)), java.time.ZoneOffset.UTC);
        return dsl.resultQuery("select m.id, m.created_at, m.subject, m.content, m.area, m.address, m.contact_number_norm, "
                        + "m.contact_name, m.number, m.status from matter m where m.created_at >= ?::timestamptz and m.status not in ("
                        + FINAL + ") and not exists (select 1 from matter_merge g where g.merged_matter_id = m.id "
                        + "and g.split_at is null) order by m.created_at", since)
                .fetch(r -> new OpenRow(new OpenMatter(String.valueOf(r.get(0, Long.class)),
                        r.get(1, OffsetDateTime.class).toInstant(), text(r.get(2, String.class), r.get(3, String.class)),
                        r.get(4, String.class), r.get(5, String.class), r.get(6, String.class), r.get(7, String.class)),
                        r.get(8, String.class), r.get(2, String.class), r.get(9, String.class)));
    }

    /** Units' names by id (the model learns ids; the console shows names). */
    public Map<String, String> unitNames() {
        Map<String, String> names = new java.util.HashMap<>();
        dsl.resultQuery("select id, name from handling_unit").forEach(r -> names.put(r.get(0, String.class), r.get(1, String.class)));
        return names;
    }

    /** The subject and number of a matter, null when there is none. */
    public String[] numberAndSubject(long id) {
        var r = dsl.resultQuery("select number, subject from matter where id = ?", id).fetchOne();
        return r == null ? null : new String[] {r.get(0, String.class), r.get(1, String.class)};
    }

    private static String text(String subject, String content) {
        String s = subject == null ? "" : subject.strip();
        String c = content == null ? "" : content.strip();
        return s.isEmpty() ? c : c.isEmpty() ? s : s + "。" + c;
    }
}
