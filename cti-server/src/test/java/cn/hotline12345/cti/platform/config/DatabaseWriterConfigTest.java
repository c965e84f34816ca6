package cn.hotline12345.cti.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code database.writer}: the call record writer's backlog and batch caps (docs/configuration.md). */
class DatabaseWriterConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWithoutAnyFile() {
        CtiConfig.Database.Writer w = new ConfigLoader(Map.of()).load(null).database().writer();
        assertThat(w).isEqualTo(CtiConfig.Database.Writer.DEFAULTS);
        assertThat(w.capacity()).isEqualTo(200_000);
        assertThat(w.maxBatch()).isEqualTo(100);
        assertThat(w.maxBatchDelay()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void theOldConstructorKeepsTheDefaults() {
        CtiConfig.Database db = new CtiConfig.Database(CtiConfig.Database.Mode.EMBEDDED, dir, 0, null, null, null, 8,
                dir.resolve("journal"));
        assertThat(db.writer()).isEqualTo(CtiConfig.Database.Writer.DEFAULTS);
    }

    @Test
    void fileValuesAndEnvironmentOverrides() throws Exception {
        Path f = write("""
                database:
                  writer:
                    capacity: 50000
                    maxBatch: 200
                    maxBatchDelay: 20ms
                """);
        CtiConfig.Database.Writer w = new ConfigLoader(Map.of("CTI_DATABASE_WRITER_MAX_BATCH", "300")).load(f)
                .database().writer();
        assertThat(w).isEqualTo(new CtiConfig.Database.Writer(50_000, 300, Duration.ofMillis(20), 2));
        assertThat(new ConfigLoader(Map.of("CTI_DATABASE_WRITER_MAX_BATCH_DELAY", "0ms",
                "CTI_DATABASE_WRITER_CAPACITY", "1000")).load(null).database().writer())
                .isEqualTo(new CtiConfig.Database.Writer(1_000, 100, Duration.ZERO, 2));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> load("CTI_DATABASE_WRITER_CAPACITY", "lots"))
                .hasMessageContaining("database.writer.capacity").hasMessageContaining("lots");
        assertThatThrownBy(() -> load("CTI_DATABASE_WRITER_CAPACITY", "999"))
                .hasMessageContaining("database.writer.capacity").hasMessageContaining("out of range");
        assertThatThrownBy(() -> load("CTI_DATABASE_WRITER_MAX_BATCH", "0"))
                .hasMessageContaining("database.writer.maxBatch").hasMessageContaining("out of range");
        assertThatThrownBy(() -> load("CTI_DATABASE_WRITER_MAX_BATCH", "20001"))
                .hasMessageContaining("database.writer.maxBatch");
        assertThatThrownBy(() -> load("CTI_DATABASE_WRITER_MAX_BATCH_DELAY", "soon"))
                .hasMessageContaining("database.writer.maxBatchDelay").hasMessageContaining("soon");
        assertThatThrownBy(() -> load("CTI_DATABASE_WRITER_MAX_BATCH_DELAY", "2s"))
                .hasMessageContaining("database.writer.maxBatchDelay").hasMessageContaining("out of range");
    }

    @Test
    void lanesAreReadAndMustLeaveThePoolConnectionsForTheRest() throws Exception {
        assertThat(new ConfigLoader(Map.of()).load(null).database().writer().lanes()).isEqualTo(2);
        assertThat(new ConfigLoader(Map.of()).load(write("database:\n  poolSize: 12\n  writer:\n    lanes: 4\n"))
                .database().writer().lanes()).isEqualTo(4);
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("database:\n  poolSize: 4\n  writer:\n    lanes: 4\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.writer.lanes").hasMessageContaining("database.poolSize");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("database:\n  writer:\n    lanes: 0\n")))
                .hasMessageContaining("database.writer.lanes").hasMessageContaining("out of range");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("database:\n  writer:\n    lanes: two\n")))
                .hasMessageContaining("database.writer.lanes").hasMessageContaining("two");
    }

    @Test
    void aBatchLargerThanHalfTheCapacityIsRefused() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_DATABASE_WRITER_CAPACITY", "1000",
                "CTI_DATABASE_WRITER_MAX_BATCH", "501")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.writer.maxBatch").hasMessageContaining("half");
    }

    @Test
    void unknownKeysAndWrongShapesAreRefused() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("database:\n  writer:\n    maxbatch: 10\n")))
                .hasMessageContaining("database.writer.maxbatch");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("database:\n  writer: 10\n")))
                .hasMessageContaining("database.writer").hasMessageContaining("mapping");
    }

    private static CtiConfig load(String env, String value) {
        return new ConfigLoader(Map.of(env, value)).load(null);
    }

    private Path write(String yaml) throws Exception {
        Path f = Files.createTempFile(dir, "cti", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
