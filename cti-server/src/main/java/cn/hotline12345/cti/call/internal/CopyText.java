package cn.hotline12345.cti.call.internal;

import java.time.Instant;
import java.util.List;

/**
 * Builds the body of a PostgreSQL {@code COPY ... FROM STDIN} in text format: one line per row, columns
 * separated by tabs, {@code \N} for null, backslash, tab, newline and carriage return escaped. NUL, which
 * PostgreSQL cannot store in text, becomes U+FFFD, so one odd caller name can never make a batch fail for
 * ever. Not thread-safe: one per batch, on the writer's thread.
 */
final class CopyText {

    private final StringBuilder sb;
    private boolean firstColumn = true;

    CopyText(int expectedChars) {
        sb = new StringBuilder(expectedChars);
    }

    CopyText text(String s) {
        separator();
        if (s == null) {
            sb.append("\\N");
        } else {
            escape(s);
        }
        return this;
    }

    CopyText number(Number n) {
        separator();
        sb.append(n == null ? "\\N" : n.toString());
        return this;
    }

    /** ISO-8601 with Z, which {@code timestamptz} input reads as UTC. */
    CopyText time(Instant i) {
        separator();
        sb.append(i == null ? "\\N" : i.toString());
        return this;
    }

    /** A {@code text[]} literal: every element double-quoted, so commas, braces and spaces need no thought. */
    CopyText textArray(List<String> values) {
        separator();
        StringBuilder lit = new StringBuilder(2 + values.size() * 16).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                lit.append(',');
            }
            lit.append('"');
            String v = values.get(i);
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == '"' || c == '\\') {
                    lit.append('\\');
                }
                lit.append(c);
            }
            lit.append('"');
        }
        escape(lit.append('}'));
        return this;
    }

    CopyText endRow() {
        sb.append('\n');
        firstColumn = true;
        return this;
    }

    boolean isEmpty() {
        return sb.length() == 0;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void separator() {
        if (!firstColumn) {
            sb.append('\t');
        }
        firstColumn = false;
    }

    private void escape(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
    }
}
