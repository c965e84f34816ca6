package cn.hotline12345.cti.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agreement of a clustering with the generator's truth: adjusted Rand index (Hubert and Arabie) and purity. Items
 * left out of every topic count as singletons, so leaving matters unclustered is not free.
 */
public final class TopicAgreement {

    private TopicAgreement() {
    }

    /** Adjusted Rand index of two labelings of the same items (index i in both lists). */
    public static double adjustedRand(List<String> truth, List<String> found) {
        Map<String, Map<String, Long>> table = new HashMap<>();
        Map<String, Long> rows = new HashMap<>();
        Map<String, Long> cols = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            table.computeIfAbsent(truth.get(i), k -> new HashMap<>()).merge(found.get(i), 1L, Long::sum);
            rows.merge(truth.get(i), 1L, Long::sum);
            cols.merge(found.get(i), 1L, Long::sum);
        }
        double index = 0;
        for (Map<String, Long> row : table.values()) {
            for (long n : row.values()) {
                index += pairs(n);
            }
        }
        double a = rows.values().stream().mapToDouble(TopicAgreement::pairs).sum();
        double b = cols.values().stream().mapToDouble(TopicAgreement::pairs).sum();
        double expected = a * b / pairs(truth.size());
        double max = (a + b) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    /** Share of items whose found cluster's majority truth label is their own. */
    public static double purity(List<String> truth, List<String> found) {
        Map<String, Map<String, Integer>> byFound = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            byFound.computeIfAbsent(found.get(i), k -> new HashMap<>()).merge(truth.get(i), 1, Integer::sum);
        }
        long majority = 0;
        for (Map<String, Integer> c : byFound.values()) {
            majority += c.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        return truth.isEmpty() ? 0 : (double) majority / truth.size();
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }
}
