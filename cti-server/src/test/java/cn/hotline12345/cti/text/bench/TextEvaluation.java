package cn.hotline12345.cti.text.bench;

import cn.hotline12345.cti.text.TopicAgreement;
import cn.hotline12345.cti.text.api.CallerRelation;
import cn.hotline12345.cti.text.api.DictionaryEntry;
import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.api.HotTopicReport;
import cn.hotline12345.cti.text.api.MatterText;
import cn.hotline12345.cti.text.api.SimilarMatch;
import cn.hotline12345.cti.text.api.SimilarMatters;
import cn.hotline12345.cti.text.internal.DispatchEvaluation;
import cn.hotline12345.cti.text.internal.InMemoryHotlineDictionary;
import cn.hotline12345.cti.text.internal.TextEngine;
import cn.hotline12345.cti.text.synth.HotlineHistoryGenerator;
import cn.hotline12345.cti.text.synth.SyntheticHistory;
import cn.hotline12345.cti.text.synth.SyntheticMatter;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench/run.sh text eval [--seed 12345] [--days 90] [--per-day 300]}: offline evaluation on a generated history
 * (a seed other than the tests' by default): dispatch accuracy@1/@3 on a time-ordered 80/20 split, hot-topic agreement
 * with the generator's themes, merge offers and repeat recognition against its incidents and repeats, and urgency
 * flags raised on ordinary matters. Writes the figures into docs/text-intelligence.md.
 */
public final class TextEvaluation {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        int seed = DocsSection.intArg(args, "--seed", 20260101);
        int days = DocsSection.intArg(args, "--days", 90);
        int perDay = DocsSection.intArg(args, "--per-day", 300);
        String machine = DocsSection.machine();
        HotlineHistoryGenerator.Options options = HotlineHistoryGenerator.Options.defaults().withSeed(seed)
                .withDays(days, perDay);
        SyntheticHistory history = new HotlineHistoryGenerator(options).generate();
        List<DispatchExample> examples = history.exampleList();
        long returned = examples.stream().filter(e -> e.outcome() == DispatchOutcome.RETURNED).count();
        StringBuilder md = new StringBuilder();
        md.append(String.format("Run of `bench/run.sh text eval --seed %d --days %d --per-day %d` on %s.%n%n", seed, days,
                perDay, machine));
        md.append(String.format("History: %d matters, %d dispatches of which %d returned, %s to %s.%n%n",
                history.matters().size(), examples.size(), returned, options.start(),
                options.start().plusDays(days - 1)));

        TextEngine engine = TextEngine.create(DictionaryStore.none(), history).warmUp();
        DispatchEvaluation.Result r = DispatchEvaluation.evaluate(engine, examples, 0.8);
        double oracle = oracleAt1(history, r.splitAt());
        md.append("**Dispatch suggestion** (train on the first 80 % of matters by time, test on the last 20 %):\n\n");
        md.append("| model | accuracy@1 | accuracy@3 |\n|---|---|---|\n");
        md.append(String.format("| naive Bayes, returned dispatches count against | %.3f | %.3f |%n", r.accuracyAt1(), r.accuracyAt3()));
        md.append(String.format("| same, returned dispatches ignored | %.3f | %.3f |%n", r.returnsIgnored()[0], r.returnsIgnored()[1]));
        md.append(String.format("| baseline: most frequent unit of the category | %.3f | – |%n", r.priorAt1()));
        md.append(String.format("| ceiling: most frequent unit of the true theme and district (knows the truth) | %.3f | – |%n%n", oracle));
        md.append(String.format("Train %d matters, test %d matters (split at %s), training took %d ms.%n%n",
                r.trainMatters(), r.testMatters(), r.splitAt(), r.trainMillis()));

        Instant from = options.start().plusDays(7).atStartOfDay(CHINA).toInstant();
        Instant to = from.plus(Duration.ofDays(7));
        List<MatterText> texts = history.matters().stream().map(SyntheticMatter::matterText).toList();
        md.append("**Hot topics** (week ").append(from.atZone(CHINA).toLocalDate()).append(" to ")
                .append(to.atZone(CHINA).toLocalDate().minusDays(1))
                .append(", against the generator's theme of each matter; matters in no topic count as singletons):\n\n");
        md.append("| dictionary | topics | ARI | purity | largest topic share of each theme (mean) |\n|---|---|---|---|---|\n");
        md.append(topicRow("hotline dictionary with meaning groups", engine, history, texts, from, to));
        TextEngine plain = new TextEngine(new InMemoryHotlineDictionary(withoutConcepts(), DictionaryStore.none()), history);
        md.append(topicRow("same words, meaning groups removed", plain, history, texts, from, to));
        md.append('\n');

        md.append(mergeSection(engine, history, options.start(), days));
        md.append(urgencySection(engine, history));
        System.out.println(md);
        DocsSection.write("text-eval", md.toString());
    }

    private static String topicRow(String name, TextEngine engine, SyntheticHistory h, List<MatterText> texts,
                                   Instant from, Instant to) {
        HotTopicReport report = engine.hotTopics().find(texts, from, to, 200, 3);
        Map<String, String> found = new HashMap<>();
        for (int k = 0; k < report.topics().size(); k++) {
            for (String id : report.topics().get(k).matterIds()) {
                found.put(id, "T" + k);
            }
        }
        List<String> truth = new ArrayList<>();
        List<String> got = new ArrayList<>();
        Map<String, Map<String, Integer>> byTheme = new HashMap<>();
        for (MatterText m : h.matterTexts(from, to)) {
            String theme = h.get(m.id()).themeId();
            String topic = found.getOrDefault(m.id(), "none-" + m.id());
            truth.add(theme);
            got.add(topic);
            byTheme.computeIfAbsent(theme, k -> new HashMap<>()).merge(topic, 1, Integer::sum);
        }
        double share = byTheme.values().stream().mapToDouble(c -> (double) c.values().stream().mapToInt(i -> i).max()
                .orElse(0) / c.values().stream().mapToInt(i -> i).sum()).average().orElse(0);
        return String.format("| %s | %d | %.3f | %.3f | %.3f |%n", name, report.topics().size(),
                TopicAgreement.adjustedRand(truth, got), TopicAgreement.purity(truth, got), share);
    }

    /** Replays the history: each new matter is asked about against the matters open at that moment. */
    private static String mergeSection(TextEngine engine, SyntheticHistory h, LocalDate start, int days) {
        SimilarMatters index = engine.newSimilarMattersIndex();
        PriorityQueue<SyntheticMatter> open = new PriorityQueue<>(Comparator.comparing(SyntheticMatter::closedAt));
        int offered = 0;
        int offeredRight = 0;
        int shouldMerge = 0;
        int found = 0;
        int otherNumberRepeats = 0;
        int otherNumberRecognised = 0;
        Instant end = start.plusDays(Math.min(days, 30)).atStartOfDay(CHINA).toInstant();
        for (SyntheticMatter m : h.matters()) {
            if (m.createdAt().isAfter(end)) {
                break;
            }
            while (!open.isEmpty() && !open.peek().closedAt().isAfter(m.createdAt())) {
                index.remove(open.poll().id());
            }
            List<SimilarMatch> matches = index.query(m.openMatter(), 5).matches();
            Set<String> related = open.stream().filter(o -> related(m, o)).map(SyntheticMatter::id)
                    .collect(Collectors.toSet());
            SimilarMatch top = matches.stream().filter(SimilarMatch::mergeOffered).findFirst().orElse(null);
            if (top != null) {
                offered++;
                if (related.contains(top.matterId())) {
                    offeredRight++;
                }
            }
            if (!related.isEmpty()) {
                shouldMerge++;
                if (top != null && related.contains(top.matterId())) {
                    found++;
                }
            }
            SyntheticMatter earlier = m.repeatOf() == null ? null : h.get(m.repeatOf());
            if (earlier != null && earlier.openAt(m.createdAt()) && !earlier.callerNumber().equals(m.callerNumber())) {
                otherNumberRepeats++;
                if (matches.stream().limit(3).anyMatch(x -> x.matterId().equals(earlier.id())
                        && x.relation() == CallerRelation.SAME_REPORTER_OTHER_NUMBER)) {
                    otherNumberRecognised++;
                }
            }
            index.add(m.openMatter());
            open.add(m);
        }
        return String.format("**Merge offers** (并单; first %d days replayed, each new matter asked about against the "
                        + "matters open at that moment; right = the offered matter reports the same incident or is the "
                        + "reporter's own earlier matter): %d offers, precision %.3f; of %d new matters that had such an "
                        + "open matter, %d (recall %.3f) got it as the first offer. Repeat calls from another number: "
                        + "%d of %d recognised in the top 3 as the same reporter (%.3f).%n%n", Math.min(days, 30), offered,
                ratio(offeredRight, offered), shouldMerge, found, ratio(found, shouldMerge), otherNumberRecognised,
                otherNumberRepeats, ratio(otherNumberRecognised, otherNumberRepeats));
    }

    private static boolean related(SyntheticMatter m, SyntheticMatter o) {
        return (m.incidentId() != null && m.incidentId().equals(o.incidentId()))
                || o.id().equals(m.repeatOf()) || (m.repeatOf() != null && m.repeatOf().equals(o.repeatOf()))
                || m.id().equals(o.repeatOf());
    }

    private static String urgencySection(TextEngine engine, SyntheticHistory h) {
        Map<String, Integer> flagged = new HashMap<>();
        int n = 0;
        List<String> samples = new ArrayList<>();
        for (SyntheticMatter m : h.matters()) {
            n++;
            var a = engine.urgency().screen(m.text());
            if (!a.flags().isEmpty()) {
                a.flags().forEach(f -> flagged.merge(f.name(), 1, Integer::sum));
                if (samples.size() < 3 && samples.stream().noneMatch(s -> s.contains(a.summary()))) {
                    samples.add(a.summary() + " ← " + m.description());
                }
            }
        }
        int total = flagged.values().stream().mapToInt(Integer::intValue).sum();
        return String.format("**Urgency flags on ordinary matters** (the generator writes no emergency, so every flag "
                + "here is a false alarm or a borderline case): %d flags on %d matters (%.4f per matter), by flag %s.%s%n",
                total, n, ratio(total, n), flagged, samples.isEmpty() ? "" : " Examples: "
                        + String.join("; ", samples) + ".");
    }

    /** Accuracy@1 of an oracle that knows each test matter's theme and district and answers the unit most often used for them in training. */
    private static double oracleAt1(SyntheticHistory h, Instant split) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (SyntheticMatter m : h.matters()) {
            if (m.createdAt().isBefore(split)) {
                counts.computeIfAbsent(m.themeId() + "|" + m.district(), k -> new HashMap<>())
                        .merge(m.finalUnit(), 1, Integer::sum);
            }
        }
        int n = 0;
        int hit = 0;
        for (SyntheticMatter m : h.matters()) {
            if (!m.createdAt().isBefore(split)) {
                n++;
                String best = counts.getOrDefault(m.themeId() + "|" + m.district(), Map.of()).entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey).orElse(null);
                if (Objects.equals(best, m.finalUnit())) {
                    hit++;
                }
            }
        }
        return ratio(hit, n);
    }

    static List<DictionaryEntry> withoutConcepts() {
        return InMemoryHotlineDictionary.seedEntries().stream()
                .map(e -> new DictionaryEntry(e.word(), e.kind(), null)).toList();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
