package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.api.DispatchRequest;
import cn.hotline12345.cti.text.api.DispatchSuggestion;
import cn.hotline12345.cti.text.api.UnitSuggestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline evaluation of dispatch suggestion on a time-ordered split of a history: the model is trained on the matters
 * opened first and asked about the later ones, whose truth is the unit that completed (or accepted) them. Nothing of
 * a test matter, its returned dispatches included, is seen in training.
 */
public final class DispatchEvaluation {

    /**
     * @param trainMatters    matters in the training part
     * @param testMatters     matters asked about
     * @param splitAt         the first test matter's time
     * @param accuracyAt1     share of test matters whose true unit was ranked first
     * @param accuracyAt3     ... among the first three
     * @param priorAt1        accuracy@1 of always answering the most frequent unit of the category (a baseline)
     * @param trainMillis     training time
     * @param returnsIgnored  accuracy@1 and @3 of the same model trained with returned dispatches ignored
     */
    public record Result(int trainMatters, int testMatters, Instant splitAt, double accuracyAt1, double accuracyAt3,
                         double priorAt1, long trainMillis, double[] returnsIgnored) { }

    private DispatchEvaluation() {
    }

    /** Evaluates on the history with the first {@code trainFraction} of matters (by opening time) for training. */
    public static Result evaluate(TextEngine engine, List<DispatchExample> history, double trainFraction) {
        Map<String, List<DispatchExample>> byMatter = new LinkedHashMap<>();
        history.stream().sorted(Comparator.comparing(DispatchExample::createdAt))
                .forEach(e -> byMatter.computeIfAbsent(e.matterId(), k -> new ArrayList<>()).add(e));
        List<List<DispatchExample>> matters = new ArrayList<>(byMatter.values());
        int split = (int) Math.round(matters.size() * trainFraction);
        List<DispatchExample> train = new ArrayList<>();
        matters.subList(0, split).forEach(train::addAll);
        List<List<DispatchExample>> test = matters.subList(split, matters.size());
        TextAnalyzer analyzer = engine.analyzer();
        DispatchModel against = DispatchModel.train(1, train.iterator(), analyzer, DispatchModel.Returns.AGAINST);
        DispatchModel ignoring = DispatchModel.train(1, train.iterator(), analyzer, DispatchModel.Returns.IGNORE);
        double[] a = accuracy(analyzer, against, test);
        double[] b = accuracy(analyzer, ignoring, test);
        return new Result(split, a[2] > 0 ? (int) a[2] : 0, test.isEmpty() ? null : test.get(0).get(0).createdAt(),
                a[0], a[1], categoryBaseline(train, test), against.info.trainMillis(), new double[]{b[0], b[1]});
    }

    private static double[] accuracy(TextAnalyzer analyzer, DispatchModel model, List<List<DispatchExample>> test) {
        NaiveBayesDispatchSuggester suggester = new NaiveBayesDispatchSuggester(analyzer, () -> {
            throw new IllegalStateException("evaluation models are not retrained");
        });
        suggester.use(model);
        int n = 0;
        int at1 = 0;
        int at3 = 0;
        for (List<DispatchExample> matter : test) {
            String truth = truth(matter);
            if (truth == null) {
                continue;
            }
            DispatchExample e = matter.get(0);
            DispatchSuggestion s = suggester.suggest(new DispatchRequest(null, e.text(), e.district(), e.category()), 3);
            n++;
            List<String> ranked = s.units().stream().map(UnitSuggestion::unit).toList();
            if (!ranked.isEmpty() && ranked.get(0).equals(truth)) {
                at1++;
            }
            if (ranked.contains(truth)) {
                at3++;
            }
        }
        return new double[]{n == 0 ? 0 : (double) at1 / n, n == 0 ? 0 : (double) at3 / n, n};
    }

    /** The unit that completed or accepted the matter; null when every dispatch was returned. */
    static String truth(List<DispatchExample> matter) {
        for (int i = matter.size() - 1; i >= 0; i--) {
            if (matter.get(i).outcome() != DispatchOutcome.RETURNED) {
                return matter.get(i).unit();
            }
        }
        return null;
    }

    private static double categoryBaseline(List<DispatchExample> train, List<List<DispatchExample>> test) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (DispatchExample e : train) {
            if (e.outcome() != DispatchOutcome.RETURNED) {
                counts.computeIfAbsent(String.valueOf(e.category()), k -> new HashMap<>()).merge(e.unit(), 1, Integer::sum);
            }
        }
        int n = 0;
        int hit = 0;
        for (List<DispatchExample> matter : test) {
            String truth = truth(matter);
            if (truth == null) {
                continue;
            }
            n++;
            Map<String, Integer> c = counts.getOrDefault(String.valueOf(matter.get(0).category()), Map.of());
            String best = c.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            if (truth.equals(best)) {
                hit++;
            }
        }
        return n == 0 ? 0 : (double) hit / n;
    }
}
