package cn.hotline12345.cti.text.api;

/**
 * One token of segmented text.
 *
 * @param word   the token as it appears after normalisation (full-width to half-width, traditional to simplified)
 * @param pos    the part-of-speech tag (PKU style: n, v, ns, nz, ...); {@code place}, {@code unit} or {@code term} for
 *               hotline dictionary words
 * @param offset offset of the token in the normalised (and possibly truncated) text
 * @param stop   true for stop words and punctuation, which never become features
 */
public record Token(String word, String pos, int offset, boolean stop) {
}
