package cn.hotline12345.cti.monitor.api;

import cn.hotline12345.cti.platform.error.Refusal;

/** A monitoring request refused, with a code for programs and a Chinese message the supervisor reads. */
public final class MonitorRefusal extends Refusal {

    private final String code;

    public MonitorRefusal(Kind kind, String code, String message) {
        super(kind, null, message);
        this.code = code;
    }

    /** The JSON {@code error} code, e.g. {@code confidential}, {@code not_on_call}. */
    public String code() {
        return code;
    }

    /** A PBX that refused or failed: 502 is what the routes answer for {@link Kind#UNAVAILABLE} with this code. */
    public static MonitorRefusal pbx(String message) {
        return new MonitorRefusal(Kind.UNAVAILABLE, "pbx_failed", message);
    }
}
