package cn.hotline12345.cti.call.web;

import cn.hotline12345.cti.platform.web.RouteContributor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the call log page ({@code /calls/}, {@code webroot/calls/} of agent-softphone-api) from the class path. The
 * page holds no data (everything comes from {@code /api/calls} after login), so it is public, with the same
 * headers as the console's pages: nothing inline, nothing from elsewhere.
 */
public final class CallLogPage implements RouteContributor {

    /** The console's policy (desk.web.ConsolePages.CSP), repeated: the call slice may not depend on the desk's. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; media-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Override
    public void mount(Router router) {
        StaticHandler files = StaticHandler.create("webroot/calls").setCachingEnabled(false).setDirectoryListing(false)
                .setIncludeHidden(false).setDefaultContentEncoding("UTF-8");
        router.get("/calls/*").handler(CallLogPage::headers).handler(files);
    }

    private static void headers(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache");
        ctx.next();
    }
}
