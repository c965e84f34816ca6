package cn.hotline12345.pbxsim.media;

/**
 * RFC 4733 telephone-event payloads to key presses, once each. A sender repeats an event's packets for its duration,
 * all with the event's RTP timestamp, and ends with three copies carrying the end bit (§2.5.1.4, which Chromium
 * does). A key is reported on the first end packet of its timestamp, or, should all end packets be lost, when a
 * packet with a new timestamp shows the previous event is over. Not thread-safe: one receiving thread feeds it.
 */
final class TelephoneEvents {

    /** Receives each key press once. */
    interface Sink {
        void key(char key);
    }

    private static final String KEYS = "0123456789*#ABCD";

    private final Sink sink;
    private boolean active;
    private long timestamp;
    private int event;
    private boolean reported;

    TelephoneEvents(Sink sink) {
        this.sink = sink;
    }

    /** The key an RFC 4733 event code stands for (0-9, *, #, A-D; 16 is flash), or 0 for codes we do not map. */
    static char key(int event) {
        return event >= 0 && event < KEYS.length() ? KEYS.charAt(event) : event == 16 ? '!' : 0;
    }

    /** One telephone-event payload (4 bytes or more) with its packet's RTP timestamp; shorter payloads are ignored. */
    void packet(long rtpTimestamp, byte[] payload, int offset, int length) {
        if (length < 4) {
            return;
        }
        int code = payload[offset] & 0xFF;
        boolean end = (payload[offset + 1] & 0x80) != 0;
        if (!active || rtpTimestamp != timestamp) {
            if (active && !reported) {
                report(event);
            }
            active = true;
            timestamp = rtpTimestamp;
            event = code;
            reported = false;
        }
        if (end && !reported) {
            report(code);
        }
    }

    private void report(int code) {
        reported = true;
        char k = key(code);
        if (k != 0) {
            sink.key(k);
        }
    }
}
