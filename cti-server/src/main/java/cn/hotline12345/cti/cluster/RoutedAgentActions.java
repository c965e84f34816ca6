package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.call.api.AgentActions;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * {@link AgentActions} from any node: a PBX this node owns is served by the local actions, any other is
 * asked of its owner over the event bus (request/reply on {@code cti.agent-actions.<pbx>}, which only the
 * owner listens to). Failures come back as they were raised: {@link IllegalArgumentException} for a refused
 * value, {@link ActionFailedException} with Asterisk's text, {@link TimeoutException} when the owner does not
 * answer, and an {@link ActionFailedException} "no node owns PBX x" when nobody listens (a takeover is under way).
 */
public final class RoutedAgentActions implements AgentActions {

    static final String ADDRESS_PREFIX = "cti.agent-actions.";
    static final int BAD_REQUEST = 400;
    static final int PBX_REFUSED = 502;
    static final int INTERNAL = 500;

    private final EventBus bus;
    private final AgentActions local;
    private final Predicate<String> ownsLocally;
    private final long timeoutMs;

    public RoutedAgentActions(EventBus bus, AgentActions local, Predicate<String> ownsLocally, Duration timeout) {
        this.bus = bus;
        this.local = local;
        this.ownsLocally = ownsLocally;
        this.timeoutMs = timeout.toMillis();
    }

    /** Serves the owner's side for one PBX: register when the lease is taken, unregister when it is lost. */
    public static MessageConsumer<JsonObject> serve(EventBus bus, String pbxId, AgentActions local) {
        return bus.consumer(ADDRESS_PREFIX + pbxId, (Message<JsonObject> m) -> {
            Future<Void> f;
            try {
                f = dispatch(local, pbxId, m.body());
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                if (ar.succeeded()) {
                    m.reply(null);
                } else if (ar.cause() instanceof IllegalArgumentException) {
                    m.fail(BAD_REQUEST, ar.cause().getMessage());
                } else if (ar.cause() instanceof ActionFailedException) {
                    m.fail(PBX_REFUSED, ar.cause().getMessage());
                } else {
                    m.fail(INTERNAL, String.valueOf(ar.cause().getMessage()));
                }
            });
        });
    }

    static Future<Void> dispatch(AgentActions a, String pbx, JsonObject b) {
        String op = b.getString("op", "");
        String ext = b.getString("extension");
        return switch (op) {
            case "login" -> {
                List<QueueLogin> queues = new ArrayList<>();
                for (Object o : b.getJsonArray("queues", new JsonArray())) {
                    JsonObject q = (JsonObject) o;
                    queues.add(new QueueLogin(q.getString("queue"), q.getInteger("penalty", 0)));
                }
                yield a.login(pbx, ext, b.getString("memberName"), queues);
            }
            case "logout" -> {
                List<String> queues = new ArrayList<>();
                b.getJsonArray("queues", new JsonArray()).forEach(q -> queues.add((String) q));
                yield a.logout(pbx, ext, queues);
            }
            case "pause" -> a.pause(pbx, ext, b.getString("reason"));
            case "unpause" -> a.unpause(pbx, ext);
            case "dial" -> a.dial(pbx, ext, b.getString("number"));
            case "transfer" -> a.transfer(pbx, ext, new TransferTarget(
                    TransferTarget.Kind.valueOf(b.getString("kind")), b.getString("target")), b.getBoolean("attended", false));
            case "hold" -> a.hold(pbx, ext, b.getBoolean("on", false));
            case "hangup" -> a.hangup(pbx, ext);
            case "consult" -> a.consult(pbx, ext, b.getBoolean("complete", false));
            default -> throw new IllegalArgumentException("unknown agent action '" + op + "'");
        };
    }

    private Future<Void> route(String pbxId, JsonObject request, java.util.function.Supplier<Future<Void>> here) {
        if (ownsLocally.test(pbxId)) {
            return here.get();
        }
        return bus.request(ADDRESS_PREFIX + pbxId, request, new DeliveryOptions().setSendTimeout(timeoutMs))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(mapped(pbxId, e)));
    }

    static Throwable mapped(String pbxId, Throwable e) {
        if (!(e instanceof ReplyException r)) {
            return e;
        }
        switch (r.failureType()) {
            case NO_HANDLERS:
                return new ActionFailedException("no node owns PBX " + pbxId + "'s AMI link at the moment; try again shortly");
            case TIMEOUT:
                return new TimeoutException("the node owning PBX " + pbxId + " did not answer in time");
            default:
                if (r.failureCode() == BAD_REQUEST) {
                    return new IllegalArgumentException(r.getMessage());
                }
                if (r.failureCode() == PBX_REFUSED) {
                    return new ActionFailedException(r.getMessage());
                }
                return new IllegalStateException("agent action on PBX " + pbxId + " failed on its owner: " + r.getMessage());
        }
    }

    private static JsonObject op(String op, String extension) {
        return new JsonObject().put("op", op).put("extension", extension);
    }

    @Override
    public Future<Void> login(String pbxId, String extension, String memberName, List<QueueLogin> queues) {
        JsonArray q = new JsonArray();
        queues.forEach(l -> q.add(new JsonObject().put("queue", l.queue()).put("penalty", l.penalty())));
        return route(pbxId, op("login", extension).put("memberName", memberName).put("queues", q),
                () -> local.login(pbxId, extension, memberName, queues));
    }

    @Override
    public Future<Void> logout(String pbxId, String extension, List<String> queues) {
        return route(pbxId, op("logout", extension).put("queues", new JsonArray(new ArrayList<>(queues))),
                () -> local.logout(pbxId, extension, queues));
    }

    @Override
    public Future<Void> pause(String pbxId, String extension, String reason) {
        return route(pbxId, op("pause", extension).put("reason", reason), () -> local.pause(pbxId, extension, reason));
    }

    @Override
    public Future<Void> unpause(String pbxId, String extension) {
        return route(pbxId, op("unpause", extension), () -> local.unpause(pbxId, extension));
    }

    @Override
    public Future<Void> dial(String pbxId, String extension, String number) {
        return route(pbxId, op("dial", extension).put("number", number), () -> local.dial(pbxId, extension, number));
    }

    @Override
    public Future<Void> transfer(String pbxId, String extension, TransferTarget target, boolean attended) {
        return route(pbxId, op("transfer", extension).put("kind", target.kind().name()).put("target", target.value())
                .put("attended", attended), () -> local.transfer(pbxId, extension, target, attended));
    }

    @Override
    public Future<Void> hold(String pbxId, String extension, boolean on) {
        return route(pbxId, op("hold", extension).put("on", on), () -> local.hold(pbxId, extension, on));
    }

    @Override
    public Future<Void> hangup(String pbxId, String extension) {
        return route(pbxId, op("hangup", extension), () -> local.hangup(pbxId, extension));
    }

    @Override
    public Future<Void> consult(String pbxId, String extension, boolean complete) {
        return route(pbxId, op("consult", extension).put("complete", complete),
                () -> local.consult(pbxId, extension, complete));
    }

    /**
     * Progress of the PBXs whose links this node runs (the PBX's events reach only its owner; consoles on other nodes
     * follow their calls through the call updates of the event bus).
     */
    @Override
    public void onProgress(java.util.function.Consumer<Progress> listener) {
        local.onProgress(listener);
    }
}
