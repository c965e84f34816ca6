package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.config.CtiConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The HTTP server: operations endpoints, APIs and pages, each mounted by a {@link RouteContributor}. */
public final class HttpVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
    /** Request bodies above this are refused (413) before they are read into memory. */
    public static final long MAX_BODY_BYTES = 256 * 1024;

    private final CtiConfig.Http config;
    private final List<RouteContributor> contributors;
    private HttpServer server;

    public HttpVerticle(CtiConfig.Http config, List<RouteContributor> contributors) {
        this.config = config;
        this.contributors = List.copyOf(contributors);
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        contributors.forEach(c -> c.mount(router));
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", "not_found").put("message", "no such resource").encode()));
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (status >= 500) {
                LOG.error("request {} {} failed", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
            }
            ctx.response().setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", status == 413 ? "too_large" : status >= 500 ? "internal" : "bad_request")
                            .put("message", status >= 500 ? "internal error" : String.valueOf(
                                    ctx.failure() == null ? "request refused" : ctx.failure().getMessage()))
                            .encode());
        });
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()));
        return server.requestHandler(router).listen()
                .onSuccess(s -> LOG.info("HTTP listening on {}:{}", config.host(), s.actualPort()));
    }

    /** The bound port (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
