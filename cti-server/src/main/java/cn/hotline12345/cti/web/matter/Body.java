package cn.hotline12345.cti.web.matter;

import cn.hotline12345.cti.matter.MatterException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of an untrusted JSON body: a wrong type or an oversized value is a 400 naming the field. */
final class Body {

    private final JsonObject json;

    Body(JsonObject json) {
        this.json = json;
    }

    boolean has(String field) {
        return json.containsKey(field) && json.getValue(field) != null;
    }

    String str(String field, int max) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw MatterException.invalid(field, "must be a string");
        }
        if (s.length() > max) {
            throw MatterException.invalid(field, "longer than " + max + " characters");
        }
        return checkedText(field, s);
    }

    /**
     * Text from outside may keep line breaks and tabs, but no other control character: NUL cannot be stored
     * by PostgreSQL at all, and the rest has no business in a matter.
     */
    static String checkedText(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                throw MatterException.invalid(field, "contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return s;
    }

    String required(String field, int max) {
        String s = str(field, max);
        if (s == null || s.isBlank()) {
            throw MatterException.invalid(field, "required");
        }
        return s;
    }

    Boolean bool(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw MatterException.invalid(field, "must be true or false");
        }
        return b;
    }

    Integer integer(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw MatterException.invalid(field, "must be an integer");
        }
        return n.intValue();
    }

    LocalDate date(String field) {
        String s = str(field, 10);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw MatterException.invalid(field, "not a date (yyyy-MM-dd)");
        }
    }

    List<String> strings(String field, int maxItems, int maxLen) {
        Object v = json.getValue(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > maxItems) {
            throw MatterException.invalid(field, "must be an array of at most " + maxItems + " strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s) || s.length() > maxLen) {
                throw MatterException.invalid(field, "must be an array of strings of at most " + maxLen + " characters");
            }
            out.add(checkedText(field, s));
        }
        return out;
    }
}
