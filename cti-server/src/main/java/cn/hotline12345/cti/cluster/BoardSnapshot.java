package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.call.api.LiveQueues;

import java.util.List;

/**
 * One PBX's queues and agents as its owner sees them, published every second for the other nodes' views.
 *
 * @param linkUp whether the owner's AMI link is logged in (the other nodes raise the link-down alarm from it)
 */
public record BoardSnapshot(String pbxId, String owner, boolean linkUp, List<LiveQueues.QueueSnapshot> queues,
                            List<LiveQueues.AgentSnapshot> agents) {
    public BoardSnapshot {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
    }
}
