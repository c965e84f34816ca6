package cn.hotline12345.cti.platform.error;

import java.util.Locale;
import java.util.Objects;

/**
 * A request the domain refuses, for a reason its sender can act on: the base of every feature's one error type
 * ({@code MatterException}, {@code CallerException}, {@code KnowledgeException}, {@code PrivacyException}). The HTTP
 * layer maps {@link Kind} to a status in one place ({@code platform.web.Api}): INVALID 400 (with the
 * {@link #field()}), FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, ILLEGAL_TRANSITION 422, UNAVAILABLE 503.
 */
public abstract class Refusal extends RuntimeException {

    /** What went wrong, as the sender needs to know it. */
    public enum Kind {
        /** Bad input (400): {@link #field()} names the field. */
        INVALID(400),
        /** The actor may not do this (403). */
        FORBIDDEN(403),
        /** No such thing, or not one the actor may see (404). */
        NOT_FOUND(404),
        /** Not in this state (409). */
        CONFLICT(409),
        /** The workflow does not allow this step from the current status (422). */
        ILLEGAL_TRANSITION(422),
        /** A dependency (the PBX, the database) cannot do it now (503). */
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int httpStatus() {
            return status;
        }

        /** The JSON {@code error} code ({@code not_found}). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String field;

    protected Refusal(Kind kind, String field, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The input field at fault, for INVALID; null otherwise. */
    public String field() {
        return field;
    }

    /** A bad input field (400) refused by a part with no error type of its own (the HTTP layer, a code parser). */
    public static Refusal invalid(String field, String message) {
        return new Plain(Kind.INVALID, field, field + ": " + message);
    }

    /** Something not found (404), refused by a part with no error type of its own. */
    public static Refusal notFound(String what) {
        return new Plain(Kind.NOT_FOUND, null, what + " not found");
    }

    private static final class Plain extends Refusal {
        Plain(Kind kind, String field, String message) {
            super(kind, field, message);
        }
    }
}
