package cn.hotline12345.cti.desk.web;


import cn.hotline12345.cti.desk.internal.WallboardPublisher;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.ext.web.Router;

/** {@code GET /api/wallboard}: the current board as JSON (the same data as the live channel's queue_board). */
public final class WallboardRoutes implements RouteContributor {

    private final WallboardPublisher publisher;

    public WallboardRoutes(WallboardPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/wallboard").handler(Authz.require(Role.SUPERVISOR, Role.ENGINEER, Role.ADMIN))
                .handler(ctx -> RequestJson.json(ctx, 200, publisher.board().toJson()));
    }
}
