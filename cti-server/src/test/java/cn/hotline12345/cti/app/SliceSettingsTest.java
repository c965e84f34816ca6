package cn.hotline12345.cti.app;

import cn.hotline12345.cti.caller.api.CallerSettings;
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

    /**
     * Issue 18: the caller profile's rules (repeat callers, nuisance signals, measures, cache, retention) are keys of
     * {@code callers}: each documented, each taken from the environment, each bad value named.
     */
    @Test
    void everyCallerSettingIsAKeyThatBindsFailsNamedAndIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        for (String key : CallerSettings.KEYS) {
            assertThat(doc).as("callers." + key + " documented").contains("`callers." + key + "`");
            String env = envName("callers." + key);
            assertThatThrownBy(() -> CallerSettings.from(new ConfigLoader(Map.of(env, "bogus/value")).load(null)
                    .section("callers"))).as(key).isInstanceOf(ConfigException.class).hasMessageContaining("callers." + key);
        }
        java.util.function.Function<Map<String, String>, CallerSettings> bind =
                env -> CallerSettings.from(new ConfigLoader(env).load(null).section("callers"));
        assertThat(bind.apply(Map.of())).isEqualTo(CallerSettings.defaults());
        CallerSettings c = bind.apply(Map.ofEntries(Map.entry("CTI_CALLERS_REPEAT_WINDOWS", "3/12h, 5/30d"),
                Map.entry("CTI_CALLERS_REPEAT_WHILE_MATTER_OPEN", "false"),
                Map.entry("CTI_CALLERS_FREQUENCY", "20/24h/review"), Map.entry("CTI_CALLERS_OCCUPATION_MINIMUM", "20m"),
                Map.entry("CTI_CALLERS_SILENT", "5/2h/observe"), Map.entry("CTI_CALLERS_EXPIRY_WARNING", "14d"),
                Map.entry("CTI_CALLERS_DEDICATED_QUEUE", ""), Map.entry("CTI_CALLERS_PRIORITY_DELTA", "-3"),
                Map.entry("CTI_CALLERS_CACHE_ENTRIES", "5000"), Map.entry("CTI_CALLERS_KEEP_CALLS", "730d")));
        assertThat(c.repeat().windows()).containsExactly(new CallerSettings.WindowRule(3, Duration.ofHours(12)),
                new CallerSettings.WindowRule(5, Duration.ofDays(30)));
        assertThat(c.repeat().whileMatterOpen()).isFalse();
        assertThat(c.nuisance().frequency()).isEqualTo(new CallerSettings.SignalRule(20, Duration.ofHours(24),
                cn.hotline12345.cti.caller.api.MeasureLevel.REVIEW));
        assertThat(c.nuisance().occupationMinimum()).isEqualTo(Duration.ofMinutes(20));
        assertThat(c.nuisance().silent().within()).isEqualTo(Duration.ofHours(2));
        assertThat(c.measures().expiry().get(cn.hotline12345.cti.caller.api.MeasureLevel.WARNING)).isEqualTo(Duration.ofDays(14));
        assertThat(c.measures().dedicatedQueue()).isNull();
        assertThat(c.measures().priorityDelta()).isEqualTo(-3);
        assertThat(c.cache().maxEntries()).isEqualTo(5000);
        assertThat(c.retention().keepCalls()).isEqualTo(Duration.ofDays(730));
        // the law's limits hold in the configuration too: no automatic dedicated queue (art. 34 needs a supervisor),
        // no raised priority, a repeat rule needs two calls
        assertThatThrownBy(() -> bind.apply(Map.of("CTI_CALLERS_FREQUENCY", "10/24h/dedicated_queue")))
                .hasMessageContaining("callers.frequency").hasMessageContaining("supervisor");
        assertThatThrownBy(() -> bind.apply(Map.of("CTI_CALLERS_PRIORITY_DELTA", "2"))).hasMessageContaining("callers.priorityDelta");
        assertThatThrownBy(() -> bind.apply(Map.of("CTI_CALLERS_REPEAT_WINDOWS", "1/24h"))).hasMessageContaining("callers.repeatWindows");
        Path f = Files.createTempFile("cti", ".yaml");
        Files.writeString(f, "callers:\n  frequncy: 10/24h/warning\n");
        CtiConfig typo = new ConfigLoader(Map.of()).load(f);
        assertThatThrownBy(() -> SliceSettings.check(typo)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("callers.frequncy");
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
