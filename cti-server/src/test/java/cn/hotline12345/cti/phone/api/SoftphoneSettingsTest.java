package cn.hotline12345.cti.phone.api;

import cn.hotline12345.cti.platform.config.ConfigException;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code softphone} section binds from the file and the environment; bad and unknown keys stop the start naming them. */
class SoftphoneSettingsTest {

    private static SoftphoneSettings bind(Map<String, String> env) {
        return SoftphoneSettings.from(new ConfigLoader(env).load(null).section("softphone"));
    }

    @Test
    void defaultsAndEnvironmentOverrides() {
        assertThat(bind(Map.of())).isEqualTo(SoftphoneSettings.defaults());
        assertThat(bind(Map.of()).wsUrlFor("10.0.0.5")).isEqualTo("wss://10.0.0.5:8089/ws");
        SoftphoneSettings s = bind(Map.of("CTI_SOFTPHONE_REALM", "pbx.12345.gov.cn",
                "CTI_SOFTPHONE_ICE_SERVERS", "stun:stun.12345.gov.cn:3478,turn:turn.12345.gov.cn:3478?transport=udp",
                "CTI_SOFTPHONE_WS_URL", "wss://sip.12345.gov.cn:8089/ws"));
        assertThat(s.realm()).isEqualTo("pbx.12345.gov.cn");
        assertThat(s.iceServers()).hasSize(2);
        assertThat(s.wsUrlFor("ignored")).isEqualTo("wss://sip.12345.gov.cn:8089/ws");
    }

    @Test
    void badValuesAndUnknownKeysFailNamingTheKey() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("CTI_SOFTPHONE_REALM", "a:b", "CTI_SOFTPHONE_WS_URL", "https://x/ws",
                "CTI_SOFTPHONE_ICE_SERVERS", "http://stun.example").entrySet()) {
            assertThatThrownBy(() -> bind(Map.of(bad.getKey(), bad.getValue()))).as(bad.getKey())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("softphone.");
        }
        Path f = Files.createTempFile("cti", ".yaml");
        Files.writeString(f, "softphone:\n  relm: x\n");
        assertThatThrownBy(() -> SoftphoneSettings.from(new ConfigLoader(Map.of()).load(f).section("softphone")))
                .hasMessageContaining("softphone.relm");
        assertThat(List.of(SoftphoneSettings.defaults().iceServers())).singleElement().asList().isEmpty();
    }

    @Test
    void aTurnSecretGivesTimeLimitedUsersAndNeverShowsInMessages() {
        SoftphoneSettings s = bind(Map.of("CTI_SOFTPHONE_TURN_SECRET", "a-shared-turn-secret-2026",
                "CTI_SOFTPHONE_TURN_TTL", "8h", "CTI_SOFTPHONE_ICE_SERVERS", "turn:turn.12345.gov.cn:3478"));
        assertThat(s.timeLimitedTurn()).isTrue();
        assertThat(s.turnTtl()).isEqualTo(java.time.Duration.ofHours(8));
        assertThat(s.toString()).doesNotContain("a-shared-turn-secret-2026");
        assertThat(SoftphoneSettings.defaults().timeLimitedTurn()).isFalse();
        assertThatThrownBy(() -> bind(Map.of("CTI_SOFTPHONE_TURN_SECRET", "short")))
                .hasMessageContaining("softphone.turnSecret").hasMessageNotContaining("short'");
        assertThatThrownBy(() -> bind(Map.of("CTI_SOFTPHONE_TURN_SECRET", "a-shared-turn-secret-2026",
                "CTI_SOFTPHONE_TURN_USERNAME", "static", "CTI_SOFTPHONE_TURN_CREDENTIAL", "static-pw")))
                .hasMessageContaining("not both").hasMessageNotContaining("a-shared-turn-secret-2026");
        assertThatThrownBy(() -> bind(Map.of("CTI_SOFTPHONE_TURN_SECRET", "a-shared-turn-secret-2026",
                "CTI_SOFTPHONE_TURN_TTL", "30d"))).hasMessageContaining("softphone.turnTtl");
    }
}
