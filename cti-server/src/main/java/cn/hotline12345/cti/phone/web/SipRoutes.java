package cn.hotline12345.cti.phone.web;

import cn.hotline12345.cti.phone.api.PhoneMode;
import cn.hotline12345.cti.phone.api.SipAccount;
import cn.hotline12345.cti.phone.api.SoftphoneSettings;
import cn.hotline12345.cti.phone.internal.SipAccountService;
import cn.hotline12345.cti.phone.internal.TurnCredentials;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SIP accounts' routes (issue 23).
 * <ul>
 *   <li>{@code POST /api/admin/users/{id}/sip} (administrators): sets or rotates the user's SIP password, body
 *       {@code {"password": "..."}} or {@code {}} for one made by the server, answered once in {@code password}
 *       (for a desk phone; the softphone needs no password). 404 no such user, 409 {@code no_phone} (no extension, or
 *       a role without a phone) or {@code extension_taken}.</li>
 *   <li>{@code DELETE /api/admin/users/{id}/sip} (administrators): removes it; the phone cannot register any more.</li>
 *   <li>{@code GET /api/phone/credentials} (agents, supervisors): the caller's own account only (there is no
 *       parameter that names another), with what SIP.js needs: {@code ha1}, {@code realm}, the WSS address and the
 *       ICE servers; with {@code softphone.turnSecret} each answer carries a TURN user of its own that expires
 *       ({@code iceExpiresAt}). {@code Cache-Control: no-store}.</li>
 *   <li>{@code GET|POST /api/phone/mode}: the user's setting, {@code softphone} or {@code desk}.</li>
 * </ul>
 */
public final class SipRoutes implements RouteContributor {

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private final SipAccountService accounts;
    private final SoftphoneSettings settings;
    private final Map<String, String> pbxHosts;

    private final TurnCredentials turn;
    private final Clock clock;

    /**
     * @param pbxHosts each configured PBX's host ({@code pbxs[].host}), for {@code {host}} in the WSS address
     * @param clock    the time-limited TURN users' expiry is counted from it
     */
    public SipRoutes(SipAccountService accounts, SoftphoneSettings settings, Map<String, String> pbxHosts,
                     Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.pbxHosts = Map.copyOf(pbxHosts);
        this.turn = settings.timeLimitedTurn() ? new TurnCredentials(settings.turnSecret(), settings.turnTtl()) : null;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/admin/users/:id/sip").handler(Authz.require(Role.ADMIN)).handler(this::set);
        router.delete("/api/admin/users/:id/sip").handler(Authz.require(Role.ADMIN)).handler(this::remove);
        router.get("/api/phone/credentials").handler(Authz.require(Role.AGENT, Role.SUPERVISOR)).handler(this::own);
        router.get("/api/phone/mode").handler(Authz.require(Role.AGENT, Role.SUPERVISOR)).handler(this::mode);
        router.post("/api/phone/mode").handler(Authz.require(Role.AGENT, Role.SUPERVISOR)).handler(this::setMode);
    }

    private void set(RoutingContext ctx) {
        long id;
        String password;
        try {
            id = id(ctx);
            JsonObject b = RequestJson.body(ctx, 4096);
            password = b.getValue("password") == null ? null : RequestJson.text(b, "password", 64, null);
            if (password != null && !SipAccountService.PASSWORD.matcher(password).matches()) {
                throw new IllegalArgumentException("password: 16 to 64 of A-Z a-z 0-9 . _ ~ ! @ # % ^ * + = -");
            }
        } catch (IllegalArgumentException e) {
            RequestJson.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String actor = Authz.principal(ctx).username();
        accounts.set(id, password, actor).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            SipAccountService.Change c = ar.result();
            if (c instanceof SipAccountService.Change.Done d) {
                JsonObject o = new JsonObject().put("userId", id).put("pbxId", d.account().pbxId())
                        .put("username", d.account().extension()).put("realm", d.account().realm());
                if (d.generatedPassword() != null) {
                    o.put("password", d.generatedPassword());
                }
                noStore(ctx);
                RequestJson.json(ctx, 200, o);
            } else if (c instanceof SipAccountService.Change.NoPhone n) {
                RequestJson.error(ctx, 409, "no_phone", n.why());
            } else if (c instanceof SipAccountService.Change.Taken t) {
                RequestJson.error(ctx, 409, "extension_taken",
                        "user " + t.otherUserId() + " has this extension's SIP account on that PBX");
            } else {
                RequestJson.error(ctx, 404, "not_found", "no such user");
            }
        });
    }

    private void remove(RoutingContext ctx) {
        long id;
        try {
            id = id(ctx);
        } catch (IllegalArgumentException e) {
            RequestJson.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        accounts.remove(id, Authz.principal(ctx).username()).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else if (ar.result()) {
                RequestJson.json(ctx, 200, new JsonObject().put("userId", id).put("removed", true));
            } else {
                RequestJson.error(ctx, 404, "not_found", "the user has no SIP account");
            }
        });
    }

    private void own(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        if (p.extension() == null || p.pbxId() == null) {
            RequestJson.error(ctx, 404, "no_sip_account", "you have no extension");
            return;
        }
        accounts.own(p.userId(), p.extension(), p.pbxId()).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            if (ar.result().isEmpty()) {
                RequestJson.error(ctx, 404, "no_sip_account", "no SIP account for extension " + p.extension());
                return;
            }
            SipAccount a = ar.result().get();
            String ws = settings.wsUrlFor(pbxHosts.getOrDefault(a.pbxId(), "localhost"));
            String host = ws.replaceFirst("^wss?://", "").replaceFirst("[:/].*$", "");
            JsonArray ice = new JsonArray();
            TurnCredentials.Issued turnUser = turn == null ? null : turn.issue(a.extension(), clock.instant());
            for (String u : settings.iceServers()) {
                JsonObject s = new JsonObject().put("urls", u);
                if (u.startsWith("turn") && turnUser != null) {
                    s.put("username", turnUser.username()).put("credential", turnUser.credential());
                } else if (u.startsWith("turn") && !settings.turnUsername().isBlank()) {
                    s.put("username", settings.turnUsername()).put("credential", settings.turnCredential());
                }
                ice.add(s);
            }
            noStore(ctx);
            JsonObject body = new JsonObject().put("username", a.extension()).put("realm", a.realm())
                    .put("ha1", a.ha1()).put("uri", "sip:" + a.extension() + "@" + host).put("wsUrl", ws)
                    .put("pbxId", a.pbxId()).put("iceServers", ice);
            if (turnUser != null && settings.iceServers().stream().anyMatch(u -> u.startsWith("turn"))) {
                // the console fetches new ones before this (softphone.js refreshIce)
                body.put("iceExpiresAt", turnUser.expiresAt().toString());
            }
            RequestJson.json(ctx, 200, body);
        });
    }

    private void mode(RoutingContext ctx) {
        accounts.mode(Authz.principal(ctx).userId()).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                RequestJson.json(ctx, 200, new JsonObject().put("mode", ar.result().wire()));
            }
        });
    }

    private void setMode(RoutingContext ctx) {
        PhoneMode m;
        try {
            m = PhoneMode.fromWire(RequestJson.text(RequestJson.body(ctx, 1024), "mode", 16, null));
        } catch (IllegalArgumentException e) {
            RequestJson.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        accounts.setMode(Authz.principal(ctx).userId(), m).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                RequestJson.json(ctx, 200, new JsonObject().put("mode", ar.result().wire()));
            }
        });
    }

    private static long id(RoutingContext ctx) {
        String s = ctx.pathParam("id");
        if (s == null || !ID.matcher(s).matches()) {
            throw new IllegalArgumentException("id: a user id");
        }
        return Long.parseLong(s);
    }

    private static void noStore(RoutingContext ctx) {
        ctx.response().putHeader("cache-control", "no-store");
    }
}
