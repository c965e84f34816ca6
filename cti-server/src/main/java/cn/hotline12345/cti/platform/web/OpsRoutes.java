package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.health.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operations endpoints: {@code /health} (liveness: the process answers; open to all), {@code /ready} (every
 * component up; 503 and the failing parts otherwise) and {@code /metrics} (Prometheus text). The last two tell an
 * outsider a lot (component names, PBX ids, queue sizes, refusal counts), so they answer only the addresses of
 * {@code http.opsAllowedSources} (loopback by default; the client address as {@link ClientAddresses} tells it) or a
 * request with {@code Authorization: Bearer <http.opsToken>}; anyone else gets 403.
 */
public final class OpsRoutes implements RouteContributor {

    private final Readiness readiness;
    private final PrometheusMeterRegistry prometheus;
    private final CtiConfig.Http http;
    private final ClientAddresses clients;

    /** With the default access (loopback only, no token). */
    public OpsRoutes(Readiness readiness, PrometheusMeterRegistry prometheus) {
        this(readiness, prometheus, new CtiConfig.Http("127.0.0.1", 0, java.util.List.of()));
    }

    public OpsRoutes(Readiness readiness, PrometheusMeterRegistry prometheus, CtiConfig.Http http) {
        this.readiness = readiness;
        this.prometheus = prometheus;
        this.http = http;
        this.clients = new ClientAddresses(http.trustedProxies());
    }

    @Override
    public void mount(Router router) {
        router.get("/health").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/ready").handler(ctx -> {
            if (!allowed(ctx)) {
                return;
            }
            JsonObject components = new JsonObject();
            readiness.snapshot().forEach((name, c) -> components.put(name, new JsonObject()
                    .put("status", c.up() ? "UP" : "DOWN")
                    .put("detail", c.detail())
                    .put("since", c.since().toString())));
            boolean ready = readiness.ready();
            ctx.response()
                    .setStatusCode(ready ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("status", ready ? "UP" : "DOWN").put("components", components).encode());
        });
        router.get("/metrics").handler(ctx -> {
            if (!allowed(ctx)) {
                return;
            }
            ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(prometheus.scrape());
        });
    }

    private boolean allowed(RoutingContext ctx) {
        if (http.opsAllowedSources().contains(clients.of(ctx.request()))) {
            return true;
        }
        String auth = ctx.request().getHeader("Authorization");
        if (!http.opsToken().isEmpty() && auth != null && auth.startsWith("Bearer ")
                && MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                http.opsToken().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        RequestJson.error(ctx, 403, "ops_forbidden", "this address may not read the operations endpoints"
                + " (http.opsAllowedSources, http.opsToken)");
        return false;
    }
}
