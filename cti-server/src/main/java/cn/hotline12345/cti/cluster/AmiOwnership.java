package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns each PBX's AMI link: one lease per PBX in PostgreSQL ({@link AmiLeaseRepository}). Every
 * {@code leaseRenew} the owner renews its leases and the other nodes try to take the expired ones; a node that
 * gets a lease starts that link ({@link Listener#acquired}), one whose renewal is refused stops it at once
 * ({@link Listener#lost}).
 *
 * <p>Partitions (issue 25 item 3): the PostgreSQL lease is the only arbiter (Hazelcast's membership decides
 * nothing). An owner that cannot renew keeps its links only until its lease's TTL has run out, counted on its own
 * monotonic clock from the last renewal it sent; then it stops them, because the database may by then have
 * given the lease to a node on the other side. A node cut off from PostgreSQL therefore holds no link after one
 * TTL, and no node can take a lease without reaching PostgreSQL. Writes are fenced by the epoch as well
 * ({@link #epochOf}), for the owner that paused (GC, VM freeze) and never noticed. See docs/operations.md.
 *
 * <p>All state changes run on one Vert.x context; {@link #owns} may be read from any thread.
 */
public final class AmiOwnership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmiOwnership.class);

    /** Told on the ownership's context; the returned future completes when the link has been started or stopped. */
    public interface Listener {
        Future<Void> acquired(String pbxId, long epoch);

        /** @param clean this node is stopping and gives the lease up (rather than having lost it) */
        Future<Void> lost(String pbxId, String why, boolean clean);
    }

    private final Vertx vertx;
    private final Context context;
    private final Db db;
    private final CtiConfig.Cluster config;
    private final List<String> pbxIds;
    private final Listener listener;
    private final Readiness readiness;
    private final AmiLeaseRepository repository = new AmiLeaseRepository();
    private final Map<String, Long> owned = new ConcurrentHashMap<>();
    private final Map<String, Long> lastEpoch = new ConcurrentHashMap<>();
    /** When the last successful renewal (or the acquisition) of each owned lease was sent, by System.nanoTime(). */
    private final Map<String, Long> renewedAt = new ConcurrentHashMap<>();
    /** The renewal or acquisition under way per PBX (at most one); touched on the context only. */
    private final Map<String, Future<Void>> inFlight = new java.util.HashMap<>();
    private final java.util.Set<String> unreachableWarned = ConcurrentHashMap.newKeySet();
    private final Counter renewFailures;
    private final Counter takeovers;
    private long timer = -1;
    private long watchdog = -1;
    private volatile boolean closed;

    public AmiOwnership(Vertx vertx, Db db, CtiConfig.Cluster config, List<String> pbxIds, Listener listener,
                        Readiness readiness, MeterRegistry metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.db = db;
        this.config = config;
        this.pbxIds = List.copyOf(pbxIds);
        this.listener = listener;
        this.readiness = readiness;
        this.renewFailures = metrics.counter("cti_ami_lease_renew_failures_total");
        this.takeovers = metrics.counter("cti_ami_lease_takeovers_total");
        for (String pbx : pbxIds) {
            metrics.gauge("cti_ami_link_owner", Tags.of("pbx", pbx), owned, m -> m.containsKey(pbx) ? 1 : 0);
        }
    }

    /** Tries at once, then every {@code leaseRenew}. */
    public void start() {
        context.runOnContext(v -> {
            tick();
            timer = vertx.setPeriodic(config.leaseRenew().toMillis(), id -> tick());
            watchdog = vertx.setPeriodic(WATCHDOG_MS, id -> expireUnrenewed());
        });
    }

    /** True while this node holds the PBX's lease (its link may still be connecting). */
    public boolean owns(String pbxId) {
        return owned.containsKey(pbxId);
    }

    /**
     * The fencing token of this node's writes for a PBX (issue 25 item 2): the epoch of the lease it holds or last
     * held, 0 if it never held it. Writes carry it and the database refuses them once a newer epoch exists, so an
     * owner that paused past its lease cannot overwrite what the new owner wrote.
     */
    public long epochOf(String pbxId) {
        return lastEpoch.getOrDefault(pbxId, 0L);
    }

    /**
     * True while this node holds the PBX's lease and its last renewal was sent less than a TTL ago on this node's
     * monotonic clock (which runs on while the process is frozen): the lease cannot have expired yet. False for an
     * owner that has just woken up from a pause longer than its lease and has not yet learnt (at its next renewal)
     * that another node took the PBX over: what it does meanwhile comes from a stale view of the PBX.
     */
    public boolean leaseCurrent(String pbxId) {
        Long renewed = renewedAt.get(pbxId);
        return owned.containsKey(pbxId) && renewed != null
                && System.nanoTime() - renewed < config.leaseTtl().toNanos();
    }

    /** The epoch of the lease this node holds on the PBX now, 0 when it holds none. */
    public long heldEpochOf(String pbxId) {
        return owned.getOrDefault(pbxId, 0L);
    }

    public String nodeId() {
        return config.nodeId();
    }

    /** How often the watchdog looks at the owned leases' age. */
    private static final long WATCHDOG_MS = 100;

    /**
     * Partition safety (issue 25): steps down from every lease whose last successful renewal was sent a TTL (less
     * a small margin) ago, whether or not a renewal is still under way. A renewal stuck on a database that does not
     * answer (a blackholed connection: no error until the driver's timeout) would otherwise keep the link past the
     * moment the database may give the lease to another node. The lease cannot expire in the database before
     * {@code sentAt + ttl} (the database's {@code now()} at the renewal is later than {@code sentAt}), so stepping down
     * at that point on this node's monotonic clock leaves no moment with two owners.
     */
    private void expireUnrenewed() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long ttl = config.leaseTtl().toNanos();
        long margin = Math.min(ttl / 10, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(2 * WATCHDOG_MS));
        for (String pbx : List.copyOf(owned.keySet())) {
            Long renewed = renewedAt.get(pbx);
            if (renewed != null && now - renewed >= ttl - margin) {
                unreachableWarned.remove(pbx);
                stepDown(pbx, "lease not renewed within its TTL; the database may give it to another node", false);
            }
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        for (String pbx : pbxIds) {
            if (inFlight.containsKey(pbx)) {
                continue;
            }
            Future<Void> step = owned.containsKey(pbx) ? renew(pbx, owned.get(pbx)) : tryAcquire(pbx);
            inFlight.put(pbx, step);
            step.onComplete(ar -> {
                inFlight.remove(pbx);
                if (ar.failed()) {
                    LOG.warn("AMI lease of {}: {}", pbx, ar.cause().toString());
                }
            });
        }
    }

    private Future<Void> renew(String pbx, long epoch) {
        long sentAt = System.nanoTime(); // before the request: the lease runs from no earlier than this
        return db.query(dsl -> repository.renew(dsl, pbx, config.nodeId(), epoch, config.leaseTtl()))
                .transform(ar -> {
                    if (ar.failed()) {
                        renewFailures.increment();
                        long heldFor = System.nanoTime() - renewedAt.getOrDefault(pbx, sentAt);
                        if (heldFor >= config.leaseTtl().toNanos()) {
                            // issue 25 item 3: the database is the only arbiter. Past the TTL another node may hold
                            // the lease, so this one gives the link up rather than risk two owners
                            unreachableWarned.remove(pbx);
                            return stepDown(pbx, "cannot renew the lease within its TTL (" + ar.cause().getMessage()
                                    + "); the database may have given it to another node", false);
                        }
                        if (unreachableWarned.add(pbx)) {
                            LOG.warn("AMI lease of {}: cannot renew ({}); keeping the link until the lease's TTL runs out",
                                    pbx, ar.cause().getMessage());
                        }
                        return Future.succeededFuture();
                    }
                    if (unreachableWarned.remove(pbx)) {
                        LOG.info("AMI lease of {}: database reachable again", pbx);
                    }
                    if (ar.result().isPresent()) {
                        renewedAt.put(pbx, sentAt);
                        return Future.succeededFuture();
                    }
                    return stepDown(pbx, "lease taken by another node (epoch " + epoch + " is stale)", false);
                });
    }

    private Future<Void> tryAcquire(String pbx) {
        long sentAt = System.nanoTime();
        return db.query(dsl -> {
            var got = repository.tryAcquire(dsl, pbx, config.nodeId(), config.leaseTtl());
            return got.isPresent() ? got : repository.find(dsl, pbx).map(l -> new AmiLease(l.pbxId(), l.owner(), -1, l.expiresAt()));
        }).transform(ar -> {
            if (ar.failed()) {
                readiness.report("ami:" + pbx, true, "standby: database unreachable, cannot take the AMI lease");
                return Future.failedFuture(ar.cause());
            }
            if (ar.result().isEmpty() || ar.result().get().epoch() < 0) {
                String owner = ar.result().map(AmiLease::owner).orElse("nobody");
                readiness.report("ami:" + pbx, true, "standby: AMI link owned by " + owner);
                return Future.succeededFuture();
            }
            AmiLease lease = ar.result().get();
            if (closed) {
                // taken while this node was stopping: give it back at once rather than sit on it for a TTL
                return db.query(dsl -> repository.release(dsl, pbx, config.nodeId(), lease.epoch())).mapEmpty();
            }
            lastEpoch.put(pbx, lease.epoch());
            renewedAt.put(pbx, sentAt);
            owned.put(pbx, lease.epoch());
            takeovers.increment();
            LOG.info("AMI lease of {}: taken by this node ({}), epoch {}; starting the link", pbx, config.nodeId(),
                    lease.epoch());
            readiness.report("ami:" + pbx, false, "taking the AMI link over (epoch " + lease.epoch() + ")");
            return listener.acquired(pbx, lease.epoch());
        });
    }

    private Future<Void> stepDown(String pbx, String why, boolean clean) {
        if (owned.remove(pbx) == null) {
            return Future.succeededFuture();
        }
        LOG.warn("AMI lease of {}: {}; stopping the link at once", pbx, why);
        return listener.lost(pbx, why, clean).onComplete(x -> {
            if (!closed) {
                readiness.report("ami:" + pbx, true, "standby: " + why);
            }
        });
    }

    /** Stops the links this node owns and releases their leases, so another node takes over without waiting. */
    @Override
    public void close() {
        closed = true;
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                vertx.cancelTimer(watchdog);
            }
            // a renewal or acquisition under way finishes first (one under way now releases what it takes)
            Future.join(new ArrayList<>(inFlight.values())).onComplete(settled -> {
                List<Future<?>> all = new ArrayList<>();
                for (Map.Entry<String, Long> e : Map.copyOf(owned).entrySet()) {
                    all.add(stepDown(e.getKey(), "this node is stopping", true).compose(x -> db.query(dsl ->
                            repository.release(dsl, e.getKey(), config.nodeId(), e.getValue()))));
                }
                Future.join(all).onComplete(x -> done.complete());
            });
        });
        try {
            done.future().await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("AMI leases not released cleanly: {}", e.getMessage());
        }
    }
}
