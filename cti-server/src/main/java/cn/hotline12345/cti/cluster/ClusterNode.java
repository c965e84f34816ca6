package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.tracking.LiveQueueView;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.call.tracking.QueueBoard;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.telephony.TelephonyModule;
import cn.hotline12345.cti.telephony.ami.AmiLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One server of several on a clustered Vert.x (issue 11 item 3). It joins this node's telephony to the others:
 *
 * <ul>
 *   <li>{@link AmiOwnership} decides which PBX links this node runs (the owner's tracker feeds the effectful
 *       listeners — draft matters, caller profile, callbacks — on the owner only: exactly once per call);</li>
 *   <li>the owner publishes its call updates on {@value #CALL_UPDATES}; every node, the owner included, hands
 *       them to its own view hub, which feeds the WebSocket screen pops and the wallboard of that node;</li>
 *   <li>the owner publishes each owned PBX's queue board every second on {@value #BOARDS}; the live queue view of
 *       every node shows its own boards for the PBXs it owns and the owners' snapshots for the others;</li>
 *   <li>agent actions are routed to the owner ({@link RoutedAgentActions}).</li>
 * </ul>
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    public static final String CALL_UPDATES = "cti.call-updates";
    public static final String BOARDS = "cti.queue-boards";
    /** A board snapshot older than this is from an owner that died: not shown. */
    private static final long BOARD_STALE_NANOS = Duration.ofSeconds(5).toNanos();

    private record Received(BoardSnapshot snapshot, long atNanos) {
    }

    private final Vertx vertx;
    private final EventBus bus;
    private final TelephonyModule telephony;
    private final AmiOwnership ownership;
    private final RoutedAgentActions actions;
    private final LiveQueueView liveQueues;
    private final Map<String, MessageConsumer<JsonObject>> serving = new ConcurrentHashMap<>();
    /** Other slices' owner-side services (issue 23: the supervisor's monitor), served like the agent actions. */
    private final List<java.util.function.BiFunction<EventBus, String, MessageConsumer<JsonObject>>> ownerServices =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, List<MessageConsumer<JsonObject>>> servingOthers = new ConcurrentHashMap<>();
    private final Map<String, Received> remoteBoards = new ConcurrentHashMap<>();
    private final MessageConsumer<CallUpdate> updatesIn;
    private final MessageConsumer<BoardSnapshot> boardsIn;
    private final Consumer<CallUpdate> updatesOut;
    private final CallUpdateHub ownerHub;
    private long boardTimer = -1;
    private final long startedNanos = System.nanoTime();

    /**
     * @param ownerHub where this node's trackers publish (its effectful listeners are subscribed there)
     * @param viewHub  where this node's web layer listens: fed from the event bus with every owner's updates
     */
    public ClusterNode(Vertx vertx, CtiConfig config, Db db, TelephonyModule telephony, CallUpdateHub ownerHub,
                       CallUpdateHub viewHub, Readiness readiness, MeterRegistry metrics, Clock clock) {
        this.vertx = vertx;
        this.bus = vertx.eventBus();
        this.telephony = telephony;
        this.ownerHub = ownerHub;
        bus.registerCodec(new CallUpdateCodec());
        bus.registerCodec(new BoardSnapshotCodec());
        List<String> pbxIds = config.pbxs().stream().map(CtiConfig.Pbx::id).toList();
        this.ownership = new AmiOwnership(vertx, db, config.cluster(), pbxIds, new AmiOwnership.Listener() {
            @Override
            public Future<Void> acquired(String pbxId, long epoch) {
                return takeOver(pbxId);
            }

            @Override
            public Future<Void> lost(String pbxId, String why, boolean clean) {
                return standBy(pbxId, clean);
            }
        }, readiness, metrics);
        this.actions = new RoutedAgentActions(bus, telephony.agentActions(), ownership::owns, Duration.ofSeconds(8));
        this.liveQueues = new LiveQueueView(() -> merged(QueueBoard::queueSnapshots, BoardSnapshot::queues),
                () -> merged(QueueBoard::agentSnapshots, BoardSnapshot::agents), () -> remoteLinkAlarms(clock),
                readiness, clock, 0.8);
        DeliveryOptions updateOptions = new DeliveryOptions().setCodecName(CallUpdateCodec.NAME);
        // issue 25: an owner that wakes from a pause longer than its lease has its sockets full of AMI events the new
        // owner has already published: until its next renewal tells it the lease is gone, it publishes none of them
        // (the consoles would pop those calls a second time); its writes are refused by the lease fence
        Counter stale = Counter.builder("cti_call_updates_stale_dropped_total").description("call updates of a PBX "
                + "not published because this node's lease on it may have expired (a paused owner waking up)")
                .register(metrics);
        this.updatesOut = u -> {
            if (ownership.leaseCurrent(u.key().pbxId())) {
                bus.publish(CALL_UPDATES, u, updateOptions);
            } else {
                stale.increment();
            }
        };
        ownerHub.subscribe(updatesOut);
        this.updatesIn = bus.consumer(CALL_UPDATES, m -> viewHub.publish(m.body()));
        this.boardsIn = bus.consumer(BOARDS, m -> {
            BoardSnapshot s = m.body();
            if (!ownership.owns(s.pbxId())) {
                remoteBoards.put(s.pbxId(), new Received(s, System.nanoTime()));
            }
        });
    }

    /** Joins the lease race and starts publishing the boards of the PBXs this node comes to own. */
    public Future<Void> start() {
        DeliveryOptions boardOptions = new DeliveryOptions().setCodecName(BoardSnapshotCodec.NAME);
        boardTimer = vertx.setPeriodic(1_000, id -> {
            for (String pbx : telephony.pbxIds()) {
                if (ownership.leaseCurrent(pbx)) { // a paused owner's board is as stale as its call updates
                    QueueBoard b = telephony.board(pbx);
                    boolean up = telephony.link(pbx).state() == AmiLink.State.UP;
                    bus.publish(BOARDS, new BoardSnapshot(pbx, ownership.nodeId(), up, b.queueSnapshots(),
                            b.agentSnapshots()), boardOptions);
                }
            }
        });
        ownership.start();
        return Future.all(updatesIn.completion(), boardsIn.completion()).mapEmpty();
    }

    public AgentActions agentActions() {
        return actions;
    }

    public LiveQueues liveQueues() {
        return liveQueues;
    }

    public boolean owns(String pbxId) {
        return ownership.owns(pbxId);
    }

    /** The fencing token of this node's writes for a PBX ({@link AmiOwnership#epochOf}). */
    public long epochOf(String pbxId) {
        return ownership.epochOf(pbxId);
    }

    /** The epoch of the lease this node holds now ({@link AmiOwnership#heldEpochOf}). */
    public long heldEpochOf(String pbxId) {
        return ownership.heldEpochOf(pbxId);
    }

    private Future<Void> takeOver(String pbxId) {
        remoteBoards.remove(pbxId);
        telephony.takeOver(pbxId);
        MessageConsumer<JsonObject> c = RoutedAgentActions.serve(bus, pbxId, telephony.agentActions());
        MessageConsumer<JsonObject> old = serving.put(pbxId, c);
        if (old != null) {
            old.unregister();
        }
        List<MessageConsumer<JsonObject>> others = new ArrayList<>();
        ownerServices.forEach(s -> others.add(s.apply(bus, pbxId)));
        List<MessageConsumer<JsonObject>> before = servingOthers.put(pbxId, others);
        if (before != null) {
            before.forEach(MessageConsumer::unregister);
        }
        List<Future<Void>> ready = new ArrayList<>();
        ready.add(c.completion());
        others.forEach(o -> ready.add(o.completion()));
        return Future.all(ready).mapEmpty();
    }

    /**
     * Serves a slice's owner-side requests for each PBX while this node owns its link (registered on take-over,
     * unregistered on stand-by), as the agent actions are. Call before {@link #start()}.
     */
    public void serveWhileOwning(java.util.function.BiFunction<EventBus, String, MessageConsumer<JsonObject>> service) {
        ownerServices.add(service);
    }

    private Future<Void> standBy(String pbxId, boolean clean) {
        MessageConsumer<JsonObject> c = serving.remove(pbxId);
        List<MessageConsumer<JsonObject>> others = servingOthers.remove(pbxId);
        if (others != null) {
            others.forEach(MessageConsumer::unregister);
        }
        Future<Void> unregistered = c == null ? Future.succeededFuture() : c.unregister();
        return Future.join(unregistered, telephony.standBy(pbxId, clean)).mapEmpty();
    }

    private <T> List<T> merged(java.util.function.Function<QueueBoard, List<T>> local,
                               java.util.function.Function<BoardSnapshot, List<T>> remote) {
        List<T> out = new ArrayList<>();
        long now = System.nanoTime();
        for (String pbx : telephony.pbxIds()) {
            if (ownership.owns(pbx)) {
                out.addAll(local.apply(telephony.board(pbx)));
            } else {
                Received r = remoteBoards.get(pbx);
                if (r != null && now - r.atNanos() < BOARD_STALE_NANOS) {
                    out.addAll(remote.apply(r.snapshot()));
                }
            }
        }
        return out;
    }

    /**
     * The link-down alarm for PBXs another node runs: its board says the link is down, or no node has published
     * a board for 5 s (no owner: the takeover gap, or every node cut off from PostgreSQL).
     */
    private List<LiveQueues.Alarm> remoteLinkAlarms(Clock clock) {
        List<LiveQueues.Alarm> out = new ArrayList<>();
        long now = System.nanoTime();
        for (String pbx : telephony.pbxIds()) {
            if (ownership.owns(pbx)) {
                continue;
            }
            Received r = remoteBoards.get(pbx);
            if (r == null && now - startedNanos < BOARD_STALE_NANOS) {
                continue; // just started: the owner's first board is on its way
            }
            if (r == null || now - r.atNanos() >= BOARD_STALE_NANOS) {
                out.add(new LiveQueues.Alarm("ami_link_down", pbx, "PBX " + pbx + " 没有节点持有 AMI 连接（接管中）",
                        clock.instant()));
            } else if (!r.snapshot().linkUp()) {
                out.add(new LiveQueues.Alarm("ami_link_down", pbx, "PBX " + pbx + " AMI 连接中断（节点 "
                        + r.snapshot().owner() + "）", clock.instant()));
            }
        }
        return out;
    }

    /** Gives the leases up (another node takes over at once), then leaves the bus. */
    @Override
    public void close() {
        if (boardTimer >= 0) {
            vertx.cancelTimer(boardTimer);
        }
        ownership.close();
        ownerHub.unsubscribe(updatesOut);
        try {
            Future.join(updatesIn.unregister(), boardsIn.unregister()).await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("cluster consumers not unregistered cleanly: {}", e.getMessage());
        }
    }
}
