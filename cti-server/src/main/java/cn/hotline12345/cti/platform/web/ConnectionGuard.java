package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.config.CtiConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one HTTP client can hold (issue 20 item 3: 20,500 connections sending partial headers held the server for
 * their whole 25-45 s, until it ran out of file handles and {@code /ready} timed out).
 *
 * <ul>
 *   <li>a connection beyond {@code http.maxConnectionsPerAddress} of its TCP peer (trusted proxies excepted), or
 *       beyond {@code http.maxConnections} in all, is closed as soon as it is accepted; addresses allowed to read the
 *       operations endpoints ({@code http.opsAllowedSources}, loopback by default) are not held to the total, so a
 *       health check still gets in when the cap is reached;</li>
 *   <li>a new connection must have sent a whole request head within {@code http.headerTimeout}, a kept-alive one
 *       its next within {@code http.keepAliveTimeout}, and a request's body must be in within
 *       {@code http.bodyTimeout} after its head; else the connection is closed. An upgraded WebSocket is exempt
 *       (an agent's console may be silent for hours).</li>
 * </ul>
 * Connections are swept on the HTTP verticle's event loop; nothing here blocks.
 */
final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    /** One connection's clock. Touched only on the verticle's event loop. */
    private static final class Conn {
        final String address;
        long deadline;
        HttpServerRequest request;
        /** which limit the deadline is: header, keep-alive or body */
        String phase = "header";
        /** closed for being late, the close not yet done: counted once, never again by a later sweep */
        boolean closing;

        Conn(String address, long deadline) {
            this.address = address;
            this.deadline = deadline;
        }
    }

    private final CtiConfig.Http config;
    private final Map<HttpConnection, Conn> open = new IdentityHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong refusedAddress = new AtomicLong();
    private final AtomicLong refusedTotal = new AtomicLong();
    private final Map<String, AtomicLong> timedOut = Map.of("header", new AtomicLong(), "keepalive", new AtomicLong(),
            "body", new AtomicLong());
    private long lastRefusalLog;
    private long refusalsSinceLog;
    private long timer = -1;

    ConnectionGuard(CtiConfig.Http config) {
        this.config = config;
    }

    /** Starts the sweep on the caller's (the verticle's) context. */
    void start(Vertx vertx) {
        long period = Math.max(50, Math.min(1_000, Math.min(config.headerTimeout().toMillis(),
                Math.min(config.keepAliveTimeout().toMillis(), config.bodyTimeout().toMillis())) / 4));
        timer = vertx.setPeriodic(period, id -> sweep(System.currentTimeMillis()));
    }

    void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void meters(MeterRegistry m) {
        Gauge.builder("cti.http.connections.open", total, AtomicInteger::get).description("open HTTP connections")
                .register(m);
        FunctionCounter.builder("cti.http.connections.refused", refusedAddress, AtomicLong::get).tag("reason", "per_address")
                .description("HTTP connections closed on accept by a connection cap").register(m);
        FunctionCounter.builder("cti.http.connections.refused", refusedTotal, AtomicLong::get).tag("reason", "total")
                .description("HTTP connections closed on accept by a connection cap").register(m);
        timedOut.forEach((phase, n) -> FunctionCounter.builder("cti.http.connections.timed.out", n, AtomicLong::get)
                .tag("phase", phase).description("HTTP connections closed for being too slow").register(m));
    }

    /** The server's connection handler. */
    void onConnection(HttpConnection c) {
        String address = c.remoteAddress() == null ? "unknown" : c.remoteAddress().host();
        boolean proxy = config.trustedProxies().contains(address);
        boolean ops = config.opsAllowedSources().contains(address);
        AtomicInteger mine = perAddress.computeIfAbsent(address, k -> new AtomicInteger());
        int n = mine.incrementAndGet();
        int all = total.incrementAndGet();
        String refused = null;
        if (!proxy && n > config.maxConnectionsPerAddress()) {
            refused = "per_address";
            refusedAddress.incrementAndGet();
        } else if (!ops && all > config.maxConnections()) {
            refused = "total";
            refusedTotal.incrementAndGet();
        }
        if (refused != null) {
            release(address, mine);
            logRefusal(address, refused);
            c.close();
            return;
        }
        open.put(c, new Conn(address, System.currentTimeMillis() + config.headerTimeout().toMillis()));
        c.closeHandler(v -> {
            if (open.remove(c) != null) {
                release(address, mine);
            }
        });
    }

    /** Wraps the router: a request that arrived has its head in; its body now has {@code bodyTimeout}. */
    Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
        return request -> {
            Conn c = open.get(request.connection());
            if (c != null) {
                c.request = request;
                c.phase = "body";
                c.deadline = System.currentTimeMillis() + config.bodyTimeout().toMillis();
            }
            next.handle(request);
        };
    }

    private void sweep(long now) {
        List<HttpConnection> late = new ArrayList<>();
        for (Map.Entry<HttpConnection, Conn> e : open.entrySet()) {
            Conn c = e.getValue();
            HttpServerRequest r = c.request;
            if (r != null) {
                if (r.response().getStatusCode() == 101 && r.response().ended()) {
                    continue; // an upgraded WebSocket: its own protocol, its own life
                }
                if (r.response().ended()) {
                    // the exchange is over: the connection waits for its next request
                    c.request = null;
                    c.phase = "keepalive";
                    c.deadline = now + config.keepAliveTimeout().toMillis();
                    continue;
                }
                if (r.isEnded()) {
                    continue; // the whole request is in: the server is working on its answer
                }
            }
            if (now >= c.deadline && !c.closing) {
                c.closing = true;
                late.add(e.getKey());
                timedOut.get(c.phase).incrementAndGet();
            }
        }
        late.forEach(HttpConnection::close);
    }

    private void release(String address, AtomicInteger mine) {
        total.decrementAndGet();
        // accept and close both run on the verticle's event loop: no other thread changes the count meanwhile
        if (mine.decrementAndGet() <= 0) {
            perAddress.remove(address, mine);
        }
    }

    private void logRefusal(String address, String reason) {
        long now = System.currentTimeMillis();
        refusalsSinceLog++;
        if (now - lastRefusalLog >= 10_000) {
            LOG.warn("HTTP connection from {} closed on accept ({}: http.maxConnectionsPerAddress {}, http.maxConnections"
                    + " {}); {} refused since the last such line", address, reason, config.maxConnectionsPerAddress(),
                    config.maxConnections(), refusalsSinceLog);
            lastRefusalLog = now;
            refusalsSinceLog = 0;
        }
    }

    /** Open connections now. */
    int open() {
        return total.get();
    }

    long refused() {
        return refusedAddress.get() + refusedTotal.get();
    }

    long timedOut() {
        return timedOut.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
