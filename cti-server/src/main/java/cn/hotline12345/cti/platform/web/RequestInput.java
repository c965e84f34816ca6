package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.error.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Input no route should ever see, refused for every route before any of them runs (issue 20 item 11): a query
 * parameter or path that is not UTF-8 or carries a control character, a body that is not UTF-8, and a JSON body
 * holding NUL or a lone surrogate anywhere. PostgreSQL cannot store NUL (the statement failed: 500, with the SQL in
 * the log), and Vert.x and the JDBC driver would silently replace invalid UTF-8 and lone surrogates with {@code ?} or
 * U+FFFD, changing a matter's text without telling anyone. Each is a 400 whose {@code field} names the parameter or
 * JSON field ({@code body} when it cannot be told). A body that is not JSON at all is left to its route.
 */
final class RequestInput {

    private RequestInput() {
    }

    /** The router handler; mounted first, after the body is read. */
    static void check(RoutingContext ctx) {
        try {
            query(ctx.request().query());
            path(ctx.request().path());
            body(ctx);
        } catch (Refusal r) {
            Api.error(ctx, r);
            return;
        }
        ctx.next();
    }

    private static void query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName, true, "query");
            String shown = shownName(name);
            checkText(shown, name);
            if (eq >= 0) {
                checkText(shown, decode(pair.substring(eq + 1), true, shown));
            }
        }
    }

    private static void path(String raw) {
        if (raw != null && raw.indexOf('%') >= 0) {
            checkText("path", decode(raw, false, "path"));
        } else if (raw != null) {
            checkText("path", raw);
        }
    }

    private static void body(RoutingContext ctx) {
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        if (b == null || b.length() == 0) {
            return;
        }
        String type = ctx.request().getHeader("content-type");
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.startsWith("application/json") && !t.startsWith("text/")
                && !t.startsWith("application/x-www-form-urlencoded")) {
            return; // binary content is its route's business
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw Refusal.invalidBecause("body", "reason.bad_encoding", "not valid UTF-8");
        }
        Object json;
        try {
            json = Json.decodeValue(text);
        } catch (DecodeException e) {
            if (text.indexOf('\u0000') >= 0) {
                throw Refusal.invalidBecause("body", "reason.control_char", "contains NUL (U+0000)");
            }
            return; // not JSON: the route answers for it
        }
        walk(json, null);
    }

    /** Every string of a JSON value, keys included; {@code field} is the top-level key it is under. */
    private static void walk(Object v, String field) {
        if (v instanceof JsonObject o) {
            for (Map.Entry<String, Object> e : o) {
                String f = field != null ? field : shownName(e.getKey());
                jsonText(f, e.getKey());
                walk(e.getValue(), f);
            }
        } else if (v instanceof JsonArray a) {
            for (Object item : a) {
                walk(item, field);
            }
        } else if (v instanceof String s) {
            jsonText(field == null ? "body" : field, s);
        }
    }

    /** In JSON text line breaks and tabs are content; NUL and lone surrogates never are. */
    private static void jsonText(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw Refusal.invalidBecause(field, "reason.control_char", "contains NUL (U+0000)");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw Refusal.invalidBecause(field, "reason.bad_encoding",
                            "contains a lone surrogate (U+" + String.format("%04X", (int) c) + ")");
                }
                i++;
            }
        }
    }

    /** Query parameters and paths carry no control character at all (no line breaks either). */
    private static void checkText(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw Refusal.invalidBecause(field, "reason.control_char",
                        "contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
    }

    /** A name is echoed as the field only when it looks like one; anything else is "query". */
    private static String shownName(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_.-]{0,39}") ? name : "query";
    }

    /** Percent-decoding into bytes, then strict UTF-8. */
    private static String decode(String raw, boolean plusIsSpace, String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x100) {
                // the request line reaches us byte for byte (one char per byte): a raw byte stays that byte
                out.write(c);
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(enc, 0, enc.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw Refusal.invalidBecause(field, "reason.bad_encoding", "not valid UTF-8 after percent-decoding");
        }
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
