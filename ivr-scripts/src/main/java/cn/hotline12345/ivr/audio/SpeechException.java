package cn.hotline12345.ivr.audio;

/** Speech synthesis did not produce audio; {@link #kind()} tells why, the message says what to do. */
public final class SpeechException extends Exception {

    /** Why synthesis failed. */
    public enum Kind {
        /** the engine's program is not installed (or not executable) */
        NOT_INSTALLED,
        /** the engine ran and failed: non-zero exit, no or malformed audio; the message carries its stderr */
        FAILED,
        /** the engine took longer than its timeout and was killed */
        TIMEOUT,
        /** the text cannot be spoken: empty after clean-up, or too long */
        BAD_TEXT
    }

    private final Kind kind;

    public SpeechException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SpeechException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
