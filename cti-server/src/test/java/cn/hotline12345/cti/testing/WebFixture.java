package cn.hotline12345.cti.testing;



import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.desk.DeskModule;
import cn.hotline12345.cti.testing.FakeLiveQueues;
import cn.hotline12345.cti.testing.RecordingAgentActions;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.testing.TestConfigs;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.schema.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server with the web module on a free port, over a real test database, with a recording
 * fake of the PBX actions and a settable live queue view. {@link #origin()} is on the allow-list.
 */
public final class WebFixture implements AutoCloseable {

    public static final String PASSWORD = "Demo-12345!";
    /** The password of accounts a test creates: the published demo password is refused for new accounts (issue 20). */
    public static final String NEW_PASSWORD = "Neues-Konto-2026";
    /** Wrap-up's maximum in these tests (long: a test that needs it to pass sets up its own desk). */
    public static final java.time.Duration WRAP_UP_MAX = java.time.Duration.ofMinutes(5);

    public final Vertx vertx = Vertx.vertx();
    public final CallUpdateHub hub = new CallUpdateHub();
    public final FakeLiveQueues live = new FakeLiveQueues();
    public final RecordingAgentActions actions = new RecordingAgentActions();
    /** The desk's units and nuisance flags: a fake the test reads. */
    public final FakeDeskPorts ports = new FakeDeskPorts();
    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final Db db;
    public final WebSlices module;
    public final int port;
    private final HttpVerticle http;

    public WebFixture(TestDatabase database) {
        this(database, AuthSettings.defaults(), DeskModule.DEFAULT_MAX_PENDING_FRAMES, new DefaultScreenPopEnricher(),
                List.of());
    }

    public WebFixture(TestDatabase database, AuthSettings auth, int maxPending, ScreenPopEnricher enricher,
                      List<RouteContributor> extraRoutes) {
        this(database, auth, maxPending, enricher, extraRoutes, null);
    }

    /** Default limits over a configuration file (e.g. one listing several PBXs). */
    public WebFixture(TestDatabase database, java.nio.file.Path configFile) {
        this(database, AuthSettings.defaults(), DeskModule.DEFAULT_MAX_PENDING_FRAMES, new DefaultScreenPopEnricher(),
                List.of(), configFile);
    }

    /** Default limits with this longest wrap-up. */
    public WebFixture(TestDatabase database, java.time.Duration wrapUpMax) {
        this(database, AuthSettings.defaults(), DeskModule.DEFAULT_MAX_PENDING_FRAMES, new DefaultScreenPopEnricher(),
                List.of(), null, wrapUpMax);
    }

    private WebFixture(TestDatabase database, AuthSettings auth, int maxPending, ScreenPopEnricher enricher,
                       List<RouteContributor> extraRoutes, java.nio.file.Path configFile) {
        this(database, auth, maxPending, enricher, extraRoutes, configFile, WRAP_UP_MAX);
    }

    private WebFixture(TestDatabase database, AuthSettings auth, int maxPending, ScreenPopEnricher enricher,
                       List<RouteContributor> extraRoutes, java.nio.file.Path configFile, java.time.Duration wrapUpMax) {
        this.port = freePort();
        // the consoles of a test or a benchmark all come from 127.0.0.1: no per-address connection cap here
        CtiConfig config = TestConfigs.forDatabase(database, Map.of("CTI_HTTP_PORT", String.valueOf(port),
                "CTI_HTTP_ALLOWED_ORIGINS", "http://127.0.0.1:" + port, "CTI_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "100000",
                "CTI_HTTP_MAX_CONNECTIONS", "100000"), configFile);
        this.db = new Db(vertx, database.dataSource(), 4);
        this.module = new WebSlices(vertx, db, config, hub, live, actions, enricher, Clock.systemUTC(), metrics,
                auth, maxPending, new DeskModule.Options(wrapUpMax, ports, pbx -> true,
                        cn.hotline12345.cti.platform.config.CtiConfig.Wallboard.defaults()));
        List<RouteContributor> routes = new ArrayList<>(extraRoutes);
        routes.addAll(module.routes());
        this.http = new HttpVerticle(config.http(), routes);
        try {
            vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test server", e);
        }
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    public WebClientSession client() {
        return new WebClientSession(port, origin());
    }

    /** Publishes an AgentRinging for {@code PJSIP/<ext>} and returns the call id. */
    public String ring(String ext, String linkedid, String number, String name) {
        return ring("pbx1", ext, linkedid, number, name);
    }

    /** Publishes an AgentRinging for {@code PJSIP/<ext>} on PBX {@code pbx} and returns the call id. */
    public String ring(String pbx, String ext, String linkedid, String number, String name) {
        CallKey key = new CallKey(pbx, linkedid);
        hub.publish(new CallUpdate.AgentRinging(key, Instant.now(), view(key, number, name, "PJSIP/" + ext),
                "PJSIP/" + ext, "q-general"));
        return key.toString();
    }

    public static CallView view(CallKey key, String number, String name, String agent) {
        return new CallView(key, number, name, "12345", Instant.now(), "welcome>emergency>menu:1",
                Map.of("HOTLINE_CALLER_FLAGS", "repeat", "HOTLINE_MATTER", "WF20250301-0007"), "q-general", 0,
                Instant.now(), agent, null);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        module.close();
        try {
            vertx.close().await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        db.close();
    }
}
