package cn.hotline12345.cti.text.internal;

import java.util.Arrays;

/**
 * The sum of a cluster's document vectors, as an open-addressing map from feature id to weight (no boxing: clustering
 * a week of 50,000 matters does tens of millions of look-ups).
 */
final class Centroid {

    private int[] keys;
    private float[] values;
    private int size;
    private double normSquared;
    int members;

    Centroid() {
        keys = new int[32];
        values = new float[32];
        Arrays.fill(keys, -1);
    }

    float get(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == -1) {
                return 0f;
            }
            i = (i + 1) & mask;
        }
    }

    /** Dot product with a sparse document vector. */
    double dot(int[] ids, float[] weights) {
        double s = 0;
        for (int j = 0; j < ids.length; j++) {
            s += get(ids[j]) * weights[j];
        }
        return s;
    }

    /** Cosine with a unit-length document vector. */
    double cosine(int[] ids, float[] weights) {
        return normSquared <= 0 ? 0 : dot(ids, weights) / Math.sqrt(normSquared);
    }

    void add(int[] ids, float[] weights) {
        double dot = dot(ids, weights);
        double self = 0;
        for (int j = 0; j < ids.length; j++) {
            put(ids[j], weights[j]);
            self += (double) weights[j] * weights[j];
        }
        normSquared += 2 * dot + self;
        members++;
    }

    void addAll(Centroid other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != -1) {
                put(other.keys[i], other.values[i]);
            }
        }
        members += other.members;
        recomputeNorm();
    }

    /** Cosine between two centroids. */
    double cosine(Centroid other) {
        if (normSquared <= 0 || other.normSquared <= 0) {
            return 0;
        }
        Centroid small = size <= other.size ? this : other;
        Centroid large = small == this ? other : this;
        double s = 0;
        for (int i = 0; i < small.keys.length; i++) {
            if (small.keys[i] != -1) {
                s += small.values[i] * large.get(small.keys[i]);
            }
        }
        return s / Math.sqrt(normSquared * other.normSquared);
    }

    /** The ids of the heaviest features, heaviest first. */
    int[] top(int n) {
        Integer[] order = new Integer[size];
        int k = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != -1) {
                order[k++] = i;
            }
        }
        Arrays.sort(order, (a, b) -> Float.compare(values[b], values[a]) != 0 ? Float.compare(values[b], values[a])
                : Integer.compare(keys[a], keys[b]));
        int m = Math.min(n, size);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = keys[order[i]];
        }
        return out;
    }

    private void put(int key, float delta) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != -1 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == -1) {
            keys[i] = key;
            size++;
        }
        values[i] += delta;
    }

    private void grow() {
        int[] oldKeys = keys;
        float[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new float[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void recomputeNorm() {
        double s = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != -1) {
                s += (double) values[i] * values[i];
            }
        }
        normSquared = s;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
