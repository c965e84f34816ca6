package cn.hotline12345.cti.app;

import cn.hotline12345.cti.matter.api.CalendarYear;
import cn.hotline12345.cti.matter.internal.CalendarRepository;
import cn.hotline12345.cti.matter.internal.CalendarService;
import cn.hotline12345.cti.matter.internal.DeadlinePolicy;
import cn.hotline12345.cti.matter.internal.HolidayCnFormat;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.error.Refusal;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code cti-server calendar-import FILE [--confirm]}: imports a year of the working-day calendar from a holiday-cn
 * JSON file into the configured database (the same import as {@code POST /api/admin/calendar/import}), replacing
 * that year's days; {@code --confirm} also marks the year confirmed (the file is the State Council's arrangement).
 * {@code cti-server calendar-status}: prints every year's marker. A running server picks the change up within ten
 * minutes (or at once after an admin API change); restart it to be sure.
 */
final class CalendarCommand {

    private CalendarCommand() {
    }

    /** Exit codes as Main's: 0 done, 1 failed at run time, 2 bad command line or file. */
    static int importFile(CtiConfig config, List<String> args, PrintStream out, PrintStream err) {
        boolean confirm = args.contains("--confirm");
        List<String> files = args.stream().filter(a -> !a.equals("--confirm")).toList();
        if (files.size() != 1) {
            err.println("usage: cti-server calendar-import FILE [--confirm] [--config FILE]");
            return 2;
        }
        Path file = Path.of(files.get(0));
        HolidayCnFormat.Year year;
        try {
            year = HolidayCnFormat.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (Refusal e) {
            err.println(file + " is not a usable holiday-cn file: " + e.getMessage());
            return 2;
        }
        return withCalendar(config, err, calendar -> {
            CalendarYear y = calendar.importYear(year, confirm, "cli").await(60, TimeUnit.SECONDS);
            out.println("calendar " + y.year() + ": " + y.days() + " days imported from " + file + ", "
                    + (y.confirmed() ? "confirmed" : "NOT confirmed (add --confirm once checked against the notice)"));
        });
    }

    static int status(CtiConfig config, PrintStream out, PrintStream err) {
        return withCalendar(config, err, calendar -> {
            for (CalendarYear y : calendar.yearsAround().await(60, TimeUnit.SECONDS)) {
                out.println(y.year() + "  " + (y.confirmed() ? "confirmed  " : "UNCONFIRMED") + "  " + y.days()
                        + " days  " + y.source());
            }
            calendar.alarm().await(60, TimeUnit.SECONDS).ifPresent(a -> out.println("ALARM: the arrangement for "
                    + a.year() + " is not confirmed (since " + a.since() + ")"));
        });
    }

    private interface Work {
        void run(CalendarService calendar) throws Exception;
    }

    private static int withCalendar(CtiConfig config, PrintStream err, Work work) {
        Vertx vertx = null;
        try (DatabaseRuntime database = DatabaseRuntime.start(config.database(), null)) {
            vertx = Vertx.vertx();
            try (Db db = new Db(vertx, database.dataSource(), 1)) {
                work.run(new CalendarService(new CalendarRepository(db), DeadlinePolicy.standard()));
            }
            return 0;
        } catch (Exception e) {
            err.println("calendar command failed: " + e.getMessage());
            return 1;
        } finally {
            if (vertx != null) {
                try {
                    vertx.close().await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    err.println("Vert.x did not stop cleanly: " + e.getMessage());
                }
            }
        }
    }
}
