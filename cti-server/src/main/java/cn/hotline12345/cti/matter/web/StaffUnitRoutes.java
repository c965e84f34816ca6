package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.internal.PartyService;
import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/units}: the active handling units for the hotline's staff (issue 19): the console's dispatch picker
 * (派单) and its "transfer to the unit" list. Names, levels and the number calls are transferred to; no API keys.
 */
public final class StaffUnitRoutes implements RouteContributor {

    private final PartyService parties;

    public StaffUnitRoutes(PartyService parties) {
        this.parties = parties;
    }

    @Override
    public void mount(Router r) {
        r.get("/api/units").handler(Authz.require(Role.AGENT, Role.SUPERVISOR)).handler(ctx -> Api.respond(ctx, 200,
                c -> parties.activeUnits(), l -> {
                    JsonArray a = new JsonArray();
                    l.forEach(u -> a.add(new JsonObject().put("id", u.id()).put("name", u.name())
                            .put("level", u.level().code()).put("phone", u.phone())));
                    return a;
                }));
    }
}
