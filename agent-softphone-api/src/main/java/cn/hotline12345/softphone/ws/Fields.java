package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Strict reading of message fields: a wrong type or a missing required field fails with an
 * {@link IllegalArgumentException} naming the field, never a ClassCastException or a null further on.
 */
final class Fields {

    private Fields() {
    }

    static String str(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + key + "': expected a string, got " + describe(v));
        }
        return s;
    }

    static String optStr(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + key + "': expected a string, got " + describe(v));
        }
        return s;
    }

    static boolean bool(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("field '" + key + "': expected true or false, got " + describe(v));
        }
        return b;
    }

    static long lng(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("field '" + key + "': expected an integer, got " + describe(v));
        }
        return n.longValue();
    }

    static int integer(JsonObject o, String key) {
        long v = lng(o, key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field '" + key + "': out of range");
        }
        return (int) v;
    }

    static double dbl(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + key + "': expected a number, got " + describe(v));
        }
        return n.doubleValue();
    }

    static Instant instant(JsonObject o, String key) {
        String s = str(o, key);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + key + "': not an ISO-8601 instant");
        }
    }

    static Instant optInstant(JsonObject o, String key) {
        return o.getValue(key) == null ? null : instant(o, key);
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    static JsonObject obj(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof JsonObject j)) {
            throw new IllegalArgumentException("field '" + key + "': expected an object, got " + describe(v));
        }
        return j;
    }

    static JsonObject optObj(JsonObject o, String key) {
        return o.getValue(key) == null ? null : obj(o, key);
    }

    static JsonArray arr(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException("field '" + key + "': expected an array, got " + describe(v));
        }
        return a;
    }

    static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        for (Object v : arr(o, key)) {
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("field '" + key + "': expected strings, got " + describe(v));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    static <T> List<T> objects(JsonObject o, String key, Function<JsonObject, T> reader) {
        List<T> out = new ArrayList<>();
        for (Object v : arr(o, key)) {
            if (!(v instanceof JsonObject j)) {
                throw new IllegalArgumentException("field '" + key + "': expected objects, got " + describe(v));
            }
            out.add(reader.apply(j));
        }
        return List.copyOf(out);
    }

    static <T> JsonArray array(List<T> items, Function<T, Object> writer) {
        JsonArray a = new JsonArray();
        items.forEach(i -> a.add(writer.apply(i)));
        return a;
    }

    static Map<String, Integer> intMap(JsonObject o, String key) {
        Map<String, Integer> out = new LinkedHashMap<>();
        JsonObject m = obj(o, key);
        for (String k : m.fieldNames()) {
            out.put(k, integer(m, k));
        }
        return out;
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }
}
