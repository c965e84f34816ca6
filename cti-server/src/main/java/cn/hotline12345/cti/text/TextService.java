package cn.hotline12345.cti.text;

import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.DispatchHistory;
import cn.hotline12345.cti.text.api.DispatchRequest;
import cn.hotline12345.cti.text.api.DispatchSuggestion;
import cn.hotline12345.cti.text.api.HotTopicReport;
import cn.hotline12345.cti.text.api.MatterText;
import cn.hotline12345.cti.text.api.ModelInfo;
import cn.hotline12345.cti.text.api.OpenMatter;
import cn.hotline12345.cti.text.api.SimilarMatch;
import cn.hotline12345.cti.text.api.SimilarMatters;
import cn.hotline12345.cti.text.api.SimilarityResult;
import cn.hotline12345.cti.text.api.TextIntelligence;
import cn.hotline12345.cti.text.api.Token;
import cn.hotline12345.cti.text.api.UrgencyAssessment;
import cn.hotline12345.cti.text.store.TextMatterRepository;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * What the text routes ask of the engine, each answered as a {@link Future} computed on the slice's worker threads
 * (segmentation, clustering and every database read stay off the event loop). Records in, records out: the web layer
 * turns them into JSON.
 */
public final class TextService {

    private final WorkerExecutor workers;
    private final DictionaryStore dictionaryStore;
    private final TextMatterRepository matters;
    private final UrgencyAlerts alerts;
    private final TextSettings settings;
    private volatile TextIntelligence engine;
    private volatile OpenIndex open = new OpenIndex(null, Map.of());
    private volatile Map<String, String> unitNames = Map.of();

    TextService(WorkerExecutor workers, DictionaryStore dictionaryStore, TextMatterRepository matters, UrgencyAlerts alerts,
                TextSettings settings) {
        this.workers = workers;
        this.dictionaryStore = dictionaryStore;
        this.matters = matters;
        this.alerts = alerts;
        this.settings = settings;
    }

    private record OpenIndex(SimilarMatters index, Map<String, TextMatterRepository.OpenRow> rows) {
    }

    /** Builds the engine (blocking: reads the dictionary store, loads HanLP). */
    void build(BiFunction<DictionaryStore, DispatchHistory, ? extends TextIntelligence> factory) {
        TextIntelligence e = factory.apply(dictionaryStore, matters);
        e.segmenter().segment("小区楼下烧烤店油烟扰民");
        unitNames = matters.unitNames();
        engine = e;
    }

    private TextIntelligence engine() {
        TextIntelligence e = engine;
        if (e == null) {
            throw TextException.notReady();
        }
        return e;
    }

    private <T> Future<T> work(Callable<T> c) {
        return workers.executeBlocking(c, false);
    }

    Future<ModelInfo> retrain() {
        return work(() -> {
            ModelInfo m = engine().dispatch().retrain();
            unitNames = matters.unitNames();
            return m;
        });
    }

    Future<Void> refreshOpen() {
        return work(() -> {
            SimilarMatters index = engine().newSimilarMattersIndex();
            Map<String, TextMatterRepository.OpenRow> rows = new HashMap<>();
            for (TextMatterRepository.OpenRow r : matters.open(settings.openDays())) {
                if (index.add(r.matter())) {
                    rows.put(r.matter().id(), r);
                }
            }
            open = new OpenIndex(index, Map.copyOf(rows));
            return null;
        });
    }

    /** The model in force. */
    public ModelInfo model() {
        return engine().dispatch().model();
    }

    /** A dispatch suggestion with the units' names. */
    public record Suggested(DispatchSuggestion suggestion, Map<String, String> unitNames) {
    }

    public Future<Suggested> suggest(DispatchRequest request, int limit) {
        TextIntelligence e = engine();
        return work(() -> new Suggested(e.dispatch().suggest(request, limit), unitNames));
    }

    /** The screen's answer, and the supervisors' alert it raised (null when nothing was flagged). */
    public record Screened(UrgencyAssessment assessment, UrgencyAlerts.Alert alert) {
    }

    public Future<Screened> screen(String text, String agent, String matter) {
        TextIntelligence e = engine();
        return work(() -> {
            UrgencyAssessment a = e.urgency().screen(text);
            return new Screened(a, alerts.raise(agent, matter, a));
        });
    }

    public List<UrgencyAlerts.Alert> alerts() {
        return alerts.current();
    }

    /** One open matter offered as similar, with what the console shows of it. */
    public record SimilarRow(SimilarMatch match, String number, String subject, String status) {
    }

    public record Similar(List<SimilarRow> rows, List<String> notes, int indexed) {
    }

    public Future<Similar> similar(OpenMatter probe, String excludeId, int k) {
        engine();
        OpenIndex o = open;
        return work(() -> {
            if (o.index() == null) {
                return new Similar(List.of(), List.of("在办事项索引尚未建立，请稍后再试"), 0);
            }
            SimilarityResult r = o.index().query(probe, Math.min(SimilarMatters.MAX_K, k + 1));
            List<SimilarRow> rows = new ArrayList<>();
            for (SimilarMatch m : r.matches()) {
                TextMatterRepository.OpenRow row = o.rows().get(m.matterId());
                if (row != null && !m.matterId().equals(excludeId) && rows.size() < k) {
                    rows.add(new SimilarRow(m, row.number(), row.subject(), row.status()));
                }
            }
            return new Similar(rows, r.notes(), o.index().size());
        });
    }

    /** Hot topics and the window's matters by id (examples' numbers and subjects). */
    public record Topics(HotTopicReport report, Map<String, TextMatterRepository.WindowMatter> matters) {
    }

    public Future<Topics> hotTopics(Instant from, Instant to, int limit, int minSize) {
        TextIntelligence e = engine();
        return work(() -> {
            Instant previous = from.minus(java.time.Duration.between(from, to));
            List<TextMatterRepository.WindowMatter> rows = matters.window(previous, to, settings.maxTopicMatters());
            if (rows.size() > settings.maxTopicMatters()) {
                throw new TextException(Refusal.Kind.INVALID, "from", "more than " + settings.maxTopicMatters()
                        + " matters in the period and the one before").tell("text.period_too_many",
                        "max", settings.maxTopicMatters());
            }
            Map<String, TextMatterRepository.WindowMatter> byId = new HashMap<>();
            List<MatterText> texts = new ArrayList<>(rows.size());
            for (TextMatterRepository.WindowMatter m : rows) {
                byId.put(String.valueOf(m.id()), m);
                texts.add(new MatterText(String.valueOf(m.id()), m.createdAt(), m.text(), m.district(), m.unit()));
            }
            return new Topics(e.hotTopics().find(texts, from, to, limit, minSize), byId);
        });
    }

    /**
     * Dictionary entries whose word or concept contains {@code q} (all when blank), of the given kind (all when null),
     * at most {@code limit}.
     */
    public Future<List<DictionaryEntry>> entries(String q, cn.hotline12345.cti.text.api.WordKind kind, int limit) {
        TextIntelligence e = engine();
        return work(() -> e.dictionary().entries().stream()
                .filter(x -> kind == null || x.kind() == kind)
                .filter(x -> q == null || q.isBlank() || x.word().contains(q.strip())
                        || x.concept() != null && x.concept().contains(q.strip()))
                .limit(limit).toList());
    }

    public long dictionaryVersion() {
        return engine().dictionary().version();
    }

    /**
     * Adds an entry, or with {@code replace} changes the one of the same word (written through the store, then in
     * force for the next request). A word already in the dictionary is refused (409) without {@code replace}: an
     * administrator typing a word twice must not silently change its kind or concept.
     */
    public Future<DictionaryEntry> add(DictionaryEntry entry, boolean replace) {
        TextIntelligence e = engine();
        return work(() -> {
            java.util.Optional<DictionaryEntry> existing = e.dictionary().find(entry.word());
            if (!replace && existing.isPresent()) {
                throw new TextException(Refusal.Kind.CONFLICT, "word", "already in the dictionary: " + entry.word())
                        .tell("text.dictionary.duplicate", "word", entry.word(),
                                "kind", cn.hotline12345.cti.platform.i18n.Catalogue.zh()
                                        .label("text.kind", existing.get().kind().name().toLowerCase(java.util.Locale.ROOT)));
            }
            String problem = e.dictionary().add(entry);
            if (problem != null) {
                throw new TextException(Refusal.Kind.INVALID, "word", "entry refused: " + entry.word())
                        .tell("text.dictionary.refused", "reason", problem);
            }
            return e.dictionary().find(entry.word()).orElse(entry);
        });
    }

    public Future<Boolean> remove(String word) {
        TextIntelligence e = engine();
        return work(() -> e.dictionary().remove(word));
    }

    public Future<List<Token>> segment(String text) {
        TextIntelligence e = engine();
        return work(() -> e.segmenter().segment(text));
    }
}
