package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.health.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Operations endpoints: {@code /health} (liveness: the process answers), {@code /ready} (every
 * component up; 503 and the failing parts otherwise) and {@code /metrics} (Prometheus text).
 */
public final class OpsRoutes implements RouteContributor {

    private final Readiness readiness;
    private final PrometheusMeterRegistry prometheus;

    public OpsRoutes(Readiness readiness, PrometheusMeterRegistry prometheus) {
        this.readiness = readiness;
        this.prometheus = prometheus;
    }

    @Override
    public void mount(Router router) {
        router.get("/health").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/ready").handler(ctx -> {
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
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(prometheus.scrape()));
    }
}
