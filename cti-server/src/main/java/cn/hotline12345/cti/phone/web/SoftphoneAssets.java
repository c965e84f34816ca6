package cn.hotline12345.cti.phone.web;

import cn.hotline12345.cti.desk.web.ConsolePages;
import cn.hotline12345.cti.phone.api.SoftphoneSettings;
import cn.hotline12345.cti.platform.web.RouteContributor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the console's softphone needs from our own server (issue 23): SIP.js itself under {@code /vendor/sip.js/}
 * (fetched by agent-softphone-api's build, pinned by SHA-256, never from a CDN), and a console page allowed to open
 * the WebSocket of the agents' PBXs. The console's policy says {@code connect-src 'self'}; the PBX's SIP WebSocket
 * ({@code wss://pbx:8089/ws}) is another origin, so the policy of {@code /console/*} gets exactly those origins
 * added, and nothing else (no {@code wss:} wildcard).
 *
 * <p>Mounted before the desk's pages: its {@code /console/*} handler only registers a headers-end hook and passes on.
 */
public final class SoftphoneAssets implements RouteContributor {

    private final String consolePolicy;

    /** @param pbxHosts every configured PBX's host, for {@code {host}} in {@code softphone.wsUrl} */
    public SoftphoneAssets(SoftphoneSettings settings, Collection<String> pbxHosts) {
        Set<String> origins = new LinkedHashSet<>();
        for (String h : pbxHosts) {
            origins.add(origin(settings.wsUrlFor(h)));
        }
        if (origins.isEmpty()) {
            origins.add(origin(settings.wsUrlFor("localhost")));
        }
        this.consolePolicy = ConsolePages.CSP.replace("connect-src 'self'",
                "connect-src 'self' " + String.join(" ", origins));
    }

    /** {@code wss://host:8089/ws} to {@code wss://host:8089}: a CSP source is an origin. */
    static String origin(String wsUrl) {
        int slash = wsUrl.indexOf('/', wsUrl.indexOf("//") + 2);
        return slash < 0 ? wsUrl : wsUrl.substring(0, slash);
    }

    /** The console's Content-Security-Policy with the PBXs' SIP WebSocket origins. */
    public String consolePolicy() {
        return consolePolicy;
    }

    @Override
    public void mount(Router router) {
        StaticHandler files = StaticHandler.create("webroot/vendor").setCachingEnabled(false)
                .setDirectoryListing(false).setIncludeHidden(false).setDefaultContentEncoding("UTF-8");
        router.get("/vendor/*").handler(SoftphoneAssets::vendorHeaders).handler(files);
        router.get("/console/*").handler(this::consoleHeaders);
    }

    private static void vendorHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", ConsolePages.CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache");
        ctx.next();
    }

    private void consoleHeaders(RoutingContext ctx) {
        // the desk's handler sets its policy after this one; the hook runs once all headers are set
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().headers().contains("Content-Security-Policy")) {
                ctx.response().putHeader("Content-Security-Policy", consolePolicy);
            }
        });
        ctx.next();
    }
}
