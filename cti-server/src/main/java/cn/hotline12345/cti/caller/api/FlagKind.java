package cn.hotline12345.cti.caller.api;

import java.util.Locale;

/** Why a caller was flagged: by an agent (harassment, insult, threat) or by a system signal. */
public enum FlagKind {
    HARASSMENT, INSULT, THREAT,
    /** A system signal: the call was silent. */
    SILENT,
    /** A system signal: the line was held long without a matter. */
    OCCUPATION,
    /** A system signal: many calls without a new matter. */
    FREQUENCY;

    /** Only these may be set by an agent; the rest are raised by the signals. */
    public boolean byAgent() {
        return this == HARASSMENT || this == INSULT || this == THREAT;
    }

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the database or API spelling; null when unknown. */
    public static FlagKind parse(String s) {
        if (s == null) {
            return null;
        }
        for (FlagKind k : values()) {
            if (k.dbName().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        return null;
    }
}
