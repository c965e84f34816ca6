package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.platform.i18n.Catalogue;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Request and response plumbing shared by the feature routes: JSON in, JSON out, and every {@link Refusal} mapped to
 * its status in one place ({@code {"error": code, "message": ..., "field": ...}}); anything else is a 500 that is
 * logged and never shown.
 */
public final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    private Api() {
    }

    /**
     * The request body as a {@link Body}; a malformed body is a 400, and so is one that is not UTF-8 (decoded strictly:
     * a lenient decoding would store U+FFFD in place of the caller's text without a word).
     */
    public static Body body(RoutingContext ctx) {
        String raw;
        try {
            raw = ctx.body() == null || ctx.body().buffer() == null ? null
                    : java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(ctx.body().buffer().getBytes())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Refusal.invalidBecause("body", "reason.bad_encoding", "not valid UTF-8");
        }
        if (raw == null || raw.isBlank()) {
            return new Body(new JsonObject());
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(raw);
            if (!(v instanceof JsonObject o)) {
                throw Refusal.invalidBecause("body", "reason.not_json", "must be a JSON object");
            }
            return new Body(o);
        } catch (DecodeException e) {
            throw Refusal.invalidBecause("body", "reason.not_json", "not valid JSON");
        }
    }

    public static long pathId(RoutingContext ctx, String name) {
        String s = ctx.pathParam(name);
        try {
            long v = Long.parseLong(s);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw Refusal.notFound(name + " " + s);
        }
    }

    public static int intParam(RoutingContext ctx, String name, int dflt, int max) {
        String s = ctx.request().getParam(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s.trim());
            if (v < 1 || v > max) {
                throw Refusal.invalidBecause(name, "reason.bad_value", "between 1 and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw Refusal.invalidBecause(name, "reason.not_a_number", "not a number");
        }
    }


    /** Runs the handler, maps its future (or its thrown validation error) to a JSON response. */
    public static <T> void respond(RoutingContext ctx, int status, Function<RoutingContext, Future<T>> work,
                            Function<T, Object> render) {
        Future<T> f;
        try {
            f = work.apply(ctx);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onSuccess(v -> {
            Object out = render.apply(v);
            if (out == null) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                        .end(out instanceof JsonArray a ? a.encode() : ((JsonObject) out).encode());
            }
        }).onFailure(e -> error(ctx, e));
    }

    public static void error(RoutingContext ctx, Throwable e) {
        if (ctx.response().ended()) {
            return;
        }
        if (e instanceof Refusal r) {
            JsonObject body = new JsonObject().put("error", r.kind().code()).put("message", userMessage(r))
                    .put("detail", r.getMessage());
            if (r.field() != null) {
                body.put("field", r.field());
            }
            ctx.response().setStatusCode(r.kind().httpStatus())
                    .putHeader("content-type", "application/json; charset=utf-8").end(body.encode());
        } else {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.normalizedPath(), e);
            ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "internal").put("message", Catalogue.zh().text("error.internal"))
                            .encode());
        }
    }

    /**
     * What the user reads for a refusal, from the catalogue: its own key when it has one, else the generic text of its
     * kind ({@code error.invalid} with the field's Chinese name, {@code error.not_found}, ...).
     */
    public static String userMessage(Refusal r) {
        Catalogue c = Catalogue.zh();
        Map<String, Object> p = new HashMap<>(r.params());
        p.put("field", c.field(r.field()));
        if (p.get("reasonKey") instanceof String reasonKey) {
            p.put("reason", c.text(reasonKey, p));
        }
        if (r.messageKey() != null && c.has(r.messageKey())) {
            return c.text(r.messageKey(), p);
        }
        return c.text("error." + r.kind().code(), p);
    }

    /** A bad input field (400) found by the HTTP layer itself, before any feature saw the request. */
    public static Refusal invalid(String field, String message) {
        return Refusal.invalid(field, message);
    }

    /** An ISO-8601 timestamp, or null. */
    public static String ts(java.time.Instant i) {
        return i == null ? null : i.toString();
    }
}
