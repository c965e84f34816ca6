package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.error.Refusal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of an untrusted JSON body: a wrong type or an oversized value is a 400 naming the field. */
public final class Body {

    private final JsonObject json;

    public Body(JsonObject json) {
        this.json = json;
    }

    public boolean has(String field) {
        return json.containsKey(field) && json.getValue(field) != null;
    }

    public String str(String field, int max) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw Refusal.invalidBecause(field, "reason.bad_value", "must be a string");
        }
        if (s.length() > max) {
            throw Refusal.invalidBecause(field, "reason.too_long", "longer than " + max + " characters", "max", max);
        }
        return checkedText(field, s);
    }

    /**
     * Text from outside may keep line breaks and tabs, but no other control character: NUL cannot be stored
     * by PostgreSQL at all, and the rest has no business in a matter. A lone surrogate ({@code "\\ud800"} in JSON)
     * is not text either: stored, it would silently become {@code ?}.
     */
    public static String checkedText(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                throw Refusal.invalidBecause(field, "reason.control_char",
                        "contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw Refusal.invalidBecause(field, "reason.bad_encoding",
                            "contains a lone surrogate (U+" + String.format("%04X", (int) c) + ")");
                }
                i++;
            }
        }
        return s;
    }

    public String required(String field, int max) {
        String s = str(field, max);
        if (s == null || s.isBlank()) {
            throw Refusal.invalidBecause(field, "reason.required", "required");
        }
        return s;
    }

    public Boolean bool(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw Refusal.invalidBecause(field, "reason.bad_value", "must be true or false");
        }
        return b;
    }

    public Integer integer(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw Refusal.invalidBecause(field, "reason.not_a_number", "must be an integer");
        }
        return n.intValue();
    }

    public LocalDate date(String field) {
        String s = str(field, 10);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidBecause(field, "reason.not_a_date", "not a date (yyyy-MM-dd)");
        }
    }

    public List<String> strings(String field, int maxItems, int maxLen) {
        Object v = json.getValue(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > maxItems) {
            throw Refusal.invalidBecause(field, "reason.bad_value", "must be an array of at most " + maxItems + " strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s) || s.length() > maxLen) {
                throw Refusal.invalidBecause(field, "reason.bad_value",
                        "must be an array of strings of at most " + maxLen + " characters");
            }
            out.add(checkedText(field, s));
        }
        return out;
    }
}
