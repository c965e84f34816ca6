package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchHistory;
import cn.hotline12345.cti.text.api.DispatchRequest;
import cn.hotline12345.cti.text.api.DispatchSuggester;
import cn.hotline12345.cti.text.api.DispatchSuggestion;
import cn.hotline12345.cti.text.api.ModelInfo;
import cn.hotline12345.cti.text.api.Segmenter;
import cn.hotline12345.cti.text.api.UnitSuggestion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@link DispatchSuggester} over a {@link DispatchModel}. The model in force is one immutable object behind an atomic
 * reference: {@link #retrain()} builds the next one aside and swaps it in, so a suggestion is always answered by one
 * whole model.
 */
final class NaiveBayesDispatchSuggester implements DispatchSuggester {

    private final TextAnalyzer analyzer;
    private final DispatchHistory history;
    private final AtomicReference<DispatchModel> model = new AtomicReference<>(DispatchModel.empty());
    private final Object retrainLock = new Object();

    NaiveBayesDispatchSuggester(TextAnalyzer analyzer, DispatchHistory history) {
        this.analyzer = analyzer;
        this.history = history;
    }

    @Override
    public ModelInfo retrain() {
        synchronized (retrainLock) {
            long version = model.get().info.version() + 1;
            DispatchModel next;
            try (Stream<DispatchExample> examples = history.examples()) {
                next = DispatchModel.train(version, examples.iterator(), analyzer, DispatchModel.Returns.AGAINST);
            }
            model.set(next);
            return next.info;
        }
    }

    /** Swaps in a model built elsewhere (the offline evaluation trains on part of the history). */
    void use(DispatchModel m) {
        model.set(m);
    }

    @Override
    public ModelInfo model() {
        return model.get().info;
    }

    @Override
    public DispatchSuggestion suggest(DispatchRequest request, int limit) {
        DispatchModel m = model.get();
        int max = Math.max(1, Math.min(MAX_LIMIT, limit));
        List<String> notes = new ArrayList<>();
        String subject = request == null ? null : request.subject();
        String description = request == null ? null : request.description();
        String district = request == null ? null : blankToNull(request.district());
        String category = request == null ? null : blankToNull(request.category());
        String text = (subject == null ? "" : subject) + "\n" + (description == null ? "" : description);
        Lexicon lexicon = analyzer.lexicon();
        Analysis a = analyzer.analyze(lexicon, text);
        notes.addAll(a.input().notes("事项文本", Segmenter.MAX_TEXT_LENGTH));
        if (!a.input().empty() && a.isEmpty()) {
            notes.add(a.input().noChinese() ? "事项文本中没有中文内容，无法按文本推荐" : "事项文本中没有可用于推荐的词语");
        }
        if (m.units.length == 0) {
            notes.add("派单模型尚未训练，暂无推荐");
            return new DispatchSuggestion(List.of(), m.info.version(), List.copyOf(notes));
        }
        if (district != null && !m.knowsDistrict(district)) {
            notes.add("未知区域“" + clip(district) + "”，推荐未参考区域");
            district = null;
        }
        if (category != null && !m.knowsCategory(category)) {
            notes.add("未知类别“" + clip(category) + "”，推荐未参考类别");
            category = null;
        }
        Map<String, Float> features = a.features(lexicon, DispatchModel.CONCEPT_WEIGHT,
                DispatchModel.GROUPED_TERM_WEIGHT, DispatchModel.PLACE_WEIGHT);
        DispatchModel.Scores scores = m.score(features, district, category);
        if (!a.isEmpty() && scores.knownWeight() == 0) {
            notes.add("事项文本中的词语在历史事项中未出现过，推荐只参考了区域和类别");
        }
        double[] probability = softened(scores.logScores, scores.knownWeight());
        Integer[] order = IntStream.range(0, m.units.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer u) -> -probability[u]).thenComparing(u -> m.units[u]));
        List<UnitSuggestion> units = new ArrayList<>(max);
        for (int i = 0; i < Math.min(max, order.length); i++) {
            int u = order[i];
            units.add(new UnitSuggestion(m.units[u], round(probability[u]), scores.decisive(u, 5), m.returnedCount[u]));
        }
        return new DispatchSuggestion(List.copyOf(units), m.info.version(), List.copyOf(notes));
    }

    /**
     * Posterior probabilities, softened: naive Bayes multiplies evidence as if every word were independent and so is
     * overconfident on long texts; dividing the log scores by a temperature growing with the evidence keeps the
     * ranking and gives scores an agent can compare.
     */
    static double[] softened(double[] logScores, double evidence) {
        double temperature = Math.max(1, Math.sqrt(evidence));
        double max = Double.NEGATIVE_INFINITY;
        for (double s : logScores) {
            max = Math.max(max, s);
        }
        double[] p = new double[logScores.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logScores[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double round(double p) {
        return Math.round(p * 10000) / 10000.0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** An input echoed into a note: control characters out, at most 20 characters. */
    static String clip(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 20 ? clean.substring(0, 20) + "…" : clean;
    }
}
