package cn.hotline12345.cti.text.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF vectors of a batch of texts for clustering: features are words, meaning groups (weighted up, so that
 * different wordings of one thing meet) and the district (weighted down, so place shapes topics without splitting a
 * citywide one). Each vector is cut to its heaviest features and scaled to unit length.
 */
final class DocumentVectors {

    static final float CONCEPT_WEIGHT = 1.5f;
    static final float GROUPED_TERM_WEIGHT = 0.5f;
    static final float DISTRICT_WEIGHT = 0.25f;
    static final String DISTRICT = "!";
    private static final int MAX_FEATURES = 16;

    final List<String> names = new ArrayList<>();
    final int[][] ids;
    final float[][] weights;

    /**
     * @param features raw weighted features per document
     * @param idfDocs  how many of the first documents count for document frequencies (the window, not the previous one)
     */
    DocumentVectors(List<Map<String, Float>> features, int idfDocs) {
        Map<String, Integer> index = new HashMap<>();
        int[] df = new int[16];
        List<int[]> rawIds = new ArrayList<>(features.size());
        for (int d = 0; d < features.size(); d++) {
            Map<String, Float> f = features.get(d);
            int[] row = new int[f.size()];
            int k = 0;
            for (String name : f.keySet()) {
                Integer id = index.get(name);
                if (id == null) {
                    id = names.size();
                    index.put(name, id);
                    names.add(name);
                    if (id >= df.length) {
                        df = java.util.Arrays.copyOf(df, df.length * 2);
                    }
                }
                row[k++] = id;
                if (d < idfDocs) {
                    df[id]++;
                }
            }
            rawIds.add(row);
        }
        int n = Math.max(1, idfDocs);
        ids = new int[features.size()][];
        weights = new float[features.size()][];
        for (int d = 0; d < features.size(); d++) {
            Map<String, Float> f = features.get(d);
            int[] row = rawIds.get(d);
            float[] w = new float[row.length];
            int k = 0;
            for (Float v : f.values()) {
                int id = row[k];
                double idf = Math.log((n + 1.0) / (df[id] + 1.0)) + 1.0;
                w[k++] = (float) (v * idf);
            }
            cut(d, row, w);
        }
    }

    private void cut(int d, int[] row, float[] w) {
        Integer[] order = new Integer[row.length];
        for (int i = 0; i < row.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(w[b], w[a]) != 0 ? Float.compare(w[b], w[a])
                : Integer.compare(row[a], row[b]));
        int m = Math.min(MAX_FEATURES, row.length);
        int[] outIds = new int[m];
        float[] outW = new float[m];
        double norm = 0;
        for (int i = 0; i < m; i++) {
            outIds[i] = row[order[i]];
            outW[i] = w[order[i]];
            norm += (double) outW[i] * outW[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < m; i++) {
            outW[i] = (float) (outW[i] / norm);
        }
        ids[d] = outIds;
        weights[d] = outW;
    }

    int size() {
        return ids.length;
    }

    boolean isDistrict(int feature) {
        return names.get(feature).startsWith(DISTRICT);
    }
}
