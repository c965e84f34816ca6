package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.agi.AgiFixture;
import cn.hotline12345.cti.ivr.api.CallerProfile;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.ivr.api.KnowledgeAnswer;
import cn.hotline12345.cti.ivr.api.MatterStatus;
import cn.hotline12345.cti.ivr.api.Rating;
import cn.hotline12345.cti.ivr.api.RecordingPorts;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.dialplan.Dialplan;
import cn.hotline12345.pbxsim.dialplan.ExtensionsConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of the four 12345 flows, over real TCP: pbx-sim runs the contract's dialplan and connects to the
 * FastAGI server as Asterisk does; simulated callers press digits (one group per digit prompt; "5" at the emergency
 * notice is a key that does not barge in). Checked: the HOTLINE_* variables that reached the channel (VarSet), the
 * published session, and what the ports were asked to store.
 */
class PbxSimFlowsTest {

    static final RecordingPorts ports = new RecordingPorts();
    static AgiFixture agi;
    static PbxSim sim;
    static final Map<String, Map<String, String>> varsByChannel = new ConcurrentHashMap<>();
    static final List<IvrSessionEnded> ended = new CopyOnWriteArrayList<>();
    static final AtomicInteger numbers = new AtomicInteger(100);

    @BeforeAll
    static void start() throws Exception {
        agi = new AgiFixture(ports.ports());
        agi.module.addListener(ended::add);
        sim = PbxSim.builder().amiPort(0).agiTarget("127.0.0.1", agi.port).dialplan(dialplan()).timeScale(0.05)
                .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "Agent 1001")))
                .agent(AgentSpec.pjsip("1001").answerAfter(0).talkFor(500))
                .eventListener(m -> {
                    if ("VarSet".equals(m.name()) && m.get("Variable") != null && m.get("Variable").startsWith("HOTLINE_")) {
                        varsByChannel.computeIfAbsent(m.get("Channel"), k -> new ConcurrentHashMap<>())
                                .put(m.get("Variable"), m.get("Value"));
                    }
                })
                .build().startBlocking();
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
        agi.close();
    }

    /**
     * The contract's inbound dialplan, plus 12346 (direct status line) and 12347 (a revisit call of a matter), as an
     * extensions.conf that pbx-sim loads and runs (it no longer has a Java-built dialplan).
     */
    static Dialplan dialplan() {
        return ExtensionsConf.parse("PbxSimFlowsTest", """
                [globals]
                AGIHOST = 127.0.0.1:4573
                [from-pstn]
                exten => 12345,1,NoOp(12345 inbound)
                 same => n,Answer()
                 same => n,Set(HOTLINE_NEXT=queue)
                 same => n,Set(HOTLINE_QUEUE=q-general)
                 same => n,Set(HOTLINE_PRIORITY=0)
                 same => n,AGI(agi://${AGIHOST}/hotline)
                 same => n,GotoIf($["${HOTLINE_NEXT}" = "hangup"]?bye)
                 same => n,GotoIf($["${HOTLINE_NEXT}" = "transfer"]?xfer)
                 same => n,Set(QUEUE_PRIO=${HOTLINE_PRIORITY})
                 same => n,Queue(${HOTLINE_QUEUE},tc,,,3600)
                 same => n,GotoIf($["${MEMBERINTERFACE}" = ""]?bye)
                 same => n,AGI(agi://${AGIHOST}/survey)
                 same => n(bye),Hangup()
                 same => n(xfer),NoOp(transfer to ${HOTLINE_TRANSFER_TO})
                 same => n,Hangup()
                exten => 12346,1,Answer()
                 same => n,AGI(agi://${AGIHOST}/status)
                 same => n,Hangup()
                exten => 12347,1,Answer()
                 same => n,Set(HOTLINE_MATTER=202405170001)
                 same => n,AGI(agi://${AGIHOST}/revisit)
                 same => n,Hangup()
                """);
    }

    record Call(String number, CallHandle handle) {
        Map<String, String> vars() {
            return varsByChannel.getOrDefault(handle.channel(), Map.of());
        }

        IvrSessionEnded session(String script) throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                Optional<IvrSessionEnded> e = ended.stream()
                        .filter(s -> s.uniqueid().equals(handle.linkedid()) && s.script().equals(script)).findFirst();
                if (e.isPresent()) {
                    return e.get();
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no " + script + " session for " + number);
        }
    }

    static String newNumber() {
        return "1380000" + String.format("%04d", numbers.incrementAndGet());
    }

    static Call call(String dialed, String number, String digits) {
        CallHandle h = sim.placeCall(CallerSpec.of(number).name("测试").dialed(dialed).digits(digits));
        return new Call(number, h);
    }

    static Call hotline(String digits) {
        return call("12345", newNumber(), digits);
    }

    static void ends(Call c) {
        assertThat(c.handle().awaitEnd(Duration.ofSeconds(30))).as("call of %s ended", c.number()).isTrue();
    }

    private static void assertQueued(Call c, String queue, int priority) throws InterruptedException {
        IvrSessionEnded e = c.session("hotline");
        assertThat(e.ending()).as(e.path()).isEqualTo(Ending.QUEUE);
        assertThat(e.queue()).isEqualTo(queue);
        assertThat(e.priority()).isEqualTo(priority);
        AgiFixture.await("variables on the channel", () -> "queue".equals(c.vars().get("HOTLINE_NEXT")));
        assertThat(c.vars()).containsEntry("HOTLINE_QUEUE", queue)
                .containsEntry("HOTLINE_PRIORITY", Integer.toString(priority))
                .containsEntry("HOTLINE_IVR_PATH", e.path());
    }

    @Test
    void each_menu_category_goes_to_its_queue_and_priority() throws Exception {
        String[][] cases = {{"1", "q-consult", "0"}, {"2", "q-help", "2"}, {"3", "q-suggest", "0"},
                {"4", "q-complaint", "1"}, {"5", "q-complaint", "1"}, {"0", "q-general", "0"}};
        List<Call> calls = new ArrayList<>();
        for (String[] k : cases) {
            calls.add(hotline("5,1," + k[0]));
        }
        for (int i = 0; i < cases.length; i++) {
            assertQueued(calls.get(i), cases[i][1], Integer.parseInt(cases[i][2]));
            assertThat(calls.get(i).session("hotline").path()).isEqualTo("welcome>emergency>main-menu:1>category:" + cases[i][0]);
        }
    }

    @Test
    void operator_invalid_input_and_silence_reach_the_operator_queue() throws Exception {
        Call operator = hotline("5,0");
        Call invalid = hotline("5,7,8,6");
        Call silent = hotline("5");
        assertQueued(operator, "q-general", 0);
        assertThat(operator.session("hotline").path()).isEqualTo("welcome>emergency>main-menu:0");
        assertQueued(invalid, "q-general", 0);
        assertThat(invalid.session("hotline").path()).endsWith("main-menu:invalid");
        assertQueued(silent, "q-general", 0);
        assertThat(silent.session("hotline").path()).endsWith("main-menu:timeout");
        Call invalidThenValid = hotline("5,7,1,2");
        assertQueued(invalidThenValid, "q-help", 2);
    }

    @Test
    void emergency_choices_transfer_to_110_119_120_122_and_silence_goes_to_the_operator_first() throws Exception {
        String[] to = {"110", "119", "120", "122"};
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < to.length; i++) {
            calls.add(hotline("9," + (i + 1)));
        }
        Call fromMenu = hotline("5,9,2");
        Call silent = hotline("9");
        for (int i = 0; i < to.length; i++) {
            Call c = calls.get(i);
            IvrSessionEnded e = c.session("hotline");
            assertThat(e.ending()).isEqualTo(Ending.TRANSFER);
            assertThat(e.transferTo()).isEqualTo(to[i]);
            AgiFixture.await("transfer variables", () -> "transfer".equals(c.vars().get("HOTLINE_NEXT")));
            assertThat(c.vars()).containsEntry("HOTLINE_TRANSFER_TO", to[i]);
            assertThat(e.path()).isEqualTo("welcome>emergency:9>emergency-menu:" + (i + 1));
        }
        assertThat(fromMenu.session("hotline").transferTo()).isEqualTo("119");
        IvrSessionEnded s = silent.session("hotline");
        assertThat(s.queue()).isEqualTo("q-general");
        assertThat(s.priority()).isEqualTo(10);
    }

    @Test
    void nuisance_warning_then_still_queued_and_dedicated_queue() throws Exception {
        String warned = newNumber();
        String dedicated = newNumber();
        ports.profiles.put(warned, new CallerProfile(CallerProfile.Measure.WARNING, "", false));
        ports.profiles.put(dedicated, new CallerProfile(CallerProfile.Measure.DEDICATED_QUEUE, "", false));
        Call w = call("12345", warned, "5,1,4");
        Call d = call("12345", dedicated, "5");
        assertQueued(w, "q-complaint", 1);
        assertThat(w.session("hotline").path()).isEqualTo("welcome>emergency>nuisance-warning>main-menu:1>category:4");
        assertThat(w.vars()).containsEntry("HOTLINE_CALLER_FLAGS", "nuisance-warned");
        IvrSessionEnded de = d.session("hotline");
        assertThat(de.queue()).isEqualTo("q-special");
        assertThat(de.variables()).containsEntry("HOTLINE_CALLER_FLAGS", "nuisance-warned");
    }

    @Test
    void repeat_caller_is_offered_the_open_matter_first() throws Exception {
        String accepts = newNumber();
        String declines = newNumber();
        ports.profiles.put(accepts, new CallerProfile(CallerProfile.Measure.NONE, "202405170001", true));
        ports.profiles.put(declines, new CallerProfile(CallerProfile.Measure.WARNING, "202405170002", true));
        Call a = call("12345", accepts, "5,1");
        Call b = call("12345", declines, "5,2,1,1");
        assertQueued(a, "q-general", 5);
        assertThat(a.vars()).containsEntry("HOTLINE_MATTER", "202405170001").containsEntry("HOTLINE_CALLER_FLAGS", "repeat");
        assertThat(a.session("hotline").variables()).containsEntry("HOTLINE_MATTER", "202405170001");
        assertQueued(b, "q-consult", 0);
        assertThat(b.vars()).containsEntry("HOTLINE_CALLER_FLAGS", "nuisance-warned,repeat");
        assertThat(b.session("hotline").path()).contains("open-matter-offer:2");
    }

    @Test
    void status_found_not_found_confidential_and_own_number() throws Exception {
        String caller = newNumber();
        ports.matters.put("2024051700010|" + caller, new MatterStatus(MatterStatus.Result.FOUND, "2024051700010",
                "in_progress", "units/u-housing", LocalDate.of(2024, 6, 3)));
        ports.matters.put("2024051700020|" + caller, MatterStatus.CONFIDENTIAL_DENIED);
        ports.matters.put("|" + caller, new MatterStatus(MatterStatus.Result.FOUND, "2024051700030", "closed", "", null));
        Call found = call("12345", caller, "5,2,2024051700010#,0");
        Call denied = call("12346", caller, "2024051700020#,0");
        Call unknown = call("12346", caller, "9999999999#,0");
        Call own = call("12346", caller, "#,0");
        Call tooShort = call("12346", caller, "12#,34#,56#");
        IvrSessionEnded f = found.session("hotline");
        assertThat(f.path()).isEqualTo("welcome>emergency>main-menu:2>ask-number>tell-number>state-in-progress>tell-unit"
                + ">say-unit>tell-deadline>word-month>word-day>after:0");
        assertThat(f.queue()).isEqualTo("q-general");
        assertThat(f.variables()).containsEntry("HOTLINE_MATTER", "2024051700010");
        assertThat(denied.session("status").path()).isEqualTo("ask-number>unavailable>after:0");
        assertThat(unknown.session("status").path()).isEqualTo("ask-number>unavailable>after:0");
        IvrSessionEnded o = own.session("status");
        assertThat(o.path()).isEqualTo("ask-number:#>tell-number>state-closed>tell-unit>say-unit>after:0");
        assertThat(ports.matterRequests).contains("|" + caller);
        assertThat(tooShort.session("status").path()).isEqualTo("ask-number:invalid");
    }

    @Test
    void knowledge_answer_missing_answer_and_operator() throws Exception {
        ports.knowledge.put(2, new KnowledgeAnswer(true, "kb/social-security"));
        Call answered = hotline("5,3,2,0");
        Call missing = hotline("5,3,4,0");
        IvrSessionEnded a = answered.session("hotline");
        assertThat(a.path()).isEqualTo("welcome>emergency>main-menu:3>knowledge-topic:2>knowledge-answer:0");
        assertThat(a.queue()).isEqualTo("q-consult");
        IvrSessionEnded m = missing.session("hotline");
        assertThat(m.path()).isEqualTo("welcome>emergency>main-menu:3>knowledge-topic:4>knowledge-missing>knowledge-after:0");
    }

    @Test
    void survey_after_the_agent_hangs_up_records_each_rating_or_none() throws Exception {
        String[] numbers = {newNumber(), newNumber(), newNumber(), newNumber()};
        Call[] calls = {call("12345", numbers[0], "5,0,1"), call("12345", numbers[1], "5,0,2"),
                call("12345", numbers[2], "5,0,3"), call("12345", numbers[3], "5,0")};
        Rating[] expected = {Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED};
        for (int i = 0; i < 3; i++) {
            IvrSessionEnded s = calls[i].session("survey");
            assertThat(s.ending()).isEqualTo(Ending.HANGUP);
            assertThat(s.results()).containsEntry("rating", expected[i].flowValue());
            String n = numbers[i];
            assertThat(ports.surveys).anySatisfy(r -> {
                assertThat(r.caller()).isEqualTo(n);
                assertThat(r.rating()).isEqualTo(expected[0 + java.util.Arrays.asList(numbers).indexOf(n)]);
                assertThat(r.agentInterface()).isEqualTo("PJSIP/1001");
            });
        }
        assertThat(calls[2].session("survey").results()).containsEntry("dissatisfied", "true");
        IvrSessionEnded none = calls[3].session("survey");
        assertThat(none.path()).isEqualTo("rate:timeout");
        assertThat(ports.surveys).noneSatisfy(r -> assertThat(r.caller()).isEqualTo(numbers[3]));
        for (Call c : calls) {
            ends(c);
        }
    }

    @Test
    void revisit_solved_unsolved_dissatisfied_and_unanswered() throws Exception {
        String[] numbers = {newNumber(), newNumber(), newNumber(), newNumber()};
        Call solved = call("12347", numbers[0], "1,1");
        Call unsolved = call("12347", numbers[1], "2,2");
        Call dissatisfied = call("12347", numbers[2], "1,3");
        Call silent = call("12347", numbers[3], "");
        assertThat(solved.session("revisit").results()).containsEntry("solved", "yes").containsEntry("completed", "true")
                .doesNotContainKey("dissatisfied");
        assertThat(unsolved.session("revisit").results()).containsEntry("dissatisfied", "true");
        assertThat(dissatisfied.session("revisit").results()).containsEntry("rating", "dissatisfied")
                .containsEntry("dissatisfied", "true");
        assertThat(silent.session("revisit").results()).containsEntry("completed", "false");
        AgiFixture.await("revisits stored", () -> ports.revisits.size() >= 4);
        assertThat(ports.revisits).anySatisfy(r -> {
            assertThat(r.caller()).isEqualTo(numbers[1]);
            assertThat(r.matter()).isEqualTo("202405170001");
            assertThat(r.solved()).contains(false);
            assertThat(r.dissatisfied()).isTrue();
        });
        assertThat(ports.revisits).anySatisfy(r -> {
            assertThat(r.caller()).isEqualTo(numbers[3]);
            assertThat(r.completed()).isFalse();
            assertThat(r.rating()).isEmpty();
        });
    }

    @Test
    void a_caller_hanging_up_mid_menu_is_recorded_with_the_path_so_far() throws Exception {
        Call c = call("12345", newNumber(), "5");
        // pbx-sim hangs the caller up on its own clock: 0.6 simulated seconds = 30 ms, during the welcome/menu
        CallHandle h = sim.placeCall(CallerSpec.of(newNumber()).digits("5,1").hangupAfter(Duration.ofMillis(1500)));
        Call hung = new Call("x", h);
        IvrSessionEnded e = hung.session("hotline");
        assertThat(e.ending()).isEqualTo(Ending.CALLER_HUNG_UP);
        assertThat(e.path()).startsWith("welcome");
        assertThat(hung.vars()).doesNotContainKey("HOTLINE_IVR_PATH"); // only the dialplan's defaults were set
        c.session("hotline");
    }
}
