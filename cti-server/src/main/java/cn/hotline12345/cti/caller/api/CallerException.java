package cn.hotline12345.cti.caller.api;

import cn.hotline12345.cti.platform.error.Refusal;

/** A refused caller-profile operation (measures, flags, appeals, merges); the kind becomes the HTTP status. */
public final class CallerException extends Refusal {

    public CallerException(Kind kind, String message) {
        super(kind, null, message);
    }

    public CallerException(Kind kind, String field, String message) {
        super(kind, field, message);
    }
}
