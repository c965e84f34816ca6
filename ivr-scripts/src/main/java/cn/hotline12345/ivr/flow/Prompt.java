package cn.hotline12345.ivr.flow;

/** A catalogue entry: the Mandarin text an announcer records and the sound file name played. */
public record Prompt(String id, String text, String file) {
}
