package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.DispatchExample;
import cn.hotline12345.cti.text.api.DispatchOutcome;
import cn.hotline12345.cti.text.api.ModelInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An immutable multinomial naive Bayes model of dispatch: P(unit | words, district, category) with the words and
 * meaning groups of the text as a multinomial, and district and category as two categorical features. A completed
 * dispatch counts for its unit, an accepted one half. A returned one (退回) counts against its unit through a second
 * factor per word: the smoothed share of the unit's dispatches with that word that were not returned,
 * (kept + 1) / (kept + returned + 1). A word typical of what a unit sends back (广场舞 for a unit that returns square-
 * dance noise) costs that unit much; a word it mostly keeps (晚上) costs it little.
 */
final class DispatchModel {

    static final float CONCEPT_WEIGHT = 1f;
    static final float GROUPED_TERM_WEIGHT = 0.7f;
    static final float PLACE_WEIGHT = 0.5f;
    /** Lidstone smoothing of word likelihoods. */
    private static final double ALPHA = 0.1;
    /** Smoothing of the district and category likelihoods. */
    private static final double BETA = 0.5;

    final ModelInfo info;
    final String[] units;
    final int[] returnedCount;
    private final Map<String, Integer> features;
    /** log P(feature | unit), feature-major: [feature * units + unit]. */
    private final float[] logLikelihood;
    /** log of the share of the unit's dispatches with the feature that were kept (not returned), same layout. */
    private final float[] logKept;
    private final float[] logPrior;
    private final Map<String, float[]> logDistrict;
    private final Map<String, float[]> logCategory;

    private DispatchModel(ModelInfo info, String[] units, int[] returnedCount, Map<String, Integer> features,
                          float[] logLikelihood, float[] logKept, float[] logPrior, Map<String, float[]> logDistrict,
                          Map<String, float[]> logCategory) {
        this.info = info;
        this.units = units;
        this.returnedCount = returnedCount;
        this.features = features;
        this.logLikelihood = logLikelihood;
        this.logKept = logKept;
        this.logPrior = logPrior;
        this.logDistrict = logDistrict;
        this.logCategory = logCategory;
    }

    static DispatchModel empty() {
        return new DispatchModel(new ModelInfo(0, Instant.EPOCH, 0, 0, 0, 0, 0, 0), new String[0], new int[0],
                Map.of(), new float[0], new float[0], new float[0], Map.of(), Map.of());
    }

    /** What returned dispatches do to training; AGAINST is the product, IGNORE exists to measure its effect. */
    enum Returns { AGAINST, IGNORE }

    /** Weight of a dispatch as evidence for its unit; returned ones are counted apart. */
    static double outcomeWeight(DispatchOutcome outcome) {
        if (outcome == null) {
            return 1;
        }
        return switch (outcome) {
            case COMPLETED -> 1;
            case ACCEPTED -> 0.5;
            case RETURNED -> 0;
        };
    }

    /** Builds a model from the examples (consumed once). */
    static DispatchModel train(long version, Iterator<DispatchExample> examples, TextAnalyzer analyzer, Returns returns) {
        long start = System.nanoTime();
        Lexicon lexicon = analyzer.lexicon();
        Map<String, Integer> unitIndex = new HashMap<>();
        Map<String, Integer> featureIndex = new HashMap<>();
        List<Map<Integer, Double>> byFeature = new ArrayList<>();
        List<Map<Integer, Double>> returnedByFeature = new ArrayList<>();
        Map<Integer, Double> prior = new HashMap<>();
        Map<String, Map<Integer, Double>> district = new HashMap<>();
        Map<String, Map<Integer, Double>> category = new HashMap<>();
        Map<Integer, Integer> returned = new HashMap<>();
        int used = 0;
        int returnedTotal = 0;
        while (examples.hasNext()) {
            DispatchExample e = examples.next();
            if (e == null || e.unit() == null || e.unit().isBlank()) {
                continue;
            }
            int u = unitIndex.computeIfAbsent(e.unit().strip(), k -> unitIndex.size());
            used++;
            if (e.outcome() == DispatchOutcome.RETURNED) {
                returnedTotal++;
                returned.merge(u, 1, Integer::sum);
            }
            boolean isReturned = e.outcome() == DispatchOutcome.RETURNED;
            if (isReturned && returns == Returns.IGNORE) {
                continue;
            }
            double w = outcomeWeight(e.outcome());
            if (!isReturned) {
                prior.merge(u, w, Double::sum);
                if (e.district() != null && !e.district().isBlank()) {
                    district.computeIfAbsent(e.district().strip(), k -> new HashMap<>()).merge(u, w, Double::sum);
                }
                if (e.category() != null && !e.category().isBlank()) {
                    category.computeIfAbsent(e.category().strip(), k -> new HashMap<>()).merge(u, w, Double::sum);
                }
            }
            Analysis a = analyzer.analyze(lexicon, e.text());
            a.features(lexicon, CONCEPT_WEIGHT, GROUPED_TERM_WEIGHT, PLACE_WEIGHT).forEach((f, fw) -> {
                int fi = featureIndex.computeIfAbsent(f, k -> {
                    byFeature.add(new HashMap<>());
                    returnedByFeature.add(new HashMap<>());
                    return featureIndex.size();
                });
                if (isReturned) {
                    returnedByFeature.get(fi).merge(u, (double) fw, Double::sum);
                } else {
                    byFeature.get(fi).merge(u, w * fw, Double::sum);
                }
            });
        }
        int nu = unitIndex.size();
        int nf = featureIndex.size();
        String[] units = new String[nu];
        unitIndex.forEach((name, i) -> units[i] = name);
        double[] totals = new double[nu];
        double[] counts = new double[nf * nu];
        float[] logKept = new float[nf * nu];
        for (int f = 0; f < nf; f++) {
            for (Map.Entry<Integer, Double> c : byFeature.get(f).entrySet()) {
                counts[f * nu + c.getKey()] = c.getValue();
                totals[c.getKey()] += c.getValue();
            }
            for (Map.Entry<Integer, Double> r : returnedByFeature.get(f).entrySet()) {
                double kept = counts[f * nu + r.getKey()];
                logKept[f * nu + r.getKey()] = (float) Math.log((kept + 1) / (kept + r.getValue() + 1));
            }
        }
        float[] logLikelihood = new float[nf * nu];
        for (int u = 0; u < nu; u++) {
            double denominator = Math.log(totals[u] + ALPHA * Math.max(1, nf));
            for (int f = 0; f < nf; f++) {
                logLikelihood[f * nu + u] = (float) (Math.log(counts[f * nu + u] + ALPHA) - denominator);
            }
        }
        double[] priorCounts = new double[nu];
        double priorSum = 0;
        for (int u = 0; u < nu; u++) {
            priorCounts[u] = prior.getOrDefault(u, 0.0);
            priorSum += priorCounts[u];
        }
        float[] logPrior = new float[nu];
        for (int u = 0; u < nu; u++) {
            logPrior[u] = (float) Math.log((priorCounts[u] + 1) / (priorSum + nu));
        }
        int[] returnedCount = new int[nu];
        returned.forEach((u, n) -> returnedCount[u] = n);
        ModelInfo info = new ModelInfo(version, Instant.now(), used, returnedTotal, nu, nf, lexicon.version,
                (System.nanoTime() - start) / 1_000_000);
        return new DispatchModel(info, units, returnedCount, Map.copyOf(featureIndex), logLikelihood, logKept, logPrior,
                categorical(district, priorCounts), categorical(category, priorCounts));
    }

    private static Map<String, float[]> categorical(Map<String, Map<Integer, Double>> counts, double[] unitTotals) {
        int values = Math.max(1, counts.size());
        Map<String, float[]> out = new HashMap<>();
        counts.forEach((value, byUnit) -> {
            float[] logs = new float[unitTotals.length];
            for (int u = 0; u < unitTotals.length; u++) {
                double c = byUnit.getOrDefault(u, 0.0);
                logs[u] = (float) Math.log((c + BETA) / (unitTotals[u] + BETA * values));
            }
            out.put(value, logs);
        });
        return Map.copyOf(out);
    }

    boolean knowsDistrict(String district) {
        return district != null && logDistrict.containsKey(district.strip());
    }

    boolean knowsCategory(String category) {
        return category != null && logCategory.containsKey(category.strip());
    }

    /** Unnormalised log scores per unit, and per unit the feature contributions that favour it. */
    Scores score(Map<String, Float> query, String district, String category) {
        int nu = units.length;
        double[] s = new double[nu];
        for (int u = 0; u < nu; u++) {
            s[u] = logPrior[u];
        }
        List<String> known = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        query.forEach((f, w) -> {
            Integer fi = features.get(f);
            if (fi != null) {
                known.add(f);
                weights.add(w);
                rows.add(fi);
            }
        });
        for (int k = 0; k < rows.size(); k++) {
            int base = rows.get(k) * nu;
            float w = weights.get(k);
            for (int u = 0; u < nu; u++) {
                s[u] += w * (logLikelihood[base + u] + logKept[base + u]);
            }
        }
        float[] d = district == null ? null : logDistrict.get(district.strip());
        float[] c = category == null ? null : logCategory.get(category.strip());
        for (int u = 0; u < nu; u++) {
            if (d != null) {
                s[u] += d[u];
            }
            if (c != null) {
                s[u] += c[u];
            }
        }
        return new Scores(s, known, weights, rows);
    }

    /** The log scores of one request, with what is needed to explain them. */
    final class Scores {
        final double[] logScores;
        private final List<String> known;
        private final List<Float> weights;
        private final List<Integer> rows;

        private Scores(double[] logScores, List<String> known, List<Float> weights, List<Integer> rows) {
            this.logScores = logScores;
            this.known = known;
            this.weights = weights;
            this.rows = rows;
        }

        /** Total weight of the request's features the model knows. */
        double knownWeight() {
            double sum = 0;
            for (float w : weights) {
                sum += w;
            }
            return sum;
        }

        /** The features that speak most for the unit against the average unit, strongest first. */
        List<String> decisive(int unit, int max) {
            int nu = units.length;
            List<Map.Entry<String, Double>> contributions = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                int base = rows.get(k) * nu;
                double mean = 0;
                for (int u = 0; u < nu; u++) {
                    mean += logLikelihood[base + u] + logKept[base + u];
                }
                mean /= nu;
                double lift = weights.get(k) * (logLikelihood[base + unit] + logKept[base + unit] - mean);
                if (lift > 0.5) {
                    contributions.add(Map.entry(known.get(k), lift));
                }
            }
            contributions.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            List<String> out = new ArrayList<>(max);
            for (Map.Entry<String, Double> e : contributions) {
                String name = Analysis.display(e.getKey());
                if (!out.contains(name)) {
                    out.add(name);
                }
                if (out.size() == max) {
                    break;
                }
            }
            return out;
        }
    }
}
