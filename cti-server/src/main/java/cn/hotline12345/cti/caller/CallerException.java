package cn.hotline12345.cti.caller;

/** A refused caller-profile operation; the web layer maps the kind to an HTTP status. */
public final class CallerException extends RuntimeException {

    /** Why it was refused. */
    public enum Kind {
        /** Bad input (400). */
        INVALID,
        /** The actor may not do this (403). */
        FORBIDDEN,
        /** No such measure, call or matter (404). */
        NOT_FOUND,
        /** Not in this state (409): an appeal already pending, a lifted measure, ... */
        CONFLICT
    }

    private final Kind kind;

    public CallerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
