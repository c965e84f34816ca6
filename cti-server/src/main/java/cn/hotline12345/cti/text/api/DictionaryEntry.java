package cn.hotline12345.cti.text.api;

/**
 * One entry of the hotline dictionary.
 *
 * @param word    the word itself (1 to {@value #MAX_WORD_LENGTH} characters after trimming, no whitespace inside)
 * @param kind    what the word is for
 * @param concept optional: the meaning group the word belongs to (e.g. 太吵, 噪音, 打桩 all in concept 噪音), so that
 *                differently worded matters about the same thing meet in topics and merge offers; null or blank for none
 */
public record DictionaryEntry(String word, WordKind kind, String concept) {

    /** Longest word accepted. */
    public static final int MAX_WORD_LENGTH = 20;

    public DictionaryEntry {
        word = word == null ? "" : word.strip();
        kind = kind == null ? WordKind.TERM : kind;
        concept = concept == null || concept.isBlank() ? null : concept.strip();
    }

    /** A term without a concept. */
    public static DictionaryEntry term(String word) {
        return new DictionaryEntry(word, WordKind.TERM, null);
    }

    /**
     * Why this entry cannot be stored, in Chinese, or null when it is valid: an empty word, one longer than
     * {@value #MAX_WORD_LENGTH} characters, or one with whitespace or control characters inside.
     */
    public String problem() {
        if (word.isEmpty()) {
            return "词条为空";
        }
        if (word.length() > MAX_WORD_LENGTH) {
            return "词条超过" + MAX_WORD_LENGTH + "个字";
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "词条中不能有空白或控制字符";
            }
        }
        if (concept != null && concept.length() > MAX_WORD_LENGTH) {
            return "概念名超过" + MAX_WORD_LENGTH + "个字";
        }
        return null;
    }
}
