package cn.hotline12345.cti.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wallboard section (issue 24): queue alarm thresholds, per queue, validated at start naming the key. */
class WallboardConfigTest {

    @TempDir
    Path dir;

    private CtiConfig load(String yaml) throws Exception {
        Path f = dir.resolve("cti.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader(Map.of()).load(f);
    }

    @Test
    void withoutTheSectionEveryQueueHasTheDefaults() {
        CtiConfig c = new ConfigLoader(Map.of()).load(null);
        CtiConfig.Wallboard.Thresholds t = c.wallboard().forQueue("q-general");
        assertThat(t).isEqualTo(CtiConfig.Wallboard.Thresholds.DEFAULTS);
        assertThat(t.waitingAbove()).isEqualTo(10);
        assertThat(t.longestWaitAbove()).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.abandonRateAbove()).isEqualTo(0.15);
        assertThat(t.serviceLevelBelow()).isEqualTo(0.80);
    }

    @Test
    void aQueueListedUsesItsOwnThresholdsTheOthersTheSectionsOnes() throws Exception {
        CtiConfig c = load("""
                wallboard:
                  waitingAbove: 20
                  longestWaitAbove: 90s
                  queues:
                    q-complaint:
                      waitingAbove: 3
                      abandonRateAbove: 0.05
                """);
        assertThat(c.wallboard().forQueue("q-general").waitingAbove()).isEqualTo(20);
        assertThat(c.wallboard().forQueue("q-general").longestWaitAbove()).isEqualTo(Duration.ofSeconds(90));
        CtiConfig.Wallboard.Thresholds complaint = c.wallboard().forQueue("q-complaint");
        assertThat(complaint.waitingAbove()).isEqualTo(3);
        assertThat(complaint.abandonRateAbove()).isEqualTo(0.05);
        // what the queue does not set comes from the section, not from the built-in defaults
        assertThat(complaint.longestWaitAbove()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void theEnvironmentSetsTheSectionsKeys() {
        CtiConfig c = new ConfigLoader(Map.of("CTI_WALLBOARD_SERVICE_LEVEL_BELOW", "0.9",
                "CTI_WALLBOARD_MIN_HANDLED", "25")).load(null);
        assertThat(c.wallboard().forQueue("q-help").serviceLevelBelow()).isEqualTo(0.9);
        assertThat(c.wallboard().forQueue("q-help").minHandled()).isEqualTo(25);
    }

    @Test
    void aBadValueFailsNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> load("wallboard:\n  abandonRateAbove: 1.5\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("wallboard.abandonRateAbove").hasMessageContaining("1.5");
        assertThatThrownBy(() -> load("wallboard:\n  longestWaitAbove: soon\n"))
                .hasMessageContaining("wallboard.longestWaitAbove").hasMessageContaining("soon");
        assertThatThrownBy(() -> load("wallboard:\n  queues:\n    q-general:\n      waitingAbove: -1\n"))
                .hasMessageContaining("wallboard.queues.q-general.waitingAbove").hasMessageContaining("-1");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_WALLBOARD_WAITING_ABOVE", "many")).load(null))
                .hasMessageContaining("wallboard.waitingAbove").hasMessageContaining("many");
    }

    @Test
    void anUnknownQueueOrKeyIsRefused() {
        assertThatThrownBy(() -> load("wallboard:\n  queues:\n    q-nowhere:\n      waitingAbove: 5\n"))
                .hasMessageContaining("wallboard.queues.q-nowhere").hasMessageContaining("q-general");
        assertThatThrownBy(() -> load("wallboard:\n  queues:\n    q-general:\n      waiting: 5\n"))
                .hasMessageContaining("wallboard.queues.q-general.waiting");
        assertThatThrownBy(() -> load("wallboard:\n  alarmColour: red\n"))
                .hasMessageContaining("wallboard.alarmColour");
    }
}
