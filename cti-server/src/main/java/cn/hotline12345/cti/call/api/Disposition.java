package cn.hotline12345.cti.call.api;

import java.util.Locale;

/** How a call ended, as recorded on its call record. */
public enum Disposition {
    ANSWERED,
    ABANDONED_IN_QUEUE,
    ABANDONED_IN_IVR,
    SELF_SERVED,
    NOT_ACCEPTED,
    NUISANCE,
    FAILED,
    TRANSFERRED_OUT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
