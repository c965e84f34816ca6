package cn.hotline12345.cti.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Demo mode's section and defaults (issue 22 items 2 and 5). */
class DemoConfigTest {

    @TempDir
    Path dir;

    /** The demo publishes its passwords: its listeners stay on loopback unless told otherwise. */
    @Test
    void theDemoListensOnLoopbackAndTheServerOnEveryAddress() {
        CtiConfig demo = new ConfigLoader(Map.of()).demoDefaults(true).load(null);
        assertThat(demo.http().host()).isEqualTo("127.0.0.1");
        assertThat(demo.agi().host()).isEqualTo("127.0.0.1");
        CtiConfig run = new ConfigLoader(Map.of()).load(null);
        assertThat(run.http().host()).isEqualTo("0.0.0.0");
        assertThat(run.agi().host()).isEqualTo("0.0.0.0");
        assertThat(new ConfigLoader(Map.of()).demoDefaults(false).load(null).http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void toldOtherwiseTheDemoListensWhereItIsTold() throws Exception {
        CtiConfig env = new ConfigLoader(Map.of("CTI_HTTP_HOST", "0.0.0.0")).demoDefaults(true).load(null);
        assertThat(env.http().host()).isEqualTo("0.0.0.0");
        assertThat(env.agi().host()).isEqualTo("127.0.0.1");
        Path f = dir.resolve("cti.yaml");
        Files.writeString(f, "agi:\n  host: 10.0.0.5\n");
        assertThat(new ConfigLoader(Map.of()).demoDefaults(true).load(f).agi().host()).isEqualTo("10.0.0.5");
    }

    @Test
    void demoDefaults() {
        CtiConfig c = new ConfigLoader(Map.of()).demoDefaults(true).load(null);
        CtiConfig.Demo d = c.demo();
        assertThat(d.callsPerSecond()).isEqualTo(0.13);
        assertThat(d.agents()).isZero();
        assertThat(d.dayLength()).isEqualTo(Duration.ofMinutes(60));
        assertThat(d.dayStart()).isEqualTo(LocalTime.of(8, 0));
        assertThat(d.rushHour()).isFalse();
        assertThat(d.history()).isTrue();
        assertThat(c.routing().overflowAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.ivr().soundsDir()).isEqualTo(Path.of("data/sounds/zh"));
        CtiConfig run = new ConfigLoader(Map.of()).load(null);
        assertThat(run.routing().overflowAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(run.ivr().soundsDir()).isNull();
    }

    @Test
    void theRushHourSwitchAndTheDayFromFileAndEnvironment() throws Exception {
        Path f = dir.resolve("cti.yaml");
        Files.writeString(f, """
                demo:
                  callsPerSecond: 0.2
                  agents: 20
                  dayLength: 24h
                  dayStart: now
                  rushAfter: 30s
                  rushLength: 5m
                  rushFactor: 3
                  history: false
                ivr:
                  soundsDir: /var/lib/cti/sounds/zh
                """);
        CtiConfig c = new ConfigLoader(Map.of("CTI_DEMO_RUSH_HOUR", "true")).demoDefaults(true).load(f);
        assertThat(c.demo().rushHour()).isTrue();
        assertThat(c.demo().agents()).isEqualTo(20);
        assertThat(c.demo().dayStart()).isNull();
        assertThat(c.demo().dayLength()).isEqualTo(Duration.ofHours(24));
        assertThat(c.demo().rushFactor()).isEqualTo(3.0);
        assertThat(c.demo().rushAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.demo().history()).isFalse();
        assertThat(c.ivr().soundsDir()).isEqualTo(Path.of("/var/lib/cti/sounds/zh"));
        assertThat(new ConfigLoader(Map.of("CTI_DEMO_DAY_START", "7:30")).load(null).demo().dayStart())
                .isEqualTo(LocalTime.of(7, 30));
    }

    @Test
    void badDemoValuesNameTheKey() {
        for (Map.Entry<String, String> e : Map.of("CTI_DEMO_DAY_START", "25:00", "CTI_DEMO_RUSH_FACTOR", "0.5",
                "CTI_DEMO_RUSH_HOUR", "maybe", "CTI_DEMO_DAY_LENGTH", "2d", "CTI_DEMO_AGENTS", "-1",
                "CTI_DEMO_HISTORY_DAYS", "0").entrySet()) {
            String key = ConfigLoaderKeys.key(e.getKey());
            assertThatThrownBy(() -> new ConfigLoader(Map.of(e.getKey(), e.getValue())).load(null))
                    .as(e.getKey()).isInstanceOf(ConfigException.class).hasMessageContaining(key)
                    .hasMessageContaining(e.getValue());
        }
    }

    /** CTI_DEMO_DAY_START -> demo.dayStart. */
    static final class ConfigLoaderKeys {
        static String key(String env) {
            String[] parts = env.substring("CTI_".length()).toLowerCase(java.util.Locale.ROOT).split("_");
            StringBuilder b = new StringBuilder(parts[0]).append('.').append(parts[1]);
            for (int i = 2; i < parts.length; i++) {
                b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
            return b.toString();
        }
    }
}
