package cn.hotline12345.cti.testing;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Small helpers of the whole-server tests and runs: a count over JDBC, the tail of a child JVM's log. */
public final class TestSql {

    private TestSql() {
    }

    /** The single number {@code sql} selects (a count), straight over JDBC. */
    public static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The last {@code chars} characters of a log file, for a failure message; never throws. */
    /**
     * Deletes the directory tree when the JVM exits (a benchmark's embedded PostgreSQL leaves gigabytes behind:
     * a few runs filled this machine's disk). Best effort: what cannot be deleted stays.
     */
    public static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }, "delete-" + dir.getFileName()));
    }

    public static String tail(Path log, int chars) {
        try {
            String s = Files.readString(log);
            return s.length() > chars ? s.substring(s.length() - chars) : s;
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
