package cn.hotline12345.cti.text.api;

import java.util.List;

/**
 * The answer to a similarity query.
 *
 * @param matches best first
 * @param notes   Chinese sentences about the input (empty text, text cut)
 */
public record SimilarityResult(List<SimilarMatch> matches, List<String> notes) {
}
