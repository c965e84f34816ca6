package cn.hotline12345.cti.platform.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desk section (issue 19): wrap-up's maximum, from the file or the environment, and refused when out of range. */
class DeskConfigTest {

    @Test
    void wrapUpMaxHasADefaultAndIsReadFromTheFileAndTheEnvironment() {
        assertThat(new ConfigLoader(Map.of()).bind(Map.of()).desk().wrapUpMax()).isEqualTo(Duration.ofSeconds(120));
        assertThat(new ConfigLoader(Map.of()).bind(Map.of("desk", Map.of("wrapUpMax", "5m"))).desk().wrapUpMax())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(new ConfigLoader(Map.of("CTI_DESK_WRAP_UP_MAX", "45s")).bind(Map.of()).desk().wrapUpMax())
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void badValuesAndUnknownKeysStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).bind(Map.of("desk", Map.of("wrapUpMax", "1s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("desk.wrapUpMax");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).bind(Map.of("desk", Map.of("wrapUpMax", "2d"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("desk.wrapUpMax");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).bind(Map.of("desk", Map.of("wrapup", "30s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("wrapup");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_DESK_WRAP_UP_MAX", "soon")).bind(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("desk.wrapUpMax");
    }
}
