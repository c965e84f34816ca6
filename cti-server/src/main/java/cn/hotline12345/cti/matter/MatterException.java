package cn.hotline12345.cti.matter;

/**
 * The one error type of the matter and knowledge features. The web layer maps {@link Kind} to a status:
 * INVALID 400 (with the {@link #field()}), NOT_FOUND 404, CONFLICT 409, ILLEGAL_TRANSITION 422,
 * FORBIDDEN 403.
 */
public final class MatterException extends RuntimeException {

    /** What went wrong, as the caller of a service needs to know it. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, ILLEGAL_TRANSITION, FORBIDDEN }

    private final Kind kind;
    private final String field;

    public MatterException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
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

    public Kind kind() {
        return kind;
    }

    /** The input field at fault, for INVALID; null otherwise. */
    public String field() {
        return field;
    }
}
