package cn.hotline12345.cti.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cti-server calendar-import FILE [--confirm]} and {@code calendar-status} on an embedded database. */
class CalendarCommandIT {

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return Main.run(args, Map.of("CTI_DATABASE_DATA_DIR", dir.resolve("pg").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importsAHolidayCnFileAndConfirmsItOnRequest() throws Exception {
        Path file = dir.resolve("2027.json");
        // test data in holiday-cn's shape, not the real 2027 arrangement
        Files.writeString(file, """
                {"year": 2027, "papers": ["https://example.invalid/2027"], "days": [
                  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                  {"name": "春节", "date": "2027-02-06", "isOffDay": false}]}
                """);
        assertThat(run("calendar-import", file.toString())).as(err()).isZero();
        assertThat(out()).contains("calendar 2027: 2 days imported").contains("NOT confirmed");
        assertThat(run("calendar-import", file.toString(), "--confirm")).as(err()).isZero();
        assertThat(out()).contains("calendar 2027: 2 days imported").contains(", confirmed");
        assertThat(run("calendar-status")).as(err()).isZero();
        int year = java.time.LocalDate.now(cn.hotline12345.cti.matter.api.WorkingDayCalendar.ZONE).getYear();
        assertThat(out()).contains(Integer.toString(year - 1)).contains(Integer.toString(year + 1));
        if (year == 2026) {
            assertThat(out()).contains("2025  confirmed").contains("国办发明电〔2024〕12号")
                    .contains("2027  confirmed").doesNotContain("ALARM");
        }
    }

    @Test
    void badFilesAndArgumentsAreRefusedBeforeTheDatabaseIsTouched() throws Exception {
        Path empty = dir.resolve("2028.json");
        Files.writeString(empty, "{\"year\": 2028, \"papers\": [], \"days\": []}");
        assertThat(run("calendar-import", empty.toString())).isEqualTo(2);
        assertThat(err()).contains("not a usable holiday-cn file").contains("days");
        assertThat(run("calendar-import", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err()).contains("cannot read");
        assertThat(run("calendar-import")).isEqualTo(2);
        assertThat(err()).contains("usage: cti-server calendar-import FILE");
        assertThat(run("calendar-import", "a.json", "b.json")).isEqualTo(2);
        assertThat(run("calendar-import", "a.json", "--force")).isEqualTo(2);
        assertThat(err()).contains("unknown argument '--force'");
        assertThat(run("run", "--rush-hour")).isEqualTo(2);
        assertThat(err()).contains("unknown argument '--rush-hour'");
        assertThat(Files.exists(dir.resolve("pg"))).as("no database was started").isFalse();
    }
}
