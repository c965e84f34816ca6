package cn.hotline12345.cti.platform.db;

import cn.hotline12345.cti.platform.config.CtiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL holds the hotline's records, so it must not run with the embedded jar's test-database
 * defaults (fsync, full_page_writes and synchronous_commit off), under which a power cut can lose commits the
 * server believes written, or corrupt the cluster.
 */
class EmbeddedDurabilityIT {

    @Test
    void theEmbeddedDatabaseIsCrashSafe(@TempDir Path dir) throws Exception {
        try (DatabaseRuntime db = DatabaseRuntime.start(new CtiConfig.Database(CtiConfig.Database.Mode.EMBEDDED,
                dir.resolve("pg"), 0, null, null, null, 2, dir.resolve("journal")), null)) {
            Map<String, String> settings = new LinkedHashMap<>();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                for (String name : new String[] {"fsync", "full_page_writes", "synchronous_commit"}) {
                    try (ResultSet rs = st.executeQuery("show " + name)) {
                        rs.next();
                        settings.put(name, rs.getString(1));
                    }
                }
            }
            assertThat(settings).containsEntry("fsync", "on").containsEntry("full_page_writes", "on")
                    .containsEntry("synchronous_commit", "on");
        }
    }
}
