package cn.hotline12345.cti.knowledge;

import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import cn.hotline12345.cti.knowledge.internal.KnowledgeRepository;
import cn.hotline12345.cti.knowledge.internal.KnowledgeService;
import cn.hotline12345.cti.knowledge.internal.KnowledgeVoice;
import cn.hotline12345.cti.knowledge.web.KnowledgeRoutes;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.ivr.audio.PromptSynthesizer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The knowledge base slice (知识库, art. 31 and 38): entries kept by the hotline and the units, searched by agents (the
 * screen pop suggests entries) and by callers (the IVR's self-service, spoken by {@link KnowledgeVoice}).
 */
public final class KnowledgeModule implements Lifecycle {

    private final KnowledgeService knowledge;
    private final KnowledgeVoice voice;
    private final List<RouteContributor> routes;

    /** Without spoken answers (tests, tools). */
    public KnowledgeModule(Db db, Clock clock) {
        this.knowledge = new KnowledgeService(new KnowledgeRepository(db), clock);
        this.voice = null;
        this.routes = List.of(new KnowledgeRoutes(knowledge));
    }

    /**
     * @param soundsDir the PBX's language folder for the spoken answers (ivr.soundsDir); null: not spoken
     * @param synth     the speech pipeline ({@link PromptSynthesizer#espeakNg()})
     */
    public KnowledgeModule(Vertx vertx, Db db, Clock clock, Path soundsDir, PromptSynthesizer synth) {
        KnowledgeRepository repo = new KnowledgeRepository(db);
        this.knowledge = new KnowledgeService(repo, clock);
        this.voice = new KnowledgeVoice(vertx, repo, soundsDir, synth, clock);
        knowledge.onChange(voice::changed);
        knowledge.onDelete(voice::removed);
        this.routes = List.of(new KnowledgeRoutes(knowledge));
    }

    /** Installs the spoken answers (checks the speech engine first); never fails. */
    @Override
    public Future<Void> start() {
        return voice == null ? Future.succeededFuture() : voice.start();
    }

    public KnowledgeService knowledge() {
        return knowledge;
    }

    /** The IVR's spoken answers; null when this module was built without them. */
    public KnowledgeVoice voice() {
        return voice;
    }

    public List<RouteContributor> routes() {
        return routes;
    }

    @Override
    public void close() {
        if (voice != null) {
            voice.close();
        }
    }
}
