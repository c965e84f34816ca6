package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static cn.hotline12345.ivr.Scenarios.ordinary;
import static org.assertj.core.api.Assertions.assertThat;

class StatusSurveyRevisitFlowTest {

    private static final FlowSet FLOWS = TestFlows.shipped();

    // ---- status ----

    @ParameterizedTest(name = "matter {0} is {1}")
    @CsvSource({"20250301001,accepted", "20250301002,dispatched", "20250301003,in-progress", "20250301004,replied",
            "20250301005,closed", "20250301009,other"})
    void statusSaysStateUnitAndDeadline(String matter, String statePrompt) {
        ScriptedChannel ch = new ScriptedChannel(matter, "0");
        FakeServices s = ordinary();
        IvrOutcome o = TestFlows.run(FLOWS, "status", ch, s);
        assertThat(s.calls()).containsExactly("matter_status {caller=13800138000, matter=" + matter + "}");
        assertThat(ch.log()).containsSubsequence(
                "play [status/matter-is] ''", "say_digits " + matter, "play [status/state-" + statePrompt + "] ''",
                "play [status/unit-is] ''", "play [units/u-11] ''", "play [status/deadline-is] ''", "say_number 3",
                "play [digits/word-month] ''", "say_number 10", "play [digits/word-day] ''");
        assertThat(ch.setVariables()).containsEntry("HOTLINE_MATTER", matter);
        assertThat(o.queue()).isEqualTo("q-general");
    }

    @Test
    void hashMeansTheCallersOwnNumber() {
        FakeServices s = ordinary();
        ScriptedChannel ch = new ScriptedChannel("#", "0");
        IvrOutcome o = TestFlows.run(FLOWS, "status", ch, s);
        assertThat(s.calls()).containsExactly("matter_status {caller=13800138000, matter=}");
        assertThat(ch.log()).contains("say_digits 20250301001");
        assertThat(o.path()).startsWith("ask-number:#>");
    }

    @Test
    void confidentialMatterGetsTheSameNeutralAnswerAsAnUnknownOne() {
        ScriptedChannel denied = new ScriptedChannel("11111111", "0");
        ScriptedChannel unknown = new ScriptedChannel("22222222", "0");
        TestFlows.run(FLOWS, "status", denied, ordinary());
        TestFlows.run(FLOWS, "status", unknown, ordinary());
        assertThat(denied.played()).anyMatch(p -> p.contains("status/unavailable"));
        assertThat(denied.played().subList(1, denied.played().size()))
                .isEqualTo(unknown.played().subList(1, unknown.played().size()));
        assertThat(denied.log()).noneMatch(l -> l.startsWith("say_digits") || l.contains("HOTLINE_MATTER"));
    }

    @Test
    void tooShortNumberRepromptsThenOperator() {
        ScriptedChannel ch = new ScriptedChannel("12", "12", "12");
        IvrOutcome o = TestFlows.run(FLOWS, "status", ch, ordinary());
        assertThat(ch.played().stream().filter(p -> p.contains("status/invalid-number")).count()).isEqualTo(2);
        assertThat(o.path()).isEqualTo("ask-number:invalid");
        assertThat(o.queue()).isEqualTo("q-general");
    }

    @Test
    void lookupFailureGoesToOperator() {
        FakeServices s = ordinary().answer("matter_status", a -> { throw new IllegalStateException("down"); });
        ScriptedChannel ch = new ScriptedChannel("20250301001");
        IvrOutcome o = TestFlows.run(FLOWS, "status", ch, s);
        assertThat(ch.played()).anyMatch(p -> p.contains("status/lookup-failed"));
        assertThat(o.queue()).isEqualTo("q-general");
    }

    @Test
    void missingUnitAndDeadlineAreSkippedGracefully() {
        ScriptedChannel ch = new ScriptedChannel("44444444", "0");
        TestFlows.run(FLOWS, "status", ch, ordinary());
        assertThat(ch.log()).contains("play [status/unit-unknown] ''");
        assertThat(ch.log()).noneMatch(l -> l.startsWith("say_number") || l.contains("deadline-is"));
    }

    // ---- survey ----

    @ParameterizedTest(name = "rating {0} -> {1}")
    @CsvSource({"1,satisfied,false", "2,basically_satisfied,false", "3,dissatisfied,true"})
    void surveyStoresTheRatingWithAgentAndMatter(String digit, String rating, boolean dissatisfied) {
        ScriptedChannel ch = new ScriptedChannel(digit).withVariable("MEMBERINTERFACE", "PJSIP/1001")
                .withVariable("HOTLINE_MATTER", "20250301001");
        FakeServices s = ordinary();
        IvrOutcome o = TestFlows.run(FLOWS, "survey", ch, s);
        assertThat(s.calls()).containsExactly("record_survey {agent=PJSIP/1001, caller=13800138000, matter=20250301001, "
                + "rating=" + rating + ", uniqueid=1.1}");
        assertThat(o.ending()).isEqualTo(Ending.HANGUP);
        assertThat(o.results()).containsEntry("rating", rating);
        assertThat(o.dissatisfied()).isEqualTo(dissatisfied);
        assertThat(ch.setVariables()).containsEntry("HOTLINE_NEXT", "hangup");
        assertThat(ch.played()).anyMatch(p -> p.contains("survey/thanks"));
        assertThat(FLOWS.catalogue().prompt("survey-ask").orElseThrow().text()).contains("满意", "基本满意", "不满意");
    }

    @Test
    void surveyWithoutAnswerStoresNothing() {
        ScriptedChannel ch = new ScriptedChannel("T", "T");
        FakeServices s = ordinary();
        IvrOutcome o = TestFlows.run(FLOWS, "survey", ch, s);
        assertThat(s.calls()).isEmpty();
        assertThat(o.results()).doesNotContainKey("rating");
        assertThat(o.ending()).isEqualTo(Ending.HANGUP);
    }

    @Test
    void surveyStorageFailureStillThanksTheCaller() {
        FakeServices s = ordinary().answer("record_survey", a -> { throw new IllegalStateException("down"); });
        ScriptedChannel ch = new ScriptedChannel("1");
        IvrOutcome o = TestFlows.run(FLOWS, "survey", ch, s);
        assertThat(ch.played()).anyMatch(p -> p.contains("survey/thanks"));
        assertThat(o.variables()).containsEntry("saved.error", "true");
    }

    // ---- revisit ----

    @ParameterizedTest(name = "solved {0} rating {1}")
    @CsvSource({"1,1,yes,satisfied,false", "1,2,yes,basically_satisfied,false", "1,3,yes,dissatisfied,true",
            "2,1,no,satisfied,true", "2,3,no,dissatisfied,true"})
    void revisitRecordsSolvedAndRating(String d1, String d2, String solved, String rating, boolean dissatisfied) {
        ScriptedChannel ch = new ScriptedChannel(d1, d2).withVariable("HOTLINE_MATTER", "20250301005");
        FakeServices s = ordinary();
        IvrOutcome o = TestFlows.run(FLOWS, "revisit", ch, s);
        assertThat(ch.log()).contains("say_digits 20250301005");
        assertThat(s.calls()).containsExactly("record_revisit {caller=13800138000, completed=true, dissatisfied="
                + (dissatisfied ? "true" : "") + ", matter=20250301005, rating=" + rating + ", solved=" + solved
                + ", uniqueid=1.1}");
        assertThat(o.dissatisfied()).isEqualTo(dissatisfied);
        assertThat(o.results()).containsEntry("solved", solved).containsEntry("rating", rating)
                .containsEntry("completed", "true");
        assertThat(ch.played()).anyMatch(p -> p.contains(dissatisfied ? "revisit/reopen" : "revisit/thanks"));
        assertThat(o.ending()).isEqualTo(Ending.HANGUP);
    }

    @Test
    void revisitWithoutAnswersIsRecordedIncomplete() {
        ScriptedChannel ch = new ScriptedChannel("T", "T", "T").withVariable("HOTLINE_MATTER", "20250301005");
        FakeServices s = ordinary();
        IvrOutcome o = TestFlows.run(FLOWS, "revisit", ch, s);
        assertThat(s.calls()).hasSize(1).allMatch(c -> c.contains("completed=false"));
        assertThat(o.results()).containsEntry("completed", "false");
        assertThat(o.dissatisfied()).isFalse();
        assertThat(ch.played()).anyMatch(p -> p.contains("hotline/goodbye"));
    }

    @Test
    void revisitWithMissingMatterVariableStillRuns() {
        ScriptedChannel ch = new ScriptedChannel("1", "1");
        IvrOutcome o = TestFlows.run(FLOWS, "revisit", ch, ordinary());
        assertThat(o.ending()).isEqualTo(Ending.HANGUP);
        assertThat(ch.log()).noneMatch(l -> l.startsWith("say_digits"));
        assertThat(List.copyOf(o.results().keySet())).contains("solved", "rating");
        assertThat(o.variables()).containsEntry("matter", "");
        assertThat(Map.copyOf(o.results())).doesNotContainKey("dissatisfied");
    }
}
