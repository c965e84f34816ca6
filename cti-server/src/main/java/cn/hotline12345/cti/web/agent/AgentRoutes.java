package cn.hotline12345.cti.web.agent;

import cn.hotline12345.cti.call.AgentActions;
import cn.hotline12345.cti.web.RouteContributor;
import cn.hotline12345.cti.web.auth.Authz;
import cn.hotline12345.cti.web.auth.Principal;
import cn.hotline12345.cti.web.auth.RequestJson;
import cn.hotline12345.cti.web.auth.Role;
import cn.hotline12345.cti.web.ws.ScreenPopDispatcher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The agent API (role AGENT, on the agent's own extension from the session) and the supervisor's
 * actions on an agent (role SUPERVISOR). Every body is checked by {@link AgentRequests} before anything
 * reaches {@link AgentActions}: a bad value is a 400 and no action. A value the PBX layer refuses is a
 * 400 with its message; a PBX error is a 502 with Asterisk's message; no answer in 10 s is a 504.
 */
public final class AgentRoutes implements RouteContributor {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRoutes.class);
    private static final long ACTION_TIMEOUT_MS = 10_000;
    private static final Pattern EXT_PARAM = AgentRequests.EXTENSION;

    private final AgentActions actions;
    private final ScreenPopDispatcher dispatcher;
    private final String pbxId;

    public AgentRoutes(AgentActions actions, ScreenPopDispatcher dispatcher, String pbxId) {
        this.actions = actions;
        this.dispatcher = dispatcher;
        this.pbxId = pbxId;
    }

    @Override
    public void mount(Router router) {
        agent(router, "login", (ext, b) -> {
            var queues = AgentRequests.queueLogins(b);
            return (ctxPrincipal) -> actions.login(pbxId, ext, ctxPrincipal.username(), queues);
        });
        agent(router, "logout", (ext, b) -> {
            var queues = AgentRequests.queueNames(b);
            return p -> actions.logout(pbxId, ext, queues);
        });
        agent(router, "pause", (ext, b) -> {
            String reason = AgentRequests.pauseReason(b);
            return p -> actions.pause(pbxId, ext, reason);
        });
        agent(router, "unpause", (ext, b) -> p -> actions.unpause(pbxId, ext));
        agent(router, "wrapup", (ext, b) -> p -> dispatcher.wrapUpDone(ext));
        agent(router, "dial", (ext, b) -> {
            String number = AgentRequests.number(b);
            return p -> actions.dial(pbxId, ext, number);
        });
        agent(router, "transfer", (ext, b) -> {
            var target = AgentRequests.target(b);
            boolean attended = RequestJson.optBool(b, "attended", false);
            return p -> actions.transfer(pbxId, ext, target, attended);
        });
        agent(router, "hold", (ext, b) -> {
            boolean on = RequestJson.bool(b, "on");
            return p -> actions.hold(pbxId, ext, on);
        });
        agent(router, "hangup", (ext, b) -> p -> actions.hangup(pbxId, ext));

        supervisor(router, "pause", (ext, b) -> {
            String reason = AgentRequests.pauseReason(b);
            return p -> actions.pause(pbxId, ext, reason);
        });
        supervisor(router, "unpause", (ext, b) -> p -> actions.unpause(pbxId, ext));
        supervisor(router, "logout", (ext, b) -> {
            var queues = AgentRequests.queueNames(b);
            return p -> actions.logout(pbxId, ext, queues);
        });
    }

    /** Parses the body into a ready action, or throws IllegalArgumentException. */
    @FunctionalInterface
    private interface Parser {
        java.util.function.Function<Principal, Future<?>> parse(String extension, JsonObject body);
    }

    private void agent(Router router, String name, Parser parser) {
        router.post("/api/agent/" + name).handler(Authz.require(Role.AGENT)).handler(ctx -> {
            Principal p = Authz.principal(ctx);
            if (p.extension() == null || !EXT_PARAM.matcher(p.extension()).matches()) {
                RequestJson.error(ctx, 409, "no_extension", "this agent has no extension");
                return;
            }
            run(ctx, p, p.extension(), parser);
        });
    }

    private void supervisor(Router router, String name, Parser parser) {
        router.post("/api/supervisor/agents/:extension/" + name).handler(Authz.require(Role.SUPERVISOR))
                .handler(ctx -> {
                    String ext = ctx.pathParam("extension");
                    if (ext == null || !EXT_PARAM.matcher(ext).matches()) {
                        RequestJson.error(ctx, 400, "bad_request", "extension: 3 to 8 digits");
                        return;
                    }
                    run(ctx, Authz.principal(ctx), ext, parser);
                });
    }

    private void run(RoutingContext ctx, Principal p, String ext, Parser parser) {
        java.util.function.Function<Principal, Future<?>> action;
        try {
            action = parser.parse(ext, RequestJson.body(ctx, AgentRequests.MAX_BODY));
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
