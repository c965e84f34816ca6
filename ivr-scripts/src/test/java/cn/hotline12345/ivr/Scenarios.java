package cn.hotline12345.ivr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Caller scenarios over the shipped 12345 flows: together they visit every node of every flow
 * ({@code ScenarioCoverageTest} checks this), and the hang-up test hangs up at every operation of each.
 */
public final class Scenarios {

    /** One caller: the flow, the server's answers, channel variables and what the caller presses. */
    public record Scenario(String name, String flow, Supplier<FakeServices> services, Map<String, String> channelVars,
                           String... script) {
        public ScriptedChannel channel() {
            ScriptedChannel ch = new ScriptedChannel(script);
            channelVars.forEach(ch::withVariable);
            return ch;
        }

        @Override
        public String toString() {
            return flow + ": " + name;
        }
    }

    private Scenarios() {
    }

    public static FakeServices ordinary() {
        return new FakeServices()
                .answer("caller_profile", Map.of("measure", "none", "repeat", "false", "open_matter", ""))
                .answer("knowledge", args -> "9".equals(args.get("topic")) ? Map.of("found", "false")
                        : Map.of("found", "true", "sound", "kb/topic-" + args.get("topic")))
                .answer("matter_status", Scenarios::status)
                .answer("record_survey", Map.of("stored", "true"))
                .answer("record_revisit", Map.of("stored", "true"));
    }

    public static FakeServices profile(String measure, String openMatter) {
        return ordinary().answer("caller_profile", Map.of("measure", measure, "repeat",
                String.valueOf(!openMatter.isEmpty()), "open_matter", openMatter));
    }

    /** Matter numbers decide the answer: 11111111 confidential, 22222222 not found, 3333333x state x. */
    static Map<String, String> status(Map<String, String> args) {
        String matter = args.get("matter");
        if (matter.isEmpty()) {
            matter = "20250301001"; // the caller's own latest matter
        }
        if (matter.equals("11111111")) {
            return Map.of("result", "confidential_denied");
        }
        if (matter.equals("22222222")) {
            return Map.of("result", "not_found");
        }
        if (matter.equals("44444444")) {
            return Map.of("result", "found", "matter", matter, "state", "closed");  // no unit, no deadline
        }
        String state = switch (matter.charAt(matter.length() - 1)) {
            case '1' -> "accepted";
            case '2' -> "dispatched";
            case '3' -> "in_progress";
            case '4' -> "replied";
            case '5' -> "closed";
            default -> "suspended";
        };
        return Map.of("result", "found", "matter", matter, "state", state, "unit_sound", "units/u-" + matter.length(),
                "deadline_month", "3", "deadline_day", "10");
    }

    public static List<Scenario> all() {
        List<Scenario> s = new ArrayList<>();
        Map<String, String> none = Map.of();
        // hotline
        for (String c : List.of("1", "2", "3", "4", "5", "0")) {
            s.add(new Scenario("report category " + c, "hotline", Scenarios::ordinary, none, "1", c));
        }
        s.add(new Scenario("operator", "hotline", Scenarios::ordinary, none, "0"));
        s.add(new Scenario("menu timeouts", "hotline", Scenarios::ordinary, none, "T", "T", "T"));
        s.add(new Scenario("menu invalid", "hotline", Scenarios::ordinary, none, "7", "8", "#"));
        s.add(new Scenario("category timeouts", "hotline", Scenarios::ordinary, none, "1", "T", "T", "T"));
        for (String c : List.of("1", "2", "3", "4")) {
            s.add(new Scenario("emergency barge-in " + c, "hotline", Scenarios::ordinary, none, "!9", c));
        }
        s.add(new Scenario("emergency from menu, timeout", "hotline", Scenarios::ordinary, none, "9", "T", "T"));
        s.add(new Scenario("nuisance warning", "hotline", () -> profile("warning", ""), none, "0"));
        s.add(new Scenario("dedicated queue", "hotline", () -> profile("dedicated_queue", ""), none));
        s.add(new Scenario("repeat caller takes matter", "hotline", () -> profile("none", "20250228007"), none, "1"));
        s.add(new Scenario("repeat caller declines", "hotline", () -> profile("none", "20250228007"), none, "2", "0"));
        s.add(new Scenario("repeat caller silent", "hotline", () -> profile("none", "20250228007"), none,
                "T", "T", "0"));
        s.add(new Scenario("status via menu", "hotline", Scenarios::ordinary, none, "2", "#", "0"));
        s.add(new Scenario("knowledge found, operator", "hotline", Scenarios::ordinary, none, "3", "2", "0"));
        s.add(new Scenario("knowledge found, barge to operator", "hotline", Scenarios::ordinary, none, "3", "2", "!0"));
        s.add(new Scenario("knowledge not found, other topic, main menu", "hotline", () -> ordinary()
                .answer("knowledge", Map.of("found", "false")), none, "3", "1", "2", "1", "*", "0"));
        s.add(new Scenario("knowledge replay, timeouts", "hotline", Scenarios::ordinary, none, "3", "1", "1", "T", "T"));
        s.add(new Scenario("knowledge topics timeout", "hotline", Scenarios::ordinary, none, "3", "T", "T", "T"));
        s.add(new Scenario("knowledge lookup fails", "hotline", () -> ordinary().answer("knowledge",
                a -> { throw new IllegalStateException("kb down"); }), none, "3", "5", "0"));
        // status
        for (String m : List.of("20250301001", "20250301002", "20250301003", "20250301004", "20250301005",
                "20250301009")) {
            s.add(new Scenario("matter " + m, "status", Scenarios::ordinary, none, m, "0"));
        }
        s.add(new Scenario("own number, replay, another", "status", Scenarios::ordinary, none, "#", "1", "2", "22222222",
                "1", "0"));
        s.add(new Scenario("confidential denied", "status", Scenarios::ordinary, none, "11111111", "0"));
        s.add(new Scenario("closed without unit or deadline", "status", Scenarios::ordinary, none, "44444444", "0"));
        s.add(new Scenario("number too short", "status", Scenarios::ordinary, none, "12", "12", "12"));
        s.add(new Scenario("number timeouts", "status", Scenarios::ordinary, none, "T", "T", "T"));
        s.add(new Scenario("lookup fails", "status", () -> ordinary().answer("matter_status",
                a -> { throw new IllegalStateException("db down"); }), none, "20250301001"));
        s.add(new Scenario("after-menu timeouts", "status", Scenarios::ordinary, none, "20250301001", "T", "T"));
        // survey
        Map<String, String> agent = Map.of("MEMBERINTERFACE", "PJSIP/1001", "HOTLINE_MATTER", "20250301001");
        for (String r : List.of("1", "2", "3")) {
            s.add(new Scenario("rating " + r, "survey", Scenarios::ordinary, agent, r));
        }
        s.add(new Scenario("no rating", "survey", Scenarios::ordinary, agent, "T", "T"));
        // revisit
        Map<String, String> matter = Map.of("HOTLINE_MATTER", "20250301005");
        for (String solved : List.of("1", "2")) {
            for (String rating : List.of("1", "2", "3")) {
                s.add(new Scenario("solved " + solved + " rating " + rating, "revisit", Scenarios::ordinary, matter,
                        solved, rating));
            }
        }
        s.add(new Scenario("no answer", "revisit", Scenarios::ordinary, matter, "T", "T", "T"));
        s.add(new Scenario("no rating", "revisit", Scenarios::ordinary, matter, "1", "T", "5", "T"));
        return s;
    }
}
