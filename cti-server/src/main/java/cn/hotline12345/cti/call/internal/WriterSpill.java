package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallWriteItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link CallRecordWriter}'s spill to its local journal and the journal's replay (split out of the writer,
 * issue 18). Spilling and replaying exclude each other (both synchronized on this object).
 */
final class WriterSpill {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);

    private final CallRecordWriter writer;
    final SpillJournal journal;
    private final int spillAt;

    WriterSpill(CallRecordWriter writer, Path journalDir, int spillAt) {
        this.writer = writer;
        this.journal = new SpillJournal(journalDir);
        this.spillAt = spillAt;
    }

    /** Starts the spiller thread. */
    void start() {
        Thread spiller = new Thread(this::spillLoop, "cti-call-spiller");
        spiller.setDaemon(true);
        spiller.start();
    }

    /**
     * The spiller: while a lane's queue stands above half its capacity (the writer is stuck on a database that
     * does not answer, or cannot keep up), it moves the queue's contents to the journal, so an event loop
     * never finds the queue full. Order across the journal does not matter for correctness: events and
     * agent states are keyed inserts, and a call record is frozen once its final version is written.
     */
    private void spillLoop() {
        try {
            while (!writer.stopped.await(10, TimeUnit.MILLISECONDS)) {
                for (WriterLane lane : writer.lanes) {
                    if (lane.queue.size() >= spillAt) {
                        spill(lane, new ArrayList<>());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves the given items and everything queued in the lane into the journal. */
    synchronized void spill(WriterLane lane, List<CallWriteItem> batch) {
        List<CallWriteItem> all = new ArrayList<>(batch);
        lane.queue.drainTo(all, Integer.MAX_VALUE);
        try {
            journal.append(all);
            writer.done.addAndGet(all.size());
            writer.journalPending.addAndGet(all.size());
            batch.clear();
            LOG.warn("database down: spilled {} call items to the local journal", all.size());
        } catch (java.io.IOException io) {
            // Keep them in memory: put back what fits, retry later.
            LOG.error("cannot write the spill journal: {}; keeping {} items in memory", io.getMessage(), all.size());
            batch.clear();
            batch.addAll(all.subList(0, Math.min(all.size(), writer.maxBatch)));
            for (CallWriteItem o : all.subList(batch.size(), all.size())) {
                PendingItems.Offer result = lane.queue.offer(o);
                if (result != PendingItems.Offer.ADDED) {
                    // already counted as accepted: refused (lost) or merged into a waiting record, it is done
                    if (result == PendingItems.Offer.FULL) {
                        writer.overflow.increment();
                    }
                    writer.done.incrementAndGet();
                }
            }
        }
    }

    /** Writes one journal segment if there is one; true if it did something. */
    synchronized boolean replayJournalSegment() {
        try {
            Path segment = journal.oldest();
            if (segment == null) {
                writer.journalPending.set(0); // segments set aside as broken are no longer pending
                return false;
            }
            List<CallWriteItem> items = journal.read(segment);
            for (int i = 0; i < items.size(); i += writer.maxBatch) {
                writer.writeBatch(items.subList(i, Math.min(items.size(), i + writer.maxBatch)));
            }
            journal.delete(segment);
            writer.journalPending.addAndGet(-items.size());
            writer.written.increment(items.size());
            LOG.info("replayed {} call items from the journal", items.size());
            return true;
        } catch (java.io.IOException e) {
            LOG.error("cannot replay the spill journal: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            writer.databaseFailing = true;
            LOG.warn("replaying the journal failed, database still unavailable: {}", e.getMessage());
            return false;
        }
    }

    /** Counted, not listed: the loop asks this on every turn. */
    boolean journalEmpty() {
        return writer.closing && writer.databaseFailing || writer.journalPending.get() <= 0;
    }
}
