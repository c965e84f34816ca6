package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.HotTopic;
import cn.hotline12345.cti.text.api.HotTopicFinder;
import cn.hotline12345.cti.text.api.HotTopicReport;
import cn.hotline12345.cti.text.api.MatterText;
import cn.hotline12345.cti.text.api.NameCount;
import cn.hotline12345.cti.text.api.Trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@link HotTopicFinder} by single-pass clustering with refinement: each matter joins the most similar cluster
 * centroid if the cosine passes a threshold, or starts a cluster; then every matter is reassigned once to its best
 * centroid (undoing the order dependence of the first pass); then clusters whose centroids are close are merged.
 * Candidate clusters come from an inverted index over their heaviest features, so a matter is compared with tens of
 * clusters, not thousands.
 */
final class TopicClusterer implements HotTopicFinder {

    /** Cosine a matter needs to join a cluster. */
    static final double JOIN = 0.30;
    /** Cosine two centroids need to merge. */
    static final double MERGE = 0.55;
    private static final int CANDIDATES = 64;
    private static final int INDEXED_FEATURES = 8;

    private final TextAnalyzer analyzer;

    TopicClusterer(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public HotTopicReport find(Collection<MatterText> matters, Instant from, Instant to, int maxTopics, int minSize) {
        List<String> notes = new ArrayList<>();
        if (from == null || to == null || !to.isAfter(from)) {
            notes.add("统计时段无效：结束时间必须晚于开始时间");
            return new HotTopicReport(from, to, List.of(), 0, 0, 0, List.copyOf(notes));
        }
        int max = Math.max(1, Math.min(200, maxTopics));
        int min = Math.max(2, minSize);
        Instant previousFrom = from.minus(Duration.between(from, to));
        List<MatterText> window = new ArrayList<>();
        List<MatterText> previous = new ArrayList<>();
        int skipped = 0;
        for (MatterText m : matters == null ? List.<MatterText>of() : matters) {
            if (m == null || m.id() == null || m.id().isBlank() || m.createdAt() == null) {
                skipped++;
            } else if (!m.createdAt().isBefore(from) && m.createdAt().isBefore(to)) {
                window.add(m);
            } else if (!m.createdAt().isBefore(previousFrom) && m.createdAt().isBefore(from)) {
                previous.add(m);
            }
        }
        if (skipped > 0) {
            notes.add(skipped + "条事项缺少编号或时间，未参与统计");
        }
        Comparator<MatterText> order = Comparator.comparing(MatterText::createdAt).thenComparing(MatterText::id);
        window.sort(order);
        previous.sort(order);
        List<MatterText> all = new ArrayList<>(window);
        all.addAll(previous);
        Lexicon lexicon = analyzer.lexicon();
        Analysis[] analyses = new Analysis[all.size()];
        IntStream.range(0, all.size()).parallel().forEach(i -> analyses[i] = analyzer.analyze(lexicon, all.get(i).text()));
        List<Map<String, Float>> features = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            Map<String, Float> f = analyses[i].features(lexicon, DocumentVectors.CONCEPT_WEIGHT,
                    DocumentVectors.GROUPED_TERM_WEIGHT, 0f);
            String district = all.get(i).district();
            if (!f.isEmpty() && district != null && !district.isBlank()) {
                f.put(DocumentVectors.DISTRICT + district.strip(), DocumentVectors.DISTRICT_WEIGHT);
            }
            features.add(f);
        }
        DocumentVectors vectors = new DocumentVectors(features, window.size());
        int[] assignment = cluster(vectors, window.size());
        List<Topic> topics = topics(vectors, assignment, window.size(), min);
        topics.sort(Comparator.comparingInt((Topic t) -> -t.members.size()).thenComparing(t -> t.members.get(0)));
        if (topics.size() > max) {
            topics = new ArrayList<>(topics.subList(0, max));
        }
        countPrevious(vectors, topics, window.size());
        List<HotTopic> out = new ArrayList<>(topics.size());
        int inTopics = 0;
        for (Topic t : topics) {
            out.add(report(t, vectors, window, analyses));
            inTopics += t.members.size();
        }
        return new HotTopicReport(from, to, List.copyOf(out), window.size(), previous.size(), window.size() - inTopics,
                List.copyOf(notes));
    }

    /** Cluster number per window document; -1 for documents without features. */
    static int[] cluster(DocumentVectors v, int n) {
        List<Centroid> clusters = new ArrayList<>();
        Map<Integer, List<Integer>> postings = new HashMap<>();
        int[] assignment = new int[n];
        for (int d = 0; d < n; d++) {
            if (v.ids[d].length == 0) {
                assignment[d] = -1;
                continue;
            }
            int best = best(v, d, clusters, postings, JOIN);
            if (best < 0) {
                best = clusters.size();
                clusters.add(new Centroid());
                index(postings, best, v.ids[d]);
            }
            Centroid c = clusters.get(best);
            c.add(v.ids[d], v.weights[d]);
            if (Integer.bitCount(c.members) == 1 && c.members >= 4) {
                index(postings, best, c.top(INDEXED_FEATURES));
            }
            assignment[d] = best;
        }
        // one reassignment pass against the settled centroids
        List<Centroid> settled = new ArrayList<>(clusters.size());
        for (int i = 0; i < clusters.size(); i++) {
            settled.add(new Centroid());
        }
        for (int d = 0; d < n; d++) {
            if (assignment[d] < 0) {
                continue;
            }
            int best = best(v, d, clusters, postings, 0);
            assignment[d] = best < 0 ? assignment[d] : best;
            settled.get(assignment[d]).add(v.ids[d], v.weights[d]);
        }
        return merge(settled, assignment);
    }

    private static int best(DocumentVectors v, int d, List<Centroid> clusters, Map<Integer, List<Integer>> postings,
                            double threshold) {
        Map<Integer, Integer> candidates = new LinkedHashMap<>();
        int[] ids = v.ids[d];
        for (int j = 0; j < Math.min(ids.length, INDEXED_FEATURES); j++) {
            if (v.isDistrict(ids[j])) {
                continue;
            }
            for (int c : postings.getOrDefault(ids[j], List.of())) {
                candidates.merge(c, 1, Integer::sum);
            }
        }
        List<Integer> pool = new ArrayList<>(candidates.keySet());
        if (pool.size() > CANDIDATES) {
            pool.sort(Comparator.comparingInt((Integer c) -> -clusters.get(c).members).thenComparingInt(c -> c));
            pool = pool.subList(0, CANDIDATES);
        }
        int best = -1;
        double bestScore = threshold;
        for (int c : pool) {
            double s = clusters.get(c).cosine(ids, v.weights[d]);
            if (s > bestScore || (best < 0 && threshold == 0 && s > 0)) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    private static void index(Map<Integer, List<Integer>> postings, int cluster, int[] features) {
        for (int f : features) {
            List<Integer> list = postings.computeIfAbsent(f, k -> new ArrayList<>());
            if (!list.contains(cluster)) {
                list.add(cluster);
            }
        }
    }

    /** Merges clusters (largest first) whose centroids are close; returns the final assignment. */
    private static int[] merge(List<Centroid> clusters, int[] assignment) {
        int k = clusters.size();
        int[] parent = IntStream.range(0, k).toArray();
        Integer[] bySize = IntStream.range(0, k).boxed().filter(c -> clusters.get(c).members >= 2).toArray(Integer[]::new);
        java.util.Arrays.sort(bySize, Comparator.comparingInt((Integer c) -> -clusters.get(c).members).thenComparingInt(c -> c));
        int limit = Math.min(bySize.length, 600);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            int c = bySize[i];
            int target = -1;
            double best = MERGE;
            for (int r : kept) {
                double s = clusters.get(r).cosine(clusters.get(c));
                if (s >= best) {
                    best = s;
                    target = r;
                }
            }
            if (target < 0) {
                kept.add(c);
            } else {
                parent[c] = target;
                clusters.get(target).addAll(clusters.get(c));
            }
        }
        int[] out = new int[assignment.length];
        for (int d = 0; d < assignment.length; d++) {
            out[d] = assignment[d] < 0 ? -1 : parent[assignment[d]];
        }
        return out;
    }

    /** A cluster that is big enough to report. */
    static final class Topic {
        final List<Integer> members = new ArrayList<>();
        final Centroid centroid = new Centroid();
        int previous;
    }

    private static List<Topic> topics(DocumentVectors v, int[] assignment, int n, int min) {
        Map<Integer, Topic> byCluster = new LinkedHashMap<>();
        for (int d = 0; d < n; d++) {
            if (assignment[d] >= 0) {
                Topic t = byCluster.computeIfAbsent(assignment[d], k -> new Topic());
                t.members.add(d);
                t.centroid.add(v.ids[d], v.weights[d]);
            }
        }
        List<Topic> out = new ArrayList<>();
        for (Topic t : byCluster.values()) {
            if (t.members.size() >= min) {
                out.add(t);
            }
        }
        return out;
    }

    /** Counts each previous-window matter for the topic whose centroid it is closest to, if close enough. */
    private static void countPrevious(DocumentVectors v, List<Topic> topics, int windowSize) {
        for (int d = windowSize; d < v.size(); d++) {
            if (v.ids[d].length == 0) {
                continue;
            }
            Topic best = null;
            double bestScore = JOIN;
            for (Topic t : topics) {
                double s = t.centroid.cosine(v.ids[d], v.weights[d]);
                if (s > bestScore) {
                    bestScore = s;
                    best = t;
                }
            }
            if (best != null) {
                best.previous++;
            }
        }
    }

    private static HotTopic report(Topic t, DocumentVectors v, List<MatterText> window, Analysis[] analyses) {
        List<String> labels = new ArrayList<>();
        for (int f : t.centroid.top(12)) {
            if (v.isDistrict(f)) {
                continue;
            }
            String feature = v.names.get(f);
            String name = Analysis.display(feature);
            if (name.length() < 2 && !feature.startsWith(Analysis.CONCEPT)) {
                continue;
            }
            if (labels.stream().noneMatch(l -> l.contains(name) || name.contains(l))) {
                labels.add(name);
            }
            if (labels.size() == 5) {
                break;
            }
        }
        Map<String, Integer> districts = new HashMap<>();
        Map<String, Integer> units = new HashMap<>();
        Map<String, Integer> places = new HashMap<>();
        List<String> ids = new ArrayList<>(t.members.size());
        for (int d : t.members) {
            MatterText m = window.get(d);
            ids.add(m.id());
            count(districts, m.district());
            count(units, m.unit());
            for (String p : analyses[d].places()) {
                if (!administrative(p)) {
                    count(places, p);
                }
            }
        }
        List<Integer> closest = new ArrayList<>(t.members);
        closest.sort(Comparator.comparingDouble((Integer d) -> -t.centroid.cosine(v.ids[d], v.weights[d]))
                .thenComparingInt(d -> d));
        List<String> examples = closest.stream().limit(5).map(d -> window.get(d).id()).toList();
        int count = t.members.size();
        return new HotTopic(List.copyOf(labels), count, t.previous, trend(count, t.previous), ranked(districts, 10),
                ranked(places, 5), ranked(units, 10), examples, List.copyOf(ids));
    }

    static Trend trend(int count, int previous) {
        if (previous < 2) {
            return Trend.NEW;
        }
        if (count >= previous * 1.5) {
            return Trend.RISING;
        }
        if (count * 3 <= previous * 2) {
            return Trend.FALLING;
        }
        return Trend.STEADY;
    }

    /** 奎文区, 青州市, 临朐县: a district, not a specific place. */
    static boolean administrative(String place) {
        return place.length() <= 4 && (place.endsWith("区") || place.endsWith("市") || place.endsWith("县"));
    }

    private static void count(Map<String, Integer> counts, String name) {
        if (name != null && !name.isBlank()) {
            counts.merge(name.strip(), 1, Integer::sum);
        }
    }

    private static List<NameCount> ranked(Map<String, Integer> counts, int max) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(max)
                .map(e -> new NameCount(e.getKey(), e.getValue()))
                .toList();
    }
}
