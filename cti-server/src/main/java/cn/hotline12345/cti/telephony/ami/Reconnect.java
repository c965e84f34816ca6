package cn.hotline12345.cti.telephony.ami;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Random;

/**
 * The AMI link's reconnect policy: after a session ends, the next connect waits a capped exponential backoff with
 * jitter (250 ms, 500 ms, 1 s ... up to the cap, each drawn in [d/2, d]), so that a restarting Asterisk is not hit
 * by every server at once; a session that comes up resets the count. Runs on the link's context only.
 */
final class Reconnect {

    private static final Logger LOG = LoggerFactory.getLogger(Reconnect.class);

    private final Vertx vertx;
    private final String pbxId;
    private final Random random;
    private final Duration cap;
    private final Counter reconnects;
    private int failures;
    private long timer = -1;

    Reconnect(Vertx vertx, String pbxId, Random random, Duration cap, Counter reconnects) {
        this.vertx = vertx;
        this.pbxId = pbxId;
        this.random = random;
        this.cap = cap;
        this.reconnects = reconnects;
    }

    /** A reconnect is waiting. */
    boolean pending() {
        return timer >= 0;
    }

    /** The link came up (or starts afresh): the next failure waits the shortest delay again. */
    void reset() {
        failures = 0;
    }

    /** The session ended: connect again after the backoff of this attempt. */
    void schedule(Runnable connect) {
        failures++;
        long delay = backoffMillis(failures);
        reconnects.increment();
        LOG.info("AMI {}: reconnecting in {} ms (attempt {})", pbxId, delay, failures);
        timer = vertx.setTimer(delay, t -> {
            timer = -1;
            connect.run();
        });
    }

    /** No reconnect (the link was closed or handed over). */
    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    long backoffMillis(int attempt) {
        long c = cap.toMillis();
        long d = Math.min(c, 250L << Math.min(attempt - 1, 16));
        return d / 2 + (long) (random.nextDouble() * (d / 2.0));
    }
}
