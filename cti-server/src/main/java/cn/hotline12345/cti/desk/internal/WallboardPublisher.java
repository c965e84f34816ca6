package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.desk.internal.SocketRegistry;
import cn.hotline12345.cti.desk.internal.WsConnection;
import cn.hotline12345.softphone.ws.Alarm;
import cn.hotline12345.softphone.ws.QueueBoard;
import cn.hotline12345.softphone.ws.QueueLine;
import cn.hotline12345.softphone.ws.WsCodec;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds the wallboard's {@link QueueBoard} from {@link LiveQueues} every second and pushes it to every
 * wallboard when it changed; raises an {@link Alarm} frame when a new alarm appears. Alarms: the call
 * layer's own ({@code LiveQueues.alarms()}, e.g. AMI link down) plus two derived here: callers waiting
 * with no agent logged in ({@code no_agent}, art. 17) and a service level below target
 * ({@code service_level}).
 */
public final class WallboardPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WallboardPublisher.class);
    /** Share of calls to answer within the queue's service-level seconds. */
    public static final double SERVICE_LEVEL_TARGET = 0.80;
    /** Below this many offered calls today the service level says too little to alarm on. */
    private static final int SERVICE_LEVEL_MIN_OFFERED = 10;

    private final Vertx vertx;
    private final LiveQueues live;
    private final SocketRegistry sockets;
    private final HourlyCalls hourly;
    private final Clock clock;
    private final CallUpdateHub hub;
    private final Consumer<CallUpdate> counter;
    private final long timer;
    private String lastFrame;
    private Set<String> lastAlarms = new HashSet<>();
    /** Alarms other slices raise (e.g. the calendar's, issue 22 item 4); each must answer at once, never block. */
    private final List<java.util.function.Supplier<List<Alarm>>> alarmSources =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public WallboardPublisher(Vertx vertx, LiveQueues live, SocketRegistry sockets, HourlyCalls hourly,
                              CallUpdateHub hub, Clock clock) {
        this.vertx = vertx;
        this.live = live;
        this.sockets = sockets;
        this.hourly = hourly;
        this.clock = clock;
        this.hub = hub;
        this.counter = u -> {
            if (u instanceof CallUpdate.CallStarted s) {
                hourly.count(s.at());
            }
        };
        hub.subscribe(counter);
        var context = vertx.getOrCreateContext();
        this.timer = vertx.setPeriodic(1_000, id -> context.runOnContext(v -> tick()));
    }

    /** The board now. */
    public synchronized QueueBoard board() {
        List<QueueLine> lines = new ArrayList<>();
        List<Alarm> alarms = new ArrayList<>();
        Map<String, Integer> byState = new TreeMap<>();
        for (AgentState s : AgentState.values()) {
            byState.put(s.name(), 0);
        }
        try {
            List<LiveQueues.QueueSnapshot> queues = live.queues();
            // two PBXs may have a queue of the same name: their alarms must stay two alarms, each naming its PBX
            boolean severalPbxs = queues.stream().map(LiveQueues.QueueSnapshot::pbxId).distinct().count() > 1;
            for (LiveQueues.QueueSnapshot q : queues) {
                String name = severalPbxs ? q.pbxId() + "/" + q.queue() : q.queue();
                lines.add(new QueueLine(q.pbxId(), q.queue(), q.waiting(), q.longestWaitMs(), q.loggedIn(),
                        q.available(), q.onCall(), q.paused(), q.wrapUp(), q.serviceLevel(), q.serviceLevelSeconds(),
                        q.abandonRate(), q.offeredToday(), q.answeredToday(), q.abandonedToday()));
                if (q.waiting() > 0 && q.loggedIn() == 0) {
                    alarms.add(new Alarm("no_agent", name, "队列 " + name + " 有 " + q.waiting()
                            + " 位来电等待，但无坐席签入", null));
                }
                if (q.offeredToday() >= SERVICE_LEVEL_MIN_OFFERED && q.serviceLevel() < SERVICE_LEVEL_TARGET) {
                    alarms.add(new Alarm("service_level", name, String.format(java.util.Locale.ROOT,
                            "队列 %s 服务水平 %.0f%%，低于目标 %.0f%%", name, q.serviceLevel() * 100,
                            SERVICE_LEVEL_TARGET * 100), null));
                }
            }
            for (LiveQueues.AgentSnapshot a : live.agents()) {
                byState.merge(a.state().name(), 1, Integer::sum);
            }
            for (LiveQueues.Alarm a : live.alarms()) {
                alarms.add(new Alarm(a.kind(), a.subject(), a.message(), a.since()));
            }
            for (java.util.function.Supplier<List<Alarm>> source : alarmSources) {
                alarms.addAll(source.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("live queue view failed: {}", e.toString());
        }
        Map<String, Alarm> unique = new LinkedHashMap<>();
        alarms.forEach(a -> unique.putIfAbsent(a.kind() + "|" + a.subject(), a));
        return new QueueBoard(clock.instant(), lines, byState, hourly.today(), List.copyOf(unique.values()));
    }

    /**
     * Adds alarms from outside the call layer to every board (and to the pushed alarm frames). The supplier runs on
     * the event loop once a second: it must return a value it already holds.
     */
    public void addAlarmSource(java.util.function.Supplier<List<Alarm>> source) {
        alarmSources.add(source);
    }

    /** A wallboard connected: it gets the board at once. */
    public void connected(WsConnection c) {
        c.send(WsCodec.encode(board()));
    }

    private synchronized void tick() {
        if (sockets.wallboards().isEmpty()) {
            lastFrame = null;
            return;
        }
        QueueBoard b = board();
        Set<String> now = new HashSet<>();
        for (Alarm a : b.alarms()) {
            String key = a.kind() + "|" + a.subject();
            now.add(key);
            if (!lastAlarms.contains(key)) {
                sockets.toWallboards(WsCodec.encode(a));
            }
        }
        lastAlarms = now;
        // compare without the timestamp: an unchanged board is not resent
        String content = new QueueBoard(java.time.Instant.EPOCH, b.queues(), b.agentsByState(), b.callsPerHour(),
                b.alarms()).toJson().encode();
        if (!content.equals(lastFrame)) {
            lastFrame = content;
            sockets.toWallboards(WsCodec.encode(b));
        }
    }

    @Override
    public void close() {
        hub.unsubscribe(counter);
        vertx.cancelTimer(timer);
    }
}
