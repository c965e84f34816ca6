package cn.hotline12345.cti.desk.web;

import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.desk.internal.AgentBoard;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/supervisor/agents} (supervisors): the live agent list of the supervisor's screen — state, reason,
 * since when, queues (with their names), the current call (caller masked) and the calls answered today. The actions
 * on an agent are the existing {@code POST /api/supervisor/agents/{extension}/pause|unpause|logout?pbx=}; an agent
 * whose member is not {@code PJSIP/<digits>} has no {@code extension} and cannot be acted on from the list.
 */
public final class SupervisorAgentRoutes implements RouteContributor {

    private static final Pattern PJSIP = Pattern.compile("PJSIP/(\\d{3,8})");

    private final AgentBoard board;

    public SupervisorAgentRoutes(AgentBoard board) {
        this.board = board;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/supervisor/agents").handler(Authz.require(Role.SUPERVISOR)).handler(ctx -> {
            JsonArray agents = new JsonArray();
            for (AgentBoard.AgentLine l : board.lines()) {
                var a = l.agent();
                Matcher m = PJSIP.matcher(a.agent());
                JsonArray queues = new JsonArray();
                a.queues().forEach(q -> queues.add(new JsonObject().put("id", q).put("name", HotlineQueue.displayNameOf(q))));
                JsonObject o = new JsonObject().put("pbxId", a.pbxId()).put("member", a.agent())
                        .put("extension", m.matches() ? m.group(1) : null).put("name", a.name())
                        .put("state", a.state().name().toLowerCase(Locale.ROOT)).put("reason", a.reason())
                        .put("since", a.since() == null ? null : a.since().toString()).put("queues", queues)
                        .put("answeredToday", l.answeredToday());
                if (l.call() != null) {
                    var c = l.call();
                    o.put("call", new JsonObject().put("ringing", c.ringing()).put("caller", c.callerMasked())
                            .put("queue", c.queue()).put("queueName", c.queue() == null ? null : HotlineQueue.displayNameOf(c.queue()))
                            .put("since", c.since().toString()));
                }
                agents.add(o);
            }
            RequestJson.json(ctx, 200, new JsonObject().put("agents", agents));
        });
    }
}
