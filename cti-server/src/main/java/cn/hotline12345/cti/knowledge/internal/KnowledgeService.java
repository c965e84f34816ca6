package cn.hotline12345.cti.knowledge.internal;


import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.knowledge.api.KnowledgeEntry;
import cn.hotline12345.cti.knowledge.api.KnowledgeException;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The knowledge base (art. 31, 38) for agents, self-service and the screen pop.
 *
 * <p>Why substring + trigram search and not PostgreSQL full-text search: Chinese is written without spaces,
 * and the built-in {@code tsvector} parser splits on spaces and punctuation, so a whole Chinese sentence
 * becomes one "word" and a query for 社保 never matches 社保卡补办. No Chinese segmenter (zhparser,
 * pg_jieba) ships with a stock PostgreSQL. Substring matching ({@code ILIKE '%社保%'}) finds every entry
 * containing the query; the pg_trgm GIN indexes of V1 make it fast for queries of 3 or more characters, and
 * for 2-character ones PostgreSQL still uses the index for the padded trigrams where it can and otherwise
 * scans (the table is small: thousands of entries). A 1-character query is refused: it matches nearly
 * everything and no index helps. Ranking is explicit (title hit, tag hit, body hit, then trigram similarity),
 * because pg_trgm's similarity depends on the database's character classification (with a C locale it
 * ignores non-ASCII letters). Only entries valid today (Asia/Shanghai) are returned. See
 * {@code docs/knowledge-search.md}.
 */
public final class KnowledgeService {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 20_000;
    /** What the IVR may speak of an entry with a topic (ivr-scripts' SpeechText.MAX_CHARS, about ten minutes). */
    public static final int IVR_MAX_CHARS = cn.hotline12345.ivr.audio.SpeechText.MAX_CHARS;
    private static final ZoneId ZONE = HotlineTime.ZONE;

    private final KnowledgeRepository repo;
    private final Clock clock;
    private final List<java.util.function.Consumer<KnowledgeEntry>> onChange =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> onDelete = new java.util.concurrent.CopyOnWriteArrayList<>();

    public KnowledgeService(KnowledgeRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    /** Runs after every committed create and update (the IVR's spoken answers follow the text). */
    public void onChange(java.util.function.Consumer<KnowledgeEntry> listener) {
        onChange.add(listener);
    }

    /** Runs after every committed delete, with the entry's id. */
    public void onDelete(java.util.function.LongConsumer listener) {
        onDelete.add(listener);
    }

    /** How many entries there are. */
    public Future<Integer> count() {
        return repo.count();
    }

    public Future<KnowledgeEntry> create(KnowledgeEntry e) {
        try {
            return repo.insert(validate(e), clock.instant()).onSuccess(x -> onChange.forEach(l -> l.accept(x)));
        } catch (KnowledgeException x) {
            return Future.failedFuture(x);
        }
    }

    public Future<KnowledgeEntry> update(KnowledgeEntry e) {
        try {
            return repo.update(validate(e), clock.instant()).compose(o -> o.map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(KnowledgeException.notFound("knowledge entry " + e.id()))))
                    .onSuccess(x -> onChange.forEach(l -> l.accept(x)));
        } catch (KnowledgeException x) {
            return Future.failedFuture(x);
        }
    }

    public Future<Void> delete(long id) {
        return repo.delete(id).compose(ok -> ok ? Future.<Void>succeededFuture()
                : Future.<Void>failedFuture(KnowledgeException.notFound("knowledge entry " + id)))
                .onSuccess(v -> onDelete.forEach(l -> l.accept(id)));
    }

    /** An entry by id, valid or not (for editing). */
    public Future<KnowledgeEntry> get(long id) {
        return repo.find(id).compose(o -> o.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(KnowledgeException.notFound("knowledge entry " + id))));
    }

    /**
     * Searches valid entries. The query is split on whitespace and punctuation into terms of at least 2
     * characters (Chinese words are not split further: a phrase is a substring query).
     */
    public Future<List<KnowledgeEntry>> search(String query, int limit) {
        if (query == null || query.isBlank()) {
            return repo.listValid(today(), cap(limit));
        }
        if (query.length() > 200) {
            return Future.failedFuture(KnowledgeException.invalid("q", "longer than 200 characters"));
        }
        List<String> terms = terms(query);
        if (terms.isEmpty()) {
            return Future.failedFuture(KnowledgeException.invalid("q", "give at least 2 characters"));
        }
        return repo.search(terms, today(), cap(limit));
    }

    /**
     * Suggestions for the screen pop or self-service from an IVR path (its segments, e.g.
     * {@code menu>consultation>社保}) and keywords; empty when nothing usable is given.
     */
    public Future<List<KnowledgeEntry>> suggest(String ivrPath, List<String> keywords, int limit) {
        Set<String> t = new LinkedHashSet<>();
        if (ivrPath != null) {
            t.addAll(terms(ivrPath.length() > 200 ? ivrPath.substring(0, 200) : ivrPath));
        }
        if (keywords != null) {
            keywords.stream().filter(k -> k != null && k.length() <= 50).forEach(k -> t.addAll(terms(k)));
        }
        t.removeIf(s -> s.chars().allMatch(Character::isDigit) || s.equalsIgnoreCase("menu"));
        if (t.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return repo.search(new ArrayList<>(t).subList(0, Math.min(t.size(), 10)), today(), cap(limit));
    }

    static List<String> terms(String q) {
        List<String> out = new ArrayList<>();
        for (String s : q.split("[\\s\\p{Punct}，。、；：？！（）《》“”]+")) {
            if (s.codePointCount(0, s.length()) >= 2 && !out.contains(s)) {
                out.add(s);
            }
        }
        return out.size() > 10 ? out.subList(0, 10) : out;
    }

    private LocalDate today() {
        return clock.instant().atZone(ZONE).toLocalDate();
    }

    private static int cap(int limit) {
        return Math.max(1, Math.min(limit <= 0 ? 20 : limit, 100));
    }

    private static KnowledgeEntry validate(KnowledgeEntry e) {
        if (e.title() == null || e.title().isBlank() || e.title().length() > MAX_TITLE) {
            throw KnowledgeException.invalid("title", "required, at most " + MAX_TITLE + " characters");
        }
        if (e.body() == null || e.body().isBlank() || e.body().length() > MAX_BODY) {
            throw KnowledgeException.invalid("body", "required, at most " + MAX_BODY + " characters");
        }
        if (e.tags().size() > 20 || e.tags().stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 50)) {
            throw KnowledgeException.invalid("tags", "at most 20 tags of 1..50 characters");
        }
        if (e.validFrom() != null && e.validTo() != null && e.validTo().isBefore(e.validFrom())) {
            throw KnowledgeException.invalid("validTo", "before validFrom");
        }
        if (e.ivrTopic() != null && (e.ivrTopic() < 1 || e.ivrTopic() > KnowledgeEntry.MAX_IVR_TOPIC)) {
            throw KnowledgeException.invalid("ivrTopic", "1.." + KnowledgeEntry.MAX_IVR_TOPIC + " (the IVR topic menu)");
        }
        if (e.ivrTopic() != null && (e.title().length() + e.body().length() + 1) > IVR_MAX_CHARS) {
            // the IVR speaks title + body; a text longer than the speech engine takes would never be heard
            throw KnowledgeException.invalid("body", "an IVR answer is spoken: title and body at most "
                    + IVR_MAX_CHARS + " characters");
        }
        return e;
    }
}
