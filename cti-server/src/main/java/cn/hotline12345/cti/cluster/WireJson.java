package cn.hotline12345.cti.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How the cluster's messages travel between nodes: one JSON object, length-prefixed inside the event bus
 * frame. JSON rather than a binary layout because the messages are few (a call's handful of updates, a board
 * a second), readable in a packet capture, and tolerant of a field added by a newer node during a rolling
 * upgrade.
 */
final class WireJson {

    private WireJson() {
    }

    static void write(Buffer buffer, JsonObject json) {
        Buffer body = json.toBuffer();
        buffer.appendInt(body.length());
        buffer.appendBuffer(body);
    }

    /** Reads the object at pos, or fails with IllegalArgumentException naming what was expected. */
    static JsonObject read(int pos, Buffer buffer, String what) {
        try {
            int length = buffer.getInt(pos);
            if (length < 2 || length > buffer.length() - pos - 4) {
                throw new IllegalArgumentException("not a " + what + ": bad length " + length);
            }
            return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
        } catch (DecodeException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a " + what + ": " + e.getMessage(), e);
        }
    }

    static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    static Instant instant(JsonObject j, String key) {
        String s = j.getString(key);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + key + "' is not an instant: " + s, e);
        }
    }

    static String required(JsonObject j, String key) {
        String s = j.getString(key);
        if (s == null) {
            throw new IllegalArgumentException("field '" + key + "' is missing");
        }
        return s;
    }
}
