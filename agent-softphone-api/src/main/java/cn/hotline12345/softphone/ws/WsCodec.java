package cn.hotline12345.softphone.ws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Encodes and decodes WebSocket frames: {@code {"type": "<type>", "v": 1, "data": {...}}}.
 * Decoding is strict and fails with {@link IllegalArgumentException} on anything malformed (wrong JSON,
 * unknown type, unsupported version, a missing or mistyped field), so a fuzzed frame never crashes a reader.
 */
public final class WsCodec {

    /** The current version of the message set. */
    public static final int VERSION = 1;
    /** Frames above this are refused by {@link #decode} (a pop with long histories is far below it). */
    public static final int MAX_FRAME_CHARS = 512 * 1024;

    private WsCodec() {
    }

    public static String encode(WsMessage m) {
        return new JsonObject().put("type", m.type()).put("v", VERSION).put("data", m.toJson()).encode();
    }

    public static WsMessage decode(String frame) {
        if (frame == null || frame.length() > MAX_FRAME_CHARS) {
            throw new IllegalArgumentException("frame missing or larger than " + MAX_FRAME_CHARS + " characters");
        }
        JsonObject env;
        try {
            env = new JsonObject(frame);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("frame is not a JSON object");
        }
        String type = Fields.str(env, "type");
        int v = Fields.integer(env, "v");
        if (v != VERSION) {
            throw new IllegalArgumentException("unsupported message version " + v + " (this reader knows " + VERSION + ")");
        }
        JsonObject data = Fields.obj(env, "data");
        return switch (type) {
            case Hello.TYPE -> Hello.fromJson(data);
            case ScreenPop.TYPE -> ScreenPop.fromJson(data);
            case CallActive.TYPE -> CallActive.fromJson(data);
            case CallEnded.TYPE -> CallEnded.fromJson(data);
            case PopWithdrawn.TYPE -> PopWithdrawn.fromJson(data);
            case AgentStateChanged.TYPE -> AgentStateChanged.fromJson(data);
            case QueueBoard.TYPE -> QueueBoard.fromJson(data);
            case Alarm.TYPE -> Alarm.fromJson(data);
            case CallNotice.TYPE -> CallNotice.fromJson(data);
            default -> throw new IllegalArgumentException("unknown message type '" + type + "'");
        };
    }
}
