package cn.hotline12345.cti.user.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that run the password KDF (about 0.1 s of CPU each), with a bounded wait (issue 20 item 6). A login
 * first {@linkplain #reserve reserves} a place, before anything else is spent on it (the database lookup, the hash):
 * when the queue is full the login is shed at once (the caller answers 429) instead of waiting behind a flood.
 * Places come in two kinds: {@code queue - reserved} anyone may take, {@code reserved} more only priority work (names
 * with a recent success, an administrator's password change), and the threads always run priority work first, so a
 * real user's login waits for at most the hashes already running plus the priority ones ahead of it. Thread-safe.
 */
public final class HashPool implements AutoCloseable {

    /** A reserved place: run one task in it, or give it back. */
    public final class Slot {
        private final boolean priority;
        private boolean used;

        private Slot(boolean priority) {
            this.priority = priority;
        }

        /** Runs the work on a hash thread; the future completes on {@code context}. */
        public <T> Future<T> run(Context context, Callable<T> work) {
            Promise<T> p = Promise.promise();
            Runnable task = () -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    context.runOnContext(v -> p.fail(e));
                    return;
                }
                context.runOnContext(v -> p.complete(result));
            };
            synchronized (lock) {
                if (used) {
                    throw new IllegalStateException("a slot runs one task");
                }
                used = true;
                if (closed) {
                    waiting--;
                    return Future.failedFuture(new IllegalStateException("the hash pool is closed"));
                }
                (priority ? urgent : normal).addLast(task);
                lock.notify();
            }
            return p.future();
        }

        /** Gives the place back unused. */
        public void release() {
            synchronized (lock) {
                if (!used) {
                    used = true;
                    waiting--;
                }
            }
        }
    }

    private final Object lock = new Object();
    private final ArrayDeque<Runnable> urgent = new ArrayDeque<>();
    private final ArrayDeque<Runnable> normal = new ArrayDeque<>();
    private final int queue;
    private final int reserved;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong hashed = new AtomicLong();
    private final int threadCount;
    private int waiting;
    private boolean closed;

    /**
     * @param threadCount hash threads
     * @param queue       places (reserved and not yet running) at most
     * @param reserved    of those, the places only priority work may take
     */
    public HashPool(int threadCount, int queue, int reserved) {
        if (threadCount < 1 || queue < 1 || reserved < 0 || reserved >= queue) {
            throw new IllegalArgumentException("hash pool: threads >= 1, 0 <= reserved < queue");
        }
        this.queue = queue;
        this.reserved = reserved;
        this.threadCount = threadCount;
    }

    /** The hash threads start with the first place asked for (building a pool starts nothing); under the lock. */
    private void startThreads() {
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(this::work, "cti-kdf-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** A place, or null when the queue is full for this kind of work (shed: answer 429). */
    public Slot reserve(boolean priority) {
        synchronized (lock) {
            int limit = priority ? queue : queue - reserved;
            if (closed || waiting >= limit) {
                shed.incrementAndGet();
                return null;
            }
            if (threads.isEmpty()) {
                startThreads();
            }
            waiting++;
            return new Slot(priority);
        }
    }

    /** Logins shed because the queue was full. */
    public long shed() {
        return shed.get();
    }

    /** Tasks run. */
    public long hashed() {
        return hashed.get();
    }

    /** Places taken now (waiting or about to run). */
    public int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    private void work() {
        while (true) {
            Runnable task;
            synchronized (lock) {
                while (!closed && urgent.isEmpty() && normal.isEmpty()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed && urgent.isEmpty() && normal.isEmpty()) {
                    return;
                }
                task = !urgent.isEmpty() ? urgent.pollFirst() : normal.pollFirst();
                waiting--;
            }
            hashed.incrementAndGet();
            task.run();
        }
    }

    /** Runs what is queued, then stops the threads. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
