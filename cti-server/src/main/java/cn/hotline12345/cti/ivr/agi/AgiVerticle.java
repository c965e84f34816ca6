package cn.hotline12345.cti.ivr.agi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

import java.util.concurrent.TimeUnit;

/**
 * One FastAGI listener on one event loop. Several instances listen on the same host and port; Vert.x spreads the
 * connections over them, so sessions use every core without a thread per call.
 */
public final class AgiVerticle extends VerticleBase {

    private final AgiServer server;
    private final String host;
    private final int port;
    private final long closeGraceMs;
    private NetServer net;

    public AgiVerticle(AgiServer server, String host, int port, long closeGraceMs) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.closeGraceMs = closeGraceMs;
    }

    @Override
    public Future<?> start() {
        net = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setReuseAddress(true));
        net.connectHandler(server::accept);
        return net.listen(port, host);
    }

    /** Stops accepting, lets running sessions end within the close grace, then closes what is left. */
    @Override
    public Future<?> stop() {
        return net == null ? Future.succeededFuture() : net.shutdown(closeGraceMs, TimeUnit.MILLISECONDS);
    }

    public int actualPort() {
        return net.actualPort();
    }
}
