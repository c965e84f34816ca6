package cn.hotline12345.cti.call.api;

import io.vertx.core.Future;

import java.time.ZonedDateTime;

/** Counts of call records, for the wallboard. */
public interface CallCounts {

    /** Calls started in each of the 24 hours from {@code dayStart} (local hours of its zone). */
    Future<int[]> perHour(ZonedDateTime dayStart);
}
