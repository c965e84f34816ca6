package cn.hotline12345.cti.ivr.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code agi_*} environment Asterisk sends when a FastAGI session starts, keys without the {@code agi_}
 * prefix. Every value is cleaned (no control characters, bounded) but otherwise untrusted.
 */
public record AgiEnvironment(Map<String, String> values) {

    public AgiEnvironment {
        values = Map.copyOf(values);
    }

    /** A value, or {@code ""} when absent. */
    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** The script name of {@code agi://host/<script>[?args]}, lower case letters, digits, '-', '_' only; else {@code ""}. */
    public String script() {
        String s = get("network_script");
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return s.matches("[a-z0-9_-]{1,40}") ? s : "";
    }

    /**
     * The values of {@code name} in the script's query ({@code agi://host/hotline?pbx=east} gives {@code [east]} for
     * {@code pbx}); no percent-decoding, as Asterisk sends the expanded dialplan text as it is.
     */
    public List<String> scriptParameter(String name) {
        String s = get("network_script");
        int q = s.indexOf('?');
        if (q < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String pair : s.substring(q + 1).split("&", 20)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                out.add(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return out;
    }

    public String uniqueid() {
        return get("uniqueid");
    }

    public String channel() {
        return get("channel");
    }

    /** The calling number ({@code agi_callerid}); Asterisk sends {@code unknown} when there is none. */
    public String callerId() {
        return get("callerid");
    }

    public String callerIdName() {
        return get("calleridname");
    }
}
