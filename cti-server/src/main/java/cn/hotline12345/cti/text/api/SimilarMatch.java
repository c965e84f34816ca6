package cn.hotline12345.cti.text.api;

import java.util.List;

/**
 * An open matter similar to the one asked about.
 *
 * @param matterId     the open matter
 * @param score        overall similarity 0..1 (text and place)
 * @param textScore    cosine similarity of the texts' words and meaning groups, 0..1
 * @param samePlace    the same district (or one unknown) and at least one shared specific place (road, estate, ...)
 * @param sharedWords  words (or concept names) the two texts share, strongest first, at most 8
 * @param sharedPlaces specific places both name
 * @param relation     how the callers relate
 * @param mergeOffered true when the match is strong enough to offer merging (并单): texts and place agree
 */
public record SimilarMatch(String matterId, double score, double textScore, boolean samePlace, List<String> sharedWords,
                           List<String> sharedPlaces, CallerRelation relation, boolean mergeOffered) {
}
