package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.api.CallWriteItem;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes what the call trackers hand over, without blocking them, and writes it to PostgreSQL in batches
 * on its own threads, one per lane: a call's records and events always go to the same lane (by the call's key;
 * an agent's state changes by the agent), so each call's writes stay in order while the lanes' transactions run
 * side by side on their own connections (PostgreSQL works on one lane's batch while the other lane's is being
 * encoded and sent). Within a lane, records of one call waiting to be written are coalesced (the newest wins, an ended one
 * is never replaced by one that is not; see {@link PendingItems}), events and agent states are appended.
 * Bounded: a full backlog refuses the item and counts it (metric, log and alarm); when the database fails,
 * the batch is retried with backoff and nothing already taken is lost. A batch holds at most
 * {@code maxBatch} items (which bounds how long its commit takes) and is committed at the latest
 * {@code maxBatchDelay} after its first item was taken (which bounds how long an item waits for company).
 * {@link #close()} drains what is queued before returning. The lanes' loops are {@link WriterLane}, the spill to
 * the local journal and its replay {@link WriterSpill}.
 */
public final class CallRecordWriter implements CallRecordSink, Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);
    public static final String ALARM_COMPONENT = "call-writer";

    // package-private: shared with the lanes (WriterLane) and the spill (WriterSpill)
    private final CallRecordRepository repository;
    final WriterLane[] lanes;
    final int maxBatch;
    final long maxBatchDelayNanos;
    final Counter overflow;
    final Counter written;
    private final Counter coalesced;
    final Timer batchTimer;
    final io.micrometer.core.instrument.DistributionSummary batchItems;
    final Readiness readiness;
    private final AtomicLong accepted = new AtomicLong();
    final AtomicLong journalPending = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final CountDownLatch stopped;
    volatile boolean closing;
    final WriterSpill spill;
    volatile boolean databaseFailing;
    /** PBX → the epoch of this node's lease on it (0: unfenced, a single server); see {@link #fenceWith}. */
    private volatile java.util.function.ToLongFunction<String> fence = pbx -> 0;
    private final Counter fenced;
    private long lastOverflowLog;
    private boolean started;

    /**
     * @param capacity      items (events, agent states, calls with a record waiting) held before refusing more
     * @param maxBatch      items written in one transaction at most
     * @param maxBatchDelay how long a batch that is not full may wait for more items before it is committed
     * @param lanes         writer threads, each with its own share of the capacity and its own transactions (and
     *                      so its own pooled connection); a call is always written by the same lane
     */
    public CallRecordWriter(CallRecordRepository repository, int capacity, int maxBatch, Duration maxBatchDelay,
                            int lanes, MeterRegistry metrics, Readiness readiness, java.nio.file.Path journalDir) {
        if (maxBatch < 1 || maxBatchDelay.isNegative() || lanes < 1 || capacity < lanes) {
            throw new IllegalArgumentException("maxBatch and lanes must be positive, capacity at least one per lane,"
                    + " maxBatchDelay not negative");
        }
        this.repository = repository;
        this.maxBatchDelayNanos = maxBatchDelay.toNanos();
        this.spill = new WriterSpill(this, journalDir, Math.max(1, capacity / lanes / 2));
        this.journalPending.set(spill.journal.countItems());
        metrics.gauge("cti_call_writer_spilled_items", this, w -> w.spill.journal.spilledItems());
        this.lanes = new WriterLane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new WriterLane(this, i, new PendingItems(capacity / lanes));
        }
        this.stopped = new CountDownLatch(lanes);
        this.maxBatch = maxBatch;
        this.readiness = readiness;
        this.overflow = metrics.counter("cti_call_writer_overflow_total");
        this.written = metrics.counter("cti_call_writer_items_written_total");
        this.coalesced = metrics.counter("cti_call_writer_records_coalesced_total");
        this.fenced = Counter.builder("cti_call_writer_fenced_total").description("call items refused by the database "
                + "because another node holds a newer AMI lease epoch for their PBX (issue 25)").register(metrics);
        this.batchTimer = Timer.builder("cti_call_writer_batch_seconds").publishPercentiles(0.5, 0.99).register(metrics);
        this.batchItems = io.micrometer.core.instrument.DistributionSummary.builder("cti_call_writer_batch_items")
                .description("items per committed batch (at most database.writer.maxBatch)").register(metrics);
        metrics.gauge("cti_call_writer_queue_depth", this, CallRecordWriter::queued);
    }

    /**
     * Starts the lanes' writer threads and the spiller. Items offered before are held (within the capacity) and
     * written once it runs. Idempotent.
     */
    @Override
    public synchronized Future<Void> start() {
        if (!started) {
            started = true;
            for (WriterLane lane : lanes) {
                lane.thread.start();
            }
            spill.start();
        }
        return Future.succeededFuture();
    }

    /**
     * Fences this node's writes (issue 25 item 2): each batch carries, per PBX, the epoch this returns, and the
     * database refuses (in the batch's transaction, under a share lock on the lease row) the items of a PBX whose
     * lease has a newer epoch. Refused items are counted ({@code cti_call_writer_fenced_total}) and logged, not retried.
     */
    public void fenceWith(java.util.function.ToLongFunction<String> epochs) {
        this.fence = java.util.Objects.requireNonNull(epochs);
    }

    /** Items refused because another node holds a newer lease epoch. */
    public long fencedCount() {
        return (long) fenced.count();
    }

    @Override
    public void record(CallRecord record) {
        offer(record);
    }

    @Override
    public void event(CallEventRecord event) {
        offer(event);
    }

    @Override
    public void agentState(AgentStateChange change) {
        offer(change);
    }

    /** The lane of an item: by its call, or for an agent state change by its agent. */
    private WriterLane laneOf(CallWriteItem item) {
        return lanes[laneIndexOf(item)];
    }

    int laneIndexOf(CallWriteItem item) {
        if (lanes.length == 1) {
            return 0;
        }
        int hash = item.laneHash();
        return Math.floorMod(hash ^ (hash >>> 16), lanes.length);
    }

    private int queued() {
        int n = 0;
        for (WriterLane lane : lanes) {
            n += lane.queue.size();
        }
        return n;
    }

    private void offer(CallWriteItem item) {
        WriterLane lane = laneOf(item);
        PendingItems.Offer result = lane.queue.offer(item);
        if (result == PendingItems.Offer.ADDED) {
            accepted.incrementAndGet();
        } else if (result == PendingItems.Offer.COALESCED) {
            coalesced.increment(); // superseded by (or merged into) the record already waiting: nothing left to do
        } else {
            overflow.increment();
            long now = System.currentTimeMillis();
            if (now - lastOverflowLog > 5_000) {
                lastOverflowLog = now;
                LOG.error("call record queue full ({} items in lane {}): dropping writes; {} dropped so far",
                        lane.queue.size(), lane.index,
                        (long) overflow.count());
                readiness.report(ALARM_COMPONENT, false, "write queue overflowing");
            }
        }
    }

    /** Items waiting to be written. */
    public long backlog() {
        return accepted.get() - done.get() + journalPending.get();
    }

    /** Items waiting in the spill journal. */
    public long journalled() {
        return journalPending.get();
    }

    public long overflowCount() {
        return (long) overflow.count();
    }

    /** Writes one batch, fenced by this node's lease epochs; refused items are counted, not retried. */
    void writeBatch(List<CallWriteItem> batch) {
        Map<CallKey, CallRecord> records = new LinkedHashMap<>();
        List<CallEventRecord> events = new ArrayList<>();
        List<AgentStateChange> states = new ArrayList<>();
        Map<String, Long> epochs = new java.util.HashMap<>();
        java.util.function.ToLongFunction<String> f = fence;
        CallWriteItem.Handler sort = new CallWriteItem.Handler() {
            @Override
            public void on(CallRecord r) {
                records.merge(r.key(), r, CallRecordRepository::newer);
            }

            @Override
            public void on(CallEventRecord e) {
                events.add(e);
            }

            @Override
            public void on(AgentStateChange st) {
                states.add(st);
            }
        };
        for (CallWriteItem o : batch) {
            o.dispatch(sort);
            epochs.computeIfAbsent(o.pbxId(), f::applyAsLong);
        }
        epochs.values().removeIf(e -> e <= 0);
        CallRecordRepository.Fenced refused = repository.write(records.values(), events, states, epochs);
        if (refused.items() > 0) {
            fenced.increment(refused.items());
            LOG.warn("refused {} call items of {}: another node holds a newer AMI lease (this node's epochs {})",
                    refused.items(), refused.pbxIds(), epochs);
        }
    }

    /** Blocks until everything queued now has been written (tests, shutdown). */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (done.get() < accepted.get() || journalPending.get() > 0) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        closing = true;
        // never started: the lanes still write what was offered, then stop
        start();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.error("call writer did not drain within 30 s; {} items left", queued());
                for (WriterLane lane : lanes) {
                    lane.thread.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
