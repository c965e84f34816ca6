package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.desk.internal.ScreenPopDispatcher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The agent API (role AGENT, on the agent's own extension and PBX from the session) and the supervisor's
 * actions on an agent (role SUPERVISOR, extension in the path, PBX in {@code ?pbx=}). Every body is checked by {@link AgentRequests} before anything
 * reaches {@link AgentActions}: a bad value is a 400 and no action. A value the PBX layer refuses is a
 * 400 with its message; a PBX error is a 502 with Asterisk's message; no answer in 10 s is a 504.
 */
public final class AgentRoutes implements RouteContributor {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRoutes.class);
    private static final long ACTION_TIMEOUT_MS = 10_000;
    private static final Pattern EXT_PARAM = AgentRequests.EXTENSION;

    private final AgentActions actions;
    private final ScreenPopDispatcher dispatcher;
    private final List<String> pbxIds;

    /**
     * @param pbxIds the configured PBX ids; the first is the one a supervisor acts on when the request names none
     */
    public AgentRoutes(AgentActions actions, ScreenPopDispatcher dispatcher, List<String> pbxIds) {
        this.actions = actions;
        this.dispatcher = dispatcher;
        this.pbxIds = List.copyOf(pbxIds);
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
        agent(router, "pause", (t, b) -> {
            String reason = AgentRequests.pauseReason(b);
            return p -> actions.pause(t.pbx(), t.ext(), reason);
        });
        agent(router, "unpause", (t, b) -> p -> actions.unpause(t.pbx(), t.ext()));
        agent(router, "wrapup", (t, b) -> p -> dispatcher.wrapUpDone(t.pbx(), t.ext()));
        agent(router, "dial", (t, b) -> {
            String number = AgentRequests.number(b);
            return p -> actions.dial(t.pbx(), t.ext(), number);
        });
        agent(router, "transfer", (t, b) -> {
            var target = AgentRequests.target(b);
            boolean attended = RequestJson.optBool(b, "attended", false);
            return p -> actions.transfer(t.pbx(), t.ext(), target, attended);
        });
        agent(router, "hold", (t, b) -> {
            boolean on = RequestJson.bool(b, "on");
            return p -> actions.hold(t.pbx(), t.ext(), on);
        });
        agent(router, "hangup", (t, b) -> p -> actions.hangup(t.pbx(), t.ext()));

        supervisor(router, "pause", (t, b) -> {
            String reason = AgentRequests.pauseReason(b);
            return p -> actions.pause(t.pbx(), t.ext(), reason);
        });
        supervisor(router, "unpause", (t, b) -> p -> actions.unpause(t.pbx(), t.ext()));
        supervisor(router, "logout", (t, b) -> {
            var queues = AgentRequests.queueNames(b);
            return p -> actions.logout(t.pbx(), t.ext(), queues);
        });
    }

    /** The phone an action is for: an extension on one PBX. */
    private record Phone(String pbx, String ext) {
    }

    /** Parses the body into a ready action, or throws IllegalArgumentException. */
    @FunctionalInterface
    private interface Parser {
        java.util.function.Function<Principal, Future<?>> parse(Phone phone, JsonObject body);
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
        java.util.function.Function<Principal, Future<?>> action;
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
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                RequestJson.error(ctx, 400, "bad_request", e.getMessage());
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
