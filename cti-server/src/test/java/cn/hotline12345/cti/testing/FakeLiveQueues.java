package cn.hotline12345.cti.testing;

import cn.hotline12345.cti.call.api.LiveQueues;

import java.util.List;

/** A live queue view the test sets. */
public final class FakeLiveQueues implements LiveQueues {

    public volatile List<QueueSnapshot> queues = List.of();
    public volatile List<AgentSnapshot> agents = List.of();
    public volatile List<Alarm> alarms = List.of();

    @Override
    public List<QueueSnapshot> queues() {
        return queues;
    }

    @Override
    public List<AgentSnapshot> agents() {
        return agents;
    }

    @Override
    public List<Alarm> alarms() {
        return alarms;
    }
}
