package cn.hotline12345.cti.web.matter;

import cn.hotline12345.cti.matter.Actor;
import cn.hotline12345.cti.matter.MatterException;
import cn.hotline12345.cti.web.auth.Authz;
import cn.hotline12345.cti.web.auth.Principal;
import cn.hotline12345.cti.web.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/** Request and response plumbing shared by the matter routes: JSON in, JSON out, errors with the right status. */
final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    private Api() {
    }

    /** The request body as a {@link Body}; a missing or malformed body is a 400. */
    static Body body(RoutingContext ctx) {
        String raw = ctx.body() == null ? null : ctx.body().asString();
        if (raw == null || raw.isBlank()) {
            return new Body(new JsonObject());
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(raw);
            if (!(v instanceof JsonObject o)) {
                throw MatterException.invalid("body", "must be a JSON object");
            }
            return new Body(o);
        } catch (DecodeException e) {
            throw MatterException.invalid("body", "not valid JSON");
        }
    }

    static long pathId(RoutingContext ctx, String name) {
        String s = ctx.pathParam(name);
        try {
            long v = Long.parseLong(s);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new MatterException(MatterException.Kind.NOT_FOUND, null, name + " " + s + " not found");
        }
    }

    static int intParam(RoutingContext ctx, String name, int dflt, int max) {
        String s = ctx.request().getParam(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s.trim());
            if (v < 1 || v > max) {
                throw MatterException.invalid(name, "between 1 and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw MatterException.invalid(name, "not a number");
        }
    }

    static Actor actor(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        if (p.role() == Role.UNIT) {
            return Actor.unit(p.unitId());
        }
        return p.role() == Role.SUPERVISOR || p.role() == Role.ADMIN ? Actor.supervisor(p.username())
                : Actor.agent(p.username());
    }

    /** Runs the handler, maps its future (or its thrown validation error) to a JSON response. */
    static <T> void respond(RoutingContext ctx, int status, Function<RoutingContext, Future<T>> work,
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

    static void error(RoutingContext ctx, Throwable e) {
        if (ctx.response().ended()) {
            return;
        }
        if (e instanceof MatterException m) {
            int status = switch (m.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case ILLEGAL_TRANSITION -> 422;
                case FORBIDDEN -> 403;
            };
            JsonObject body = new JsonObject().put("error", m.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("message", m.getMessage());
            if (m.field() != null) {
                body.put("field", m.field());
            }
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                    .end(body.encode());
        } else {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.normalizedPath(), e);
            ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "internal").put("message", "internal error").encode());
        }
    }
}
