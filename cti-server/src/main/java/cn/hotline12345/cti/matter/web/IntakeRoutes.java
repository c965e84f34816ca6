package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.Body;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterInput;
import cn.hotline12345.cti.matter.internal.MatterService;
import cn.hotline12345.cti.matter.internal.PartyService;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code POST /api/intake}: matters from other channels' systems (WeChat, Weibo, web portal; art. 2), each
 * system with its own key in {@code X-Channel-Key}. The matter is validated completely (art. 11) and
 * accepted; the answer carries its number for the citizen.
 */
public final class IntakeRoutes implements RouteContributor {

    private final MatterService matters;
    private final PartyService parties;

    public IntakeRoutes(MatterService matters, PartyService parties) {
        this.matters = matters;
        this.parties = parties;
    }

    @Override
    public void mount(Router r) {
        r.post("/api/intake").handler(ctx -> {
            String key = ctx.request().getHeader("X-Channel-Key");
            if (key == null || key.isBlank()) {
                Authz.deny(ctx, 401, "unauthenticated", "send X-Channel-Key");
                return;
            }
            parties.authenticateIntake(key.trim()).onComplete(ar -> {
                if (ar.failed()) {
                    Api.error(ctx, ar.cause());
                    return;
                }
                if (ar.result().isEmpty()) {
                    Authz.deny(ctx, 401, "unauthenticated", "unknown channel key");
                    return;
                }
                PartyService.IntakeClient client = ar.result().get();
                Api.respond(ctx, 201, c -> {
                    Body b = Api.body(c);
                    MatterInput in = MatterJson.input(b);
                    if (in.channel() != null && in.channel() != client.channel()) {
                        throw MatterException.invalid("channel", "this key is for channel " + client.channel().code());
                    }
                    if (in.category() == null) {
                        throw MatterException.invalid("category", "required");
                    }
                    return matters.intake(in, client.channel(), client.id());
                }, m -> new JsonObject().put("id", m.id()).put("number", m.number()).put("status", m.status().dbName())
                        .put("deadlineAt", MatterJson.ts(m.deadlineAt())));
            });
        });
    }

}
