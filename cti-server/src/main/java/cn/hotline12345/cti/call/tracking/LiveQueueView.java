package cn.hotline12345.cti.call.tracking;


import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.platform.health.Readiness;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LiveQueues} over every PBX's {@link QueueBoard}, with the alarms a supervisor must act on: callers
 * waiting in a queue with no agent logged in (art. 17: 24-hour human service), a service level below its
 * target, an AMI link down.
 */
public final class LiveQueueView implements LiveQueues {

    private final java.util.function.Supplier<List<QueueSnapshot>> queues;
    private final java.util.function.Supplier<List<AgentSnapshot>> agents;
    private final java.util.function.Supplier<List<Alarm>> moreAlarms;
    private final Readiness readiness;
    private final Clock clock;
    private final double serviceLevelTarget;

    public LiveQueueView(List<QueueBoard> boards, Readiness readiness, Clock clock, double serviceLevelTarget) {
        this(() -> {
            List<QueueSnapshot> out = new ArrayList<>();
            boards.forEach(b -> out.addAll(b.queueSnapshots()));
            return out;
        }, () -> {
            List<AgentSnapshot> out = new ArrayList<>();
            boards.forEach(b -> out.addAll(b.agentSnapshots()));
            return out;
        }, List::of, readiness, clock, serviceLevelTarget);
    }

    /**
     * Over snapshots from elsewhere (several servers: the boards of the PBXs' owners, merged).
     *
     * @param moreAlarms alarms about PBXs whose link runs on another node (this node's readiness knows only its own)
     */
    public LiveQueueView(java.util.function.Supplier<List<QueueSnapshot>> queues,
                         java.util.function.Supplier<List<AgentSnapshot>> agents,
                         java.util.function.Supplier<List<Alarm>> moreAlarms, Readiness readiness, Clock clock,
                         double serviceLevelTarget) {
        this.queues = queues;
        this.agents = agents;
        this.moreAlarms = moreAlarms;
        this.readiness = readiness;
        this.clock = clock;
        this.serviceLevelTarget = serviceLevelTarget;
    }

    @Override
    public List<QueueSnapshot> queues() {
        return queues.get();
    }

    @Override
    public List<AgentSnapshot> agents() {
        return agents.get();
    }

    @Override
    public List<Alarm> alarms() {
        Instant now = clock.instant();
        List<Alarm> out = new ArrayList<>();
        for (QueueSnapshot q : queues()) {
            String subject = q.pbxId() + "/" + q.queue();
            if (q.waiting() > 0 && q.loggedIn() == 0) {
                out.add(new Alarm("no_agent", subject, "队列 " + q.queue() + " 有 " + q.waiting()
                        + " 位来电等待，但没有坐席登录（24小时人工服务）", now.minusMillis(q.longestWaitMs())));
            }
            int handled = q.answeredToday() + q.abandonedToday();
            if (handled >= 10 && q.serviceLevel() < serviceLevelTarget) {
                out.add(new Alarm("service_level", subject, String.format("队列 %s 服务水平 %.0f%%，低于目标 %.0f%%",
                        q.queue(), q.serviceLevel() * 100, serviceLevelTarget * 100), now));
            }
        }
        readiness.snapshot().forEach((name, c) -> {
            if (name.startsWith("ami:") && !c.up()) {
                out.add(new Alarm("ami_link_down", name.substring(4), "PBX " + name.substring(4) + " AMI 连接中断: "
                        + c.detail(), c.since()));
            }
        });
        out.addAll(moreAlarms.get());
        return out;
    }
}
