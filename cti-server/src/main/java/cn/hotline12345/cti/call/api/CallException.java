package cn.hotline12345.cti.call.api;

import cn.hotline12345.cti.platform.error.Refusal;

/** The one error type of the call slice (the call log, recordings); its kind becomes the HTTP status. */
public final class CallException extends Refusal {

    private CallException(Kind kind, String field, String message) {
        super(kind, field, message);
    }

    /** A bad filter or parameter; {@code reasonKey} is the catalogue's reason ({@code reason.bad_value}). */
    public static CallException invalid(String field, String reasonKey, String english, Object... params) {
        CallException e = new CallException(Kind.INVALID, field, field + ": " + english);
        e.reason(reasonKey, params);
        return e;
    }

    public static CallException notFound(String what) {
        return new CallException(Kind.NOT_FOUND, null, what + " not found");
    }

    public static CallException forbidden(String why) {
        return new CallException(Kind.FORBIDDEN, null, why);
    }
}
