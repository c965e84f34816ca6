package cn.hotline12345.cti.platform.db;

import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text for a flat map of strings (call event data, audit details) written into {@code jsonb} columns.
 * The domain has no JSON library and needs none for this. Keys are sorted; NUL, which PostgreSQL cannot
 * store in text or jsonb, becomes U+FFFD; other control characters are escaped.
 */
public final class FlatJson {

    private FlatJson() {
    }

    public static String of(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(m).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, k);
            sb.append(':');
            if (v == null) {
                sb.append("null");
            } else {
                quote(sb, v);
            }
        });
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\0' -> sb.append('\uFFFD');
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
