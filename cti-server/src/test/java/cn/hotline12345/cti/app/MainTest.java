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

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void startingWithABadValueFailsWithTheKeyNamed() throws Exception {
        Path config = dir.resolve("cti.yaml");
        Files.writeString(config, "agi:\n  port: 99999\n");
        int code = run(Map.of(), "run", "--config", config.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("agi.port").contains("99999");
    }

    @Test
    void badEnvironmentValueFailsTheDemoToo() {
        int code = run(Map.of("CTI_HTTP_PORT", "eighty"), "demo");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("http.port").contains("eighty");
    }

    @Test
    void checkConfigPrintsTheConfigurationWithoutSecrets() {
        int code = run(Map.of("CTI_AMI_SECRET", "hush-hush"), "check-config");
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("configuration OK").doesNotContain("hush-hush");
    }

    @Test
    void unknownCommandAndArgumentAreRefused() {
        assertThat(run(Map.of(), "explode")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'explode'");
        assertThat(run(Map.of(), "run", "--verbose")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--verbose'");
    }

    @Test
    void migrateAppliesTheSchemaToTheEmbeddedDatabase() {
        int code = run(Map.of("CTI_DATABASE_DATA_DIR", dir.resolve("pg").toString()), "migrate");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("database migrated");
    }
}
