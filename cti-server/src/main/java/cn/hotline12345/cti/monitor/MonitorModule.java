package cn.hotline12345.cti.monitor;

import cn.hotline12345.cti.monitor.api.MonitorPort;
import cn.hotline12345.cti.monitor.internal.MonitorService;
import cn.hotline12345.cti.monitor.internal.RoutedMonitor;
import cn.hotline12345.cti.monitor.web.MonitorRoutes;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.telephony.ami.PbxConnector;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The monitor slice (issue 23): a supervisor listens to, whispers to (coaches) or barges into an agent's live call
 * through ChanSpy on the supervisor's own phone; every use audited, whistle-blowers' confidential matters refused
 * without the unmask right. Sessions are kept by the node running the PBX's AMI link; other nodes route to it.
 */
public final class MonitorModule {

    private final MonitorService local;
    private final MonitorPort port;
    private final List<RouteContributor> routes;

    /**
     * @param ownsLink whether this node runs a PBX's AMI link now (always true without a cluster)
     */
    public MonitorModule(Db db, Map<String, PbxConnector> pbxs, Clock clock, EventBus bus, Predicate<String> ownsLink) {
        this.local = new MonitorService(db, pbxs, clock);
        this.port = new RoutedMonitor(bus, local, ownsLink, Duration.ofSeconds(8));
        this.routes = List.of(new MonitorRoutes(port));
    }

    public MonitorPort monitor() {
        return port;
    }

    /** The owner's side of one PBX, for the cluster to register while it runs that PBX's link. */
    public MessageConsumer<JsonObject> serve(EventBus bus, String pbxId) {
        return RoutedMonitor.serve(bus, pbxId, local);
    }

    public List<RouteContributor> routes() {
        return routes;
    }
}
