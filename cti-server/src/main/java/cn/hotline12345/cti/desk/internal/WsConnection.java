package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.user.api.Principal;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayDeque;

/**
 * One browser connection with a bounded send queue. Frames go straight to the socket while its write
 * queue has room; when it is full they wait here; when more than {@code maxPending} wait, the browser is
 * not reading: the connection is closed with {@link #SLOW_CONSUMER} so it never holds memory or slows
 * anyone else, and the browser reconnects and gets the current state again. Thread-safe.
 */
public final class WsConnection {

    /** Close code for a connection whose reader fell behind. */
    public static final short SLOW_CONSUMER = 4008;
    /** Close code when the session ended (logout, expiry, user disabled). */
    public static final short SESSION_ENDED = 4001;

    /** The kind of channel. */
    public enum Channel { CONSOLE, WALLBOARD }

    private final ServerWebSocket ws;
    private final Principal principal;
    private final String sessionId;
    private final Channel channel;
    private final int maxPending;
    private final java.util.function.Consumer<WsConnection> onOverflow;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean closed;

    public WsConnection(ServerWebSocket ws, Principal principal, String sessionId, Channel channel, int maxPending,
                 java.util.function.Consumer<WsConnection> onOverflow) {
        this.ws = ws;
        this.principal = principal;
        this.sessionId = sessionId;
        this.channel = channel;
        this.maxPending = maxPending;
        this.onOverflow = onOverflow;
        ws.drainHandler(v -> drain());
    }

    public Principal principal() {
        return principal;
    }

    public String sessionId() {
        return sessionId;
    }

    public Channel channel() {
        return channel;
    }

    /** Queues a frame; false when the connection is closed or was just cut for being too slow. */
    public synchronized boolean send(String frame) {
        if (closed) {
            return false;
        }
        if (pending.isEmpty() && !ws.writeQueueFull()) {
            ws.writeTextMessage(frame);
            return true;
        }
        if (pending.size() >= maxPending) {
            closed = true;
            pending.clear();
            onOverflow.accept(this);
            ws.close(SLOW_CONSUMER, "slow consumer");
            return false;
        }
        pending.addLast(frame);
        return true;
    }

    /** Frames waiting for the socket. */
    public synchronized int pending() {
        return pending.size();
    }

    public synchronized void close(short code, String reason) {
        if (!closed) {
            closed = true;
            pending.clear();
            ws.close(code, reason);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized void markClosed() {
        closed = true;
        pending.clear();
    }

    private synchronized void drain() {
        while (!closed && !pending.isEmpty() && !ws.writeQueueFull()) {
            ws.writeTextMessage(pending.pollFirst());
        }
    }
}
