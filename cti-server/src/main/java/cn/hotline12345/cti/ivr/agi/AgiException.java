package cn.hotline12345.cti.ivr.agi;

/**
 * An AGI command failed other than by the caller hanging up: {@code 510}/{@code 520}, a line that is not AGI, no
 * reply in time, a broken connection, or the session's deadline. Ends the flow as a channel error.
 */
public final class AgiException extends RuntimeException {
    public AgiException(String message) {
        super(message, null, false, false); // an expected failure of the peer, not a bug here: no stack trace
    }
}
