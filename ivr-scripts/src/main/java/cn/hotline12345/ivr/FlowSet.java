package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.Flow;
import cn.hotline12345.ivr.flow.PromptCatalogue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable, validated set of flows and the catalogue they play from. A session keeps the set it
 * started with, so a reload never changes a call in progress.
 *
 * @param generation counts successful loads of one registry (1 = the first)
 * @param digest     a short hash of the files' content, to tell versions apart in logs
 */
public record FlowSet(long generation, String digest, Map<String, Flow> flows, PromptCatalogue catalogue) {
    public FlowSet {
        flows = java.util.Collections.unmodifiableMap(new TreeMap<>(flows));
    }

    /** The flow with this id (the FastAGI script name), if any. */
    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(flows.get(id));
    }

    /** {@code <generation>:<digest>}, e.g. {@code 3:5f2a9c01}. */
    public String version() {
        return generation + ":" + digest;
    }
}
