package cn.hotline12345.cti.app.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of the services that write demo mode's matter history: set to each historical moment before a service
 * call, so the lifecycle's own code stamps the matter, its transitions and its deadline with that moment. Used by
 * one thread at a time (the seeding awaits every call before it moves the clock).
 */
public final class DemoClock extends Clock {

    private volatile Instant now;

    public DemoClock(Instant start) {
        this.now = start;
    }

    public void set(Instant i) {
        now = i;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
