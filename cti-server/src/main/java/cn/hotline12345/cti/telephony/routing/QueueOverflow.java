package cn.hotline12345.cti.telephony.routing;

import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.tracking.CallTracker;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.telephony.ami.AmiAction;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Overflow to the backup queue (issue 4 item 8): once a second, a caller who has waited longer than
 * {@code routing.overflowAfter} in any queue other than {@code routing.overflowQueue} is moved there with AMI
 * {@code Redirect} of the caller's channel to context {@code queue-transfer}, exten = the backup queue (see
 * docs/dialplan-contract.md). Each caller is moved at most once (a failed Redirect is recorded and not retried:
 * the caller stays where they are rather than bouncing), and every move is a {@code queue_overflow} call event.
 *
 * <p>The tracker and the set of moved calls are read and written only on each PBX link's event loop.
 */
public final class QueueOverflow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueOverflow.class);
    static final String CONTEXT = "queue-transfer";
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final Vertx vertx;
    private final List<PbxConnector> pbxs;
    private final CallRecordSink sink;
    private final Duration after;
    private final String backupQueue;
    private final Clock clock;
    /** Per PBX, the Linkedids already moved; touched only on that PBX's link context. */
    private final Map<String, Set<String>> moved = new java.util.concurrent.ConcurrentHashMap<>();
    private long timer = -1;
    private final java.util.function.Predicate<String> movesOn;

    public QueueOverflow(Vertx vertx, List<PbxConnector> pbxs, CallRecordSink sink, CtiConfig.Routing config, Clock clock) {
        this(vertx, pbxs, sink, config, clock, pbx -> true);
    }

    /** @param movesOn whether this node moves callers on a PBX now: with several servers, only its link's owner */
    public QueueOverflow(Vertx vertx, List<PbxConnector> pbxs, CallRecordSink sink, CtiConfig.Routing config, Clock clock,
                         java.util.function.Predicate<String> movesOn) {
        this.movesOn = movesOn;
        if (!QUEUE.matcher(config.overflowQueue()).matches()) {
            throw new IllegalArgumentException("overflow queue: invalid name");
        }
        this.vertx = vertx;
        this.pbxs = List.copyOf(pbxs);
        this.sink = sink;
        this.after = config.overflowAfter();
        this.backupQueue = config.overflowQueue();
        this.clock = clock;
        pbxs.forEach(p -> moved.put(p.pbxId(), new HashSet<>()));
    }

    /** Starts the once-a-second check. */
    public QueueOverflow start() {
        timer = vertx.setPeriodic(1_000, id -> pbxs.stream().filter(p -> movesOn.test(p.pbxId()))
                .forEach(p -> p.link().context().runOnContext(v -> check(p))));
        return this;
    }

    /** One pass over one PBX; runs on its link's event loop. */
    void check(PbxConnector pbx) {
        CallTracker tracker = pbx.tracker();
        Set<String> done = moved.get(pbx.pbxId());
        done.removeIf(linkedid -> !tracker.isActive(linkedid));
        Instant now = clock.instant();
        for (Map.Entry<String, Map<CallKey, Instant>> q : tracker.board().waiting().entrySet()) {
            String queue = q.getKey();
            if (queue.equals(backupQueue)) {
                continue;
            }
            for (Map.Entry<CallKey, Instant> w : q.getValue().entrySet()) {
                Duration waited = Duration.between(w.getValue(), now);
                String linkedid = w.getKey().linkedid();
                if (waited.compareTo(after) < 0 || done.contains(linkedid)) {
                    continue;
                }
                String channel = tracker.callerChannel(linkedid);
                if (channel == null) {
                    continue;
                }
                done.add(linkedid);
                move(pbx, w.getKey(), channel, queue, waited);
            }
        }
    }

    private void move(PbxConnector pbx, CallKey key, String channel, String from, Duration waited) {
        AmiAction redirect;
        try {
            redirect = AmiAction.named("Redirect").header("Channel", channel).header("Context", CONTEXT)
                    .header("Exten", backupQueue).header("Priority", "1");
        } catch (IllegalArgumentException e) {
            LOG.warn("overflow of {}: refused value ({})", key, e.getMessage());
            return;
        }
        Map<String, String> data = Map.of("from", from, "to", backupQueue, "waited_ms", Long.toString(waited.toMillis()));
        pbx.link().send(redirect)
                .onSuccess(r -> {
                    LOG.info("call {} waited {} s in {}: moved to {}", key, waited.toSeconds(), from, backupQueue);
                    sink.event(new CallEventRecord(key, "Overflow:" + key.linkedid(), "queue_overflow", clock.instant(), data));
                })
                .onFailure(e -> {
                    LOG.warn("overflow of {} from {} failed: {}", key, from, e.getMessage());
                    sink.event(new CallEventRecord(key, "OverflowFailed:" + key.linkedid(), "queue_overflow_failed",
                            clock.instant(), Map.of("from", from, "to", backupQueue, "error",
                                    String.valueOf(e.getMessage()))));
                });
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
