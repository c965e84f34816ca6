package cn.hotline12345.cti.desk.internal;


import cn.hotline12345.cti.desk.api.AgentPhone;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The open WebSocket connections: consoles by agent phone (PBX and extension), wallboards. Thread-safe.
 * Metrics: {@code cti.ws.connections} (gauge, by channel) and {@code cti.ws.slow.disconnects}
 * (connections cut because their reader fell behind).
 */
public final class SocketRegistry {

    private final ConcurrentHashMap<AgentPhone, Set<WsConnection>> consoles = new ConcurrentHashMap<>();
    private final Set<WsConnection> wallboards = ConcurrentHashMap.newKeySet();
    private final Counter slowDisconnects;
    private final int maxPending;

    public SocketRegistry(MeterRegistry metrics, int maxPending) {
        this.maxPending = maxPending;
        this.slowDisconnects = Counter.builder("cti.ws.slow.disconnects")
                .description("WebSocket connections closed because the client stopped reading").register(metrics);
        Gauge.builder("cti.ws.connections", consoles, c -> c.values().stream().mapToInt(Set::size).sum())
                .tag("channel", "console").register(metrics);
        Gauge.builder("cti.ws.connections", wallboards, Set::size).tag("channel", "wallboard").register(metrics);
    }

    public int maxPending() {
        return maxPending;
    }

    public void overflowed(WsConnection c) {
        slowDisconnects.increment();
        remove(c);
    }

    public void add(WsConnection c) {
        if (c.channel() == WsConnection.Channel.CONSOLE) {
            consoles.computeIfAbsent(AgentPhone.of(c.principal()), k -> ConcurrentHashMap.newKeySet()).add(c);
        } else {
            wallboards.add(c);
        }
    }

    public void remove(WsConnection c) {
        if (c == null) {
            return;
        }
        if (c.channel() == WsConnection.Channel.CONSOLE) {
            AgentPhone phone = AgentPhone.of(c.principal());
            if (phone == null) {
                return;
            }
            consoles.computeIfPresent(phone, (k, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            });
        } else {
            wallboards.remove(c);
        }
    }

    /** The open consoles of the agent with this phone. */
    public List<WsConnection> consoles(AgentPhone phone) {
        Set<WsConnection> set = consoles.get(phone);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** The phones that have at least one console open now. */
    public java.util.Set<AgentPhone> phonesWithConsoles() {
        return java.util.Set.copyOf(consoles.keySet());
    }

    public List<WsConnection> wallboards() {
        return List.copyOf(wallboards);
    }

    /** Sends the frame to every wallboard. */
    public void toWallboards(String frame) {
        wallboards.forEach(c -> c.send(frame));
    }

    /** The sessions that hold at least one open console or wallboard connection. */
    public java.util.Set<String> sessionsWithOpenSockets() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        consoles.values().forEach(set -> set.forEach(c -> {
            if (!c.isClosed()) {
                ids.add(c.sessionId());
            }
        }));
        wallboards.forEach(c -> {
            if (!c.isClosed()) {
                ids.add(c.sessionId());
            }
        });
        return ids;
    }

    /** Closes every connection opened with this session (it ended). */
    public void closeSession(String sessionId) {
        Consumer<WsConnection> closer = c -> {
            if (c.sessionId().equals(sessionId)) {
                c.close(WsConnection.SESSION_ENDED, "session ended");
                remove(c);
            }
        };
        consoles.values().forEach(set -> List.copyOf(set).forEach(closer));
        List.copyOf(wallboards).forEach(closer);
    }

    public double slowDisconnects() {
        return slowDisconnects.count();
    }

    public int consoleCount() {
        return consoles.values().stream().mapToInt(Set::size).sum();
    }
}
