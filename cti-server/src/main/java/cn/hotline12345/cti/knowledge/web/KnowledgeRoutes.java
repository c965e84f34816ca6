package cn.hotline12345.cti.knowledge.web;


import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.knowledge.api.KnowledgeEntry;
import cn.hotline12345.cti.knowledge.internal.KnowledgeService;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The knowledge base API (art. 31, 38): search for staff, maintenance for supervisors and administrators. */
public final class KnowledgeRoutes implements RouteContributor {

    private final KnowledgeService knowledge;

    public KnowledgeRoutes(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public void mount(Router r) {
        var read = Authz.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        var write = Authz.require(Role.SUPERVISOR, Role.ADMIN);
        r.get("/api/knowledge").handler(read).handler(ctx -> Api.respond(ctx, 200,
                c -> knowledge.search(c.request().getParam("q"), Api.intParam(c, "limit", 20, 100)),
                KnowledgeRoutes::list));
        r.get("/api/knowledge/suggest").handler(read).handler(ctx -> Api.respond(ctx, 200,
                c -> knowledge.suggest(c.request().getParam("ivrPath"), c.queryParam("keyword"),
                        Api.intParam(c, "limit", 5, 20)), KnowledgeRoutes::list));
        r.get("/api/knowledge/:id").handler(read).handler(ctx -> Api.respond(ctx, 200,
                c -> knowledge.get(Api.pathId(c, "id")), KnowledgeRoutes::entry));
        r.post("/api/knowledge").handler(write).handler(ctx -> Api.respond(ctx, 201,
                c -> knowledge.create(read(c, 0)), KnowledgeRoutes::entry));
        r.put("/api/knowledge/:id").handler(write).handler(ctx -> Api.respond(ctx, 200,
                c -> knowledge.update(read(c, Api.pathId(c, "id"))), KnowledgeRoutes::entry));
        r.delete("/api/knowledge/:id").handler(write).handler(ctx -> Api.respond(ctx, 204,
                c -> knowledge.delete(Api.pathId(c, "id")), v -> null));
    }

    private static KnowledgeEntry read(RoutingContext c, long id) {
        Body b = Api.body(c);
        return new KnowledgeEntry(id, b.required("title", KnowledgeService.MAX_TITLE),
                b.required("body", KnowledgeService.MAX_BODY), b.strings("tags", 20, 50), b.str("sourceUnit", 64),
                b.date("validFrom"), b.date("validTo"), null, null, b.integer("ivrTopic"));
    }

    static JsonObject entry(KnowledgeEntry e) {
        return new JsonObject().put("id", e.id()).put("title", e.title()).put("body", e.body())
                .put("tags", new JsonArray(e.tags())).put("sourceUnit", e.sourceUnit())
                .put("validFrom", e.validFrom() == null ? null : e.validFrom().toString())
                .put("validTo", e.validTo() == null ? null : e.validTo().toString())
                .put("ivrTopic", e.ivrTopic())
                .put("updatedAt", Api.ts(e.updatedAt()));
    }

    private static JsonArray list(List<KnowledgeEntry> l) {
        JsonArray a = new JsonArray();
        l.forEach(e -> a.add(entry(e)));
        return a;
    }
}
