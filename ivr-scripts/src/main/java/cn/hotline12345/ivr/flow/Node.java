package cn.hotline12345.ivr.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of an IVR flow. Each kind is an immutable record; a flow file names the kind with
 * {@code kind:} and the fields below in snake_case (see {@code ivr-scripts/README.md}).
 *
 * <p>Values written {@code ${name}} in templates are flow variables substituted at run time.
 */
public sealed interface Node {

    /** The node id, unique within its flow. */
    String id();

    /** The ids of the nodes this one can continue to, in this flow (never null). */
    List<String> targets();

    /** True when the flow ends at this node (queue, transfer, hang-up, jump to another flow). */
    default boolean terminal() {
        return false;
    }

    /** The prompt ids this node plays (checked against the catalogue). */
    List<String> promptIds();

    /** The YAML name of this node's kind. */
    String kind();

    private static List<String> nonNull(String... ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (id != null) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Plays prompts (or one sound file named by a variable, e.g. a knowledge-base answer), optionally
     * interruptible by {@code bargeIn} digits. A digit listed in {@code onDigit} jumps there; any
     * other outcome continues with {@code next}.
     */
    record Play(String id, List<String> prompts, String sound, String fallbackPrompt, String bargeIn,
                Map<String, String> onDigit, String next) implements Node {
        public Play {
            prompts = List.copyOf(prompts);
            onDigit = Map.copyOf(onDigit);
            bargeIn = bargeIn == null ? "" : bargeIn;
        }

        @Override public List<String> targets() {
            List<String> t = new ArrayList<>(onDigit.values());
            t.add(next);
            return List.copyOf(t);
        }

        @Override public List<String> promptIds() {
            List<String> p = new ArrayList<>(prompts);
            if (fallbackPrompt != null) {
                p.add(fallbackPrompt);
            }
            return List.copyOf(p);
        }

        @Override public String kind() {
            return "play";
        }
    }

    /**
     * Collects digits with GET DATA semantics into variable {@code into}. Input shorter than
     * {@code minDigits}, or not made of 0-9, is invalid; silence is a timeout; each plays its prompt and
     * retries, and after {@code retries} repeated failures the flow goes to {@code onFailure}. A lone
     * terminator (an empty entry) goes to {@code onEmpty} when given.
     */
    record Collect(String id, String prompt, int minDigits, int maxDigits, int timeoutMs, String terminator,
                   int retries, String invalidPrompt, String timeoutPrompt, String into, String next,
                   String onEmpty, String onFailure) implements Node {
        @Override public List<String> targets() {
            return nonNull(next, onEmpty, onFailure);
        }

        @Override public List<String> promptIds() {
            return nonNull(prompt, invalidPrompt, timeoutPrompt);
        }

        @Override public String kind() {
            return "collect";
        }
    }

    /**
     * A one-digit menu: plays its prompts (interruptible by any choice digit), waits
     * {@code timeoutMs}, and continues at the node of the chosen digit. The digit is stored in
     * {@code into} when given. Invalid digits and timeouts replay with their prompts; after
     * {@code retries} repeated failures the flow goes to {@code onFailure}.
     */
    record Menu(String id, List<String> prompts, Map<String, String> choices, int timeoutMs, int retries,
                String invalidPrompt, String timeoutPrompt, String into, String onFailure) implements Node {
        public Menu {
            prompts = List.copyOf(prompts);
            choices = Map.copyOf(choices);
        }

        @Override public List<String> targets() {
            List<String> t = new ArrayList<>(choices.values());
            t.add(onFailure);
            return List.copyOf(t);
        }

        @Override public List<String> promptIds() {
            List<String> p = new ArrayList<>(prompts);
            p.addAll(nonNull(invalidPrompt, timeoutPrompt));
            return List.copyOf(p);
        }

        @Override public String kind() {
            return "menu";
        }
    }

    /** Says a digit string (a template, reduced to 0-9 at run time), e.g. a matter number. */
    record SayDigits(String id, String digits, String next) implements Node {
        @Override public List<String> targets() {
            return List.of(next);
        }

        @Override public List<String> promptIds() {
            return List.of();
        }

        @Override public String kind() {
            return "say_digits";
        }
    }

    /** Says a number (a template that must evaluate to an integer; otherwise nothing is said). */
    record SayNumber(String id, String number, String next) implements Node {
        @Override public List<String> targets() {
            return List.of(next);
        }

        @Override public List<String> promptIds() {
            return List.of();
        }

        @Override public String kind() {
            return "say_number";
        }
    }

    /** Where a {@link SetVariable} writes. */
    enum Scope {
        /** the Asterisk channel variable (SET VARIABLE) and the flow variable of the same name */
        CHANNEL,
        /** a flow variable only */
        FLOW,
        /** a named result reported in the outcome (and a flow variable) */
        RESULT
    }

    /**
     * Sets a variable to a template value. With {@code append}, the value is added to a comma list
     * (used for {@code HOTLINE_CALLER_FLAGS}).
     */
    record SetVariable(String id, String variable, String value, Scope scope, boolean append, String next)
            implements Node {
        @Override public List<String> targets() {
            return List.of(next);
        }

        @Override public List<String> promptIds() {
            return List.of();
        }

        @Override public String kind() {
            return "set";
        }
    }

    /** Reads a channel variable (GET VARIABLE) into a flow variable, e.g. {@code HOTLINE_MATTER}. */
    record GetVariable(String id, String variable, String into, String next) implements Node {
        @Override public List<String> targets() {
            return List.of(next);
        }

        @Override public List<String> promptIds() {
            return List.of();
        }

        @Override public String kind() {
            return "get_variable";
        }
    }

    /**
     * Calls a named server function ({@code lookup}: reads, {@code action}: records something) with
     * template arguments; each result entry {@code k=v} becomes flow variable {@code <into>.k}. On
     * failure the flow continues at {@code onError} (or {@code next} when not given).
     */
    record Call(String id, boolean action, String name, Map<String, String> args, String into, String next,
                String onError) implements Node {
        public Call {
            args = Map.copyOf(args);
        }

        @Override public List<String> targets() {
            return nonNull(next, onError);
        }

        @Override public List<String> promptIds() {
            return List.of();
        }

        @Override public String kind() {
            return action ? "action" : "lookup";
        }
    }

    /** One branch of a {@link Condition}. */
    record Branch(Guard when, String next) {
        public Branch {
            Objects.requireNonNull(when);
        }
    }

    /** Goes to the first branch whose guard holds, else to {@code otherwise}. */
    record Condition(String id, List<Branch> branches, String otherwise) implements Node {
        public Condition {
            branches = List.copyOf(branches);
        }

        @Override public List<String> targets() {
            List<String> t = new ArrayList<>();
            branches.forEach(b -> t.add(b.next()));
            t.add(otherwise);
            return List.copyOf(t);
        }

        @Override public List<String> promptIds() {
            return List.of();
        }

        @Override public String kind() {
            return "condition";
        }
    }

    /**
     * Ends the flow: plays optional prompts, then sets {@code HOTLINE_NEXT=queue},
     * {@code HOTLINE_QUEUE} and {@code HOTLINE_PRIORITY} (0..10).
     */
    record Queue(String id, List<String> prompts, String queue, int priority) implements Node {
        public Queue {
            prompts = List.copyOf(prompts);
        }

        @Override public List<String> targets() {
            return List.of();
        }

        @Override public boolean terminal() {
            return true;
        }

        @Override public List<String> promptIds() {
            return prompts;
        }

        @Override public String kind() {
            return "queue";
        }
    }

    /** Ends the flow with {@code HOTLINE_NEXT=transfer} and {@code HOTLINE_TRANSFER_TO} (digits). */
    record Transfer(String id, List<String> prompts, String to) implements Node {
        public Transfer {
            prompts = List.copyOf(prompts);
        }

        @Override public List<String> targets() {
            return List.of();
        }

        @Override public boolean terminal() {
            return true;
        }

        @Override public List<String> promptIds() {
            return prompts;
        }

        @Override public String kind() {
            return "transfer";
        }
    }

    /** Ends the flow with {@code HOTLINE_NEXT=hangup} after optional prompts (the dialplan hangs up). */
    record Hangup(String id, List<String> prompts) implements Node {
        public Hangup {
            prompts = List.copyOf(prompts);
        }

        @Override public List<String> targets() {
            return List.of();
        }

        @Override public boolean terminal() {
            return true;
        }

        @Override public List<String> promptIds() {
            return prompts;
        }

        @Override public String kind() {
            return "hangup";
        }
    }

    /** Continues in another flow of the same flow set, at its start node (no return). */
    record GotoFlow(String id, String flow) implements Node {
        @Override public List<String> targets() {
            return List.of();
        }

        @Override public boolean terminal() {
            return true;
        }

        @Override public List<String> promptIds() {
            return List.of();
        }

        @Override public String kind() {
            return "goto_flow";
        }
    }
}
