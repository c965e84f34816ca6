package cn.hotline12345.ivr.flow;

/**
 * A catalogue entry: the Mandarin text an announcer records and the sound file name played.
 *
 * @param speech what the speech synthesizer reads instead of {@code text} when its reading of the text is wrong
 *               (e.g. pinyin for a polyphone: {@code chong2 xin1}), or null
 */
public record Prompt(String id, String text, String file, String speech) {

    public Prompt(String id, String text, String file) {
        this(id, text, file, null);
    }

    /** The text the synthesizer reads: {@code speech} when given, else {@code text}. */
    public String spoken() {
        return speech != null ? speech : text;
    }
}
