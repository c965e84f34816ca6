package cn.hotline12345.cti.ivr.agi;

/** Why a FastAGI connection was refused before any flow ran (the {@code reason} tag of the refused counter). */
public enum AgiRefusal {
    /** the peer is no PBX's FastAGI source ({@code pbxs[].agiSources}, default the PBX's host): closed at once */
    SOURCE("source"),
    /** closed to make room: the connection that had waited longest for its environment beyond {@code agi.maxPending} */
    PENDING_FULL("pending_full"),
    /** more sessions than {@code agi.maxSessions} */
    BUSY("busy"),
    /** no complete environment within the environment timeout */
    ENV_TIMEOUT("env_timeout"),
    /** a line longer than allowed */
    OVERSIZED("oversized"),
    /** too many lines or bytes before the blank line */
    TOO_LARGE("too_large"),
    /** bytes that are not UTF-8 */
    NOT_UTF8("not_utf8"),
    /** a line that is not {@code agi_<key>: <value>} */
    GARBAGE("garbage"),
    /** {@code agi_network_script} or {@code agi_uniqueid} missing or unusable */
    MISSING_KEYS("missing_keys"),
    /** the session's PBX is unknown, forged (named from an address not in its agiSources) or cannot be told */
    UNKNOWN_PBX("unknown_pbx"),
    /** a script name no flow answers to */
    UNKNOWN_SCRIPT("unknown_script"),
    /** the server is shutting down */
    SHUTTING_DOWN("shutting_down"),
    /** the peer closed the connection before the environment ended */
    CLOSED_EARLY("closed_early");

    private final String tag;

    AgiRefusal(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
