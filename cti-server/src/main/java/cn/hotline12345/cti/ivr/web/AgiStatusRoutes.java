package cn.hotline12345.cti.ivr.web;

import cn.hotline12345.cti.ivr.IvrModule;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.ivr.FlowSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.TreeMap;

/**
 * {@code GET /api/engineer/agi} (engineers, administrators): the FastAGI server as the engineer's screen shows it
 * (issue 24) — its port, sessions running now against the limit, sessions ended by ending and refused by reason since
 * start, command time-outs, and the IVR flows loaded (version, each flow's start node and size). Sessions in progress
 * keep the version they started with; the version shown is the one new calls get.
 */
public final class AgiStatusRoutes implements RouteContributor {

    private final IvrModule agi;
    private final MeterRegistry metrics;
    private final CtiConfig.Agi config;

    public AgiStatusRoutes(IvrModule agi, MeterRegistry metrics, CtiConfig.Agi config) {
        this.agi = agi;
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/engineer/agi").handler(Authz.require(Role.ENGINEER, Role.ADMIN)).handler(ctx -> {
            Gauge active = metrics.find("cti.agi.sessions.active").gauge();
            Counter timeouts = metrics.find("cti.agi.command.timeouts").counter();
            JsonObject out = new JsonObject().put("port", agi.port()).put("host", config.host())
                    .put("active", active == null ? 0 : (long) active.value()).put("maxSessions", config.maxSessions())
                    .put("maxSessionSeconds", config.maxSessionDuration().toSeconds())
                    .put("ended", byTag("cti.agi.sessions", "ending")).put("refused", byTag("cti.agi.sessions.refused", "reason"))
                    .put("commandTimeouts", timeouts == null ? 0 : (long) timeouts.count());
            FlowSet flows = agi.flows() == null ? null : agi.flows().current();
            if (flows != null) {
                JsonArray list = new JsonArray();
                flows.flows().values().forEach(f -> list.add(new JsonObject().put("id", f.id()).put("start", f.start())
                        .put("nodes", f.nodes().size()).put("source", f.source())));
                out.put("flows", new JsonObject().put("version", flows.version()).put("generation", flows.generation())
                        .put("digest", flows.digest()).put("list", list));
            }
            RequestJson.json(ctx, 200, out);
        });
    }

    /** A counter's totals by one tag's values (e.g. sessions ended per ending, summed over the scripts). */
    private JsonObject byTag(String name, String tag) {
        TreeMap<String, Long> sums = new TreeMap<>();
        metrics.find(name).counters().forEach(c -> sums.merge(String.valueOf(c.getId().getTag(tag)),
                (long) c.count(), Long::sum));
        JsonObject o = new JsonObject();
        sums.forEach(o::put);
        return o;
    }
}
