package cn.hotline12345.cti.telephony.ami;

/** An AMI action failed: Asterisk said Error (its message is kept), timed out, or the link is down. */
public final class AmiException extends RuntimeException {

    public AmiException(String message) {
        super(message);
    }
}
