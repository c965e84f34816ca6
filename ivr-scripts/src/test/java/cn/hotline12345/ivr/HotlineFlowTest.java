package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static cn.hotline12345.ivr.Scenarios.ordinary;
import static cn.hotline12345.ivr.Scenarios.profile;
import static org.assertj.core.api.Assertions.assertThat;

class HotlineFlowTest {

    private static final FlowSet FLOWS = TestFlows.shipped();

    private static IvrOutcome run(ScriptedChannel ch, FakeServices services) {
        return TestFlows.run(FLOWS, "hotline", ch, services);
    }

    @ParameterizedTest(name = "category {0} -> {1} priority {2}")
    @CsvSource({"1,q-consult,0", "2,q-help,2", "3,q-suggest,0", "4,q-complaint,1", "5,q-complaint,1", "0,q-general,0"})
    void reportingAMatterRoutesByCategory(String digit, String queue, int priority) {
        ScriptedChannel ch = new ScriptedChannel("1", digit);
        IvrOutcome o = run(ch, ordinary());
        assertThat(o.ending()).isEqualTo(Ending.QUEUE);
        assertThat(o.queue()).isEqualTo(queue);
        assertThat(o.priority()).isEqualTo(priority);
        assertThat(o.path()).isEqualTo("welcome>emergency>main-menu:1>category:" + digit);
        assertThat(ch.setVariables()).containsEntry("HOTLINE_NEXT", "queue").containsEntry("HOTLINE_QUEUE", queue)
                .containsEntry("HOTLINE_PRIORITY", Integer.toString(priority))
                .containsEntry("HOTLINE_IVR_PATH", o.path());
        assertThat(ch.log().get(ch.log().size() - 1)).isEqualTo("set HOTLINE_NEXT=queue"); // NEXT is set last
    }

    @Test
    void welcomeSaysTwentyFourHoursAndEmergencyNoticeComesFirstForEveryone() {
        for (FakeServices s : new FakeServices[] {ordinary(), profile("warning", ""), profile("dedicated_queue", ""),
                profile("none", "20250228007")}) {
            ScriptedChannel ch = new ScriptedChannel("0");
            run(ch, s);
            assertThat(ch.played().get(0)).contains("hotline/welcome-24h");
            assertThat(ch.played().get(1)).contains("hotline/emergency-notice").endsWith("'9'");
        }
        String welcome = FLOWS.catalogue().prompt("welcome-24h").orElseThrow().text();
        assertThat(welcome).contains("24小时").doesNotContain("下班").doesNotContain("关闭");
        assertThat(FLOWS.catalogue().prompt("emergency-notice").orElseThrow().text())
                .contains("110", "119", "120", "122");
    }

    @ParameterizedTest(name = "emergency choice {0} -> {1}")
    @CsvSource({"1,110", "2,119", "3,120", "4,122"})
    void emergencyTransfer(String choice, String number) {
        ScriptedChannel ch = new ScriptedChannel("!9", choice);
        IvrOutcome o = run(ch, ordinary());
        assertThat(o.ending()).isEqualTo(Ending.TRANSFER);
        assertThat(o.transferTo()).isEqualTo(number);
        assertThat(o.path()).isEqualTo("welcome>emergency:9>emergency-menu:" + choice);
        assertThat(ch.setVariables()).containsEntry("HOTLINE_NEXT", "transfer").containsEntry("HOTLINE_TRANSFER_TO", number);
    }

    @Test
    void emergencyMenuAlsoFromMainMenuAndTimeoutGoesToOperatorWithTopPriority() {
        IvrOutcome o = run(new ScriptedChannel("9", "T", "T"), ordinary());
        assertThat(o.queue()).isEqualTo("q-general");
        assertThat(o.priority()).isEqualTo(10);
        assertThat(o.path()).isEqualTo("welcome>emergency>main-menu:9>emergency-menu:timeout");
    }

    @Test
    void timeoutsRepromptThenOperator() {
        ScriptedChannel ch = new ScriptedChannel("T", "T", "T");
        IvrOutcome o = run(ch, ordinary());
        assertThat(o.queue()).isEqualTo("q-general");
        assertThat(o.path()).endsWith("main-menu:timeout");
        assertThat(ch.played().stream().filter(p -> p.contains("hotline/no-input")).count()).isEqualTo(2);
        assertThat(ch.played().stream().filter(p -> p.contains("hotline/main-menu")).count()).isEqualTo(3);
    }

    @Test
    void invalidInputRepromptsThenOperator() {
        ScriptedChannel ch = new ScriptedChannel("7", "8", "#");
        IvrOutcome o = run(ch, ordinary());
        assertThat(o.queue()).isEqualTo("q-general");
        assertThat(o.path()).endsWith("main-menu:invalid");
        assertThat(ch.played().stream().filter(p -> p.contains("hotline/invalid-choice")).count()).isEqualTo(2);
    }

    @Test
    void invalidThenValidChoice() {
        IvrOutcome o = run(new ScriptedChannel("7", "1", "2"), ordinary());
        assertThat(o.queue()).isEqualTo("q-help");
        assertThat(o.path()).isEqualTo("welcome>emergency>main-menu:1>category:2");
    }

    @Test
    void nuisanceMeasureHearsLegalWarningAfterEmergencyNoticeAndStillReachesAnAgent() {
        ScriptedChannel ch = new ScriptedChannel("1", "4");
        IvrOutcome o = run(ch, profile("warning", ""));
        assertThat(ch.played().get(0)).contains("welcome-24h");
        assertThat(ch.played().get(1)).contains("emergency-notice");
        assertThat(ch.played().get(2)).contains("hotline/nuisance-warning");
        assertThat(o.ending()).isEqualTo(Ending.QUEUE);
        assertThat(o.queue()).isEqualTo("q-complaint");
        assertThat(ch.setVariables()).containsEntry("HOTLINE_CALLER_FLAGS", "nuisance-warned");
        assertThat(FLOWS.catalogue().prompt("nuisance-warning").orElseThrow().text()).contains("公安机关");
    }

    @Test
    void dedicatedQueueMeasureGoesToSpecialQueue() {
        ScriptedChannel ch = new ScriptedChannel();
        IvrOutcome o = run(ch, profile("dedicated_queue", ""));
        assertThat(o.queue()).isEqualTo("q-special");
        assertThat(o.path()).isEqualTo("welcome>emergency>nuisance-warning");
        assertThat(ch.played()).anyMatch(p -> p.contains("emergency-notice"));
    }

    @Test
    void repeatCallerIsOfferedOpenMatterWithRaisedPriority() {
        ScriptedChannel ch = new ScriptedChannel("1");
        IvrOutcome o = run(ch, profile("none", "20250228007"));
        assertThat(ch.log()).contains("say_digits 20250228007");
        assertThat(o.queue()).isEqualTo("q-general");
        assertThat(o.priority()).isEqualTo(5);
        assertThat(ch.setVariables()).containsEntry("HOTLINE_MATTER", "20250228007")
                .containsEntry("HOTLINE_CALLER_FLAGS", "repeat");
        assertThat(o.path()).isEqualTo("welcome>emergency>open-matter-intro>open-matter-offer:1");
    }

    @Test
    void repeatCallerMayDeclineAndUseTheMenu() {
        ScriptedChannel ch = new ScriptedChannel("2", "1", "1");
        IvrOutcome o = run(ch, profile("none", "20250228007"));
        assertThat(o.queue()).isEqualTo("q-consult");
        assertThat(ch.setVariables()).doesNotContainKey("HOTLINE_MATTER");
    }

    @Test
    void warnedRepeatCallerGetsBothFlags() {
        ScriptedChannel ch = new ScriptedChannel("1");
        run(ch, profile("warning", "20250228007"));
        assertThat(ch.setVariables()).containsEntry("HOTLINE_CALLER_FLAGS", "nuisance-warned,repeat");
    }

    @Test
    void profileLookupFailureTreatsCallerAsOrdinary() {
        FakeServices s = ordinary().answer("caller_profile", a -> { throw new IllegalStateException("down"); });
        IvrOutcome o = run(new ScriptedChannel("0"), s);
        assertThat(o.queue()).isEqualTo("q-general");
        assertThat(o.variables()).containsEntry("profile.error", "true");
    }

    @Test
    void profileLookupGetsTheCallerNumber() {
        FakeServices s = ordinary();
        run(new ScriptedChannel("0"), s);
        assertThat(s.calls()).containsExactly("caller_profile {caller=13800138000}");
    }

    @Test
    void statusFromTheMenuContinuesInTheStatusFlow() {
        ScriptedChannel ch = new ScriptedChannel("2", "#", "0");
        FakeServices s = ordinary();
        IvrOutcome o = run(ch, s);
        assertThat(s.calls()).contains("matter_status {caller=13800138000, matter=}");
        assertThat(o.path()).startsWith("welcome>emergency>main-menu:2>ask-number:#>tell-number");
        assertThat(o.queue()).isEqualTo("q-general");
        assertThat(o.flowId()).isEqualTo("hotline");
    }

    @Test
    void knowledgeSelfServicePlaysTheAnswerThenOffersAnOperator() {
        ScriptedChannel ch = new ScriptedChannel("3", "2", "0");
        FakeServices s = ordinary();
        IvrOutcome o = run(ch, s);
        assertThat(s.calls()).contains("knowledge {caller=13800138000, topic=2}");
        assertThat(ch.log()).contains("play [kb/topic-2] '0'");
        assertThat(o.queue()).isEqualTo("q-consult");
        assertThat(o.path()).isEqualTo("welcome>emergency>main-menu:3>knowledge-topic:2>knowledge-answer>knowledge-after:0");
    }

    @Test
    void knowledgeAnswerWithUnsafeSoundNameFallsBackToCataloguePrompt() {
        FakeServices s = ordinary().answer("knowledge", Map.of("found", "true", "sound", "../../etc/passwd"));
        ScriptedChannel ch = new ScriptedChannel("3", "1", "0");
        run(ch, s);
        assertThat(ch.log()).contains("play [hotline/knowledge-not-found] '0'");
        assertThat(ch.log()).noneMatch(l -> l.contains("passwd"));
    }

    @Test
    void knowledgeNotFoundSaysSoAndOffersOperator() {
        FakeServices s = ordinary().answer("knowledge", Map.of("found", "false"));
        ScriptedChannel ch = new ScriptedChannel("3", "1", "0");
        IvrOutcome o = run(ch, s);
        assertThat(ch.played()).anyMatch(p -> p.contains("knowledge-not-found"));
        assertThat(o.queue()).isEqualTo("q-consult");
    }
}
