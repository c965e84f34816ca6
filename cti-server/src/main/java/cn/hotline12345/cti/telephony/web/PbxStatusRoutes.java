package cn.hotline12345.cti.telephony.web;

import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.cti.telephony.LinkStatus;
import cn.hotline12345.cti.telephony.TelephonyModule;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/engineer/pbxs} (engineers, administrators): each PBX's AMI link (state, since, events per second,
 * resyncs and the last one's time), the calls its tracker holds now and the queue members as the server sees them
 * (issue 24). Numbers are masked. The tracker lives on its link's event loop, so its calls are read there.
 */
public final class PbxStatusRoutes implements RouteContributor {

    /** Calls listed per PBX at most: the page is for looking, not for exporting. */
    static final int MAX_CALLS = 500;

    private final TelephonyModule telephony;
    private final LinkStatus links;

    public PbxStatusRoutes(TelephonyModule telephony, LinkStatus links) {
        this.telephony = telephony;
        this.links = links;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/engineer/pbxs").handler(Authz.require(Role.ENGINEER, Role.ADMIN)).handler(ctx -> {
            List<Future<JsonObject>> each = new ArrayList<>();
            for (LinkStatus.Link l : links.links()) {
                each.add(calls(telephony.connectors().get(l.pbxId())).map(calls -> link(l, calls,
                        telephony.connectors().get(l.pbxId()).tracker().board().agentSnapshots())));
            }
            Future.all(each).onComplete(ar -> {
                if (ar.failed()) {
                    RequestJson.error(ctx, 503, "unavailable", "a PBX's event loop did not answer");
                    return;
                }
                JsonArray pbxs = new JsonArray();
                each.forEach(f -> pbxs.add(f.result()));
                RequestJson.json(ctx, 200, new JsonObject().put("at", Instant.now().toString()).put("pbxs", pbxs));
            });
        });
    }

    /** The tracker's calls, read on its link's event loop (the tracker has no locks). */
    private static Future<List<CallView>> calls(PbxConnector c) {
        Promise<List<CallView>> p = Promise.promise();
        c.link().context().runOnContext(v -> p.complete(c.tracker().activeCalls()));
        return p.future().timeout(2, TimeUnit.SECONDS);
    }

    private static JsonObject link(LinkStatus.Link l, List<CallView> calls, List<LiveQueues.AgentSnapshot> members) {
        JsonArray callArray = new JsonArray();
        calls.stream().sorted(Comparator.comparing(CallView::startedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(MAX_CALLS).forEach(c -> callArray.add(new JsonObject().put("linkedid", c.key().linkedid())
                        .put("caller", PhoneMasking.mask(c.callerNumber())).put("dialled", c.dialled())
                        .put("startedAt", ts(c.startedAt())).put("queue", c.queue())
                        .put("queueName", c.queue() == null ? null : HotlineQueue.displayNameOf(c.queue()))
                        .put("queueJoinedAt", ts(c.queueJoinedAt())).put("agent", c.agent())
                        .put("answeredAt", ts(c.answeredAt())).put("ivrPath", c.ivrPath())));
        JsonArray memberArray = new JsonArray();
        members.forEach(m -> {
            JsonArray queues = new JsonArray();
            m.queues().forEach(q -> queues.add(new JsonObject().put("id", q).put("name", HotlineQueue.displayNameOf(q))));
            memberArray.add(new JsonObject().put("member", m.agent()).put("name", m.name())
                    .put("state", m.state().name().toLowerCase(Locale.ROOT)).put("reason", m.reason())
                    .put("since", ts(m.since())).put("queues", queues));
        });
        return new JsonObject().put("id", l.pbxId()).put("host", l.host()).put("port", l.port()).put("state", l.state())
                .put("since", ts(l.since())).put("detail", l.detail())
                .put("eventsPerSecond", Math.round(l.eventsPerSecond() * 10) / 10.0).put("eventsTotal", l.eventsTotal())
                .put("resyncs", l.resyncs()).put("lastResyncAt", ts(l.lastResyncAt()))
                .put("callCount", calls.size()).put("calls", callArray).put("members", memberArray);
    }

    private static String ts(Instant i) {
        return i == null ? null : i.toString();
    }
}
