package cn.hotline12345.cti.caller.api;

import java.util.Locale;

/**
 * A graded measure against a nuisance caller (art. 12, 34). None of them blocks the caller: the line stays a
 * public service, a flagged caller reaches an agent and always hears the emergency notice.
 */
public enum MeasureLevel {
    /** Watched; no effect on the call. */
    OBSERVE,
    /** The IVR plays the legal warning prompt (art. 12, 34) before the queue. */
    WARNING,
    /** The call goes to the dedicated queue (or gets a lower priority); only a supervisor may decide this. */
    DEDICATED_QUEUE,
    /** On the supervisor review list; no effect on the call until a supervisor decides. */
    REVIEW;

    /** Whether an automatic rule may put this level in place without a supervisor. */
    public boolean systemMayPropose() {
        return this != DEDICATED_QUEUE;
    }

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the database or API spelling; null when unknown. */
    public static MeasureLevel parse(String s) {
        if (s == null) {
            return null;
        }
        for (MeasureLevel l : values()) {
            if (l.dbName().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        return null;
    }
}
