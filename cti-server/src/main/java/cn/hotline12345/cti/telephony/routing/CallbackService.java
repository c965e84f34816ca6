package cn.hotline12345.cti.telephony.routing;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.call.tracking.QueueBoard;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.cti.telephony.ami.AmiAction;
import cn.hotline12345.cti.telephony.ami.AmiMessage;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Callbacks that are never lost (issue 4 item 8). A caller who left the queue with {@code HOTLINE_CALLBACK=1}
 * and was not answered gets a {@code callback_request} row with requested_at = when they joined the queue (so
 * they keep their place). A timer picks pending requests (priority desc, requested_at asc) for queues that
 * have an available agent and nobody waiting who joined earlier, marks them {@code dialing} and originates
 * {@code PJSIP/<number>@trunk} into context {@code callback} (docs/dialplan-contract.md). The
 * {@code OriginateResponse} (matched by ActionID) moves the request to {@code connected}, or back to
 * {@code pending} with a retry time ({@code failed} after the last attempt); so does a failed action. At start,
 * {@code dialing} rows older than the dialing timeout (a server stopped mid-dial) go back to {@code pending}.
 * All state is in the database; all DB work runs on the {@link Db} worker.
 */
public final class CallbackService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackService.class);
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{5,20}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** The callback joins the queue ahead of callers who have not waited yet (contract: priority 0..10). */
    static final int CALLBACK_PRIORITY = 10;

    private final Vertx vertx;
    private final Db db;
    private final Map<String, PbxConnector> pbxs;
    private final CtiConfig.Routing config;
    private final Clock clock;
    private final Set<String> knownQueues;
    private final CallbackRepository repository = new CallbackRepository();
    /** ActionID of an Originate in flight → request id. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private volatile boolean ticking;
    private long timer = -1;
    private final java.util.function.Predicate<String> dialsOn;
    /** the running pass and the requests being stored: close waits for them before the database goes */
    private final cn.hotline12345.cti.platform.db.InFlight writes = new cn.hotline12345.cti.platform.db.InFlight();

    public CallbackService(Vertx vertx, Db db, Map<String, PbxConnector> pbxs, CtiConfig.Routing config, Clock clock,
                           Set<String> knownQueues) {
        this(vertx, db, pbxs, config, clock, knownQueues, pbx -> true);
    }

    /**
     * @param dialsOn whether this node dials for a PBX now: with several servers, only the owner of its AMI
     *                link (another node's idle board would look like free agents, and its link is down)
     */
    public CallbackService(Vertx vertx, Db db, Map<String, PbxConnector> pbxs, CtiConfig.Routing config, Clock clock,
                           Set<String> knownQueues, java.util.function.Predicate<String> dialsOn) {
        this.dialsOn = dialsOn;
        this.vertx = vertx;
        this.db = db;
        this.pbxs = Map.copyOf(pbxs);
        this.config = config;
        this.clock = clock;
        this.knownQueues = Set.copyOf(knownQueues);
        this.pbxs.values().forEach(p -> p.addTap(this::onEvent));
    }

    /** Subscribe this to the call update hub: it turns ended, unanswered calls that asked for it into requests. */
    public Consumer<CallUpdate> listener() {
        return u -> {
            if (u instanceof CallUpdate.CallEnded e && "1".equals(e.view().ivrVars().get(ChannelVariable.CALLBACK))
                    && e.view().answeredAt() == null) {
                request(e.view(), e.at()).onFailure(x -> LOG.error("callback request of {} NOT stored: {}", e.key(),
                        x.toString()));
            }
        };
    }

    /** Stores the request (or its refusal); completes with true when a new row was written. */
    public Future<Boolean> request(CallView v, Instant at) {
        String number = v.callerNumber() == null ? "" : v.callerNumber().trim();
        String queue = v.queue() == null ? "" : v.queue();
        String refused = null;
        if (!NUMBER.matcher(number).matches()) {
            refused = number.isEmpty() || number.equalsIgnoreCase("anonymous") || number.contains("unknown")
                    ? "withheld number" : "invalid number";
        } else if (!QUEUE.matcher(queue).matches() || !knownQueues.isEmpty() && !knownQueues.contains(queue)) {
            refused = "unknown queue";
        }
        int priority = v.queuePriority() == null ? 0 : Math.max(0, Math.min(10, v.queuePriority()));
        Instant requestedAt = v.queueJoinedAt() != null ? v.queueJoinedAt() : v.startedAt();
        // Never store a hostile value: refused rows keep a harmless placeholder.
        CallbackRequest r = new CallbackRequest(0, v.key().pbxId(), v.key().linkedid(),
                refused == null ? number : printable(number), refused != null && !QUEUE.matcher(queue).matches() ? "?" : queue,
                priority, requestedAt, null, 0);
        String reason = refused;
        if (reason != null) {
            LOG.warn("callback request of {} refused: {}", v.key(), reason);
        } else {
            LOG.info("callback requested by {} in {} (joined {})", PhoneMasking.mask(number), queue, requestedAt);
        }
        return writes.track(db.query(dsl -> repository.create(dsl, r, reason, at)));
    }

    /** Recovers requests left dialing, then starts the timer. */
    public Future<Integer> start() {
        Instant now = clock.instant();
        return db.query(dsl -> repository.recoverDialing(dsl, now.minus(config.callbackDialingTimeout()), now))
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("callbacks: {} requests left dialing by an earlier run are pending again", n);
                    }
                    timer = vertx.setPeriodic(config.callbackInterval().toMillis(), id -> tick());
                });
    }

    /** One pass: for each PBX, dial what is due where an agent is free. */
    void tick() {
        if (ticking) {
            return;
        }
        ticking = true;
        Instant now = clock.instant();
        List<Future<?>> all = new java.util.ArrayList<>();
        for (PbxConnector pbx : pbxs.values()) {
            if (!dialsOn.test(pbx.pbxId())) {
                continue;
            }
            all.add(db.query(dsl -> repository.due(dsl, pbx.pbxId(), now, 50)).compose(due -> dialDue(pbx, due, now)));
        }
        writes.track(Future.join(all)).onComplete(ar -> {
            ticking = false;
            if (ar.failed()) {
                LOG.warn("callbacks: pass failed: {}", ar.cause().toString());
            }
        });
    }

    private Future<Void> dialDue(PbxConnector pbx, List<CallbackRequest> due, Instant now) {
        if (due.isEmpty()) {
            return Future.succeededFuture();
        }
        QueueBoard board = pbx.tracker().board();
        Map<String, Integer> free = new HashMap<>();
        for (LiveQueues.QueueSnapshot q : board.queueSnapshots()) {
            free.put(q.queue(), q.available());
        }
        Map<String, Map<CallKey, Instant>> waiting = board.waiting();
        Future<?> chain = Future.succeededFuture();
        for (CallbackRequest r : due) {
            int available = free.getOrDefault(r.queue(), 0);
            boolean earlierWaiting = waiting.getOrDefault(r.queue(), Map.of()).values().stream()
                    .anyMatch(t -> t.isBefore(r.requestedAt()));
            if (available <= 0 || earlierWaiting) {
                continue;
            }
            free.put(r.queue(), available - 1);
            chain = chain.compose(x -> db.query(dsl -> repository.markDialing(dsl, r.id(), now))
                    .compose(took -> took ? originate(pbx, r) : Future.succeededFuture()));
        }
        return chain.mapEmpty();
    }

    private Future<Void> originate(PbxConnector pbx, CallbackRequest r) {
        AmiAction action;
        try {
            if (!NUMBER.matcher(r.number()).matches() || !QUEUE.matcher(r.queue()).matches()) {
                throw new IllegalArgumentException("stored number or queue malformed");
            }
            action = AmiAction.named("Originate").header("Channel", "PJSIP/" + r.number() + "@trunk")
                    .header("Context", "callback").header("Exten", "s").header("Priority", "1")
                    .header("CallerID", "12345").header("Timeout", "30000").header("Async", "true")
                    .header("Variable", "HOTLINE_QUEUE=" + r.queue() + ",HOTLINE_PRIORITY=" + CALLBACK_PRIORITY
                            + ",HOTLINE_CALLBACK_ID=" + r.id());
        } catch (IllegalArgumentException e) {
            return failed(r.id(), e.getMessage());
        }
        LOG.info("callback {}: calling {} back for {}", r.id(), PhoneMasking.mask(r.number()), r.queue());
        // the ActionID noted as the answer is read, before the OriginateResponse that carries it
        return pbx.sendThen(action, resp -> {
                    if (resp.actionId() != null) {
                        inFlight.put(resp.actionId(), r.id());
                    }
                })
                .<Void>mapEmpty()
                .recover(e -> failed(r.id(), e.getMessage()));
    }

    /** OriginateResponse of one of our callbacks: on the link's event loop, so only hand over. */
    private void onEvent(AmiMessage m) {
        if (!"OriginateResponse".equals(m.event()) || m.actionId() == null) {
            return;
        }
        Long id = inFlight.remove(m.actionId());
        if (id == null) {
            return;
        }
        if ("Success".equalsIgnoreCase(m.get("Response", ""))) {
            Instant now = clock.instant();
            db.query(dsl -> {
                repository.markConnected(dsl, id, now);
                return null;
            }).onFailure(e -> LOG.warn("callback {}: cannot mark connected: {}", id, e.toString()));
        } else {
            failed(id, "originate failed (reason " + m.get("Reason", "?") + ")");
        }
    }

    private Future<Void> failed(long id, String error) {
        Instant now = clock.instant();
        LOG.warn("callback {}: attempt failed: {}", id, error);
        return db.query(dsl -> {
            repository.attemptFailed(dsl, id, now, now.plus(config.callbackRetryAfter()), config.callbackMaxAttempts(), error);
            return null;
        }).mapEmpty();
    }

    private static String printable(String s) {
        String cut = s.length() > 32 ? s.substring(0, 32) : s;
        return cut.replaceAll("[^0-9+]", "?");
    }

    /** Stops the timer, then waits (at most 10 s) for a pass and requests still writing (issue 20 item 10). */
    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        int left = writes.await(java.time.Duration.ofSeconds(10));
        if (left > 0) {
            LOG.warn("callbacks: {} writes still running at shutdown", left);
        }
    }
}
