package cn.hotline12345.cti.app;

import cn.hotline12345.cti.ivr.agi.AgiSettings;
import cn.hotline12345.cti.platform.config.ConfigException;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.user.api.AuthSettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings records operators tune are bound from the configuration (issue 20 notes): every component of
 * {@link AuthSettings} is the key {@code auth.<name>} and every component of {@link AgiSettings} the key
 * {@code agi.<name>}: a valid value from the environment changes it, a bad one stops the start naming the key, and
 * docs/configuration.md documents it. A component added without a key fails here.
 */
class SliceSettingsTest {

    private static final Path DOC = Path.of("../docs/configuration.md");

    @Test
    void everyAuthSettingIsAKeyThatBindsFailsNamedAndIsDocumented() throws Exception {
        everyComponentIsAKey(AuthSettings.class, "auth", AuthSettings.defaults(),
                c -> AuthSettings.from(c.section("auth")));
    }

    @Test
    void everyAgiSettingIsAKeyThatBindsFailsNamedAndIsDocumented() throws Exception {
        everyComponentIsAKey(AgiSettings.class, "agi", AgiSettings.defaults(), c -> AgiSettings.from(c.section("agi")));
    }

    @Test
    void unknownKeysOfTheSlicesSectionsStopTheStart() throws Exception {
        Path f = Files.createTempFile("cti", ".yaml");
        Files.writeString(f, "auth:\n  maxSesions: 5\n");
        CtiConfig c = new ConfigLoader(Map.of()).load(f);
        assertThatThrownBy(() -> SliceSettings.check(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.maxSesions");
        Files.writeString(f, "agi:\n  port: 4573\n  envTimeot: 5s\n");
        CtiConfig d = new ConfigLoader(Map.of()).load(f);
        assertThatThrownBy(() -> SliceSettings.check(d)).hasMessageContaining("agi.envTimeot");
        // cross-field rules name the key too
        assertThatThrownBy(() -> SliceSettings.check(new ConfigLoader(Map.of("CTI_AUTH_HASH_RESERVED", "32")).load(null)))
                .hasMessageContaining("auth.hashReserved");
        assertThatThrownBy(() -> SliceSettings.check(new ConfigLoader(Map.of("CTI_AUTH_IDLE_TIMEOUT", "13h")).load(null)))
                .hasMessageContaining("auth.absoluteTimeout");
    }

    @Test
    void theHttpLimitsAreKeysToo() {
        CtiConfig c = new ConfigLoader(Map.of("CTI_HTTP_HEADER_TIMEOUT", "3s", "CTI_HTTP_MAX_CONNECTIONS", "100",
                "CTI_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "10", "CTI_HTTP_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1",
                "CTI_HTTP_OPS_ALLOWED_SOURCES", "any", "CTI_HTTP_OPS_TOKEN", "t0ken-t0ken-t0ken-t0ken-1")).load(null);
        assertThat(c.http().headerTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.http().maxConnections()).isEqualTo(100);
        assertThat(c.http().trustedProxies().contains("10.1.2.3")).isTrue();
        assertThat(c.http().trustedProxies().contains("192.0.2.2")).isFalse();
        assertThat(c.http().opsAllowedSources().isAny()).isTrue();
        assertThat(c.toString()).doesNotContain("t0ken-t0ken");
        for (Map.Entry<String, String> bad : Map.of("CTI_HTTP_TRUSTED_PROXIES", "proxy.local",
                "CTI_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "100000", "CTI_HTTP_OPS_TOKEN", "short",
                "CTI_HTTP_KEEP_ALIVE_TIMEOUT", "forever", "CTI_HTTP_OPS_ALLOWED_SOURCES", "10.0.0.0/33").entrySet()) {
            String key = bad.getKey();
            assertThatThrownBy(() -> new ConfigLoader(Map.of(key, bad.getValue())).load(null)).as(key)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("http.");
        }
        // a token is never echoed, not even a bad one
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_HTTP_OPS_TOKEN", "short-secret")).load(null))
                .hasMessageContaining("http.opsToken").satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret"));
    }

    private static <R extends Record> void everyComponentIsAKey(Class<R> type, String section, R defaults,
                                                                Function<CtiConfig, R> bind) throws Exception {
        String doc = Files.readString(DOC);
        List<String> undocumented = new java.util.ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String key = section + "." + c.getName();
            String env = envName(key);
            if (!doc.contains("`" + key + "`")) {
                undocumented.add(key);
            }
            // a bad value names the key
            assertThatThrownBy(() -> bind.apply(new ConfigLoader(Map.of(env, "bogus-value")).load(null))).as(key)
                    .isInstanceOf(ConfigException.class).hasMessageContaining(key);
            // a valid other value is taken
            Object dflt = c.getAccessor().invoke(defaults);
            String other;
            Object expected;
            if (dflt instanceof Duration d) {
                expected = d.isZero() ? Duration.ofSeconds(1) : d.multipliedBy(2);
                other = expected.toString();
            } else if (dflt instanceof Integer i) {
                expected = i + 1;
                other = expected.toString();
            } else if (dflt instanceof Boolean b) {
                expected = !b;
                other = expected.toString();
            } else if (dflt instanceof AuthSettings.SecureCookie) {
                expected = AuthSettings.SecureCookie.ALWAYS;
                other = "true";
            } else {
                throw new AssertionError(key + ": a component of type " + c.getType() + " this test does not know");
            }
            R bound = bind.apply(new ConfigLoader(Map.of(env, other)).load(null));
            assertThat(c.getAccessor().invoke(bound)).as(key + " = " + other).isEqualTo(expected);
        }
        assertThat(undocumented).as("keys missing from docs/configuration.md").isEmpty();
    }

    private static String envName(String key) {
        return "CTI_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
