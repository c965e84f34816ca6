package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.platform.config.CtiConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The Hazelcast member under the clustered Vert.x, configured in code from {@link CtiConfig.Cluster}: TCP-IP
 * join with the configured members (multicast and auto-detection off: a government network must not discover
 * strangers), short failure detection so a dead node's event bus registrations go within seconds, phone-home
 * off, logging through slf4j, and no JVM shutdown hook of its own (the server's SIGTERM order — leases
 * released, links closed, records drained — must not race Hazelcast leaving).
 */
public final class HazelcastSetup {

    private HazelcastSetup() {
    }

    public static HazelcastClusterManager clusterManager(CtiConfig.Cluster c) {
        return new HazelcastClusterManager(hazelcastConfig(c));
    }

    static Config hazelcastConfig(CtiConfig.Cluster c) {
        Config hz = new Config();
        hz.setClusterName("cti-12345");
        hz.setInstanceName("cti-" + c.nodeId());
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        // a lone first node need not wait long for members that are not there yet
        hz.setProperty("hazelcast.wait.seconds.before.join", "1");
        hz.setProperty("hazelcast.max.wait.seconds.before.join", "3");
        hz.setProperty("hazelcast.local.localAddress", c.host());
        hz.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig net = hz.getNetworkConfig();
        net.setPort(c.port()).setPortAutoIncrement(false);
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(c.members());
        // what vertx-hazelcast's default-cluster.xml declares: the event bus subscriptions and node infos
        hz.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        hz.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        hz.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        return hz;
    }

    /** The event bus's own TCP listener binds where Hazelcast does. */
    public static VertxOptions withEventBus(VertxOptions options, CtiConfig.Cluster c) {
        options.getEventBusOptions().setHost(c.host()).setPort(0).setClusterPublicHost(c.host());
        return options;
    }
}
