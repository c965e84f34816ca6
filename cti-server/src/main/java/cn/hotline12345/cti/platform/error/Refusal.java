package cn.hotline12345.cti.platform.error;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    private String messageKey;
    private Map<String, Object> params = Map.of();

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

    /**
     * What the user reads: a key of the message catalogue ({@code platform.i18n.Catalogue}) and its parameters
     * ({@code "max", 200}). Without one the user reads the generic text of the kind ({@code error.invalid} naming the
     * field); {@link #getMessage()} stays English, for logs and for the answer's {@code detail}.
     */
    public Refusal tell(String key, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come as key, value pairs");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        this.messageKey = key;
        this.params = Map.copyOf(p);
        return this;
    }

    /** The catalogue key of the user's message, or null for the kind's generic one. */
    public String messageKey() {
        return messageKey;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** A bad input field (400) refused by a part with no error type of its own (the HTTP layer, a code parser). */
    public static Refusal invalid(String field, String message) {
        return new Plain(Kind.INVALID, field, field + ": " + message);
    }

    /** A bad input field whose reason is a catalogue key ({@code reason.required}) with its parameters. */
    public static Refusal invalidBecause(String field, String reasonKey, String englishReason, Object... params) {
        return new Plain(Kind.INVALID, field, field + ": " + englishReason).reason(reasonKey, params);
    }

    /**
     * Says why a field is invalid in the user's words: {@code error.invalid.reason} with the field's name and the
     * catalogue text of {@code reasonKey} (its parameters in {@code params}).
     */
    public Refusal reason(String reasonKey, Object... params) {
        Object[] all = new Object[params.length + 2];
        all[0] = "reasonKey";
        all[1] = reasonKey;
        System.arraycopy(params, 0, all, 2, params.length);
        return tell("error.invalid.reason", all);
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
