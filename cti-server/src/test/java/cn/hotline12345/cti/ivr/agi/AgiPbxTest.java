package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.ivr.agi.RawAgiClient;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.ivr.internal.PbxScopedServices;
import cn.hotline12345.cti.ivr.api.SurveyResponse;
import cn.hotline12345.ivr.FlowSource;
import cn.hotline12345.ivr.engine.IvrServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PBX of a FastAGI session: named by the dialplan ({@code ?pbx=<id>}), checked against the configuration and the
 * PBX's {@code agiSources}, else taken from the source address or the only PBX. An unknown or forged PBX is refused
 * before any command (the dialplan goes on with its defaults) without disturbing other sessions, and a survey lands
 * under the session's PBX whatever the flow passes.
 */
class AgiPbxTest {

    private static final CtiConfig.Pbx EAST = pbx("east", List.of());
    private static final CtiConfig.Pbx WEST = pbx("west", List.of("10.9.9.9"));
    private static final List<SurveyResponse> SURVEYS = new CopyOnWriteArrayList<>();
    static AgiFixture agi;

    private static CtiConfig.Pbx pbx(String id, List<String> sources) {
        return new CtiConfig.Pbx(id, "127.0.0.1", 5038, "cti", "ctisecret", Duration.ofSeconds(5), Duration.ofSeconds(5),
                sources);
    }

    @BeforeAll
    static void start() throws Exception {
        CtiConfig c = new ConfigLoader(Map.of()).load(null);
        CtiConfig two = new CtiConfig(c.http(), new CtiConfig.Agi("127.0.0.1", 0, Duration.ofMinutes(15), 5000),
                c.database(), List.of(EAST, WEST), c.ivr(), c.demo());
        agi = new AgiFixture(IvrPorts.nothingKnown().withSurveys(r -> {
            SURVEYS.add(r);
            return CompletableFuture.completedFuture(null);
        }), AgiFixture.fastSettings(), two, FlowSource.classpath(AgiPbxTest.class.getClassLoader()));
    }

    @AfterAll
    static void stop() throws Exception {
        agi.close();
    }

    private static AgiEnvironment env(String script) {
        return new AgiEnvironment(Map.of("network_script", script, "uniqueid", "1.1"));
    }

    @Test
    void theResolverTakesANamedConfiguredPbxAndFallsBackOnlyWhenNoneIsNamed() {
        AgiPbxResolver two = new AgiPbxResolver(List.of(EAST, WEST));
        assertThat(two.resolve(env("hotline?pbx=east"), "127.0.0.1").pbxId()).isEqualTo("east");
        assertThat(two.resolve(env("hotline?x=1&pbx=west"), "10.9.9.9").pbxId()).isEqualTo("west");
        // no id: the source address decides, else nothing (two PBXs)
        assertThat(two.resolve(env("survey?pbx="), "10.9.9.9").pbxId()).isEqualTo("west");
        assertThat(two.resolve(env("survey"), "10.9.9.9").pbxId()).isEqualTo("west");
        // east lists no agiSources: its AMI host (127.0.0.1) is its source (issue 20 item 7; it used to mean "any")
        assertThat(two.resolve(env("survey"), "127.0.0.1").pbxId()).isEqualTo("east");
        assertThat(two.resolve(env("survey"), "192.0.2.1").refused()).isTrue();
        assertThat(two.resolve(env("survey"), null).refused()).isTrue();
        assertThat(two.allowsSource("127.0.0.1")).isTrue();
        assertThat(two.allowsSource("10.9.9.9")).isTrue();
        assertThat(two.allowsSource("192.0.2.1")).isFalse();
        assertThat(two.allowsSource(null)).isFalse();
        // unknown, forged (west named from elsewhere), ambiguous, wrong case, injected
        for (String script : List.of("hotline?pbx=north", "hotline?pbx=EAST", "hotline?pbx=east&pbx=west",
                "hotline?pbx=east%0A", "hotline?pbx=east;west", "hotline?pbx=west")) {
            AgiPbxResolver.Resolution r = two.resolve(env(script), "127.0.0.1");
            assertThat(r.refused()).as(script).isTrue();
            assertThat(r.problem()).as(script).isNotBlank();
        }
        assertThat(two.resolve(env("hotline?pbx=west"), null).refused()).isTrue();
        // one PBX without sources: it, from its host, when none is named (pbx-sim without an id, older dialplans)
        AgiPbxResolver one = new AgiPbxResolver(List.of(EAST));
        assertThat(one.resolve(env("hotline"), "127.0.0.1").pbxId()).isEqualTo("east");
        assertThat(one.resolve(env("hotline"), "192.0.2.1").refused()).isTrue();
        assertThat(one.resolve(env("hotline?pbx=west"), "127.0.0.1").refused()).isTrue();
        // [any]: from anywhere, as every PBX was before
        AgiPbxResolver anywhere = new AgiPbxResolver(List.of(pbx("east", List.of("any"))));
        assertThat(anywhere.resolve(env("hotline"), "192.0.2.1").pbxId()).isEqualTo("east");
        assertThat(anywhere.allowsSource("192.0.2.1")).isTrue();
        // a host name is resolved once, at start
        AgiPbxResolver named = new AgiPbxResolver(List.of(new CtiConfig.Pbx("east", "asterisk", 5038, "cti", "ctisecret",
                Duration.ofSeconds(5), Duration.ofSeconds(5), List.of())),
                host -> host.equals("asterisk") ? List.of(address("172.18.0.5")) : List.of());
        assertThat(named.allowsSource("172.18.0.5")).isTrue();
        assertThat(named.allowsSource("127.0.0.1")).isFalse();
        // one PBX with sources: only from them; IPv6 literals compare as addresses
        AgiPbxResolver guarded = new AgiPbxResolver(List.of(pbx("east", List.of("::1"))));
        assertThat(guarded.resolve(env("hotline"), "0:0:0:0:0:0:0:1").pbxId()).isEqualTo("east");
        assertThat(guarded.resolve(env("hotline"), "192.0.2.1").refused()).isTrue();
        assertThat(guarded.resolve(env("hotline?pbx=east"), "192.0.2.1").refused()).isTrue();
    }

    @Test
    void aForgedOrUnknownPbxIsRefusedBeforeAnyCommandAndARunningSessionGoesOn() throws Exception {
        Map<String, String> vars = Map.of("MEMBERINTERFACE", "PJSIP/1001");
        try (RawAgiClient good = new RawAgiClient(agi.port)) {
            good.sendEnv(RawAgiClient.env("survey?pbx=east", "1700000001.7", "13800138000"));
            String first = good.readCommand();
            assertThat(first).isNotNull();
            for (String script : List.of("survey?pbx=west", "survey?pbx=north", "survey?pbx=east&pbx=east")) {
                double before = agi.refused(AgiRefusal.UNKNOWN_PBX);
                try (RawAgiClient forged = new RawAgiClient(agi.port)) {
                    forged.sendEnv(RawAgiClient.env(script, "1700000002.1", "13900139000"));
                    assertThat(forged.closedByServer()).as(script).isTrue();
                    assertThat(forged.commands).as(script).isEmpty();
                }
                AgiFixture.await("refusal of " + script + " counted", () -> agi.refused(AgiRefusal.UNKNOWN_PBX) == before + 1);
            }
            good.reply(RawAgiClient.answer(first, "1", vars));
            List<String> digits = RawAgiClient.consumesDigit(first) ? List.of() : List.of("1");
            good.runLikeAsterisk(digits, vars);
        }
        IvrSessionEnded ended = agi.nextEnded();
        assertThat(ended.pbxId()).isEqualTo("east");
        assertThat(ended.uniqueid()).isEqualTo("1700000001.7");
        AgiFixture.await("survey recorded", () -> !SURVEYS.isEmpty());
        assertThat(SURVEYS).singleElement().satisfies(s -> {
            assertThat(s.pbxId()).isEqualTo("east");
            assertThat(s.uniqueid()).isEqualTo("1700000001.7");
        });
        AgiFixture.await("slots released", () -> agi.active() == 0);
    }

    private static java.net.InetAddress address(String ip) {
        try {
            return java.net.InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSessionsPbxOverwritesAnyPbxAFlowPasses() {
        List<Map<String, String>> seen = new ArrayList<>();
        IvrServices recording = new IvrServices() {
            @Override
            public CompletionStage<Map<String, String>> lookup(String name, Map<String, String> args) {
                seen.add(args);
                return CompletableFuture.completedFuture(Map.of());
            }

            @Override
            public boolean isWorkingDay(LocalDate d) {
                return true;
            }

            @Override
            public boolean isHoliday(LocalDate d) {
                return false;
            }

            @Override
            public ZoneId zone() {
                return HotlineTime.ZONE;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
        PbxScopedServices scoped = new PbxScopedServices(recording, "west");
        scoped.perform("record_survey", Map.of("pbx", "east", "rating", "satisfied"));
        scoped.lookup("caller_profile", null);
        assertThat(seen).extracting(m -> m.get(PbxScopedServices.PBX_ARG)).containsExactly("west", "west");
        assertThat(seen.get(0)).containsEntry("rating", "satisfied");
    }
}
