package cn.hotline12345.cti.matter.web;

import cn.hotline12345.cti.matter.api.Attachment;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.UnitMatterItem;
import cn.hotline12345.cti.matter.api.UnitMatterView;
import cn.hotline12345.cti.matter.api.UnitShare;
import cn.hotline12345.cti.matter.internal.MatterValidator;
import cn.hotline12345.cti.matter.internal.PartyService;
import cn.hotline12345.cti.matter.internal.UnitPortalService;
import cn.hotline12345.cti.platform.web.Api;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the unit portal (issue 24) adds to the unit API under {@code /api/unit} (the same authentication: the unit's
 * key or a unit user's session, and the same isolation: another unit's matter is 404):
 *
 * <pre>
 * GET  /api/unit/profile                              the unit (id, name)
 * GET  /api/unit/matters?status=&amp;limit=               the list, each with myRole, mySignedAt, due (overdue, due_soon, in_time)
 * GET  /api/unit/matters/{id}                         the matter with shares, attachments, the unit's requests, due
 * POST /api/unit/matters/{id}/share/sign              a co-handling unit signs for its share
 * POST /api/unit/matters/{id}/share/reply  {reply}    a co-handling unit's reply for its share (to the lead)
 * POST /api/unit/matters/{id}/attachments             the file as the body, its name in X-File-Name (percent-encoded UTF-8)
 * GET  /api/unit/matters/{id}/attachments/{aid}       the file
 * </pre>
 * Mounted after {@link UnitRoutes}, whose guard on {@code /api/unit/*} runs first; the upload also authenticates
 * ahead of reading its (larger) body.
 */
public final class UnitPortalRoutes implements RouteContributor {

    /** The upload reads the file and a little more before the size rule answers in words. */
    static final long UPLOAD_LIMIT = UnitPortalService.MAX_ATTACHMENT_BYTES + 64 * 1024;

    private final UnitPortalService portal;
    private final PartyService parties;
    private final UnitAuthHandler auth;

    public UnitPortalRoutes(UnitPortalService portal, PartyService parties, UnitAuthHandler auth) {
        this.portal = portal;
        this.parties = parties;
        this.auth = auth;
    }

    @Override
    public java.util.List<String> ownBodyPaths() {
        return java.util.List.of("/api/unit/matters/[^/]+/attachments");
    }

    @Override
    public void mount(Router r) {
        // the server reads bodies of at most 256 KiB before any route (HttpVerticle); this one route reads a file: it is
        // authenticated first (the session at order -100, then the unit here) and only then given the larger limit
        // (two routes: Vert.x wants a body handler first in its route)
        r.post("/api/unit/matters/:id/attachments").order(-99).handler(auth).handler(Authz.require(Role.UNIT));
        r.post("/api/unit/matters/:id/attachments").order(-98)
                .handler(BodyHandler.create(false).setBodyLimit(UPLOAD_LIMIT)).handler(this::upload);
        r.get("/api/unit/profile").handler(ctx -> Api.respond(ctx, 200, c -> parties.units().map(all -> all.stream()
                .filter(u -> u.id().equals(unit(c))).findFirst()
                .orElseThrow(() -> MatterException.notFound("unit " + unit(c)))), u -> new JsonObject()
                .put("unitId", u.id()).put("name", u.name()).put("level", u.level().code())
                .put("user", Authz.principal(ctx).username())));
        r.get("/api/unit/matters").handler(ctx -> Api.respond(ctx, 200, c -> {
            String s = c.request().getParam("status");
            MatterStatus status = null;
            if (s != null) {
                try {
                    status = MatterStatus.fromDb(s);
                } catch (IllegalArgumentException e) {
                    throw MatterException.invalid("status", "unknown value");
                }
            }
            return portal.list(unit(c), status, Api.intParam(c, "limit", 100, 500));
        }, UnitPortalRoutes::items));
        r.get("/api/unit/matters/:id").handler(ctx -> Api.respond(ctx, 200,
                c -> portal.view(unit(c), Api.pathId(c, "id")), UnitPortalRoutes::view));
        r.post("/api/unit/matters/:id/share/sign").handler(ctx -> Api.respond(ctx, 200,
                c -> portal.signShare(unit(c), Api.pathId(c, "id")), UnitPortalRoutes::view));
        r.post("/api/unit/matters/:id/share/reply").handler(ctx -> Api.respond(ctx, 200,
                c -> portal.replyShare(unit(c), Api.pathId(c, "id"),
                        Api.body(c).required("reply", MatterValidator.MAX_CONTENT)), UnitPortalRoutes::view));
        r.get("/api/unit/matters/:id/attachments/:aid").handler(ctx -> {
            Future<Map.Entry<Attachment, byte[]>> f;
            try {
                f = portal.attachment(unit(ctx), Api.pathId(ctx, "id"), Api.pathId(ctx, "aid"));
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onSuccess(a -> download(ctx, a)).onFailure(e -> Api.error(ctx, e));
        });
    }

    private void upload(RoutingContext ctx) {
        Api.respond(ctx, 201, c -> {
            String header = c.request().getHeader("X-File-Name");
            String name = header == null ? null : URLDecoder.decode(header, StandardCharsets.UTF_8);
            Buffer body = c.body() == null ? null : c.body().buffer();
            return portal.attach(unit(c), Api.pathId(c, "id"), name, body == null ? new byte[0] : body.getBytes(),
                    Authz.principal(c).username());
        }, UnitPortalRoutes::attachment);
    }

    /** Sends a stored file: always as a download, never rendered by the browser as a page. */
    static void download(RoutingContext ctx, Map.Entry<Attachment, byte[]> a) {
        String encoded = URLEncoder.encode(a.getKey().fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        ctx.response().putHeader("content-type", a.getKey().mediaType())
                .putHeader("content-disposition", "attachment; filename=\"attachment\"; filename*=UTF-8''" + encoded)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
                .end(Buffer.buffer(a.getValue()));
    }

    private static String unit(RoutingContext ctx) {
        return Authz.principal(ctx).unitId();
    }

    static JsonObject share(UnitShare s) {
        return new JsonObject().put("unitId", s.unitId()).put("name", s.unitName()).put("role", s.role().code())
                .put("signedAt", MatterJson.ts(s.signedAt())).put("reply", s.reply())
                .put("repliedAt", MatterJson.ts(s.repliedAt()));
    }

    static JsonObject attachment(Attachment a) {
        return new JsonObject().put("id", a.id()).put("matterId", a.matterId()).put("unitId", a.unitId())
                .put("unitName", a.unitName()).put("fileName", a.fileName()).put("mediaType", a.mediaType())
                .put("size", a.sizeBytes()).put("sha256", a.sha256()).put("createdAt", MatterJson.ts(a.createdAt()));
    }

    static JsonArray attachments(List<Attachment> l) {
        JsonArray a = new JsonArray();
        l.forEach(x -> a.add(attachment(x)));
        return a;
    }

    static JsonArray shares(List<UnitShare> l) {
        JsonArray a = new JsonArray();
        l.forEach(x -> a.add(share(x)));
        return a;
    }

    private static JsonArray items(List<UnitMatterItem> l) {
        JsonArray a = new JsonArray();
        l.forEach(i -> a.add(MatterJson.summary(i.matter()).put("myRole", i.share().role().code())
                .put("mySignedAt", MatterJson.ts(i.share().signedAt()))
                .put("myRepliedAt", MatterJson.ts(i.share().repliedAt()))
                .put("due", i.due() == null ? null : i.due().code())));
        return a;
    }

    private static JsonObject view(UnitMatterView v) {
        return MatterJson.forUnit(v.matter()).put("myRole", v.mine().role().code()).put("mine", share(v.mine()))
                .put("shares", shares(v.shares())).put("attachments", attachments(v.attachments()))
                .put("requests", MatterJson.requests(v.requests())).put("due", v.due() == null ? null : v.due().code());
    }
}
