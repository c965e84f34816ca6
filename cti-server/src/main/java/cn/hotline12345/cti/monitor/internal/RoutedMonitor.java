package cn.hotline12345.cti.monitor.internal;

import cn.hotline12345.cti.monitor.api.MonitorMode;
import cn.hotline12345.cti.monitor.api.MonitorPort;
import cn.hotline12345.cti.monitor.api.MonitorRefusal;
import cn.hotline12345.cti.monitor.api.MonitorSession;
import cn.hotline12345.cti.platform.error.Refusal.Kind;
import cn.hotline12345.cti.privacy.api.Staff;
import cn.hotline12345.cti.privacy.api.StaffRole;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link MonitorPort} from any node: the sessions live with the AMI link of the PBX (the tracker that knows the agent's
 * call, and the events that follow the ChanSpy channel, are there), so a request for a PBX another node owns is sent
 * to {@code cti.monitor.<pbx>}, which only the owner serves ({@link #serve}), as {@code cluster.RoutedAgentActions}
 * does for the agent actions. A refusal comes back as the same {@link MonitorRefusal}.
 */
public final class RoutedMonitor implements MonitorPort {

    static final String ADDRESS_PREFIX = "cti.monitor.";

    private final EventBus bus;
    private final MonitorPort local;
    private final Predicate<String> ownsLocally;
    private final long timeoutMs;

    public RoutedMonitor(EventBus bus, MonitorPort local, Predicate<String> ownsLocally, Duration timeout) {
        this.bus = bus;
        this.local = local;
        this.ownsLocally = ownsLocally;
        this.timeoutMs = timeout.toMillis();
    }

    /** The owner's side for one PBX. */
    public static MessageConsumer<JsonObject> serve(EventBus bus, String pbxId, MonitorPort local) {
        return bus.consumer(ADDRESS_PREFIX + pbxId, (Message<JsonObject> m) -> {
            JsonObject b = m.body();
            Future<Optional<MonitorSession>> f;
            try {
                f = switch (b.getString("op", "")) {
                    case "start" -> local.start(request(b, pbxId)).map(Optional::of);
                    case "stop" -> local.stop(b.getString("supervisor"), pbxId);
                    case "current" -> local.current(b.getString("supervisor"), pbxId);
                    default -> Future.failedFuture(new MonitorRefusal(Kind.INVALID, "bad_request", "未知的操作"));
                };
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                if (ar.succeeded()) {
                    m.reply(new JsonObject().put("session", ar.result().map(RoutedMonitor::toJson).orElse(null)));
                } else if (ar.cause() instanceof MonitorRefusal r) {
                    m.fail(r.kind().httpStatus(), new JsonObject().put("kind", r.kind().name()).put("code", r.code())
                            .put("message", r.getMessage()).encode());
                } else {
                    m.fail(500, String.valueOf(ar.cause().getMessage()));
                }
            });
        });
    }

    @Override
    public Future<MonitorSession> start(Request r) {
        if (ownsLocally.test(r.pbxId())) {
            return local.start(r);
        }
        JsonObject b = new JsonObject().put("op", "start").put("username", r.by().username())
                .put("role", r.by().role().name()).put("unitId", r.by().unitId()).put("canUnmask", r.by().canUnmask())
                .put("phone", r.phone()).put("agent", r.agent()).put("linkedid", r.linkedid())
                .put("mode", r.mode() == null ? null : r.mode().wire());
        return ask(r.pbxId(), b).compose(o -> o.isPresent() ? Future.succeededFuture(o.get())
                : Future.failedFuture(MonitorRefusal.pbx("监听未能开始")));
    }

    @Override
    public Future<Optional<MonitorSession>> stop(String supervisor, String pbxId) {
        return ownsLocally.test(pbxId) ? local.stop(supervisor, pbxId)
                : ask(pbxId, new JsonObject().put("op", "stop").put("supervisor", supervisor));
    }

    @Override
    public Future<Optional<MonitorSession>> current(String supervisor, String pbxId) {
        return ownsLocally.test(pbxId) ? local.current(supervisor, pbxId)
                : ask(pbxId, new JsonObject().put("op", "current").put("supervisor", supervisor));
    }

    private Future<Optional<MonitorSession>> ask(String pbxId, JsonObject body) {
        return bus.<JsonObject>request(ADDRESS_PREFIX + pbxId, body, new DeliveryOptions().setSendTimeout(timeoutMs))
                .map(m -> Optional.ofNullable(m.body().getJsonObject("session")).map(RoutedMonitor::fromJson))
                .recover(e -> Future.failedFuture(mapped(e)));
    }

    static Throwable mapped(Throwable e) {
        if (!(e instanceof ReplyException r)) {
            return e;
        }
        switch (r.failureType()) {
            case NO_HANDLERS:
                return MonitorRefusal.pbx("该交换机的连接正在切换节点，请稍后再试");
            case TIMEOUT:
                return MonitorRefusal.pbx("负责该交换机的服务器没有及时响应，请稍后再试");
            default:
                try {
                    JsonObject o = new JsonObject(r.getMessage());
                    return new MonitorRefusal(Kind.valueOf(o.getString("kind")), o.getString("code"), o.getString("message"));
                } catch (RuntimeException notOurs) {
                    return new IllegalStateException("monitor request failed on the owner: " + r.getMessage());
                }
        }
    }

    private static Request request(JsonObject b, String pbxId) {
        Staff by = new Staff(b.getString("username"), StaffRole.valueOf(b.getString("role")), b.getString("unitId"),
                b.getBoolean("canUnmask", false));
        String mode = b.getString("mode");
        return new Request(by, b.getString("phone"), pbxId, b.getString("agent"), b.getString("linkedid"),
                mode == null ? null : MonitorMode.fromWire(mode).orElse(null));
    }

    static JsonObject toJson(MonitorSession s) {
        return new JsonObject().put("id", s.id()).put("pbxId", s.pbxId()).put("supervisor", s.supervisor())
                .put("phone", s.phone()).put("agent", s.agent()).put("linkedid", s.linkedid()).put("matterId", s.matterId())
                .put("mode", s.mode().name()).put("state", s.state().name()).put("startedAt", s.startedAt().toString())
                .put("endedAt", s.endedAt() == null ? null : s.endedAt().toString()).put("error", s.error());
    }

    static MonitorSession fromJson(JsonObject o) {
        return new MonitorSession(o.getString("id"), o.getString("pbxId"), o.getString("supervisor"), o.getString("phone"),
                o.getString("agent"), o.getString("linkedid"), o.getLong("matterId"), MonitorMode.valueOf(o.getString("mode")),
                MonitorSession.State.valueOf(o.getString("state")), Instant.parse(o.getString("startedAt")),
                o.getString("endedAt") == null ? null : Instant.parse(o.getString("endedAt")), o.getString("error"));
    }
}
