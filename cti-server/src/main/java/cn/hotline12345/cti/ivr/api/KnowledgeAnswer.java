package cn.hotline12345.cti.ivr.api;

/**
 * A recorded knowledge-base answer.
 *
 * @param found     whether there is an answer for the topic
 * @param soundFile the sound file to play (an unsafe name makes the flow play its fallback prompt)
 */
public record KnowledgeAnswer(boolean found, String soundFile) {

    public static final KnowledgeAnswer NOT_FOUND = new KnowledgeAnswer(false, "");

    public KnowledgeAnswer {
        soundFile = soundFile == null ? "" : soundFile;
    }
}
