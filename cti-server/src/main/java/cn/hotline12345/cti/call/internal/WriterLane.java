package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallWriteItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One writer thread of the {@link CallRecordWriter} with its share of the backlog: takes batches from its queue and
 * writes them, retrying with backoff while the database fails (split out of the writer, issue 18).
 */
final class WriterLane {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);

    final int index;
    final PendingItems queue;
    final Thread thread;
    private final CallRecordWriter writer;

    WriterLane(CallRecordWriter writer, int index, PendingItems queue) {
        this.writer = writer;
        this.index = index;
        this.queue = queue;
        this.thread = new Thread(this::run, "cti-call-writer-" + index);
        this.thread.setDaemon(true);
    }

    /**
     * The writer loop. While the database fails, the batch in hand is retried with backoff; if the queue
     * meanwhile fills past half its capacity, the batch and the queue's contents go to the spill journal
     * (fsynced) so the event loops never find the queue full. When the database answers again the journal
     * is replayed oldest first (by lane 0), then the queue; writes are idempotent, so a replay never duplicates.
     */
    private void run() {
        CallRecordWriter w = writer;
        WriterSpill spill = w.spill;
        List<CallWriteItem> batch = new ArrayList<>(w.maxBatch);
        long backoff = 100;
        try {
            while (!w.closing || !queue.isEmpty() || !batch.isEmpty() || index == 0 && !spill.journalEmpty()) {
                if (index == 0 && batch.isEmpty() && !w.databaseFailing && w.journalPending.get() > 0
                        && spill.replayJournalSegment()) {
                    continue;
                }
                if (batch.isEmpty()) {
                    if (!queue.awaitItems(50, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    fill(batch);
                }
                try {
                    long t0 = System.nanoTime();
                    w.writeBatch(batch);
                    w.batchTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                    w.batchItems.record(batch.size());
                    w.written.increment(batch.size());
                    w.done.addAndGet(batch.size());
                    batch.clear();
                    backoff = 100;
                    if (w.databaseFailing) {
                        w.databaseFailing = false;
                        LOG.info("database writable again");
                    }
                    if (!w.readiness.isUp(CallRecordWriter.ALARM_COMPONENT)) {
                        w.readiness.report(CallRecordWriter.ALARM_COMPONENT, true, "writing");
                    }
                } catch (RuntimeException e) {
                    w.databaseFailing = true;
                    w.readiness.report(CallRecordWriter.ALARM_COMPONENT, false, "database writes failing: " + e.getMessage());
                    LOG.warn("writing {} call items failed, retrying in {} ms: {}", batch.size(), backoff, e.getMessage());
                    if (w.closing) {
                        // Shutting down with the database away: keep everything for the next start.
                        spill.spill(this, batch);
                        continue;
                    }
                    long until = System.currentTimeMillis() + backoff;
                    while (System.currentTimeMillis() < until && !w.closing) {
                        Thread.sleep(10);
                    }
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            w.stopped.countDown();
        }
    }

    /** Takes up to maxBatch items; lingers up to maxBatchDelay for a batch that is not full (never when closing). */
    private void fill(List<CallWriteItem> batch) throws InterruptedException {
        int maxBatch = writer.maxBatch;
        queue.drainTo(batch, maxBatch);
        if (writer.maxBatchDelayNanos <= 0) {
            return;
        }
        long until = System.nanoTime() + writer.maxBatchDelayNanos;
        while (batch.size() < maxBatch && !writer.closing) {
            long left = until - System.nanoTime();
            if (left <= 0 || !queue.awaitItems(left, TimeUnit.NANOSECONDS)) {
                return;
            }
            if (queue.drainTo(batch, maxBatch - batch.size()) == 0) {
                return;
            }
            if (batch.size() < maxBatch) {
                // something arrived but not enough: give the producers a moment rather than spin per item
                Thread.sleep(0, 200_000);
            }
        }
    }
}
