package cn.hotline12345.ivr.engine;

/** The caller hung up; a channel operation completes exceptionally with this. */
public final class CallerHangupException extends RuntimeException {
    public CallerHangupException(String message) {
        super(message, null, false, false); // an expected event, not a bug: no stack trace
    }
}
