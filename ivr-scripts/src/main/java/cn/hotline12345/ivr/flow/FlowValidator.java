package cn.hotline12345.ivr.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graph and cross-reference checks of a parsed {@link Flow}: dangling references, unreachable
 * nodes, loops with no exit, prompts missing from the catalogue, unknown server functions, unknown
 * queues, unknown target flows and malformed {@code ${...}} templates.
 *
 * @param catalogue    the prompt catalogue the flows play from
 * @param serviceNames the lookup/action names the host registers
 * @param queues       the queue names the dialplan knows
 * @param flowIds      the ids of all flows in the same set (targets of {@code goto_flow})
 */
public record FlowValidator(PromptCatalogue catalogue, Set<String> serviceNames, Set<String> queues,
                            Set<String> flowIds) {

    public FlowValidator {
        serviceNames = Set.copyOf(serviceNames);
        queues = Set.copyOf(queues);
        flowIds = Set.copyOf(flowIds);
    }

    /** All problems of this flow; empty when it may go live. */
    public List<FlowError> validate(Flow flow) {
        List<FlowError> errors = new ArrayList<>();
        String file = flow.source();
        Map<String, Node> nodes = flow.nodes();
        if (!nodes.containsKey(flow.start())) {
            errors.add(new FlowError(file, null, "start node '" + flow.start() + "' does not exist"));
            return errors;
        }
        for (Node n : nodes.values()) {
            for (String t : n.targets()) {
                if (t != null && !nodes.containsKey(t)) {
                    errors.add(new FlowError(file, n.id(), "refers to node '" + t + "', which does not exist"));
                }
            }
            for (String p : n.promptIds()) {
                if (!catalogue.contains(p)) {
                    errors.add(new FlowError(file, n.id(), "prompt '" + p + "' is not in the catalogue"));
                }
            }
            checkNode(file, n, errors);
        }
        if (!errors.isEmpty()) {
            return errors; // graph checks below assume every reference resolves
        }
        Set<String> reachable = reachableFrom(flow.start(), nodes);
        for (String id : nodes.keySet()) {
            if (!reachable.contains(id)) {
                errors.add(new FlowError(file, id, "unreachable from the start node '" + flow.start() + "'"));
            }
        }
        Set<String> canExit = canReachTerminal(nodes);
        for (String id : reachable) {
            if (!canExit.contains(id)) {
                errors.add(new FlowError(file, id,
                        "loop with no exit: no queue, transfer, hangup or goto_flow can be reached from here"));
            }
        }
        return errors;
    }

    private void checkNode(String file, Node n, List<FlowError> errors) {
        if (n instanceof Node.Call c) {
            if (!serviceNames.contains(c.name())) {
                errors.add(new FlowError(file, n.id(), (c.action() ? "action" : "lookup") + " '" + c.name()
                        + "' is not a registered server function " + new java.util.TreeSet<>(serviceNames)));
            }
            c.args().forEach((k, v) -> checkTemplate(file, n.id(), v, errors));
        } else if (n instanceof Node.Queue q) {
            if (!queues.contains(q.queue())) {
                errors.add(new FlowError(file, n.id(), "queue '" + q.queue() + "' is not a known queue "
                        + new java.util.TreeSet<>(queues)));
            }
        } else if (n instanceof Node.GotoFlow g) {
            if (!flowIds.contains(g.flow())) {
                errors.add(new FlowError(file, n.id(), "goto_flow target '" + g.flow() + "' is not a flow"));
            }
        } else if (n instanceof Node.SayDigits s) {
            checkTemplate(file, n.id(), s.digits(), errors);
        } else if (n instanceof Node.SayNumber s) {
            checkTemplate(file, n.id(), s.number(), errors);
        } else if (n instanceof Node.SetVariable s) {
            checkTemplate(file, n.id(), s.value(), errors);
        } else if (n instanceof Node.Play p && p.sound() != null) {
            checkTemplate(file, n.id(), p.sound(), errors);
        }
    }

    private static void checkTemplate(String file, String node, String template, List<FlowError> errors) {
        String problem = Template.problem(template);
        if (problem != null) {
            errors.add(new FlowError(file, node, problem));
        }
    }

    private static Set<String> reachableFrom(String start, Map<String, Node> nodes) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                for (String t : nodes.get(id).targets()) {
                    todo.push(t);
                }
            }
        }
        return seen;
    }

    /** Nodes from which some terminal node is reachable (backwards search from the terminals). */
    private static Set<String> canReachTerminal(Map<String, Node> nodes) {
        Map<String, List<String>> predecessors = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Node n : nodes.values()) {
            for (String t : n.targets()) {
                predecessors.computeIfAbsent(t, k -> new ArrayList<>()).add(n.id());
            }
            if (n.terminal()) {
                todo.push(n.id());
            }
        }
        Set<String> ok = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (ok.add(id)) {
                predecessors.getOrDefault(id, List.of()).forEach(todo::push);
            }
        }
        return ok;
    }
}
