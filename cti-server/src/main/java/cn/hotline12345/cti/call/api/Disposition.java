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
    TRANSFERRED_OUT,
    /**
     * The call ended while the PBX link was down, before anything showed an agent had answered it: whether it was
     * answered or abandoned is not known from AMI (a wrong record is worse than an unknown one). The reconciler
     * settles it from Asterisk's own CEL and queue_log.
     */
    UNKNOWN;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
