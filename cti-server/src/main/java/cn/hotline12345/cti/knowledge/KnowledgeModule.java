package cn.hotline12345.cti.knowledge;

import cn.hotline12345.cti.knowledge.internal.KnowledgeRepository;
import cn.hotline12345.cti.knowledge.internal.KnowledgeService;
import cn.hotline12345.cti.knowledge.web.KnowledgeRoutes;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.RouteContributor;

import java.time.Clock;
import java.util.List;

/**
 * The knowledge base slice (知识库, art. 31 and 38): entries kept by the hotline and the units, searched by agents (the
 * screen pop suggests entries) and by callers (the IVR's self-service).
 */
public final class KnowledgeModule {

    private final KnowledgeService knowledge;
    private final List<RouteContributor> routes;

    public KnowledgeModule(Db db, Clock clock) {
        this.knowledge = new KnowledgeService(new KnowledgeRepository(db), clock);
        this.routes = List.of(new KnowledgeRoutes(knowledge));
    }

    public KnowledgeService knowledge() {
        return knowledge;
    }

    public List<RouteContributor> routes() {
        return routes;
    }
}
