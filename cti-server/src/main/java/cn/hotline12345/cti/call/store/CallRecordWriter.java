package cn.hotline12345.cti.call.store;

import cn.hotline12345.cti.call.AgentStateChange;
import cn.hotline12345.cti.call.CallEventRecord;
import cn.hotline12345.cti.call.CallKey;
import cn.hotline12345.cti.call.CallRecord;
import cn.hotline12345.cti.call.CallRecordSink;
import cn.hotline12345.cti.health.Readiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes what the call trackers hand over, without blocking them, and writes it to PostgreSQL in batches
 * on its own thread: records of one call within a batch are coalesced (the newest wins), events and
 * agent states are appended. Bounded: a full queue refuses the item and counts it (metric, log and
 * alarm); when the database fails, the batch is retried with backoff and nothing already taken is lost.
 * {@link #close()} drains what is queued before returning.
 */
public final class CallRecordWriter implements CallRecordSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);
    public static final String ALARM_COMPONENT = "call-writer";

    private final CallRecordRepository repository;
    private final BlockingQueue<Object> queue;
    private final int maxBatch;
    private final Thread thread;
    private final Counter overflow;
    private final Counter written;
    private final Timer batchTimer;
    private final Readiness readiness;
    private final AtomicLong pendingAfterFailure = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private long lastOverflowLog;

    public CallRecordWriter(CallRecordRepository repository, int capacity, int maxBatch, MeterRegistry metrics,
                            Readiness readiness) {
        this.repository = repository;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.readiness = readiness;
        this.overflow = metrics.counter("cti_call_writer_overflow_total");
        this.written = metrics.counter("cti_call_writer_items_written_total");
        this.batchTimer = Timer.builder("cti_call_writer_batch_seconds").publishPercentiles(0.5, 0.99).register(metrics);
        metrics.gauge("cti_call_writer_queue_depth", queue, BlockingQueue::size);
        this.thread = new Thread(this::run, "cti-call-writer");
        this.thread.setDaemon(true);
        this.thread.start();
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

    private void offer(Object item) {
        if (queue.offer(item)) {
            accepted.incrementAndGet();
        } else {
            overflow.increment();
            long now = System.currentTimeMillis();
            if (now - lastOverflowLog > 5_000) {
                lastOverflowLog = now;
                LOG.error("call record queue full ({} items): dropping writes; {} dropped so far", queue.size(),
                        (long) overflow.count());
                readiness.report(ALARM_COMPONENT, false, "write queue overflowing");
            }
        }
    }

    /** Items waiting to be written. */
    public long backlog() {
        return accepted.get() - done.get();
    }

    public long overflowCount() {
        return (long) overflow.count();
    }

    private void run() {
        List<Object> batch = new ArrayList<>(maxBatch);
        long backoff = 100;
        try {
            while (!closing || !queue.isEmpty() || !batch.isEmpty()) {
                if (batch.isEmpty()) {
                    Object first = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                }
                try {
                    long t0 = System.nanoTime();
                    writeBatch(batch);
                    batchTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                    written.increment(batch.size());
                    done.addAndGet(batch.size());
                    batch.clear();
                    pendingAfterFailure.set(0);
                    backoff = 100;
                    if (!readiness.isUp(ALARM_COMPONENT)) {
                        readiness.report(ALARM_COMPONENT, true, "writing");
                    }
                } catch (RuntimeException e) {
                    pendingAfterFailure.set(batch.size());
                    LOG.warn("writing {} call items failed, retrying in {} ms: {}", batch.size(), backoff, e.getMessage());
                    if (closing && backoff > 5_000) {
                        LOG.error("giving up on {} call items at shutdown: database unavailable", batch.size());
                        done.addAndGet(batch.size());
                        batch.clear();
                        continue;
                    }
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 10_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void writeBatch(List<Object> batch) {
        Map<CallKey, CallRecord> records = new LinkedHashMap<>();
        List<CallEventRecord> events = new ArrayList<>();
        List<AgentStateChange> states = new ArrayList<>();
        for (Object o : batch) {
            if (o instanceof CallRecord r) {
                records.put(r.key(), r);
            } else if (o instanceof CallEventRecord e) {
                events.add(e);
            } else if (o instanceof AgentStateChange s) {
                states.add(s);
            }
        }
        repository.write(records.values(), events, states);
    }

    /** Blocks until everything queued now has been written (tests, shutdown). */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (done.get() < accepted.get()) {
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
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.error("call writer did not drain within 30 s; {} items left", queue.size());
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
