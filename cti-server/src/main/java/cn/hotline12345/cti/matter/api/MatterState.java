package cn.hotline12345.cti.matter.api;

import java.util.List;

/**
 * A matter as read (and locked) inside a change: the matter, its pending unit requests and its open
 * revisit task id (or null).
 */
public record MatterState(Matter matter, List<MatterRequest> pendingRequests, Long openRevisitTaskId) {

    public MatterState {
        pendingRequests = List.copyOf(pendingRequests);
    }
}
