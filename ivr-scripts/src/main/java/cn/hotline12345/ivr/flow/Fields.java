package cn.hotline12345.ivr.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one YAML mapping (a node, a guard, a catalogue entry) that records a
 * {@link FlowError} for every missing, mistyped or unknown field instead of throwing.
 */
final class Fields {

    private final String file;
    private final String node;
    private final Map<?, ?> map;
    private final List<FlowError> errors;
    private final Set<String> used = new LinkedHashSet<>();

    Fields(String file, String node, Map<?, ?> map, List<FlowError> errors) {
        this.file = file;
        this.node = node;
        this.map = map;
        this.errors = errors;
    }

    String file() {
        return file;
    }

    String node() {
        return node;
    }

    List<FlowError> errors() {
        return errors;
    }

    void error(String message) {
        errors.add(new FlowError(file, node, message));
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    private Object raw(String key) {
        used.add(key);
        return map.get(key);
    }

    /** A scalar as text; numbers are accepted (YAML reads {@code 110} as an integer). */
    static String scalarText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        return null;
    }

    String text(String key, boolean required) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                error("missing field '" + key + "'");
            }
            return null;
        }
        String s = scalarText(v);
        if (s == null) {
            error("field '" + key + "' must be text, not " + describe(v));
        }
        return s;
    }

    int integer(String key, int dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Integer i) {
            return i;
        }
        error("field '" + key + "' must be an integer, not " + describe(v));
        return dflt;
    }

    boolean bool(String key, boolean dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        error("field '" + key + "' must be true or false, not " + describe(v));
        return dflt;
    }

    List<String> textList(String key, boolean required) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                error("missing field '" + key + "'");
            }
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s); // a single prompt may be written without brackets
        }
        if (!(v instanceof List<?> list)) {
            error("field '" + key + "' must be a list, not " + describe(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            String s = scalarText(o);
            if (s == null) {
                error("field '" + key + "' must contain only text, found " + describe(o));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** A mapping of text keys (digits may be written unquoted) to text values. */
    Map<String, String> textMap(String key, boolean required) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                error("missing field '" + key + "'");
            }
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            error("field '" + key + "' must be a mapping, not " + describe(v));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = scalarText(e.getKey());
            String val = scalarText(e.getValue());
            if (k == null || val == null) {
                error("field '" + key + "' entry " + describe(e.getKey()) + " must map text to text");
            } else {
                out.put(k, val);
            }
        }
        return out;
    }

    Object any(String key) {
        return raw(key);
    }

    /** Records an error for every key that no accessor asked for. */
    void rejectUnknown() {
        for (Object k : map.keySet()) {
            if (!(k instanceof String s) || !used.contains(s)) {
                error("unknown field '" + k + "'");
            }
        }
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        }
        String s = String.valueOf(v);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }
}
