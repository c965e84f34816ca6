package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;

import cn.hotline12345.cti.call.api.CallWriteItem;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The call writer's bounded backlog. Call records are coalesced per call: a newer record of a call replaces
 * the one still waiting (keeping its place in line), so however far the writer falls behind, the records
 * waiting are at most one per call, not four — and the intermediate states of a call that is written late are
 * simply skipped, as its later record holds them. A waiting record that ended the call is never replaced by
 * one that did not. Events and agent states are appended in order. Offered from event loops (a short lock,
 * never a wait), taken by the writer thread.
 */
final class PendingItems {

    /** What became of an offered item. */
    enum Offer { ADDED, COALESCED, FULL }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final LinkedHashMap<CallKey, CallRecord> records = new LinkedHashMap<>();
    private final ArrayDeque<CallWriteItem> appends = new ArrayDeque<>();

    PendingItems(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    Offer offer(CallWriteItem item) {
        lock.lock();
        try {
            if (item instanceof CallRecord r) {
                CallRecord waiting = records.get(r.key());
                if (waiting != null) {
                    records.put(r.key(), CallRecordRepository.newer(waiting, r));
                    return Offer.COALESCED;
                }
            }
            int size = records.size() + appends.size();
            if (size >= capacity) {
                return Offer.FULL;
            }
            if (item instanceof CallRecord r) {
                records.put(r.key(), r);
            } else {
                appends.addLast(item);
            }
            if (size == 0) {
                notEmpty.signal();
            }
            return Offer.ADDED;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return records.size() + appends.size();
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Waits up to the timeout for something to be waiting; true if something is. */
    boolean awaitItems(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (records.isEmpty() && appends.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} items, oldest first, into {@code out}. When events are waiting too, records take
     * at most a quarter of the room (about their share of what a call produces, 4 of 10): neither kind
     * starves, and when the writer falls behind the records wait where newer ones of the same call replace
     * them. Returns how many were moved.
     */
    int drainTo(List<CallWriteItem> out, int max) {
        lock.lock();
        try {
            int room = max;
            int recordRoom = appends.isEmpty() ? room : Math.max(1, room / 4);
            int moved = 0;
            Iterator<Map.Entry<CallKey, CallRecord>> it = records.entrySet().iterator();
            while (moved < recordRoom && it.hasNext()) {
                out.add(it.next().getValue());
                it.remove();
                moved++;
            }
            while (moved < room && !appends.isEmpty()) {
                out.add(appends.pollFirst());
                moved++;
            }
            while (moved < room && it.hasNext()) {
                out.add(it.next().getValue());
                it.remove();
                moved++;
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }
}
