package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.softphone.ws.Alarm;
import cn.hotline12345.softphone.ws.PbxLink;
import cn.hotline12345.softphone.ws.QueueBoard;
import cn.hotline12345.softphone.ws.QueueLine;
import cn.hotline12345.softphone.ws.WsCodec;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds the wallboard's {@link QueueBoard} from {@link LiveQueues} every second and pushes it to every
 * wallboard when it changed; raises an {@link Alarm} frame when a new alarm appears.
 *
 * <p>Alarms: the queue alarms of {@link QueueAlarms} (thresholds from {@code wallboard.*}), computed here and only
 * here — the call layer's own queue alarms ({@code no_agent}, {@code service_level} of {@code LiveQueues.alarms()})
 * are the same facts and are not shown a second time — and the AMI link alarms of the call layer (a link down,
 * here or on another node of a cluster), reworded for the supervisor. Each alarm is dated from the first board
 * that raised it. Every configured PBX's link is listed, up or down.
 */
public final class WallboardPublisher implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(WallboardPublisher.class);
    /** The default share of calls to answer within the queue's service-level seconds. */
    public static final double SERVICE_LEVEL_TARGET = CtiConfig.Wallboard.Thresholds.DEFAULTS.serviceLevelBelow();
    /** Kinds of the call layer's alarms that {@link QueueAlarms} raises itself. */
    private static final Set<String> RAISED_HERE = Set.of("no_agent", "service_level", "waiting", "longest_wait",
            "abandon_rate");
    private static final String LINK_DOWN = "ami_link_down";

    private final Vertx vertx;
    private final LiveQueues live;
    private final SocketRegistry sockets;
    private final HourlyCalls hourly;
    private final Clock clock;
    private final CallUpdateHub hub;
    private final QueueAlarms queueAlarms;
    private final List<String> pbxIds;
    private final Consumer<CallUpdate> counter;
    private long timer = -1;
    private final Map<String, Instant> raisedAt = new HashMap<>();
    private String lastFrame;
    private Set<String> lastAlarms = new HashSet<>();
    /** Alarms other slices raise (e.g. the calendar's, issue 22 item 4); each must answer at once, never block. */
    private final List<java.util.function.Supplier<List<Alarm>>> alarmSources =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** With the default thresholds and no PBX list (links are then those the alarms name). */
    public WallboardPublisher(Vertx vertx, LiveQueues live, SocketRegistry sockets, HourlyCalls hourly,
                              CallUpdateHub hub, Clock clock) {
        this(vertx, live, sockets, hourly, hub, clock, CtiConfig.Wallboard.defaults(), List.of());
    }

    /**
     * @param settings the queue alarms' thresholds
     * @param pbxIds   the configured PBXs, each listed with its link state
     */
    public WallboardPublisher(Vertx vertx, LiveQueues live, SocketRegistry sockets, HourlyCalls hourly,
                              CallUpdateHub hub, Clock clock, CtiConfig.Wallboard settings, List<String> pbxIds) {
        this.vertx = vertx;
        this.live = live;
        this.sockets = sockets;
        this.hourly = hourly;
        this.clock = clock;
        this.hub = hub;
        this.queueAlarms = new QueueAlarms(settings);
        this.pbxIds = List.copyOf(pbxIds);
        this.counter = u -> {
            if (u instanceof CallUpdate.CallStarted s) {
                hourly.count(s.at());
            }
        };
    }

    /** Counts the calls of the hour and sends the board to the wallboards every second. */
    @Override
    public synchronized Future<Void> start() {
        if (timer < 0) {
            hub.subscribe(counter);
            var context = vertx.getOrCreateContext();
            this.timer = vertx.setPeriodic(1_000, id -> context.runOnContext(v -> tick()));
        }
        return Future.succeededFuture();
    }

    /** The board now. */
    public synchronized QueueBoard board() {
        Instant now = clock.instant();
        List<QueueLine> lines = new ArrayList<>();
        List<Alarm> alarms = new ArrayList<>();
        Map<String, Instant> linksDown = new TreeMap<>();
        Map<String, Integer> byState = new TreeMap<>();
        for (AgentState s : AgentState.values()) {
            byState.put(s.name(), 0);
        }
        Set<String> current = new HashSet<>();
        try {
            List<LiveQueues.QueueSnapshot> queues = live.queues();
            // two PBXs may have a queue of the same name: their alarms must stay two alarms, each naming its PBX
            boolean severalPbxs = pbxIds.size() > 1
                    || queues.stream().map(LiveQueues.QueueSnapshot::pbxId).distinct().count() > 1;
            for (LiveQueues.QueueSnapshot q : queues) {
                lines.add(new QueueLine(q.pbxId(), q.queue(), q.waiting(), q.longestWaitMs(), q.loggedIn(),
                        q.available(), q.onCall(), q.paused(), q.wrapUp(), q.serviceLevel(), q.serviceLevelSeconds(),
                        q.abandonRate(), q.offeredToday(), q.answeredToday(), q.abandonedToday(),
                        HotlineQueue.displayNameOf(q.queue())));
                for (QueueAlarms.Raised r : queueAlarms.of(q, severalPbxs)) {
                    alarms.add(dated(r, null, now, current));
                }
            }
            for (LiveQueues.AgentSnapshot a : live.agents()) {
                byState.merge(a.state().name(), 1, Integer::sum);
            }
            for (LiveQueues.Alarm a : live.alarms()) {
                if (LINK_DOWN.equals(a.kind())) {
                    linksDown.merge(a.subject(), a.since() == null ? now : a.since(),
                            (x, y) -> x.isBefore(y) ? x : y);
                } else if (!RAISED_HERE.contains(a.kind())) {
                    alarms.add(dated(new QueueAlarms.Raised(a.kind(), a.subject(), a.message()), a.since(), now,
                            current));
                }
            }
            for (java.util.function.Supplier<List<Alarm>> source : alarmSources) {
                alarms.addAll(source.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("live queue view failed: {}", e.toString());
        }
        linksDown.forEach((pbx, since) -> alarms.add(0, dated(queueAlarms.linkDown(pbx), since, now, current)));
        raisedAt.keySet().retainAll(current);
        Map<String, Alarm> unique = new LinkedHashMap<>();
        alarms.forEach(a -> unique.putIfAbsent(a.kind() + "|" + a.subject(), a));
        List<PbxLink> links = new ArrayList<>();
        Set<String> listed = new java.util.LinkedHashSet<>(pbxIds);
        listed.addAll(linksDown.keySet());
        for (String pbx : listed) {
            Instant down = linksDown.get(pbx);
            links.add(new PbxLink(pbx, down == null, down));
        }
        return new QueueBoard(now, lines, byState, hourly.today(), List.copyOf(unique.values()), links);
    }

    /** The alarm with its start: the source's when it has one, else the first board that raised it. */
    private Alarm dated(QueueAlarms.Raised r, Instant sourceSince, Instant now, Set<String> current) {
        String key = r.kind() + "|" + r.subject();
        current.add(key);
        Instant first = raisedAt.computeIfAbsent(key, k -> sourceSince != null ? sourceSince : now);
        return new Alarm(r.kind(), r.subject(), r.message(), sourceSince != null ? sourceSince : first);
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
        String content = new QueueBoard(Instant.EPOCH, b.queues(), b.agentsByState(), b.callsPerHour(),
                b.alarms(), b.links()).toJson().encode();
        if (!content.equals(lastFrame)) {
            lastFrame = content;
            sockets.toWallboards(WsCodec.encode(b));
        }
    }

    @Override
    public synchronized void close() {
        hub.unsubscribe(counter);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
