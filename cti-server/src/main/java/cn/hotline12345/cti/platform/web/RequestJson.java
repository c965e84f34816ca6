package cn.hotline12345.cti.platform.web;


import cn.hotline12345.cti.platform.i18n.Catalogue;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * Strict reading of JSON request bodies: a body must be one JSON object within a size bound, fields have
 * the expected type, text is bounded and never carries control characters (CR/LF would let a value
 * smuggle a second AMI action or a header). Failures are {@link IllegalArgumentException}s whose
 * message is safe to return in a 400.
 */
public final class RequestJson {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private RequestJson() {
    }

    /** The body as an object; an empty body is an empty object. */
    public static JsonObject body(RoutingContext ctx, int maxBytes) {
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        if (b == null || b.length() == 0) {
            return new JsonObject();
        }
        if (b.length() > maxBytes) {
            throw new IllegalArgumentException("body larger than " + maxBytes + " bytes");
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(b);
            if (!(v instanceof JsonObject o)) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return o;
        } catch (DecodeException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
    }

    /** A required string field: at most maxChars, no control characters, matching the pattern if given. */
    public static String text(JsonObject o, String key, int maxChars, Pattern pattern) {
        Object v = o.getValue(key);
        if (v == null) {
            throw new IllegalArgumentException(key + ": required");
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + ": must be a string");
        }
        if (s.isEmpty() || s.length() > maxChars) {
            throw new IllegalArgumentException(key + ": 1 to " + maxChars + " characters");
        }
        if (CONTROL.matcher(s).find()) {
            throw new IllegalArgumentException(key + ": control characters (CR, LF, ...) are not allowed");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                if (!Character.isHighSurrogate(s.charAt(i)) || i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException(key + ": a lone surrogate is not text");
                }
                i++;
            }
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw new IllegalArgumentException(key + ": not a valid value");
        }
        return s;
    }

    public static boolean bool(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(key + ": must be true or false");
        }
        return b;
    }

    public static boolean optBool(JsonObject o, String key, boolean fallback) {
        return o.getValue(key) == null ? fallback : bool(o, key);
    }

    public static int integer(JsonObject o, String key, int min, int max) {
        Object v = o.getValue(key);
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
                || ((Number) v).longValue() > max) {
            throw new IllegalArgumentException(key + ": must be an integer from " + min + " to " + max);
        }
        return ((Number) v).intValue();
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(body instanceof JsonObject j ? j.encode() : io.vertx.core.json.Json.encode(body));
    }

    /**
     * An error answer: {@code error} is the machine code, {@code message} what the user reads (the catalogue's
     * {@code error.<code>} when it has one, else {@code message} itself, which must then be Chinese), {@code detail}
     * the English explanation.
     */
    public static void error(RoutingContext ctx, int status, String error, String message) {
        Catalogue c = Catalogue.zh();
        String key = "error." + error;
        String shown = c.has(key) ? c.text(key, java.util.Map.of("reason", message == null ? "" : message)) : message;
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", error).put("message", shown).put("detail", message).encode());
    }
}
