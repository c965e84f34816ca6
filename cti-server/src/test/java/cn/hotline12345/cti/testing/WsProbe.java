package cn.hotline12345.cti.testing;

import cn.hotline12345.cti.testing.Http;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test WebSocket client that records every frame it receives, as JSON envelopes. */
public final class WsProbe implements AutoCloseable {

    public final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    final WebSocket ws;
    public volatile Short closeCode;
    private final WebSocketClient client;

    private WsProbe(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
        ws.closeHandler(v -> closeCode = ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
    }

    /** Connects or throws (the handshake was refused). */
    public static WsProbe connect(Vertx vertx, int port, String path, String origin, String sessionId) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path);
        if (origin != null) {
            o.addHeader("Origin", origin);
        } else {
            o.setAllowOriginHeader(false);
        }
        if (sessionId != null) {
            o.addHeader("Cookie", "CTI_SESSION=" + sessionId);
        }
        try {
            // handlers are set on the event loop as the handshake completes, so no early frame is missed
            return client.connect(o).map(ws -> new WsProbe(client, ws)).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    public List<JsonObject> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
    }

    public JsonObject await(String what, Predicate<JsonObject> p) {
        Http.await(what, Duration.ofSeconds(10), () -> frames.stream().anyMatch(p));
        return frames.stream().filter(p).findFirst().orElseThrow();
    }

    public JsonObject awaitType(String type, String callId) {
        return await(type + " for " + callId, f -> type.equals(f.getString("type"))
                && (callId == null || callId.equals(f.getJsonObject("data").getString("callId"))));
    }

    @Override
    public void close() {
        ws.close();
        client.close();
    }
}
