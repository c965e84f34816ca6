package cn.hotline12345.ivr.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One IVR flow: its id (the FastAGI script name, e.g. {@code hotline}), the file it came from,
 * its start node and its nodes in file order.
 */
public record Flow(String id, String source, String start, Map<String, Node> nodes) {
    public Flow {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /** The node with this id, if any. */
    public Optional<Node> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }
}
