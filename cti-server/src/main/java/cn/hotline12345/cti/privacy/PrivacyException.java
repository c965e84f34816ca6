package cn.hotline12345.cti.privacy;

/** A refused access to personal data: the web layer answers 403 (forbidden) or 400 (bad request). */
public final class PrivacyException extends RuntimeException {

    /** Why access was refused. */
    public enum Kind { FORBIDDEN, BAD_REQUEST }

    private final Kind kind;

    public PrivacyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
