package cn.hotline12345.cti.user.api;

import java.util.Locale;

/** The roles of the hotline's users. */
public enum Role {
    /** 话务员: takes calls, completes matters. */
    AGENT,
    /** 班长/督办: supervises agents, reviews nuisance measures, supervises matters. */
    SUPERVISOR,
    /** Telephony engineer: queues, links, PBX health. */
    ENGINEER,
    /** Administrator: users, calendars, configuration data. */
    ADMIN,
    /** A handling unit's user (承办单位): sees only its unit's matters. */
    UNIT;

    /** The database spelling (lower case). */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
