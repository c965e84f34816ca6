package cn.hotline12345.cti.platform.config;

import java.time.ZoneId;

/** The hotline's local time: "today" on the wallboard, hours of the statistics, working days, deadlines. */
public final class HotlineTime {

    private HotlineTime() {
    }

    /** China Standard Time (UTC+8, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
}
