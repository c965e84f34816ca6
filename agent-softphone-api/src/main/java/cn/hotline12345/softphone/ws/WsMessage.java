package cn.hotline12345.softphone.ws;

import io.vertx.core.json.JsonObject;

/**
 * A message the server pushes to a console or wallboard over the WebSocket channel. On the wire every
 * message travels in an envelope {@code {"type": ..., "v": 1, "data": {...}}} (see {@link WsCodec}).
 * Types are versioned as a whole: a change that removes or re-types a field bumps {@link WsCodec#VERSION};
 * adding an optional field does not.
 */
public sealed interface WsMessage
        permits Hello, ScreenPop, CallActive, CallEnded, PopWithdrawn, AgentStateChanged, QueueBoard, Alarm, CallNotice {

    /** The envelope's {@code type}. */
    String type();

    /** The envelope's {@code data}. */
    JsonObject toJson();
}
