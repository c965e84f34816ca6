package cn.hotline12345.cti.text.api;

/**
 * One match of the urgency screen.
 *
 * @param flag     what it indicates
 * @param word     the dictionary phrase that matched (e.g. 不想活了)
 * @param matched  the text as written (spaces, punctuation, traditional characters included)
 * @param offset   offset of {@code matched} in the screened (possibly cut) text
 * @param priority what this phrase alone asks for
 */
public record FlagHit(UrgencyFlag flag, String word, String matched, int offset, TextPriority priority) {
}
