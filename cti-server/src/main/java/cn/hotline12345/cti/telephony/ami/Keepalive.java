package cn.hotline12345.cti.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Pings Asterisk every interval; a Ping without an answer within the next interval means a half-open link (the
 * socket looks fine, nothing comes back): the session is dropped so that the link reconnects. Event loop only.
 */
final class Keepalive {

    private static final Logger LOG = LoggerFactory.getLogger(Keepalive.class);

    private final Vertx vertx;
    private final String pbxId;
    private final Duration interval;
    private long timer = -1;

    Keepalive(Vertx vertx, String pbxId, Duration interval) {
        this.vertx = vertx;
        this.pbxId = pbxId;
        this.interval = interval;
    }

    /**
     * Starts pinging the current session. {@code ping} sends one Ping (null when there is no session); {@code drop}
     * ends the session it was sent on.
     */
    void start(Supplier<Future<?>> ping, Runnable drop) {
        stop();
        long ms = interval.toMillis();
        timer = vertx.setPeriodic(ms, t -> {
            Future<?> pong = ping.get();
            if (pong == null) {
                return;
            }
            long deadline = vertx.setTimer(ms, x -> {
                if (!pong.isComplete()) {
                    LOG.warn("AMI {}: keep-alive failed (no answer to Ping): link is half-open, reconnecting", pbxId);
                    drop.run();
                }
            });
            pong.onComplete(ar -> {
                vertx.cancelTimer(deadline);
                if (ar.failed()) {
                    LOG.warn("AMI {}: keep-alive failed ({}): reconnecting", pbxId, ar.cause().getMessage());
                    drop.run();
                }
            });
        });
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
