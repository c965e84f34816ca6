package cn.hotline12345.cti.matter.api;

import cn.hotline12345.cti.platform.error.Refusal;

/**
 * The one error type of the matter feature; its {@link Refusal.Kind} becomes the HTTP status
 * (INVALID 400 with the {@link #field()}, NOT_FOUND 404, CONFLICT 409, ILLEGAL_TRANSITION 422, FORBIDDEN 403).
 */
public final class MatterException extends Refusal {

    public MatterException(Kind kind, String field, String message) {
        super(kind, field, message);
    }

    public static MatterException invalid(String field, String message) {
        return new MatterException(Kind.INVALID, field, field + ": " + message);
    }

    public static MatterException notFound(String what) {
        return new MatterException(Kind.NOT_FOUND, null, what + " not found");
    }

    public static MatterException conflict(String message) {
        return new MatterException(Kind.CONFLICT, null, message);
    }
}
