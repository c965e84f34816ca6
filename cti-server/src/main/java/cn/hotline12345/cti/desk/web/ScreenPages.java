package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.platform.web.RouteContributor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The screens of issue 24, served like the console ({@link ConsolePages}: public files, the same strict
 * Content-Security-Policy): {@code /unit/} (handling units), {@code /supervisor/}, {@code /reports/},
 * {@code /engineer/}; Apache ECharts at {@code /assets/vendor/echarts/} from its pinned Maven artefact
 * ({@code org.webjars.npm:echarts}, no CDN); and {@code /favicon.ico}.
 */
public final class ScreenPages implements RouteContributor {

    /** Where the ECharts artefact keeps its files on the classpath (its version is pinned in the pom). */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist";

    @Override
    public void mount(Router router) {
        for (String dir : new String[] {"unit", "supervisor", "reports", "engineer"}) {
            router.get("/" + dir + "/*").handler(ConsolePages::headers).handler(files("webroot/" + dir));
        }
        router.get("/assets/vendor/echarts/*").handler(ConsolePages::headers).handler(files(ECHARTS));
        StaticHandler root = files("webroot");
        // a regex route: the static handler then resolves the whole path (an exact route would leave it none)
        router.getWithRegex("/favicon\\.ico").handler(ConsolePages::headers).handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "max-age=86400");
            root.handle(ctx);
        });
    }

    private static StaticHandler files(String root) {
        return StaticHandler.create(root).setCachingEnabled(false).setDirectoryListing(false).setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8");
    }
}
