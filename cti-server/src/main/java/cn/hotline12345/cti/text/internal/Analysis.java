package cn.hotline12345.cti.text.internal;

import cn.hotline12345.cti.text.api.Token;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text as the models see it: tokens, content-word counts, meaning groups and places.
 *
 * @param input    the normalised input
 * @param tokens   every token, stop words included
 * @param terms    content words with their counts
 * @param concepts meaning groups (concept names) found anywhere in the text, with their counts
 * @param places   specific and administrative places named, longest form, in text order
 */
record Analysis(NormalizedText input, List<Token> tokens, Map<String, Integer> terms, Map<String, Integer> concepts,
                List<String> places) {

    /** Prefix of concept features, so a concept never collides with a word of the same spelling. */
    static final String CONCEPT = "#";
    /** Prefix of place features. */
    static final String PLACE = "@";

    boolean isEmpty() {
        return terms.isEmpty() && concepts.isEmpty() && places.isEmpty();
    }

    /**
     * Weighted features, counts damped (1 + ln n). A word that belongs to a meaning group counts with
     * {@code groupedTermWeight}, its group with {@code conceptWeight}: the group carries the meaning, the word the
     * exact wording.
     */
    Map<String, Float> features(Lexicon lexicon, float conceptWeight, float groupedTermWeight, float placeWeight) {
        Map<String, Float> f = new HashMap<>(terms.size() * 2 + concepts.size() * 2 + places.size() * 2);
        terms.forEach((word, n) -> {
            float w = lexicon.conceptOf(word) != null ? groupedTermWeight : 1f;
            if (w > 0) {
                f.merge(word, w * damp(n), Float::sum);
            }
        });
        if (conceptWeight > 0) {
            concepts.forEach((c, n) -> f.merge(CONCEPT + c, conceptWeight * damp(n), Float::sum));
        }
        if (placeWeight > 0) {
            for (String p : places) {
                f.merge(PLACE + p, placeWeight, Float::sum);
            }
        }
        return f;
    }

    static float damp(int n) {
        return 1f + (float) Math.log(n);
    }

    /** The readable form of a feature: a concept or place by its name, a word as itself. */
    static String display(String feature) {
        return feature.startsWith(CONCEPT) || feature.startsWith(PLACE) ? feature.substring(1) : feature;
    }
}
