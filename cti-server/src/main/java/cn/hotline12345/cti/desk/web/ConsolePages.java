package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.platform.web.RouteContributor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the console ({@code /console/}) and the wallboard ({@code /wallboard/}) from the classpath
 * ({@code webroot/} of agent-softphone-api). The pages are public (they hold no data: everything comes
 * from the authenticated API and WebSocket) and carry a strict Content-Security-Policy: scripts and
 * styles only from this origin, no inline code, no framing.
 */
public final class ConsolePages implements RouteContributor {

    /** The policy of every page: nothing inline, nothing from elsewhere. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void mount(Router router) {
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        for (String dir : new String[] {"console", "wallboard", "admin", "assets"}) {
            // a route "/x/*" serves its files relative to the handler's root, without the "/x" prefix
            StaticHandler files = StaticHandler.create("webroot/" + dir).setCachingEnabled(false)
                    .setDirectoryListing(false).setIncludeHidden(false).setDefaultContentEncoding("UTF-8");
            router.get("/" + dir + "/*").handler(ConsolePages::headers).handler(files);
        }
    }

    static void headers(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache");
        ctx.next();
    }
}
