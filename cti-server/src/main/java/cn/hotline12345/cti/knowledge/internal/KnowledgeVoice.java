package cn.hotline12345.cti.knowledge.internal;

import cn.hotline12345.cti.knowledge.api.KnowledgeEntry;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.ivr.audio.PromptSynthesizer;
import cn.hotline12345.ivr.audio.SpeechException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The knowledge base's spoken answers for the IVR (issue 22 item 3, docs/ivr-audio.md "knowledge answers"): every
 * entry with an IVR topic is synthesized into {@code <soundsDir>/knowledge/kb-<id>.{wav,ulaw,alaw}}, the PBX's
 * language folder shared with Asterisk, from its title and body; the topic menu's lookup then answers
 * {@code knowledge/kb-<id>}. Entries are installed at start (unchanged texts are cache hits), on every create and
 * update, and their files removed on delete, on one worker thread of its own (one name is never installed by two
 * threads; the database and the event loops never wait for espeak-ng).
 *
 * <p>Without a sounds folder or without the speech engine (a fresh machine without espeak-ng) nothing is spoken:
 * the lookup answers "not found" and the caller hears the flow's fallback prompt; the start-up log says which.
 */
public final class KnowledgeVoice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeVoice.class);

    /** The sound name STREAM FILE is given for an entry. */
    public static String soundName(long entryId) {
        return "knowledge/kb-" + entryId;
    }

    private final KnowledgeRepository repo;
    private final PromptSynthesizer synth;
    private final Path soundsDir;
    private final Clock clock;
    private final WorkerExecutor worker;
    /** entry id -> the text its installed sound speaks */
    private final Map<Long, String> installed = new ConcurrentHashMap<>();
    private volatile boolean speaking;

    /**
     * @param soundsDir the language folder (e.g. {@code /var/lib/cti/sounds/zh}); null: answers are not spoken
     * @param synth     the speech pipeline; null: answers are not spoken
     */
    public KnowledgeVoice(Vertx vertx, KnowledgeRepository repo, Path soundsDir, PromptSynthesizer synth, Clock clock) {
        this.repo = repo;
        this.synth = synth;
        this.soundsDir = soundsDir;
        this.clock = clock;
        this.worker = vertx.createSharedWorkerExecutor("cti-knowledge-voice", 1, 10, TimeUnit.MINUTES);
    }

    /**
     * Checks the engine and installs every entry with a topic; completes when done (a failure is logged, never
     * failed: the IVR then answers not found).
     */
    public Future<Void> start() {
        if (soundsDir == null || synth == null) {
            LOG.info("knowledge answers are not spoken: ivr.soundsDir is not set (the IVR's topic menu answers "
                    + "knowledge-not-found)");
            return Future.succeededFuture();
        }
        return worker.<Boolean>executeBlocking(() -> {
            try {
                String engine = synth.checkEngine();
                LOG.info("knowledge answers are spoken with {} into {}", engine, soundsDir.resolve("knowledge"));
                return true;
            } catch (SpeechException e) {
                LOG.warn("knowledge answers are not spoken: {} (the IVR's topic menu answers knowledge-not-found;"
                        + " install espeak-ng, see docs/ivr-audio.md)", e.getMessage());
                return false;
            }
        }, false).compose(ok -> {
            speaking = ok;
            return ok ? repo.withIvrTopic() : Future.succeededFuture(java.util.List.<KnowledgeEntry>of());
        }).compose(entries -> {
            Future<Void> chain = Future.succeededFuture();
            for (KnowledgeEntry e : entries) {
                chain = chain.compose(v -> install(e));
            }
            return chain.onSuccess(v -> {
                if (speaking) {
                    LOG.info("knowledge answers: {} of {} entries with an IVR topic ready", installed.size(),
                            entries.size());
                }
            });
        }).recover(e -> {
            LOG.warn("knowledge answers: start failed: {}", e.toString());
            return Future.succeededFuture();
        });
    }

    /** Whether answers are spoken at all (a sounds folder and a working engine). */
    public boolean speaking() {
        return speaking;
    }

    /** An entry was created or changed: (re)install its sound, or remove it when it lost its topic. */
    public Future<Void> changed(KnowledgeEntry e) {
        if (!speaking) {
            return Future.succeededFuture();
        }
        if (e.ivrTopic() == null) {
            return removed(e.id());
        }
        return install(e);
    }

    /** An entry was deleted: its files go. */
    public Future<Void> removed(long id) {
        if (!speaking) {
            return Future.succeededFuture();
        }
        installed.remove(id);
        return worker.<Void>executeBlocking(() -> {
            PromptSynthesizer.remove(soundsDir, soundName(id));
            return null;
        }, true).recover(x -> {
            LOG.warn("knowledge answer {}: cannot remove its sound: {}", id, x.toString());
            return Future.succeededFuture();
        });
    }

    private Future<Void> install(KnowledgeEntry e) {
        String text = e.title() + "。" + e.body();
        return worker.<Void>executeBlocking(() -> {
            PromptSynthesizer.Outcome o = synth.install(soundsDir, soundName(e.id()), text);
            installed.put(e.id(), text);
            LOG.debug("knowledge answer {}: {} ({} ms of speech)", e.id(), o.status(), o.durationMs());
            return null;
        }, true).recover(x -> {
            // the old sound (if any) stays on disk but is not offered: it no longer says the entry's text
            installed.remove(e.id());
            LOG.warn("knowledge answer {}: not spoken: {}", e.id(), x.getMessage());
            return Future.succeededFuture();
        });
    }

    /**
     * The sound for a topic of the IVR menu today: the valid entry with that topic changed last, when its current
     * text is installed; empty otherwise (the flow plays knowledge-not-found).
     */
    public Future<Optional<String>> answer(int topic) {
        if (!speaking || topic < 1 || topic > KnowledgeEntry.MAX_IVR_TOPIC) {
            return Future.succeededFuture(Optional.empty());
        }
        return repo.forIvrTopic(topic, clock.instant().atZone(HotlineTime.ZONE).toLocalDate())
                .map(o -> o.filter(e -> (e.title() + "。" + e.body()).equals(installed.get(e.id())))
                        .map(e -> soundName(e.id())));
    }

    @Override
    public void close() {
        worker.close();
    }
}
