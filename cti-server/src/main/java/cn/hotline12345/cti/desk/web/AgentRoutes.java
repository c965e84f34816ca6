package cn.hotline12345.cti.desk.web;

import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.desk.api.DeskPorts;
import cn.hotline12345.cti.platform.error.Refusal;
import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.desk.internal.ScreenPopDispatcher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The agent API (role AGENT, on the agent's own extension and PBX from the session) and the supervisor's
 * actions on an agent (role SUPERVISOR, extension in the path, PBX in {@code ?pbx=}). Every body is checked by
 * {@link AgentRequests} before anything reaches {@link AgentActions}: a bad value is a 400 and no action. An action
 * that makes no sense in the call's state (no call, on hold, a busy or absent colleague, a unit without a number) is a
 * 409 naming why ({@code error}) with the catalogue's Chinese message; a PBX error is a 502 with Asterisk's message as
 * {@code detail}; no answer in 10 s is a 504.
 */
public final class AgentRoutes implements RouteContributor {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRoutes.class);
    private static final long ACTION_TIMEOUT_MS = 10_000;
    private static final Pattern EXT_PARAM = AgentRequests.EXTENSION;

    private final AgentActions actions;
    private final ScreenPopDispatcher dispatcher;
    private final List<String> pbxIds;
    private final LiveQueues live;
    private final DeskPorts ports;

    /**
     * @param pbxIds the configured PBX ids; the first is the one a supervisor acts on when the request names none
     */
    public AgentRoutes(AgentActions actions, ScreenPopDispatcher dispatcher, List<String> pbxIds, LiveQueues live,
                       DeskPorts ports) {
        this.actions = actions;
        this.dispatcher = dispatcher;
        this.pbxIds = List.copyOf(pbxIds);
        this.live = live;
        this.ports = ports;
        if (this.pbxIds.isEmpty()) {
            throw new IllegalArgumentException("at least one PBX");
        }
    }

    @Override
    public void mount(Router router) {
        agent(router, "login", (t, b) -> {
            var queues = AgentRequests.queueLogins(b);
            return p -> actions.login(t.pbx(), t.ext(), p.username(), queues);
        });
        agent(router, "logout", (t, b) -> {
            var queues = AgentRequests.queueNames(b);
            return p -> actions.logout(t.pbx(), t.ext(), queues);
        });
        agent(router, "pause", (t, b) -> pause(t, AgentRequests.pauseReason(b)));
        agent(router, "unpause", (t, b) -> unpause(t));
        agent(router, "wrapup", (t, b) -> p -> dispatcher.wrapUpDone(t.pbx(), t.ext()));
        agent(router, "dial", (t, b) -> {
            String number = AgentRequests.number(b);
            return p -> actions.dial(t.pbx(), t.ext(), number);
        });
        agent(router, "transfer", (t, b) -> {
            var target = AgentRequests.target(b);
            boolean attended = RequestJson.optBool(b, "attended", false);
            return p -> resolve(t, target).compose(to -> actions.transfer(t.pbx(), t.ext(), to, attended));
        });
        agent(router, "consult", (t, b) -> {
            boolean complete = RequestJson.bool(b, "complete");
            return p -> actions.consult(t.pbx(), t.ext(), complete);
        });
        agent(router, "hold", (t, b) -> {
            boolean on = RequestJson.bool(b, "on");
            return p -> actions.hold(t.pbx(), t.ext(), on);
        });
        agent(router, "hangup", (t, b) -> p -> actions.hangup(t.pbx(), t.ext()));
        agent(router, "flag", (t, b) -> {
            AgentRequests.Flag flag = AgentRequests.flag(b);
            return p -> dispatcher.currentCall(t.pbx(), t.ext(), flag.callId()).compose(call -> {
                if (call.isEmpty() || call.get().callerNumber() == null || call.get().callerNumber().isBlank()) {
                    return Future.failedFuture(new AgentActions.Refused("no_call",
                            "no call of this agent to flag" + (flag.callId() == null ? "" : ": " + flag.callId())));
                }
                return ports.flagCaller(call.get().callerNumber(), flag.kind(), flag.note(), p);
            });
        });
        router.get("/api/agent/queues").handler(Authz.require(Role.AGENT, Role.SUPERVISOR)).handler(ctx -> {
            JsonArray a = new JsonArray();
            for (HotlineQueue q : HotlineQueue.values()) {
                a.add(new JsonObject().put("id", q.id()).put("name", q.displayName()));
            }
            RequestJson.json(ctx, 200, a);
        });

        supervisor(router, "pause", (t, b) -> pause(t, AgentRequests.pauseReason(b)));
        supervisor(router, "unpause", (t, b) -> unpause(t));
        supervisor(router, "logout", (t, b) -> {
            var queues = AgentRequests.queueNames(b);
            return p -> actions.logout(t.pbx(), t.ext(), queues);
        });
    }

    private Function<Principal, Future<?>> pause(Phone t, String reason) {
        return p -> actions.pause(t.pbx(), t.ext(), reason).onSuccess(v -> dispatcher.paused(t.pbx(), t.ext(), reason));
    }

    private Function<Principal, Future<?>> unpause(Phone t) {
        return p -> actions.unpause(t.pbx(), t.ext()).onSuccess(v -> dispatcher.unpaused(t.pbx(), t.ext()));
    }

    /**
     * The target as the PBX layer takes it: a handling unit named by its id becomes its number; a colleague must be
     * there and free (issue 19: a transfer to a busy colleague answered 200 and the call disappeared). The dialplan
     * brings the caller back when the colleague is busy after all or does not answer.
     */
    private Future<AgentActions.TransferTarget> resolve(Phone t, AgentActions.TransferTarget target) {
        if (target.kind() == AgentActions.TransferTarget.Kind.UNIT && !AgentRequests.NUMBER.matcher(target.value()).matches()) {
            return ports.unitLine(target.value()).compose(u -> {
                if (u.isEmpty()) {
                    return Future.failedFuture(new AgentActions.Refused("unknown_unit", "no active unit " + target.value()));
                }
                if (u.get().phone() == null) {
                    return Future.failedFuture(new AgentActions.Refused("unit_no_phone", "unit " + u.get().id()
                            + " has no number for transfers"));
                }
                return Future.succeededFuture(new AgentActions.TransferTarget(AgentActions.TransferTarget.Kind.UNIT,
                        u.get().phone()));
            });
        }
        if (target.kind() != AgentActions.TransferTarget.Kind.AGENT || target.value().equals(t.ext())) {
            return Future.succeededFuture(target);
        }
        String iface = "PJSIP/" + target.value();
        LiveQueues.AgentSnapshot s = live.agents().stream()
                .filter(a -> iface.equals(a.agent()) && t.pbx().equals(a.pbxId())).findFirst().orElse(null);
        return dispatcher.inWrapUp(t.pbx(), target.value()).compose(wrapUp -> {
            if (s == null || s.state() == AgentState.LOGGED_OUT) {
                return Future.failedFuture(new AgentActions.Refused("target_absent", target.value() + " is not logged in"));
            }
            if (s.state() == AgentState.ON_CALL || s.state() == AgentState.RINGING) {
                return Future.failedFuture(new AgentActions.Refused("target_busy", target.value() + " is in a call"));
            }
            if (wrapUp || s.state() == AgentState.WRAP_UP) {
                return Future.failedFuture(new AgentActions.Refused("target_wrap_up", target.value() + " is wrapping up"));
            }
            return Future.succeededFuture(target);
        });
    }

    /** The phone an action is for: an extension on one PBX. */
    private record Phone(String pbx, String ext) {
    }

    /** Parses the body into a ready action, or throws IllegalArgumentException. */
    @FunctionalInterface
    private interface Parser {
        Function<Principal, Future<?>> parse(Phone phone, JsonObject body);
    }

    /**
     * An agent acts on their own phone only: extension and PBX come from the session, never from the request
     * (a {@code pbx} in the body is not read).
     */
    private void agent(Router router, String name, Parser parser) {
        router.post("/api/agent/" + name).handler(Authz.require(Role.AGENT)).handler(ctx -> {
            Principal p = Authz.principal(ctx);
            if (p.extension() == null || !EXT_PARAM.matcher(p.extension()).matches()) {
                RequestJson.error(ctx, 409, "no_extension", "this agent has no extension");
                return;
            }
            String pbx = p.pbxId() != null ? p.pbxId() : pbxIds.get(0);
            if (!pbxIds.contains(pbx)) {
                // the user's PBX was removed from the configuration: refuse rather than act on another PBX
                RequestJson.error(ctx, 409, "unknown_pbx", "this agent's PBX is not configured on this server");
                return;
            }
            run(ctx, p, new Phone(pbx, p.extension()), parser);
        });
    }

    /** A supervisor names the agent's extension, and its PBX with {@code ?pbx=} (default: the first PBX). */
    private void supervisor(Router router, String name, Parser parser) {
        router.post("/api/supervisor/agents/:extension/" + name).handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> {
                    String ext = ctx.pathParam("extension");
                    if (ext == null || !EXT_PARAM.matcher(ext).matches()) {
                        RequestJson.error(ctx, 400, "bad_request", "extension: 3 to 8 digits");
                        return;
                    }
                    List<String> asked = ctx.queryParam("pbx");
                    String pbx = asked.isEmpty() ? pbxIds.get(0) : asked.get(0);
                    if (asked.size() > 1 || !pbxIds.contains(pbx)) {
                        RequestJson.error(ctx, 400, "bad_request", "pbx: one of " + String.join(", ", pbxIds));
                        return;
                    }
                    run(ctx, Authz.principal(ctx), new Phone(pbx, ext), parser);
                });
    }

    private void run(RoutingContext ctx, Principal p, Phone phone, Parser parser) {
        Function<Principal, Future<?>> action;
        try {
            action = parser.parse(phone, RequestJson.body(ctx, AgentRequests.MAX_BODY));
        } catch (IllegalArgumentException e) {
            RequestJson.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        Future<?> f;
        try {
            f = action.apply(p);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.timeout(ACTION_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ar -> {
            if (ar.succeeded()) {
                RequestJson.json(ctx, 200, new JsonObject().put("ok", true));
            } else if (ar.cause() instanceof AgentActions.Refused e) {
                RequestJson.error(ctx, 409, e.code(), e.getMessage());
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                RequestJson.error(ctx, 400, "bad_request", e.getMessage());
            } else if (ar.cause() instanceof Refusal r) {
                Api.error(ctx, r);
            } else if (ar.cause() instanceof AgentActions.ActionFailedException e) {
                RequestJson.error(ctx, 502, "pbx_refused", e.getMessage());
            } else if (ar.cause() instanceof TimeoutException) {
                RequestJson.error(ctx, 504, "pbx_timeout", "the PBX did not answer in time");
            } else {
                LOG.error("agent action {} failed", ctx.normalizedPath(), ar.cause());
                RequestJson.error(ctx, 500, "internal", "internal error");
            }
        });
    }
}
