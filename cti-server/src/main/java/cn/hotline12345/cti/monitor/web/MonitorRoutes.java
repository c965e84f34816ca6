package cn.hotline12345.cti.monitor.web;

import cn.hotline12345.cti.monitor.api.MonitorMode;
import cn.hotline12345.cti.monitor.api.MonitorPort;
import cn.hotline12345.cti.monitor.api.MonitorRefusal;
import cn.hotline12345.cti.monitor.api.MonitorSession;
import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The supervisor's listen, whisper and barge (issue 23), supervisors only (the user slice's session, its CSRF check on
 * every POST, and {@link Authz#require}):
 * <ul>
 *   <li>{@code POST /api/supervisor/monitor} {@code {"agent": "1001" | "call": "<linkedid>", "mode":
 *       "listen"|"whisper"|"barge", "pbx": optional}}: rings the supervisor's own phone (their extension) into ChanSpy on
 *       the agent's answered call; 200 with the session; 400 bad input, 403 {@code confidential} (a whistle-blower's
 *       matter and no unmask right), 409 {@code no_extension}, {@code not_on_call}, {@code already_monitoring}, {@code own_call},
 *       {@code other_pbx}, 502 {@code pbx_failed}. Every message is Chinese.</li>
 *   <li>{@code POST /api/supervisor/monitor/stop}: hangs up the supervisor's ChanSpy channel and answers the session
 *   (which may already read 已结束); 404 when none was live.</li>
 *   <li>{@code GET /api/supervisor/monitor}: {@code {"session": ... | null}}, the live or last session.</li>
 * </ul>
 */
public final class MonitorRoutes implements RouteContributor {

    private static final Pattern PBX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final MonitorPort monitor;

    public MonitorRoutes(MonitorPort monitor) {
        this.monitor = monitor;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/supervisor/monitor").handler(Authz.require(Role.SUPERVISOR)).handler(this::start);
        router.post("/api/supervisor/monitor/stop").handler(Authz.require(Role.SUPERVISOR)).handler(this::stop);
        router.get("/api/supervisor/monitor").handler(Authz.require(Role.SUPERVISOR)).handler(this::current);
    }

    private void start(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        MonitorPort.Request request;
        try {
            JsonObject b = RequestJson.body(ctx, 4096);
            String agent = b.getValue("agent") == null ? null : RequestJson.text(b, "agent", 8, null);
            String call = b.getValue("call") == null ? null : RequestJson.text(b, "call", 32, null);
            String modeText = RequestJson.text(b, "mode", 16, null);
            MonitorMode mode = MonitorMode.fromWire(modeText)
                    .orElseThrow(() -> new IllegalArgumentException("mode: listen, whisper or barge"));
            String pbx = b.getValue("pbx") == null ? null : RequestJson.text(b, "pbx", 64, PBX);
            if (pbx != null && p.pbxId() != null && !pbx.equals(p.pbxId())) {
                // ChanSpy sees only the channels of its own Asterisk: the supervisor's phone must be on the agent's PBX
                refuse(ctx, new MonitorRefusal(Refusal.Kind.CONFLICT, "other_pbx",
                        "该坐席不在您的电话所在的交换机（" + p.pbxId() + "）上，无法监听"));
                return;
            }
            request = new MonitorPort.Request(staff(p), p.extension(), p.pbxId(), agent, call, mode);
        } catch (IllegalArgumentException e) {
            RequestJson.error(ctx, 400, "bad_request", "请求格式不正确：" + e.getMessage());
            return;
        }
        monitor.start(request).onComplete(ar -> {
            if (ar.succeeded()) {
                RequestJson.json(ctx, 200, new JsonObject().put("session", json(ar.result())));
            } else {
                failed(ctx, ar.cause());
            }
        });
    }

    private void stop(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        monitor.stop(p.username(), p.pbxId()).onComplete(ar -> {
            if (ar.failed()) {
                failed(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                RequestJson.error(ctx, 404, "not_monitoring", "您当前没有进行中的监听");
            } else {
                RequestJson.json(ctx, 200, new JsonObject().put("session", json(ar.result().get())));
            }
        });
    }

    private void current(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        Future<Optional<MonitorSession>> f = monitor.current(p.username(), p.pbxId());
        f.onComplete(ar -> {
            if (ar.failed()) {
                failed(ctx, ar.cause());
            } else {
                RequestJson.json(ctx, 200, new JsonObject().put("session", ar.result().map(MonitorRoutes::json).orElse(null)));
            }
        });
    }

    private static void failed(RoutingContext ctx, Throwable e) {
        if (e instanceof MonitorRefusal r) {
            refuse(ctx, r);
        } else {
            ctx.fail(e);
        }
    }

    private static void refuse(RoutingContext ctx, MonitorRefusal r) {
        int status = "pbx_failed".equals(r.code()) ? 502 : r.kind().httpStatus();
        RequestJson.error(ctx, status, r.code(), r.getMessage());
    }

    private static Staff staff(Principal p) {
        return new Staff(p.username(), StaffRole.valueOf(p.role().name()), p.unitId(), p.canUnmask());
    }

    static JsonObject json(MonitorSession s) {
        return new JsonObject().put("id", s.id()).put("pbxId", s.pbxId()).put("agent", s.agent())
                .put("callId", s.pbxId() + "/" + s.linkedid()).put("matterId", s.matterId())
                .put("mode", s.mode().wire()).put("modeName", s.mode().label())
                .put("state", s.state().name().toLowerCase(java.util.Locale.ROOT)).put("stateName", s.state().label())
                .put("live", s.state().live()).put("phone", s.phone())
                .put("startedAt", s.startedAt().toString()).put("endedAt", s.endedAt() == null ? null : s.endedAt().toString())
                .put("error", s.error());
    }
}
