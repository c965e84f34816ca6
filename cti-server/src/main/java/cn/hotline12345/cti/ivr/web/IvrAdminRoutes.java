package cn.hotline12345.cti.ivr.web;


import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.ivr.FlowRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.function.Supplier;

/**
 * {@code POST /api/admin/ivr/reload} (telephony engineers and administrators): re-reads the IVR flows. A flow
 * set that fails validation is not applied — the last good version stays live and the answer (422) lists
 * every error with file and node; calls in progress keep the version they started with either way.
 */
public final class IvrAdminRoutes implements RouteContributor {

    private final Supplier<Future<FlowRegistry.ReloadResult>> reload;

    public IvrAdminRoutes(Supplier<Future<FlowRegistry.ReloadResult>> reload) {
        this.reload = reload;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/admin/ivr/reload").handler(Authz.require(Role.ENGINEER, Role.ADMIN)).handler(ctx ->
                reload.get().onComplete(ar -> {
                    if (ar.failed()) {
                        ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
                                .end(new JsonObject().put("error", "internal").put("message", "reload failed").encode());
                        return;
                    }
                    FlowRegistry.ReloadResult r = ar.result();
                    JsonArray errors = new JsonArray();
                    r.errors().forEach(e -> errors.add(new JsonObject().put("file", e.file()).put("node", e.node())
                            .put("message", e.message())));
                    ctx.response().setStatusCode(r.applied() ? 200 : 422).putHeader("content-type", "application/json")
                            .end(new JsonObject().put("applied", r.applied()).put("version", r.current().version())
                                    .put("errors", errors).encode());
                }));
    }
}
