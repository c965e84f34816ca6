package cn.hotline12345.cti.text.api;

import java.util.List;

/** Chinese word segmentation with the hotline dictionary. */
public interface Segmenter {

    /** Longest text analysed; longer text is cut to this many characters. */
    int MAX_TEXT_LENGTH = 4000;

    /**
     * Segments the text. Null or empty gives an empty list; control characters count as spaces; text longer than
     * {@link #MAX_TEXT_LENGTH} is cut. Never throws.
     */
    List<Token> segment(String text);

    /** The dictionary version the next call will segment with. */
    long dictionaryVersion();
}
