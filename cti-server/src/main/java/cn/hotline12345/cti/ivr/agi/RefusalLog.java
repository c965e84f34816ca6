package cn.hotline12345.cti.ivr.agi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The log of refused FastAGI connections, bounded (issue 20 item 7: a flood of 5,100 idle sockets wrote 74,504 WARN
 * lines, 18 MB). Per reason, at most one line per {@code agi.refusalLogInterval}; the next line says how many more
 * were refused meanwhile. The counter {@code cti.agi.sessions.refused{reason}} still counts every one. Thread-safe.
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(AgiServer.class);

    private static final class Slot {
        long lastLogged = Long.MIN_VALUE;
        long suppressed;
    }

    private final long intervalMillis;
    private final LongSupplier clock;
    private final Map<AgiRefusal, Slot> slots = new EnumMap<>(AgiRefusal.class);

    RefusalLog(long intervalMillis, LongSupplier clock) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
        for (AgiRefusal r : AgiRefusal.values()) {
            slots.put(r, new Slot());
        }
    }

    /**
     * Logs one refusal unless one of its reason was logged within the interval (then it is only counted).
     *
     * @param detail what to say about this one (address, masked caller); built only when it is logged
     */
    void refused(AgiRefusal reason, java.util.function.Supplier<String> detail) {
        Slot s = slots.get(reason);
        long more;
        synchronized (s) {
            long now = clock.getAsLong();
            if (s.lastLogged != Long.MIN_VALUE && now - s.lastLogged < intervalMillis) {
                s.suppressed++;
                return;
            }
            more = s.suppressed;
            s.suppressed = 0;
            s.lastLogged = now;
        }
        if (more > 0) {
            LOG.warn("FastAGI connection refused: {} {} (and {} more refused for {} since the last such line)",
                    reason.tag(), detail.get(), more, reason.tag());
        } else {
            LOG.warn("FastAGI connection refused: {} {}", reason.tag(), detail.get());
        }
    }
}
