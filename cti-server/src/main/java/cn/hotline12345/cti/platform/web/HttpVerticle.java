package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.config.CtiConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The HTTP server: operations endpoints, APIs and pages, each mounted by a {@link RouteContributor}. Before any route:
 * the {@link ConnectionGuard} (connection caps and header, keep-alive and body timeouts) and {@link RequestInput}
 * (no NUL, control character or invalid UTF-8 in a query, path or JSON body). Every answer of its own is JSON with a
 * Chinese {@code message} from the catalogue.
 */
public final class HttpVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
    /** Request bodies above this are refused (413) before they are read into memory. */
    public static final long MAX_BODY_BYTES = 256 * 1024;

    private final CtiConfig.Http config;
    private final List<RouteContributor> contributors;
    private final ConnectionGuard guard;
    private HttpServer server;

    public HttpVerticle(CtiConfig.Http config, List<RouteContributor> contributors) {
        this(config, contributors, null);
    }

    /** With meters of the connection guard ({@code cti.http.connections.*}). */
    public HttpVerticle(CtiConfig.Http config, List<RouteContributor> contributors, MeterRegistry metrics) {
        this.config = config;
        this.contributors = List.copyOf(contributors);
        this.guard = new ConnectionGuard(config);
        if (metrics != null) {
            guard.meters(metrics);
        }
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        BodyHandler small = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        java.util.regex.Pattern own = java.util.regex.Pattern.compile(String.join("|", contributors.stream()
                .flatMap(c -> c.ownBodyPaths().stream()).map(p -> "(?:" + p + ")").toList()));
        boolean anyOwn = contributors.stream().anyMatch(c -> !c.ownBodyPaths().isEmpty());
        router.route().order(-1_000).handler(ctx -> {
            if (anyOwn && own.matcher(ctx.normalizedPath()).matches()) {
                ctx.next(); // that route authenticates first, then reads the body with its own limit
            } else {
                small.handle(ctx);
            }
        });
        router.route().order(-999).handler(RequestInput::check);
        contributors.forEach(c -> c.mount(router));
        router.route().last().handler(ctx -> RequestJson.error(ctx, 404, "not_found", "no such resource"));
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (status >= 500) {
                LOG.error("request {} {} failed", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
            }
            if (ctx.response().ended()) {
                return;
            }
            String code = status == 413 ? "too_large" : status >= 500 ? "internal" : "bad_request";
            RequestJson.error(ctx, status, code, status >= 500 ? "internal error"
                    : String.valueOf(ctx.failure() == null ? "request refused" : ctx.failure().getMessage()));
        });
        // HTTP/1.1 only: browsers never use cleartext HTTP/2, and its upgrade would let one connection carry a hundred
        // requests past the per-connection limits
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setHttp2ClearTextEnabled(false));
        server.connectionHandler(guard::onConnection);
        guard.start(vertx);
        return server.requestHandler(guard.wrap(router)).listen()
                .onSuccess(s -> LOG.info("HTTP listening on {}:{} (at most {} connections, {} per address; header"
                                + " timeout {}, keep-alive {}, body {})", config.host(), s.actualPort(), config.maxConnections(),
                        config.maxConnectionsPerAddress(), config.headerTimeout(), config.keepAliveTimeout(),
                        config.bodyTimeout()));
    }

    /** The bound port (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }

    /** Open connections now (tests, the attack run). */
    public int openConnections() {
        return guard.open();
    }

    /** Connections closed on accept by a cap since start. */
    public long refusedConnections() {
        return guard.refused();
    }

    /** Connections closed for being too slow since start. */
    public long timedOutConnections() {
        return guard.timedOut();
    }

    @Override
    public Future<?> stop() {
        guard.stop(vertx);
        // requests in progress get a short grace; an open console socket is closed after it
        return server == null ? Future.succeededFuture() : server.shutdown(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
