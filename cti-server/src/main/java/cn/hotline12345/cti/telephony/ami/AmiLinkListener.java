package cn.hotline12345.cti.telephony.ami;

/** What an {@link AmiLink} tells, always on the link's event loop, synchronously and without I/O. */
public interface AmiLinkListener {

    /** Logged in and FullyBooted seen; {@code restarted} when Asterisk restarted since the last session. */
    void onUp(AmiLink link, boolean restarted);

    void onEvent(AmiMessage event);

    /** The session ended (socket closed, half-open detected, or Shutdown); a reconnect is scheduled. */
    void onDown(String reason, boolean pbxShutdown);
}
