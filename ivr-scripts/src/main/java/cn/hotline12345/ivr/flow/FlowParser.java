package cn.hotline12345.ivr.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the text of one flow file into a {@link Flow}, reporting every structural problem (unknown
 * kinds or fields, wrong types, missing fields, bad values) as a {@link FlowError}. Graph checks
 * (references, reachability, loops, catalogue, lookup names) are {@link FlowValidator}'s.
 */
public final class FlowParser {

    static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    static final Pattern FLOW_ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,63}");
    static final int MAX_TIMEOUT_MS = 60_000;
    static final int MAX_RETRIES = 5;
    static final int MAX_PRIORITY = 10;
    static final int MAX_DIGITS = 32;
    static final int MAX_NODES = 500;

    private FlowParser() {
    }

    /** The parsed flow (null when the file is unusable) and the problems found. */
    public record Result(Flow flow, List<FlowError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Parses one flow file.
     *
     * @param file   the file name used in error messages, e.g. {@code flows/hotline.yaml}
     * @param flowId the flow id expected (the file's base name)
     * @param text   the file content
     */
    public static Result parse(String file, String flowId, String text) {
        List<FlowError> errors = new ArrayList<>();
        if (flowId == null || !FLOW_ID.matcher(flowId).matches()) {
            errors.add(new FlowError(file, null, "flow file name must be lower-case letters, digits, '-' or '_'"));
            return new Result(null, errors);
        }
        YamlReader.Result yaml = YamlReader.read(text == null ? "" : text);
        if (yaml.error() != null) {
            errors.add(new FlowError(file, null, yaml.error()));
            return new Result(null, errors);
        }
        if (!(yaml.document() instanceof Map<?, ?> top)) {
            errors.add(new FlowError(file, null, "a flow file must be a mapping with 'start' and 'nodes', found "
                    + Fields.describe(yaml.document())));
            return new Result(null, errors);
        }
        Fields f = new Fields(file, null, top, errors);
        String declared = f.text("flow", false);
        if (declared != null && !declared.equals(flowId)) {
            f.error("'flow: " + declared + "' does not match the file name '" + flowId + "'");
        }
        f.text("description", false);
        String start = f.text("start", true);
        Object rawNodes = f.any("nodes");
        f.rejectUnknown();
        Map<String, Node> nodes = new LinkedHashMap<>();
        if (rawNodes == null) {
            errors.add(new FlowError(file, null, "missing field 'nodes'"));
        } else if (!(rawNodes instanceof Map<?, ?> nodeMap) || nodeMap.isEmpty()) {
            errors.add(new FlowError(file, null, "'nodes' must be a non-empty mapping of node id to node"));
        } else if (nodeMap.size() > MAX_NODES) {
            errors.add(new FlowError(file, null, "too many nodes (" + nodeMap.size() + " > " + MAX_NODES + ")"));
        } else {
            for (Map.Entry<?, ?> e : nodeMap.entrySet()) {
                String id = Fields.scalarText(e.getKey());
                if (id == null || !NODE_ID.matcher(id).matches()) {
                    errors.add(new FlowError(file, null, "bad node id " + Fields.describe(e.getKey())
                            + " (letters, digits, '-', '_', at most 40)"));
                    continue;
                }
                if (!(e.getValue() instanceof Map<?, ?> body)) {
                    errors.add(new FlowError(file, id, "a node must be a mapping, found " + Fields.describe(e.getValue())));
                    continue;
                }
                Node n = parseNode(new Fields(file, id, body, errors), id);
                if (n != null) {
                    nodes.put(id, n);
                }
            }
        }
        if (start != null && !nodes.isEmpty() && !nodes.containsKey(start)
                && ((Map<?, ?>) rawNodes).keySet().stream().noneMatch(k -> start.equals(Fields.scalarText(k)))) {
            errors.add(new FlowError(file, null, "start node '" + start + "' does not exist"));
        }
        Flow flow = start == null ? null : new Flow(flowId, file, start, nodes);
        return new Result(flow, errors);
    }

    private static Node parseNode(Fields f, String id) {
        String kind = f.text("kind", true);
        if (kind == null) {
            return null;
        }
        Node n = switch (kind) {
            case "play" -> play(f, id);
            case "collect" -> collect(f, id);
            case "menu" -> menu(f, id);
            case "say_digits" -> new Node.SayDigits(id, template(f, "digits", true), f.text("next", true));
            case "say_number" -> new Node.SayNumber(id, template(f, "number", true), f.text("next", true));
            case "set" -> set(f, id);
            case "get_variable" -> getVariable(f, id);
            case "lookup" -> call(f, id, false);
            case "action" -> call(f, id, true);
            case "condition" -> condition(f, id);
            case "queue" -> queue(f, id);
            case "transfer" -> transfer(f, id);
            case "hangup" -> new Node.Hangup(id, f.textList("prompts", false));
            case "goto_flow" -> gotoFlow(f, id);
            default -> {
                f.error("unknown node kind '" + kind + "' (known: play, collect, menu, say_digits, say_number, set, "
                        + "get_variable, lookup, action, condition, queue, transfer, hangup, goto_flow)");
                yield null;
            }
        };
        f.rejectUnknown();
        return n;
    }

    private static String template(Fields f, String key, boolean required) {
        String t = f.text(key, required);
        if (t != null && t.length() > 512) {
            f.error("field '" + key + "' is longer than 512 characters");
        }
        return t;
    }

    private static int timeout(Fields f) {
        int t = f.integer("timeout_ms", 5000);
        if (t <= 0 || t > MAX_TIMEOUT_MS) {
            f.error("timeout_ms must be between 1 and " + MAX_TIMEOUT_MS + ", not " + t);
        }
        return t;
    }

    private static int retries(Fields f) {
        int r = f.integer("retries", 2);
        if (r < 0 || r > MAX_RETRIES) {
            f.error("retries must be between 0 and " + MAX_RETRIES + ", not " + r);
        }
        return r;
    }

    static String variable(Fields f, String key, boolean required) {
        String v = f.text(key, required);
        if (v != null && !VAR.matcher(v).matches()) {
            f.error("field '" + key + "' is not a variable name: '" + v + "'");
        }
        return v;
    }

    private static String dtmfSet(Fields f, String key, String value) {
        if (value != null && !value.isEmpty() && !value.chars().allMatch(c -> "0123456789*#".indexOf(c) >= 0)) {
            f.error("field '" + key + "' may only contain digits 0-9, * and #, not '" + value + "'");
        }
        return value;
    }

    private static Node play(Fields f, String id) {
        List<String> prompts = f.textList("prompts", false);
        String sound = template(f, "sound", false);
        String fallback = f.text("fallback_prompt", false);
        if (prompts.isEmpty() == (sound == null)) {
            f.error("a play node needs either 'prompts' or 'sound' (a variable naming a sound file), not both or neither");
        }
        if (sound != null && fallback == null) {
            f.error("a play node with 'sound' needs a 'fallback_prompt' for when the sound is missing");
        }
        String bargeIn = dtmfSet(f, "barge_in", f.text("barge_in", false));
        Map<String, String> onDigit = f.textMap("on_digit", false);
        for (String d : onDigit.keySet()) {
            if (d.length() != 1 || bargeIn == null || bargeIn.indexOf(d.charAt(0)) < 0) {
                f.error("on_digit key '" + d + "' is not one of the barge_in digits '" + (bargeIn == null ? "" : bargeIn) + "'");
            }
        }
        return new Node.Play(id, prompts, sound, fallback, bargeIn, onDigit, f.text("next", true));
    }

    private static Node collect(Fields f, String id) {
        String prompt = f.text("prompt", true);
        int min = f.integer("min_digits", 1);
        int max = f.integer("max_digits", 20);
        if (min < 0 || max < 1 || max > MAX_DIGITS) {
            f.error("min_digits must be >= 0 and max_digits between 1 and " + MAX_DIGITS + " (min " + min + ", max " + max + ")");
        } else if (min > max) {
            f.error("min_digits " + min + " is greater than max_digits " + max);
        }
        int timeout = timeout(f);
        String terminator = f.text("terminator", false);
        if (terminator == null) {
            terminator = "#";
        } else if (terminator.length() != 1 || "0123456789*#".indexOf(terminator.charAt(0)) < 0) {
            f.error("terminator must be one of 0-9, * or #, not '" + terminator + "'");
        }
        int retries = retries(f);
        return new Node.Collect(id, prompt, min, max, timeout, terminator, retries,
                f.text("invalid_prompt", false), f.text("timeout_prompt", false), variable(f, "into", true),
                f.text("next", true), f.text("on_empty", false), f.text("on_failure", true));
    }

    private static Node menu(Fields f, String id) {
        List<String> prompts = f.textList("prompts", true);
        if (f.has("prompts") && prompts.isEmpty()) {
            f.error("a menu needs at least one prompt");
        }
        Map<String, String> choices = f.textMap("choices", true);
        if (f.has("choices") && choices.isEmpty()) {
            f.error("a menu needs at least one choice");
        }
        for (String k : choices.keySet()) {
            if (k.length() != 1 || "0123456789*#".indexOf(k.charAt(0)) < 0) {
                f.error("menu choice '" + k + "' must be one digit 0-9, * or #");
            }
        }
        int timeout = timeout(f);
        int retries = retries(f);
        return new Node.Menu(id, prompts, choices, timeout, retries, f.text("invalid_prompt", false),
                f.text("timeout_prompt", false), variable(f, "into", false), f.text("on_failure", true));
    }

    private static Node set(Fields f, String id) {
        String variable = variable(f, "variable", true);
        String value = template(f, "value", true);
        String scopeText = f.text("scope", false);
        Node.Scope scope = Node.Scope.CHANNEL;
        if (scopeText != null) {
            try {
                scope = Node.Scope.valueOf(scopeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.error("scope must be channel, flow or result, not '" + scopeText + "'");
            }
        }
        if (scope == Node.Scope.CHANNEL && variable != null && !cn.hotline12345.ivr.AgiText.isVariableName(variable)) {
            f.error("a channel variable name may only contain letters, digits and '_': '" + variable + "'");
        }
        return new Node.SetVariable(id, variable, value, scope, f.bool("append", false), f.text("next", true));
    }

    private static Node getVariable(Fields f, String id) {
        String variable = f.text("variable", true);
        if (variable != null && !cn.hotline12345.ivr.AgiText.isReadableVariable(variable)) {
            f.error("'" + variable + "' is not a channel variable name");
        }
        return new Node.GetVariable(id, variable, variable(f, "into", true), f.text("next", true));
    }

    private static Node call(Fields f, String id, boolean action) {
        String name = f.text("name", true);
        Map<String, String> args = f.textMap("args", false);
        String into = variable(f, "into", false);
        return new Node.Call(id, action, name, args, into == null ? name : into, f.text("next", true),
                f.text("on_error", false));
    }

    private static Node queue(Fields f, String id) {
        String queue = f.text("queue", true);
        int priority = f.integer("priority", 0);
        if (priority < 0 || priority > MAX_PRIORITY) {
            f.error("priority must be between 0 and " + MAX_PRIORITY + ", not " + priority);
        }
        return new Node.Queue(id, f.textList("prompts", false), queue, priority);
    }

    private static Node transfer(Fields f, String id) {
        String to = f.text("to", true);
        if (to != null && (to.isEmpty() || to.length() > 20 || !to.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            f.error("transfer 'to' must be 1 to 20 digits, not '" + to + "'");
        }
        return new Node.Transfer(id, f.textList("prompts", false), to);
    }

    private static Node gotoFlow(Fields f, String id) {
        String flow = f.text("flow", true);
        if (flow != null && !FLOW_ID.matcher(flow).matches()) {
            f.error("'" + flow + "' is not a flow id");
        }
        return new Node.GotoFlow(id, flow);
    }

    private static Node condition(Fields f, String id) {
        Object raw = f.any("branches");
        List<Node.Branch> branches = new ArrayList<>();
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            f.error("a condition needs a non-empty list 'branches' of {when, next}");
        } else {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    f.error("each branch must be a mapping with 'when' and 'next', found " + Fields.describe(o));
                    continue;
                }
                Fields bf = new Fields(fFile(f), id, m, fErrors(f));
                Object when = bf.any("when");
                String next = bf.text("next", true);
                bf.rejectUnknown();
                Guard g = when == null ? null : GuardParser.guard(f, when, 0);
                if (when == null) {
                    f.error("a branch needs 'when'");
                }
                if (g != null && next != null) {
                    branches.add(new Node.Branch(g, next));
                }
            }
        }
        return new Node.Condition(id, branches, f.text("else", true));
    }

    private static String fFile(Fields f) {
        return f.file();
    }

    private static String fNode(Fields f) {
        return f.node();
    }

    private static List<FlowError> fErrors(Fields f) {
        return f.errors();
    }
}
