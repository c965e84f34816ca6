package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.CallerRelation;
import cn.hotline12345.cti.text.api.OpenMatter;
import cn.hotline12345.cti.text.api.Segmenter;
import cn.hotline12345.cti.text.api.SimilarMatch;
import cn.hotline12345.cti.text.api.SimilarMatters;
import cn.hotline12345.cti.text.api.SimilarityResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link SimilarMatters} as an inverted index from features (words and meaning groups) to open matters. Text
 * similarity is the cosine of TF-IDF vectors with document frequencies of the index itself (a word every open matter
 * has says little); the place score asks for a shared specific place (estate, road, shop street), a shared subdistrict
 * counting half, and a different district costing.
 */
final class InMemorySimilarMatters implements SimilarMatters {

    static final float CONCEPT_WEIGHT = 1f;
    static final float GROUPED_TERM_WEIGHT = 0.6f;
    /** Text similarity needed for a merge offer (with a shared specific place). */
    static final double MERGE_TEXT = 0.5;
    /** Text similarity needed for a merge offer when two specific places are shared. */
    static final double MERGE_TEXT_PINNED = 0.15;
    private static final double TEXT_SHARE = 0.75;
    /** Weight of how much of the shorter text the longer covers, against the plain cosine. */
    private static final double CONTAINMENT = 0.8;
    /** Below this many open matters with a word, the word always brings its matters in as candidates. */
    private static final int COMMON_FLOOR = 200;

    private record Entry(OpenMatter matter, Map<String, Float> features, Set<String> places, String district) { }

    private final TextAnalyzer analyzer;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Set<String>> postings = new HashMap<>();
    private final Map<String, Set<String>> placePostings = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    InMemorySimilarMatters(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public boolean add(OpenMatter matter) {
        if (matter == null || matter.id() == null || matter.id().isBlank()) {
            return false;
        }
        Entry entry = entry(matter);
        lock.writeLock().lock();
        try {
            removeLocked(matter.id());
            entries.put(matter.id(), entry);
            for (String f : entry.features().keySet()) {
                postings.computeIfAbsent(f, k -> new HashSet<>()).add(matter.id());
            }
            for (String p : entry.places()) {
                placePostings.computeIfAbsent(p, k -> new HashSet<>()).add(matter.id());
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(String matterId) {
        if (matterId == null) {
            return false;
        }
        lock.writeLock().lock();
        try {
            return removeLocked(matterId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean removeLocked(String id) {
        Entry old = entries.remove(id);
        if (old == null) {
            return false;
        }
        for (String f : old.features().keySet()) {
            unpost(postings, f, id);
        }
        for (String p : old.places()) {
            unpost(placePostings, p, id);
        }
        return true;
    }

    private static void unpost(Map<String, Set<String>> postings, String key, String id) {
        Set<String> ids = postings.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                postings.remove(key);
            }
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return entries.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public SimilarityResult query(OpenMatter probe, int k) {
        int max = Math.max(1, Math.min(MAX_K, k));
        if (probe == null) {
            return new SimilarityResult(List.of(), List.of("查询事项为空"));
        }
        Analysis a = analyzer.analyze(probe.text());
        List<String> notes = new ArrayList<>(a.input().notes("事项文本", Segmenter.MAX_TEXT_LENGTH));
        Entry q = entry(probe, a);
        if (q.features().isEmpty()) {
            if (!a.input().empty()) {
                notes.add("事项文本中没有可比对的词语");
            }
            return new SimilarityResult(List.of(), List.copyOf(notes));
        }
        List<SimilarMatch> matches = new ArrayList<>();
        lock.readLock().lock();
        try {
            int n = entries.size();
            Map<String, Double> idf = new HashMap<>();
            q.features().keySet().forEach(f -> idf.put(f, idf(n, postings.getOrDefault(f, Set.of()).size())));
            double qNorm = norm(q.features(), idf, n);
            // candidates share a place or a word that is not everywhere: a word half the open matters have would
            // make every one of them a candidate and say nothing (it still counts in the score of the others)
            int common = Math.max(COMMON_FLOOR, n / 10);
            Set<String> candidates = new HashSet<>();
            for (String f : q.features().keySet()) {
                Set<String> ids = postings.getOrDefault(f, Set.of());
                if (ids.size() <= common) {
                    candidates.addAll(ids);
                }
            }
            for (String p : q.places()) {
                candidates.addAll(placePostings.getOrDefault(p, Set.of()));
            }
            if (candidates.isEmpty()) {
                q.features().keySet().forEach(f -> candidates.addAll(postings.getOrDefault(f, Set.of())));
            }
            candidates.remove(probe.id());
            for (String id : candidates) {
                Entry e = entries.get(id);
                matches.add(match(q, qNorm, e, idf, n));
            }
        } finally {
            lock.readLock().unlock();
        }
        matches.sort(Comparator.comparingDouble(SimilarMatch::score).reversed().thenComparing(SimilarMatch::matterId));
        return new SimilarityResult(List.copyOf(matches.subList(0, Math.min(max, matches.size()))), List.copyOf(notes));
    }

    private SimilarMatch match(Entry q, double qNorm, Entry e, Map<String, Double> idf, int n) {
        double dot = 0;
        double sharedQ = 0;
        double sharedE = 0;
        List<Map.Entry<String, Double>> shared = new ArrayList<>();
        for (Map.Entry<String, Float> f : q.features().entrySet()) {
            Float w = e.features().get(f.getKey());
            if (w != null) {
                double i = idf.get(f.getKey());
                double c = f.getValue() * w * i * i;
                dot += c;
                sharedQ += f.getValue() * f.getValue() * i * i;
                sharedE += w * w * i * i;
                shared.add(Map.entry(Analysis.display(f.getKey()), c));
            }
        }
        double eNorm = norm(e.features(), idf, n);
        double cosine = dot / (qNorm * eNorm);
        // a short second report of a long first one shares little of the long text: what counts is how much of the
        // shorter text the other one covers, a little below a full cosine so that equal texts still rank first
        double covered = qNorm <= eNorm ? sharedQ / (qNorm * qNorm) : sharedE / (eNorm * eNorm);
        double text = Math.min(1, Math.max(cosine, CONTAINMENT * covered));
        shared.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> words = shared.stream().map(Map.Entry::getKey).distinct().limit(8).toList();
        List<String> sharedPlaces = q.places().stream().filter(e.places()::contains).sorted().toList();
        boolean districtsKnown = q.district() != null && e.district() != null;
        boolean sameDistrict = !districtsKnown || q.district().equals(e.district());
        boolean specific = sharedPlaces.stream().anyMatch(p -> !p.endsWith("街道"));
        double place = !sameDistrict ? 0 : specific ? 1 : sharedPlaces.isEmpty() ? 0 : 0.5;
        double score = TEXT_SHARE * text + (1 - TEXT_SHARE) * place - (sameDistrict ? 0 : 0.2);
        score = Math.max(0, Math.min(1, score));
        boolean samePlace = sameDistrict && specific;
        // two specific places in common (a crossing, or an estate and its road) pin the spot: the texts then need
        // only to speak of the same thing, not in the same words
        long specificShared = sharedPlaces.stream().filter(p -> !p.endsWith("街道")).count();
        double needed = specificShared >= 2 ? MERGE_TEXT_PINNED : MERGE_TEXT;
        return new SimilarMatch(e.matter().id(), round(score), round(text), samePlace, words, sharedPlaces,
                relation(q.matter(), e.matter()), samePlace && text >= needed);
    }

    static CallerRelation relation(OpenMatter a, OpenMatter b) {
        String na = digits(a.callerNumber());
        String nb = digits(b.callerNumber());
        if (na.isEmpty() || nb.isEmpty()) {
            return CallerRelation.UNKNOWN;
        }
        if (na.equals(nb)) {
            return CallerRelation.SAME_NUMBER;
        }
        String ra = a.reporterName() == null ? "" : a.reporterName().strip();
        if (ra.length() >= 2 && Objects.equals(ra, b.reporterName() == null ? null : b.reporterName().strip())) {
            return CallerRelation.SAME_REPORTER_OTHER_NUMBER;
        }
        return CallerRelation.OTHER_CALLER;
    }

    private static String digits(String number) {
        return number == null ? "" : number.replaceAll("\\D", "");
    }

    /** Document frequency of the index, smoothed; n documents, df of them have the feature. */
    private static double idf(int n, int df) {
        return Math.log((n + 1.0) / (df + 1.0)) + 1.0;
    }

    private double norm(Map<String, Float> features, Map<String, Double> known, int n) {
        double s = 0;
        for (Map.Entry<String, Float> f : features.entrySet()) {
            Double k = known.get(f.getKey());
            double i = k != null ? k : idf(n, postings.getOrDefault(f.getKey(), Set.of()).size());
            if (k == null) {
                known.put(f.getKey(), i);
            }
            s += f.getValue() * f.getValue() * i * i;
        }
        return Math.sqrt(Math.max(s, 1e-12));
    }

    private Entry entry(OpenMatter m) {
        return entry(m, analyzer.analyze(m.text()));
    }

    private Entry entry(OpenMatter m, Analysis a) {
        Map<String, Float> features = a.features(analyzer.lexicon(), CONCEPT_WEIGHT, GROUPED_TERM_WEIGHT, 0f);
        String district = m.district() == null || m.district().isBlank() ? null : m.district().strip();
        Set<String> places = new HashSet<>();
        List<String> named = new ArrayList<>(a.places());
        if (m.address() != null && !m.address().isBlank()) {
            Analysis address = analyzer.analyze(m.address());
            named.addAll(address.places());
            // the recorded address as a whole is a place too: two matters at one company or one crossing agree on it
            String whole = address.input().text().replaceAll("\\s+", "");
            if (district != null && whole.startsWith(district)) {
                whole = whole.substring(district.length());
            }
            if (whole.length() >= 2 && whole.length() <= 40) {
                named.add(whole);
            }
        }
        for (String p : named) {
            if (!TopicClusterer.administrative(p) && !p.equals(district)) {
                places.add(p);
            }
        }
        // place words are also terms; they must not make two texts similar by themselves, the place score does that
        places.forEach(features::remove);
        return new Entry(m, Map.copyOf(features), Set.copyOf(places), district);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
