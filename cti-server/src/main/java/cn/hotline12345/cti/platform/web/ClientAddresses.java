package cn.hotline12345.cti.platform.web;

import cn.hotline12345.cti.platform.config.IpRanges;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who a request comes from, as the login limits and the logs need it: the TCP peer, unless the peer is one of the
 * configured trusted proxies ({@code http.trustedProxies}), in which case the client is the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Anyone else's {@code X-Forwarded-For} is ignored, so
 * a client cannot choose its own address to escape a limit (issue 20 item 5). Immutable, thread-safe.
 */
public final class ClientAddresses {

    private final IpRanges trustedProxies;

    public ClientAddresses(IpRanges trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** No trusted proxy: the TCP peer is the client. */
    public static ClientAddresses direct() {
        return new ClientAddresses(IpRanges.none());
    }

    /** The client's address (an IP literal), or {@code unknown}. */
    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().host();
        if (peer == null) {
            return "unknown";
        }
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String client = peer;
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            // several headers are one list, in order
            client = walk(header, client);
        }
        return client;
    }

    private String walk(String header, String fallback) {
        String[] hops = header.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (IpRanges.literal(hop) == null) {
                // a name or garbage: nothing left of it can be believed
                return fallback;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
            fallback = hop;
        }
        return fallback;
    }

    /** Whether the browser reached us over HTTPS: directly, or as a trusted proxy's {@code X-Forwarded-Proto} says. */
    public boolean secure(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().host();
        if (peer == null || !trustedProxies.contains(peer)) {
            return false;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto == null) {
            return false;
        }
        int comma = proto.indexOf(',');
        return (comma < 0 ? proto : proto.substring(0, comma)).trim().equalsIgnoreCase("https");
    }

    /** Whether the TCP peer is a trusted proxy. */
    public boolean fromTrustedProxy(String peer) {
        return trustedProxies.contains(peer);
    }
}
