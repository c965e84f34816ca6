package cn.hotline12345.cti.call.web;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.internal.RecordingService;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.user.api.Role;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/calls/:pbx/:linkedid/recording}: streams a call's recording ({@code audio/wav}, single
 * byte ranges supported) to a supervisor or to the agent who took the call; 404 for anyone else, the same answer as
 * for an unknown call or a missing (or refused) file, so nobody learns which calls of other agents exist or were
 * recorded (issue 20 item 11). Every authenticated request is audited by
 * {@link RecordingService}, refusals included; the guard lets every role through so that refusals are audited
 * too.
 */
public final class RecordingRoutes implements RouteContributor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRoutes.class);
    private static final Pattern PBX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern LINKEDID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private final RecordingService service;

    public RecordingRoutes(RecordingService service) {
        this.service = service;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/calls/:pbx/:linkedid/recording").handler(Authz.require(Role.values())).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        String pbx = ctx.pathParam("pbx");
        String linkedid = ctx.pathParam("linkedid");
        if (pbx == null || linkedid == null || !PBX.matcher(pbx).matches() || !LINKEDID.matcher(linkedid).matches()) {
            Authz.deny(ctx, 404, "not_found", "no such call");
            return;
        }
        RecordingService.Listener who = new RecordingService.Listener(p.username(), p.role() == Role.SUPERVISOR,
                // an agent's extension only names their phone on their own PBX
                p.role() == Role.AGENT && pbx.equals(p.pbxId()) ? p.extension() : null);
        service.open(new CallKey(pbx, linkedid), who).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("recording of {}/{}: {}", pbx, linkedid, ar.cause().toString());
                Authz.deny(ctx, 500, "internal", "internal error");
                return;
            }
            RecordingService.Access a = ar.result();
            switch (a.outcome()) {
                // the refusal is audited by the service; to the caller it is indistinguishable from "no such recording"
                case FORBIDDEN -> Authz.deny(ctx, 404, "not_found", "no recording for this call");
                case NOT_FOUND -> Authz.deny(ctx, 404, "not_found", "no recording for this call");
                case GRANTED -> send(ctx, a);
            }
        });
    }

    private static void send(RoutingContext ctx, RecordingService.Access a) {
        HttpServerResponse r = ctx.response().putHeader("content-type", "audio/wav")
                .putHeader("accept-ranges", "bytes").putHeader("cache-control", "no-store")
                .putHeader("content-disposition", "inline");
        String range = ctx.request().getHeader("range");
        long size = a.size();
        if (range == null) {
            r.sendFile(a.file().toString());
            return;
        }
        Matcher m = RANGE.matcher(range.trim());
        long start;
        long end;
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            unsatisfiable(r, size);
            return;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (start >= size || end < start) {
            unsatisfiable(r, size);
            return;
        }
        r.setStatusCode(206).putHeader("content-range", "bytes " + start + "-" + end + "/" + size)
                .sendFile(a.file().toString(), start, end - start + 1);
    }

    private static void unsatisfiable(HttpServerResponse r, long size) {
        r.setStatusCode(416).putHeader("content-range", "bytes */" + size).end();
    }
}
