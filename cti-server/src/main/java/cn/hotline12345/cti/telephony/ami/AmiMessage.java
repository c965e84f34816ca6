package cn.hotline12345.cti.telephony.ami;

import java.util.ArrayList;
import java.util.List;

/**
 * One AMI message (an event, a response, or the banner) as the ordered header lines Asterisk sent.
 * Headers keep their order and duplicates (Asterisk repeats {@code Variable:} and {@code ChanVariable:}).
 * Immutable once built by {@link AmiFramer}.
 */
public final class AmiMessage {

    private final String[] keys;
    private final String[] values;
    private final int size;

    AmiMessage(String[] keys, String[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** Builds a message from key/value pairs (tests, the simulator bridge). */
    public static AmiMessage of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        int n = keyValues.length / 2;
        String[] k = new String[n];
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            k[i] = keyValues[2 * i];
            v[i] = keyValues[2 * i + 1];
        }
        return new AmiMessage(k, v, n);
    }

    /** The first value of a header, or null. Header names compare case-insensitively, as Asterisk does. */
    public String get(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equalsIgnoreCase(key)) {
                return values[i];
            }
        }
        return null;
    }

    /** A header as a number; the fallback when absent or not a number (Asterisk's Uptime, counts). */
    public long longValue(String key, long fallback) {
        String v = get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The first value, or the fallback when the header is absent. */
    public String get(String key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }

    /** Every value of a repeated header, in order. */
    public List<String> getAll(String key) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (keys[i].equalsIgnoreCase(key)) {
                out.add(values[i]);
            }
        }
        return out;
    }

    /** The event name, or null if this is not an event. */
    public String event() {
        return size > 0 && keys[0].equalsIgnoreCase("Event") ? values[0] : get("Event");
    }

    /** The response status (Success, Error, Goodbye, Follows), or null if this is not a response. */
    public String response() {
        return size > 0 && keys[0].equalsIgnoreCase("Response") ? values[0] : get("Response");
    }

    public String actionId() {
        return get("ActionID");
    }

    public int size() {
        return size;
    }

    public String key(int i) {
        return keys[i];
    }

    public String value(int i) {
        return values[i];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(keys[i]).append(": ").append(values[i]).append("\\r\\n");
        }
        return sb.toString();
    }
}
