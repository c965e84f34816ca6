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

/** A bad wallboard threshold stops the server's start-up, naming the key (issue 24). */
class WallboardConfigStartTest {

    @TempDir
    Path dir;

    @Test
    void startingWithABadThresholdFailsWithTheKeyNamed() throws Exception {
        Path config = dir.resolve("cti.yaml");
        Files.writeString(config, "wallboard:\n  queues:\n    q-complaint:\n      serviceLevelBelow: 80%\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", "--config", config.toString()}, Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("wallboard.queues.q-complaint.serviceLevelBelow")
                .contains("80%");
    }
}
