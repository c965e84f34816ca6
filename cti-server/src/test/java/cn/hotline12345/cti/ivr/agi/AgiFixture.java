package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.IvrModule;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.ivr.FlowSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A started {@link IvrModule} on an ephemeral port, collecting ended sessions. */
final class AgiFixture implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Readiness readiness = new Readiness();
    final LinkedBlockingQueue<IvrSessionEnded> ended = new LinkedBlockingQueue<>();
    final IvrModule module;
    final int port;

    static AgiSettings fastSettings() {
        return AgiSettings.defaults().withEnvTimeout(Duration.ofSeconds(2)).withCommandGrace(Duration.ofSeconds(5))
                .withCloseGrace(Duration.ofSeconds(5)).withInstances(2);
    }

    static CtiConfig config(Duration maxDuration, int maxSessions) {
        CtiConfig c = new ConfigLoader(Map.of()).load(null);
        return new CtiConfig(c.http(), new CtiConfig.Agi("127.0.0.1", 0, maxDuration, maxSessions), c.database(),
                c.pbxs(), c.ivr(), c.demo());
    }

    AgiFixture(IvrPorts ports) throws Exception {
        this(ports, fastSettings(), config(Duration.ofMinutes(15), 5000), FlowSource.classpath(AgiFixture.class.getClassLoader()));
    }

    AgiFixture(IvrPorts ports, AgiSettings settings, CtiConfig config, FlowSource source) throws Exception {
        module = new IvrModule(vertx, config, readiness, registry, Clock.systemUTC(), ports, settings, source);
        module.addListener(ended::add);
        port = module.start().await(30, TimeUnit.SECONDS);
    }

    IvrSessionEnded nextEnded() throws InterruptedException {
        IvrSessionEnded e = ended.poll(20, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no IVR session ended within 20 s");
        }
        return e;
    }

    double refused(AgiRefusal reason) {
        var c = registry.find("cti.agi.sessions.refused").tag("reason", reason.tag()).counter();
        return c == null ? 0 : c.count();
    }

    double sessions(String script, String ending) {
        var c = registry.find("cti.agi.sessions").tag("script", script).tag("ending", ending).counter();
        return c == null ? 0 : c.count();
    }

    double active() {
        return registry.get("cti.agi.sessions.active").gauge().value();
    }

    /** Polls until {@code condition} holds or fails after 10 s. */
    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            module.close().await(20, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }
}
