package cn.hotline12345.cti.desk.web;


import cn.hotline12345.cti.desk.api.AgentPhone;
import cn.hotline12345.cti.desk.internal.ScreenPopDispatcher;
import cn.hotline12345.cti.desk.internal.SocketRegistry;
import cn.hotline12345.cti.desk.internal.WsConnection;
import cn.hotline12345.cti.user.api.Session;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.platform.web.OriginPolicy;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.SessionAuthentication;
import cn.hotline12345.softphone.ws.Hello;
import cn.hotline12345.softphone.ws.WsCodec;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * The WebSocket endpoints: {@code /ws/console} for agents (screen pops, their state) and
 * {@code /ws/wallboard} for supervisors, engineers and administrators (queues, alarms). The upgrade
 * needs a live session cookie (401 otherwise), the right role (403) and an {@code Origin} on the
 * allow-list (403). The channel is server-to-browser: frames from the browser are ignored (bounded by
 * the server's maximum frame size).
 */
public final class WsRoutes implements RouteContributor {

    /** Bytes of unsent frames in the socket's own queue before we start holding frames back. */
    private static final int WRITE_QUEUE_BYTES = 64 * 1024;

    private final OriginPolicy origins;
    private final SocketRegistry sockets;
    private final ScreenPopDispatcher dispatcher;
    private final Consumer<WsConnection> onWallboard;
    private final Clock clock;

    public WsRoutes(OriginPolicy origins, SocketRegistry sockets, ScreenPopDispatcher dispatcher,
                    Consumer<WsConnection> onWallboard, Clock clock) {
        this.origins = origins;
        this.sockets = sockets;
        this.dispatcher = dispatcher;
        this.onWallboard = onWallboard;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/ws/console").handler(this::checkOrigin).handler(Authz.require(Role.AGENT))
                .handler(upgrade(WsConnection.Channel.CONSOLE));
        router.get("/ws/wallboard").handler(this::checkOrigin)
                .handler(Authz.require(Role.SUPERVISOR, Role.ENGINEER, Role.ADMIN))
                .handler(upgrade(WsConnection.Channel.WALLBOARD));
    }

    private void checkOrigin(RoutingContext ctx) {
        if (!origins.allows(ctx.request().getHeader("Origin"))) {
            Authz.deny(ctx, 403, "forbidden_origin", "this origin may not open the channel");
        } else {
            ctx.next();
        }
    }

    private Handler<RoutingContext> upgrade(WsConnection.Channel channel) {
        return ctx -> {
            Principal p = Authz.principal(ctx);
            Session session = ctx.get(SessionAuthentication.SESSION_KEY);
            if (channel == WsConnection.Channel.CONSOLE && AgentPhone.of(p) == null) {
                Authz.deny(ctx, 409, "no_extension", "this agent has no extension");
                return;
            }
            if (!ctx.request().headers().contains("Upgrade", "websocket", true)) {
                Authz.deny(ctx, 400, "not_websocket", "this endpoint needs a WebSocket upgrade");
                return;
            }
            ctx.request().toWebSocket().onFailure(ctx::fail).onSuccess(ws -> {
                ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
                WsConnection c = new WsConnection(ws, p, session.id(), channel, sockets.maxPending(),
                        sockets::overflowed);
                ws.textMessageHandler(s -> { });
                ws.binaryMessageHandler(b -> { });
                ws.exceptionHandler(e -> { });
                ws.closeHandler(v -> {
                    c.markClosed();
                    sockets.remove(c);
                });
                sockets.add(c);
                c.send(WsCodec.encode(new Hello(channel.name().toLowerCase(java.util.Locale.ROOT), p.username(),
                        p.role().dbName(), p.extension(), clock.instant())));
                if (channel == WsConnection.Channel.CONSOLE) {
                    dispatcher.connected(c);
                } else {
                    onWallboard.accept(c);
                }
            });
        };
    }
}
