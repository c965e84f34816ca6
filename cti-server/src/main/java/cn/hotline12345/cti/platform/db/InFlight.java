package cn.hotline12345.cti.platform.db;

import io.vertx.core.Future;

import java.time.Duration;

/**
 * Writes still on their way to the database, so a shutdown can wait for them before the pool closes (issue 20 item
 * 10: on SIGTERM twelve IVR paths were lost because nothing waited for their writes). {@link #track} counts a future
 * until it completes; {@link #await} blocks the shutdown thread (never an event loop) until none is left or the
 * bound passes. Thread-safe.
 */
public final class InFlight {

    private final Object lock = new Object();
    private int pending;

    /** Counts the future until it completes, whatever the outcome; returns it. */
    public <T> Future<T> track(Future<T> f) {
        synchronized (lock) {
            pending++;
        }
        f.onComplete(ar -> {
            synchronized (lock) {
                pending--;
                lock.notifyAll();
            }
        });
        return f;
    }

    /** Waits until nothing is in flight or {@code bound} passes; returns how many are still in flight. */
    public int await(Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        synchronized (lock) {
            while (pending > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return pending;
        }
    }

    /** In flight now. */
    public int pending() {
        synchronized (lock) {
            return pending;
        }
    }
}
